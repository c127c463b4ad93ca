"""Reports for officers: counts by state, kind, category, province, department
and month; on-time rate; median time to resolve; bar charts; CSV export."""

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .. import selectors
from ..reports import bar_chart, build_report, report_csv
from .common import require_case_access


def _date(value):
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


def _report(request):
    date_from, date_to = _date(request.GET.get("from")), _date(request.GET.get("to"))
    # Officers report on what they may see; supervisors on everything.
    return build_report(cases=selectors.visible_cases(request.user), date_from=date_from, date_to=date_to)


@require_case_access
def reports(request):
    report = _report(request)
    charts = {
        "state": bar_chart(report.by_state), "category": bar_chart(report.by_category),
        "province": bar_chart(report.by_province[:15]), "month": bar_chart(report.by_month),
        "department": bar_chart(report.by_department), "kind": bar_chart(report.by_kind),
    }
    return render(request, "cases/admin/reports.html", {
        "report": report, "charts": charts, "query_string": request.GET.urlencode(),
        "rate_percent": None if report.on_time_rate is None else round(report.on_time_rate * 100, 1),
    })


@require_case_access
def reports_csv(request):
    report = _report(request)
    response = HttpResponse(report_csv(report), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="cases-report-{stamp}.csv"'
    return response
