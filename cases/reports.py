"""Reads for the case reports (officers) and the public statistics page.

All figures are aggregates computed in the database (a handful of queries,
whatever the number of cases). On-time statistics are honest: a case still
open past its deadline counts as late, not as "not yet known"."""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from . import areas
from .models import OPEN_STATES, Case, CaseKind, CaseState, Category, Department
from .models.case import officer_state_label

S = CaseState
# Closed without being worked: they have no resolve deadline to meet.
NOT_MEASURED = (S.REJECTED, S.REFERRED, S.WITHDRAWN)
# Fewer cases than this in a province are shown as "other provinces" on the public page.
PUBLIC_MIN_COUNT = 5


@dataclass
class Row:
    key: str
    label: str
    count: int
    share: float = 0.0  # of the largest row, 0..1, for bar widths


@dataclass
class Report:
    total: int
    open: int
    by_state: list[Row]
    by_kind: list[Row]
    by_category: list[Row]
    by_province: list[Row]
    by_department: list[Row]
    by_month: list[Row]
    on_time: int
    late: int
    on_time_rate: float | None  # 0..1, None when nothing is measurable yet
    median_days_to_resolve: float | None
    resolved: int
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def rate_percent(self) -> float | None:
        return None if self.on_time_rate is None else round(self.on_time_rate * 100, 1)

    @cached_property
    def charts(self) -> dict:
        """A horizontal bar chart of each breakdown (provinces: the first 15): each
        row's label, count and length in percent of the largest."""
        breakdowns = {"state": self.by_state, "kind": self.by_kind, "category": self.by_category,
                      "province": self.by_province[:15], "department": self.by_department, "month": self.by_month}
        return {name: {"bars": [{"label": row.label, "count": row.count, "percent": round(100 * row.share, 1)}
                                for row in rows]}
                for name, rows in breakdowns.items()}


def _scale(rows: list[Row]) -> list[Row]:
    top = max((r.count for r in rows), default=0)
    for r in rows:
        r.share = r.count / top if top else 0.0
    return rows


