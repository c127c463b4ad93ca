"""What an edit changes, purged from the page cache and the front proxy.

Every save or deletion of public content comes here (``post_save``,
``post_delete``, and Wagtail's publish and unpublish signals):

* a Wagtail page: the page, its parent (the listing it appears in), pages of
  its app's views, the search, and the kept routes of page addresses
  (:mod:`cms.base.routing`); a page that can be in the menu or that a
  service of the menu points to (the top levels, the news index) changes the
  header and footer, so every page;
* a law (instrument, division, provision, its versions): the instrument's
  pages (text, print view, sections and their histories), the laws' lists and
  comparison, and the search; other laws data (topics, glossary, mappings):
  the laws pages and the search;
* any other public record (bills, sittings, library, directory): its app's
  pages and the search;
* the footer and site settings, a site, a locale or a page's view restriction
  (what the menu and the listings leave out), and a picture edited or
  deleted (any page may show it; a new one appears through a page's edit):
  every page.

Tags are purged when the transaction commits, once however many edits it
holds (a page being rendered meanwhile is not kept: the page cache sees the
purge clock move), and at once as well, so that what the transaction itself
reads next (fragments, pages) is not the old copy. The navigation is cleared at once as well. The front
proxy (``WAGTAILFRONTENDCACHE``, nginx in production) is told the addresses it
must drop; it keeps what it is not told about for at most
``PAGE_CACHE_SHARED_MAX_AGE`` seconds."""

from __future__ import annotations

import threading

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

from . import navigation, pagecache

PUBLIC_APPS = {"news", "legislation", "library", "directory", "home"}
IMAGE = ("wagtailimages", "image")
LAW_MODELS = {"instrument", "division", "provision", "provisionversion", "amendment"}
SITE_WIDE = {("base", "sitesettings"), ("base", "footertext"), ("wagtailcore", "site"), ("wagtailcore", "locale"),
             ("wagtailcore", "pageviewrestriction")}


_pending = threading.local()


def purge(*, tags, paths=None, pages=(), nav=False):
    """Purge the tags (and the navigation) at once and when the transaction commits;
    tell the front proxy the addresses: the pages' and ``paths()``'s."""
    if nav:
        navigation.clear()
    state = getattr(_pending, "state", None)
    if state is None:
        state = _pending.state = {"tags": set(), "nav": False, "pages": [], "paths": []}
    pagecache.bump(tags)
    state["tags"] |= set(tags)
    state["nav"] |= nav
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        state["pages"].extend(pages)
        state["paths"].extend(paths() if paths else ())
    transaction.on_commit(_flush)


def _flush():
    """Runs once per commit however many edits it holds; later calls find nothing pending."""
    state = getattr(_pending, "state", None)
    if state is None:
        return
    del _pending.state
    if state["nav"]:
        navigation.clear()
    pagecache.bump(state["tags"])
    if state["pages"] or state["paths"]:
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        batch = PurgeBatch()
        batch.add_pages(state["pages"])
        root = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        batch.add_urls(root + path for path in state["paths"])
        batch.purge()


def _localized(names_and_kwargs):
    """Each named URL in every language."""
    paths = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for name, kwargs in names_and_kwargs:
                try:
                    paths.append(reverse(name, kwargs=kwargs))
                except NoReverseMatch:
                    continue
    return paths


def _changes_navigation(page):
    from .services import SERVICES

    if page.depth <= 3:  # the tree's root, a site's home page, a page of the menu
        return True
    label = f"{page.content_type.app_label}.{page.content_type.model}"
    return any(service.page_type.lower() == label for service in SERVICES if service.page_type)


def page_changed(page):
    page = page.specific_deferred if type(page) is Page else page
    parent = page.get_parent()
    tags = {f"page:{page.pk}", f"app:{page._meta.app_label}", pagecache.SEARCH_TAG, "pages"}
    if parent is not None:
        tags.add(f"page:{parent.pk}")
    nav = _changes_navigation(page)
    if nav:
        tags.add("all")
    pages = [page] + ([parent] if parent is not None and parent.depth > 1 else [])
    purge(tags=tags, pages=[p for p in pages if p.live], nav=nav,
          paths=lambda: _localized([("search:search", {})]))


def _instrument_slug(instance):
    name = instance._meta.model_name
    if name == "instrument":
        return instance.slug
    if name == "provisionversion":
        return instance.provision.instrument.slug
    return instance.instrument.slug


def law_changed(instance):
    shared = [("laws:constitution_list", {}), ("laws:regulation_list", {}), ("laws:compare", {}),
              ("laws:glossary", {}), ("search:search", {})]
    if instance._meta.model_name not in LAW_MODELS:
        purge(tags={"app:laws", pagecache.SEARCH_TAG}, paths=lambda: _localized(shared))
        return
    try:
        slug = _instrument_slug(instance)
    except ObjectDoesNotExist:  # deleted along with its instrument
        purge(tags={"app:laws", pagecache.SEARCH_TAG})
        return
    named = [*shared, ("laws:instrument", {"slug": slug}), ("laws:instrument_print", {"slug": slug})]
    provision = instance if instance._meta.model_name == "provision" else getattr(instance, "provision", None)
    if provision is not None:
        named += [("laws:provision", {"slug": slug, "number": provision.url_number}),
                  ("laws:provision_history", {"slug": slug, "number": provision.url_number})]
    purge(tags={f"law:{slug}", "laws:shared", pagecache.SEARCH_TAG}, paths=lambda: _localized(named))


def on_save(sender, instance, **kwargs):
    if kwargs.get("raw") or sender._meta.apps is not apps:  # fixtures, migrations' historical models
        return
    label, name = sender._meta.app_label, sender._meta.model_name
    if isinstance(instance, Page):
        page_changed(instance)
    elif (label, name) in SITE_WIDE or isinstance(instance, (Site, Locale)):
        purge(tags={"all"}, nav=True)
    elif (label, name) == IMAGE and not kwargs.get("created", False):
        purge(tags={"all"})
    elif label == "laws":
        law_changed(instance)
    elif label in PUBLIC_APPS:
        purge(tags={f"app:{label}", pagecache.SEARCH_TAG})


def on_page_event(sender, instance, **kwargs):
    page_changed(instance)
