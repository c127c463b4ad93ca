"""Header navigation and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


@register.simple_tag(takes_context=True)
def site_root(context):
    """The home page in the reader's language (falling back to Thai), looked up once per request."""
    request = context.get("request")
    if request is None:
        return None
    if not hasattr(request, "chandra_site_root"):
        site = Site.find_for_request(request)
        request.chandra_site_root = site.root_page.localized.specific if site else None
    return request.chandra_site_root


@register.simple_tag(takes_context=True)
def menu_pages(context):
    root = site_root(context)
    if root is None:
        return Page.objects.none()
    return root.get_children().live().public().in_menu().specific()


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language. On a page, the link leads to that page's
    translation; if there is none, to the same path in the other language,
    where the Thai original is served with a notice."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if page is not None and getattr(page, "pk", None) and isinstance(page, Page):
        for item in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[item.locale.language_code] = item.get_url(request=request)
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code]
        elif request is not None:
            url = translate_url(request.get_full_path(), code)
        else:
            url = f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return links


@register.filter
def startswith(path, prefix):
    """{% if request.path|startswith:url %}: the reader is inside that service."""
    return bool(prefix) and str(path).startswith(str(prefix))


@register.simple_tag
def locale_name(code):
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag(takes_context=True)
def services(context):
    """Every service that exists, as (service, url): the menu, the phone menu and the footer."""
    from cms.base.services import available_services

    request = context.get("request")
    if request is not None and hasattr(request, "chandra_services"):
        return request.chandra_services
    root = site_root(context)
    found = available_services(root.locale if root is not None else None)
    if request is not None:
        request.chandra_services = found
    return found


@register.inclusion_tag("includes/crumbs.html", takes_context=True)
def crumbs(context, current, service=""):
    """The trail of a page that is not a Wagtail page: home › the service › this page."""
    from cms.base.services import SERVICES_BY_KEY

    root = site_root(context)
    trail = []
    if service and (entry := SERVICES_BY_KEY.get(service)) and (url := entry.url(root.locale if root else None)):
        trail.append((entry.title, url))
    return {"root": root, "trail": trail, "current": current}
