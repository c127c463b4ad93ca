"""Front-end views shared by the whole site."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail import hooks
from wagtail import views as wagtail_views

from . import routing


def serve(request, path):
    """Wagtail's page view, with the route kept per edit (:mod:`cms.base.routing`),
    plus the fallback to Thai: an English reader who reaches a page with no English
    translation gets the Thai original with a notice, rather than a 404."""
    route = routing.route(request, path)
    if route is None and translation.get_language() != settings.LANGUAGE_CODE:
        with translation.override(settings.LANGUAGE_CODE):
            route = routing.route(request, path)
        request.translation_fallback = route is not None
    if route is None:
        raise Http404
    page, args, kwargs = route
    serve_chain = wagtail_views.serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        serve_chain = fn(serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return serve_chain(page, request, args, kwargs)


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