def _in_period(qs, date_from=None, date_to=None):
    if date_from:
        qs = qs.filter(filed_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(filed_at__date__lte=date_to)
    return qs


def _counts(qs, field) -> dict:
    return dict(qs.order_by().values_list(field).annotate(n=Count("pk")))


def counts_by_state(qs) -> list[Row]:
    counts = _counts(qs, "state")
    return _scale([Row(s.value, str(officer_state_label(s)), counts[s.value]) for s in S if counts.get(s.value)])


def counts_by_kind(qs) -> list[Row]:
    counts = _counts(qs, "kind")
    return _scale([Row(k.value, str(k.label), counts[k.value]) for k in CaseKind if counts.get(k.value)])


def _counts_by_name(qs, field, model, *, none_label="") -> list[Row]:
    """Counts by category or department, named in the active language, the largest first."""
    from .inbox import localized_names

    counts = _counts(qs, field)
    names = localized_names(model.objects.filter(pk__in=[pk for pk in counts if pk]))
    rows = [Row(str(pk or ""), names.get(pk, str(pk)) if pk else none_label, n) for pk, n in counts.items()]
    return _scale(sorted(rows, key=lambda r: (-r.count, r.label)))


def counts_by_category(qs) -> list[Row]:
    return _counts_by_name(qs, "category", Category)


def counts_by_department(qs) -> list[Row]:
    return _counts_by_name(qs, "department", Department, none_label=_("Not yet routed"))


def counts_by_province(qs, *, min_count=1) -> list[Row]:
    counts = _counts(qs, "province")
    rows, other, unknown = [], 0, counts.pop("", 0)
    for code, n in counts.items():
        if n < min_count:
            other += n
        else:
            rows.append(Row(code, areas.label(code), n))
    rows.sort(key=lambda r: (-r.count, r.label))
    if other:
        rows.append(Row("other", _("Other provinces"), other))
    if unknown:
        rows.append(Row("", _("Not given"), unknown))
    return _scale(rows)


def counts_by_month(qs, *, months=None, today=None) -> list[Row]:
    """Cases filed per month (Asia/Bangkok), oldest first; with ``months`` the
    last N months including empty ones."""
    from cms.base.thai import format_date  # B.E. month names on Thai pages

    counts = {
        (d.year, d.month): n
        for d, n in qs.order_by().annotate(m=TruncMonth("filed_at")).values_list("m").annotate(n=Count("pk"))
        if d is not None
    }
    if months:
        today = today or timezone.localdate()
        this_month = today.year * 12 + today.month - 1
        keys = [(index // 12, index % 12 + 1) for index in range(this_month - months + 1, this_month + 1)]
    else:
        keys = sorted(counts)
    # The label: 'พ.ย. 2569' on Thai pages, 'Nov 2026' on English ones.
    return _scale([Row(f"{year:04d}-{month:02d}", format_date(dt.date(year, month, 1), "short").split(" ", 1)[1],
                       counts.get((year, month), 0)) for year, month in keys])


def on_time(qs, *, today=None) -> tuple[int, int]:
    """(on time, late) among the cases with a resolve deadline. Resolved on or
    before the deadline: on time. Resolved after it, or still open past it: late.
    Open cases not yet due are not counted either way."""
    today = today or timezone.localdate()
    measured = qs.exclude(state__in=NOT_MEASURED).filter(resolve_due__isnull=False)
    result = measured.aggregate(
        on_time=Count("pk", filter=Q(resolved_at__isnull=False, resolved_at__date__lte=F("resolve_due"))),
        late_done=Count("pk", filter=Q(resolved_at__isnull=False, resolved_at__date__gt=F("resolve_due"))),
        late_open=Count("pk", filter=Q(resolved_at__isnull=True, state__in=OPEN_STATES,
                                       resolve_due__lt=today)),
    )
    return result["on_time"], result["late_done"] + result["late_open"]


def median_days_to_resolve(qs) -> tuple[float | None, int]:
    """The median time from filing to resolution, in days, and how many cases it covers."""
    durations = qs.filter(resolved_at__isnull=False).annotate(
        took=ExpressionWrapper(F("resolved_at") - F("filed_at"), output_field=DurationField())
    ).order_by("took").values_list("took", flat=True)
    n = durations.count()
    if not n:
        return None, 0
    if n % 2:
        middle = durations[n // 2]
    else:
        a, b = list(durations[n // 2 - 1 : n // 2 + 1])
        middle = (a + b) / 2
    return round(middle.total_seconds() / 86400, 1), n


def build_report(*, cases=None, date_from=None, date_to=None, today=None, public=False) -> Report:
    """Every figure of the reports page (or, with ``public``, of the public page:
    small provinces merged, no departments)."""
    qs = _in_period(cases if cases is not None else Case.objects.all(), date_from, date_to)
    totals = qs.aggregate(total=Count("pk"), open=Count("pk", filter=Q(state__in=OPEN_STATES)))
    good, late = on_time(qs, today=today)
    median, resolved = median_days_to_resolve(qs)
    return Report(
        total=totals["total"], open=totals["open"],
        by_state=counts_by_state(qs), by_kind=counts_by_kind(qs), by_category=counts_by_category(qs),
        by_province=counts_by_province(qs, min_count=PUBLIC_MIN_COUNT if public else 1),
        by_department=[] if public else counts_by_department(qs),
        by_month=counts_by_month(qs, months=12 if public or not (date_from or date_to) else None, today=today),
        on_time=good, late=late, on_time_rate=(good / (good + late)) if (good + late) else None,
        median_days_to_resolve=median, resolved=resolved, date_from=date_from, date_to=date_to,
    )


def report_csv(report: Report) -> bytes:
    """The report as CSV in UTF-8 with a byte-order mark, so Excel shows Thai."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Section"), _("Key"), _("Label"), _("Count")])
    writer.writerow([_("Total"), "total", _("All cases"), report.total])
    writer.writerow([_("Total"), "open", _("Open cases"), report.open])
    sections = [
        (_("State"), report.by_state), (_("Kind"), report.by_kind), (_("Category"), report.by_category),
        (_("Province"), report.by_province), (_("Department"), report.by_department), (_("Month"), report.by_month),
    ]
    for title, rows in sections:
        for row in rows:
            writer.writerow([title, row.key, row.label, row.count])
    writer.writerow([_("Deadline"), "on_time", _("Resolved on time"), report.on_time])
    writer.writerow([_("Deadline"), "late", _("Late (resolved late or still open past the deadline)"), report.late])
    rate = "" if report.on_time_rate is None else f"{report.on_time_rate * 100:.1f}"
    writer.writerow([_("Deadline"), "on_time_rate_percent", _("On-time rate (%)"), rate])
    median = "" if report.median_days_to_resolve is None else report.median_days_to_resolve
    writer.writerow([_("Resolution"), "median_days", _("Median days to resolve"), median])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
