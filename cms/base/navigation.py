"""The header's menu and the footer, computed once per site and language.

Every public page shows them, and they change only when an editor publishes a
page of the menu, the news index, the footer text or the site settings: the
menu's pages, the services that exist and the rendered footer are kept in the
shared cache and cleared by :mod:`cms.base.purge` on those edits."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale, Site

KEY = "chandra:nav:{site}:{language}"


@dataclass
class Navigation:
    root_url: str = ""
    root_locale_id: int | None = None
    menu: list = field(default_factory=list)  # (page id, title, url)
    services: list = field(default_factory=list)  # (service key, url)
    footer: str = ""

    def service_items(self):
        from .services import SERVICES_BY_KEY

        return [(SERVICES_BY_KEY[key], url) for key, url in self.services if key in SERVICES_BY_KEY]

    def service_url(self, key):
        return dict(self.services).get(key)


def for_request(request):
    """The navigation of the request's site in the active language, once per request."""
    nav = getattr(request, "chandra_nav", None)
    if nav is not None:
        return nav
    site = Site.find_for_request(request)
    if site is None:
        nav = Navigation()
    else:
        key = KEY.format(site=site.pk, language=translation.get_language())
        nav = cache.get(key)
        if nav is None:
            nav = build(site)
            cache.set(key, nav, None)
    request.chandra_nav = nav
    return nav


def build(site):
    from .services import available_services

    locale = Locale.get_active()
    root = site.root_page.get_translation_or_none(locale) or site.root_page
    nav = Navigation(root_url=root.get_url(current_site=site) or "", root_locale_id=root.locale_id)
    children = root.get_children().live().public().in_menu()
    nav.menu = [(page.pk, page.title, page.get_url(current_site=site)) for page in children]
    nav.services = [(service.key, url) for service, url in available_services(root.locale)]
    nav.footer = render_to_string("includes/footer.html", {"nav": nav, "footer": _footer(root.locale),
                                                            "site_settings": _site_settings(site)})
    return nav


def _footer(locale):
    from .models import FooterText

    texts = {text.locale_id: text.body for text in FooterText.objects.all()}
    return texts.get(locale.pk) or texts.get(Locale.get_default().pk) or ""


def _site_settings(site):
    from .models import SiteSettings

    return SiteSettings.for_site(site)


def clear():
    """Forget every site's navigation in every language."""
    cache.delete_many([
        KEY.format(site=pk, language=code)
        for pk in Site.objects.values_list("pk", flat=True) for code, _name in settings.LANGUAGES
    ])
