"""The search page and the autocomplete endpoint (thin: the work is in selectors)."""

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from cms.base import pagecache

from . import selectors


def _int_or_none(value):
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10000 else None


def _language():
    return (get_language() or "th")[:2]


def _results(request, raw, key, year, page):
    """The results part of the page and the query as read, rendered once per index state."""
    outcome = selectors.search(raw, language=_language(), key=key, year=year, page=page)
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
        "page_obj": page_obj,
        "clear_filters_url": link(type="", year="") if (key or year) else "",
        "previous_url": link(page=page_obj.previous_page_number()) if page_obj and page_obj.has_previous() else "",
        "next_url": link(page=page_obj.next_page_number()) if page_obj and page_obj.has_next() else "",
        "suggestion_url": "?" + urlencode({"q": outcome.suggestion}) if outcome.suggestion else "",
    }
    return {"query": outcome.query.text, "html": render_to_string("search/results.html", context, request)}


@require_GET
def search_page(request):
    raw = request.GET.get("q", "")
    key = request.GET.get("type") or None
    year = _int_or_none(request.GET.get("year"))
    page = request.GET.get("page") or "1"
    # Kept until the index changes: every write to it, and every edit that changes what the
    # search shows, purges the "search" tag.
    name = "search:" + "\x1f".join([_language(), raw, key or "", str(year or ""), page])
    results = pagecache.fragment(name, tags={pagecache.SEARCH_TAG}, render=lambda: _results(request, raw, key, year, page))
    pagecache.add_tags(request, pagecache.SEARCH_TAG)
    context = {"search_query": results["query"], "results": mark_safe(results["html"])}
    return render(request, "search/search.html", context)


@require_GET
def autocomplete(request):
    suggestions = selectors.autocomplete(request.GET.get("q", ""), language=_language())
    return JsonResponse({"query": request.GET.get("q", "")[:200], "suggestions": suggestions})
