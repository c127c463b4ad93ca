"""The public page of aggregated, anonymous statistics about complaints and
suggestions: counts only (never a case, a name or a code), provinces with few
cases merged into "other provinces"."""

from django.shortcuts import render
from django.views.decorators.cache import cache_page
from django.views.decorators.vary import vary_on_headers

from .reports import bar_chart, build_report


@cache_page(300)
@vary_on_headers("Accept-Language")
def statistics(request):
    report = build_report(public=True)
    return render(request, "cases/statistics.html", {
        "report": report,
        "charts": {"state": bar_chart(report.by_state), "category": bar_chart(report.by_category),
                   "province": bar_chart(report.by_province[:15]), "month": bar_chart(report.by_month),
                   "kind": bar_chart(report.by_kind)},
        "rate_percent": None if report.on_time_rate is None else round(report.on_time_rate * 100, 1),
    })
