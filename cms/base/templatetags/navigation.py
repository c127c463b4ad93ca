"""Header navigation and the language switcher."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def site_nav(context):
    """The menu, the services and the rendered footer of the reader's site and language."""
    from cms.base import navigation

    request = context.get("request")
    return navigation.for_request(request) if request is not None else navigation.empty()


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
        translations = site_nav(context).translations(page)
        if translations is None:
            translations = {item.locale.language_code: item.get_url(request=request)
                            for item in page.get_translations(inclusive=True).live().select_related("locale")}
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


@register.simple_tag(takes_context=True)
def page_trail(context, page):
    """The breadcrumb trail above a Wagtail page, home first: (title, url) pairs."""
    trail = site_nav(context).ancestors(page)
    if trail is None:
        request = context.get("request")
        trail = [(ancestor.title, ancestor.get_url(request=request)) for ancestor in page.get_ancestors()[1:]]
    return trail


@register.simple_tag(takes_context=True)
def parent_url(context, page):
    """The address of a Wagtail page's parent, the last step of its trail."""
    trail = page_trail(context, page)
    return trail[-1][1] if trail else ""


@register.filter
def startswith(path, prefix):
    """{% if request.path|startswith:url %}: the reader is inside that service."""
    return bool(prefix) and str(path).startswith(str(prefix))


@register.simple_tag
def locale_name(code):
    return dict(settings.LANGUAGES).get(code, code)


@register.inclusion_tag("includes/crumbs.html", takes_context=True)
def crumbs(context, current, service=""):
    """The trail of a page that is not a Wagtail page: home › the service › this page."""
    from cms.base.services import SERVICES_BY_KEY

    nav = site_nav(context)
    trail = []
    if service and (entry := SERVICES_BY_KEY.get(service)) and (url := nav.service_url(service)):
        trail.append((entry.title, url))
    return {"root_url": nav.root_url, "trail": trail, "current": current}
