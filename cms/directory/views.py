"""Public pages of the directory: the phone book and its vCards, the travel guide's
entry point, and links and banners for other agencies."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from cms.base.thai import arabic_digits

from . import banners, selectors, vcard


def _office_param(value) -> int | None:
    try:
        return int(arabic_digits(value or ""))
    except ValueError:
        return None


@require_GET
@vary_on_cookie
def staff_list(request):
    query = request.GET.get("q", "")
    found = selectors.directory(user=request.user, query=query, office=_office_param(request.GET.get("office")))
    response = render(request, "directory/staff_list.html", {"directory": found, "query": found.query})
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


def _vcard_response(text: str, filename: str) -> HttpResponse:
    from urllib.parse import quote

    response = HttpResponse(text, content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.vcf"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def person_vcard(request, pk):
    person = selectors.person_for(pk=pk, user=request.user)
    return _vcard_response(vcard.for_person(person), person.name)


@require_GET
def office_vcard(request, pk):
    office = selectors.office_for(pk=pk, user=request.user)
    return _vcard_response(vcard.for_office(office), office.name)


@require_GET
def travel_guide(request):
    guide = selectors.travel_guide()
    if guide is None:
        raise Http404
    return redirect(guide.url)


def _home_url(request) -> str:
    return request.build_absolute_uri(f"/{(get_language() or 'th')[:2]}/")


@require_GET
def links(request):
    language = (get_language() or "th")[:2]
    sizes = [
        {
            "size": size,
            "url": request.build_absolute_uri(reverse("directory:banner", kwargs={"slug": size.slug, "language": language})),
        }
        for size in banners.SIZES
    ]
    return render(request, "directory/links.html", {
        "sizes": sizes, "home_url": _home_url(request), "banner_alt": " — ".join(banners.TEXT[language]),
    })


@require_GET
@cache_control(public=True, max_age=86400)
def banner(request, slug, language):
    if slug not in banners.SIZES_BY_SLUG or language not in banners.TEXT:
        raise Http404
    response = HttpResponse(banners.banner_png(slug, language), content_type="image/png")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="chandra-{language}-{slug}.png"'
    return response


@require_GET
@cache_control(public=True, max_age=86400)
def qr_code(request, fmt):
    if fmt not in ("svg", "png"):
        raise Http404
    url = _home_url(request)
    if fmt == "svg":
        response = HttpResponse(banners.qr_svg(url), content_type="image/svg+xml")
    else:
        response = HttpResponse(banners.qr_png(url), content_type="image/png")
        response["Content-Disposition"] = 'attachment; filename="chandra-qr.png"'
    return response
