"""The search page and the autocomplete endpoint (thin: the work is in selectors)."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from . import selectors


def _int_or_none(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10000 else None


def _language():
    return (get_language() or "th")[:2]


@require_GET
def search_page(request):
    raw = request.GET.get("q", "")
    key = request.GET.get("type") or None
    year = _int_or_none(request.GET.get("year"))
    outcome = selectors.search(raw, language=_language(), key=key, year=year, page=request.GET.get("page") or 1)
    base = {"q": outcome.query.text}

    def link(**changes):
        params = {**base, "type": key or "", "year": year or "", **changes}
        return "?" + urlencode({name: value for name, value in params.items() if value not in ("", None)})

    for facet in outcome.type_facets:
        facet.url = link(type="" if facet.selected else facet.value, year="")
    for facet in outcome.year_facets:
        facet.url = link(year="" if facet.selected else facet.value)
    page_obj = outcome.page_obj
    context = {
        "outcome": outcome,
        "search_query": outcome.query.text,
        "page_obj": page_obj,
        "selected_type": key,
        "selected_year": year,
        "clear_filters_url": link(type="", year="") if (key or year) else "",
        "previous_url": link(page=page_obj.previous_page_number()) if page_obj and page_obj.has_previous() else "",
        "next_url": link(page=page_obj.next_page_number()) if page_obj and page_obj.has_next() else "",
        "suggestion_url": "?" + urlencode({"q": outcome.suggestion}) if outcome.suggestion else "",
    }
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    suggestions = selectors.autocomplete(request.GET.get("q", ""), language=_language())
    return JsonResponse({"query": request.GET.get("q", "")[:200], "suggestions": suggestions})
