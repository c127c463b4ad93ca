"""Front-end views shared by the whole site."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Locale, Site


def serve(request, path):
    """Wagtail's page view, plus the fallback to Thai: an English reader who
    reaches a page with no English translation gets the Thai original with a
    notice, rather than a 404."""
    try:
        return wagtail_views.serve(request, path)
    except Http404:
        route = _route_in_default_language(request, path)
        if route is None:
            raise
    page, args, kwargs = route
    request.translation_fallback = True
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return page.serve(request, *args, **kwargs)


def _route_in_default_language(request, path):
    if translation.get_language() == settings.LANGUAGE_CODE:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.get_translation_or_none(Locale.get_default()) or site.root_page
    components = [component for component in path.split("/") if component]
    try:
        return root.specific.route(request, components)
    except Http404:
        return None


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /th/cases/track/",
        "Disallow: /en/cases/track/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

