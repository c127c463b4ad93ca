"""Reports for officers: counts by state, kind, category, province, department
and month; on-time rate; median time to resolve; bar charts; CSV export."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..models import Case
from ..reports import build_report, report_csv
from .common import require_case_access


class PeriodForm(forms.Form):
    """The period of filing a report covers (either end may be open; a bad date is ignored)."""

    date_from = forms.DateField(required=False)
    date_to = forms.DateField(required=False)

    def __init__(self, query):
        super().__init__({"date_from": query.get("from", ""), "date_to": query.get("to", "")})

    def period(self):
        self.is_valid()
        return {name: self.cleaned_data.get(name) for name in ("date_from", "date_to")}


def _report(request):
    # Officers report on what they may see; supervisors on everything.
    return build_report(cases=Case.objects.visible_to(request.user), **PeriodForm(request.GET).period())


@require_case_access
def reports(request):
    return render(request, "cases/admin/reports.html",
                  {"report": _report(request), "query_string": request.GET.urlencode()})


@require_case_access
def reports_csv(request):
    response = HttpResponse(report_csv(_report(request)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="cases-report-{timezone.localdate().isoformat()}.csv"'
    return response
