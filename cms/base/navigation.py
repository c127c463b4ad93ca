"""The header's menu and the footer, computed once per site and language.

Every public page shows them, and they change only when an editor publishes a
page of the menu, the news index, the footer text or the site settings: the
menu's pages, the services that exist, the header's parts that do not depend on
the page (the brand, the menu button, the list of every service, the empty
search form) and the rendered footer are kept in the shared cache, under the
address's host, and cleared by :mod:`cms.base.purge` on those edits: a page
that is not Wagtail's finds its site's navigation without asking the database
for the site. The trail of pages down to the menu's (home and its children)
comes with it, for the breadcrumbs, and so do the locales: they change only
with the site's languages."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale, Page, Site

GENERATION_KEY = "chandra:nav:generation"
KEY = "chandra:nav:{generation}:{host}:{language}"
LOCALE_KEY = "chandra:locale:{language}"


@dataclass
class Navigation:
    root_url: str = ""
    root_locale_id: int | None = None
    menu: list = field(default_factory=list)  # (page id, title, url)
    services: list = field(default_factory=list)  # (service key, url)
    footer: str = ""
    # The header's parts that every page of the site shows alike in one language, rendered.
    brand: str = ""
    menu_toggle: str = ""
    services_menu: str = ""  # the list of every service
    search_form: str = ""  # empty, as a page without a search shows it
    trail: dict = field(default_factory=dict)  # home's and its live children's tree paths: (title, url, translations)

    def service_items(self):
        from .services import SERVICES_BY_KEY

        return [(SERVICES_BY_KEY[key], url) for key, url in self.services if key in SERVICES_BY_KEY]

    def menu_service_items(self):
        """The services that are also top-level items of the main menu."""
        return [(service, url) for service, url in self.service_items() if service.in_menu]

    def service_url(self, key):
        return dict(self.services).get(key)

    def ancestors(self, page):
        """(title, url) of each ancestor of ``page`` from its home page down when the
        navigation holds them all (pages under the menu's pages); None otherwise."""
        paths = [page.path[: depth * page.steplen] for depth in range(2, page.depth)]
        if all(path in self.trail for path in paths):
            return [self.trail[path][:2] for path in paths]
        return None

    def translations(self, page):
        """{language code: url} of the live translations of ``page`` when it is home or
        one of its children; None for other pages."""
        entry = self.trail.get(page.path)
        return entry[2] if entry is not None else None


def for_request(request):
    """The navigation of the request's site in the active language, once per request."""
    nav = getattr(request, "chandra_nav", None)
    if nav is not None:
        return nav
    nav = cache.get(_key(request))
    if nav is None:
        site = Site.find_for_request(request)
        nav = empty() if site is None else build(site)
        if site is not None:  # under the generation after building: reading the site settings may create them
            cache.set(_key(request), nav, settings.PAGE_CACHE_SECONDS)
    request.chandra_nav = nav
    return nav


def _key(request):
    return KEY.format(generation=_generation(), host=request.get_host(), language=translation.get_language())


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(4), None)
        generation = cache.get(GENERATION_KEY)
    return generation


def empty():
    """The navigation of no site: its header's parts without a menu or services."""
    return _with_header(Navigation())


def _with_header(nav):
    for name in ("brand", "menu_toggle", "services_menu", "search_form"):
        setattr(nav, name, render_to_string(f"includes/{name}.html", {"nav": nav}))
    return nav


def build(site):
    from .services import available_services

    locale = active_locale()
    root = site.root_page.get_translation_or_none(locale) or site.root_page
    nav = Navigation(root_url=root.get_url(current_site=site) or "", root_locale_id=root.locale_id)
    children = list(root.get_children().live().public())
    nav.menu = [(page.pk, page.title, page.get_url(current_site=site)) for page in children if page.show_in_menus]
    pages = [root, *children]
    translations = {}
    for page in Page.objects.filter(translation_key__in=[page.translation_key for page in pages]).live().select_related("locale"):
        translations.setdefault(page.translation_key, {})[page.locale.language_code] = page.get_url(current_site=site)
    nav.trail = {page.path: (page.title, page.get_url(current_site=site), translations.get(page.translation_key, {}))
                 for page in pages}
    nav.services = [(service.key, url) for service, url in available_services(root.locale)]
    nav.footer = render_to_string("includes/footer.html", {"nav": nav, "footer": _footer(root.locale),
                                                            "site_settings": _site_settings(site)})
    return _with_header(nav)


def _footer(locale):
    from .models import FooterText

    texts = {text.locale_id: text.body for text in FooterText.objects.all()}
    return texts.get(locale.pk) or texts.get(default_locale().pk) or ""


def _site_settings(site):
    from .models import SiteSettings

    return SiteSettings.for_site(site)


def active_locale():
    """Wagtail's ``Locale.get_active()``, kept in the shared cache."""
    return _locale(translation.get_language()) or default_locale()


def default_locale():
    """Wagtail's ``Locale.get_default()``, kept in the shared cache."""
    return _locale(settings.LANGUAGE_CODE) or Locale.get_default()


def _locale(language):
    key = LOCALE_KEY.format(language=language)
    locale = cache.get(key)
    if locale is None:
        try:
            locale = Locale.objects.get_for_language(language)
        except (Locale.DoesNotExist, LookupError):
            return None
        cache.set(key, locale, None)
    return locale


def clear():
    """Forget every site's navigation in every language, and the locales."""
    cache.set(GENERATION_KEY, secrets.token_hex(4), None)
    cache.delete_many([LOCALE_KEY.format(language=code) for code, _name in settings.LANGUAGES])
