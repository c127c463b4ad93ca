"""The constitutional deadlines of the 2560 constitution, computed from the data editors keep.

* s.136: the Senate must finish a bill within 60 days (30 for a money bill), extendable once by
  resolution by at most 30 days. The days are days *of a parliamentary session*, counted from the
  day the bill reaches the Senate (that day is day 1); days while the bill is before the
  Constitutional Court (s.139) do not count. Missed: the Senate is deemed to have approved it.
* s.143: a budget bill must be approved or rejected within 20 days of reaching the Senate (calendar
  days, no amendment possible); Constitutional Court time (s.144) does not count. Missed: deemed
  approved. If rejected, the House may take it up again at once.
* s.138: the House may take up a withheld bill again once 180 days (10 for a money bill) have passed
  since the Senate returned it (or a House disagreed), i.e. from the next day on.

A Constitutional Court referral stops the clock from the day of referral to the day of the decision,
both included; one still pending stops it until further notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.base import pagecache

from .models import BillKind, BillStage, ParliamentSession
from .models.bills import SENATE_STAGES

ONE_DAY = dt.timedelta(days=1)
S136_DAYS = 60
S136_MONEY_DAYS = 30
MAX_EXTENSION_DAYS = 30
S143_DAYS = 20
S138_DAYS = 180
S138_MONEY_DAYS = 10
#: The clock of these kinds is s.136 (ordinary and money bills) or s.143 (budget bills).
S136_KINDS = (BillKind.ACT, BillKind.MONEY)
#: How far ahead an open-ended session is assumed to run when projecting a date.
HORIZON = dt.timedelta(days=3 * 365)

Span = tuple[dt.date, dt.date | None]


def _within(day: dt.date, spans: Iterable[Span]) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in spans)


def nth_counted_day(start: dt.date, n: int, *, counts: Callable[[dt.date], bool], until: dt.date) -> dt.date | None:
    """The date of the n-th day from ``start`` (inclusive) for which ``counts`` holds, or None
    if there is none up to ``until``."""
    seen = 0
    day = start
    while day <= until:
        if counts(day):
            seen += 1
            if seen >= n:
                return day
        day += ONE_DAY
    return None


def counted_between(start: dt.date, end: dt.date, *, counts: Callable[[dt.date], bool]) -> int:
    """How many days from ``start`` to ``end`` (both included) count."""
    total = 0
    day = start
    while day <= end:
        total += counts(day)
        day += ONE_DAY
    return total


@dataclass(frozen=True)
class Deadline:
    section: str
    days: int
    session_days: bool
    starts_on: dt.date
    due_on: dt.date | None
    counted: int
    stopped_on: dt.date | None
    paused: bool
    projected: bool
    consequence: str

    @property
    def days_left(self) -> int | None:
        return None if self.stopped_on else self.days - self.counted

    @property
    def missed(self) -> bool:
        return self.stopped_on is None and self.counted >= self.days and self.due_on is not None and \
            self.due_on < timezone.localdate()

    @property
    def met(self) -> bool:
        return self.stopped_on is not None and self.counted <= self.days

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.counted / self.days)) if self.days else 100


def senate_deadline(*, kind: str, received_on: dt.date | None, extension_days: int = 0,
                    sessions: Iterable[Span] = (), court: Iterable[Span] = (),
                    stopped_on: dt.date | None = None, today: dt.date | None = None) -> Deadline | None:
    """The s.136 or s.143 deadline of a bill of ``kind`` that reached the Senate on ``received_on``.

    ``sessions`` and ``court`` are (first day, last day or None) spans; ``stopped_on`` is the day the
    Senate finished with the bill, if it has. None when no such deadline applies or the day of arrival
    is not known."""
    if received_on is None or kind not in (*S136_KINDS, BillKind.BUDGET):
        return None
    if extension_days > MAX_EXTENSION_DAYS:
        raise ValueError("s.136: an extension is at most 30 days")
    today = today or timezone.localdate()
    court = list(court)
    if kind == BillKind.BUDGET:
        section, days, session_days = "143", S143_DAYS, False
        sessions = [(received_on, None)]
        consequence = _("If the Senate does not decide by then, it is deemed to have approved the bill (s.143).")
    else:
        section, session_days = "136", True
        days = (S136_MONEY_DAYS if kind == BillKind.MONEY else S136_DAYS) + extension_days
        sessions = list(sessions)
        consequence = _("If the Senate does not finish by then, it is deemed to have approved the bill (s.136).")

    def counts(day):
        return _within(day, sessions) and not _within(day, court)

    open_ended = any(end is None for _start, end in sessions) or any(end is None for _start, end in court)
    known_end = max((end for _start, end in sessions if end is not None), default=received_on)
    until = received_on + HORIZON if open_ended else known_end
    due_on = nth_counted_day(received_on, days, counts=counts, until=until)
    last = min(filter(None, [stopped_on, today, due_on]))
    counted = counted_between(received_on, last, counts=counts) if last >= received_on else 0
    paused = stopped_on is None and _within(today, court)
    projected = due_on is not None and due_on > today and (
        any(end is None and start <= due_on for start, end in sessions) if session_days else False)
    if any(start <= (due_on or today) and end is None for start, end in court):
        due_on, projected = None, False
    return Deadline(section=section, days=days, session_days=session_days, starts_on=received_on, due_on=due_on,
                    counted=counted, stopped_on=stopped_on, paused=paused, projected=projected,
                    consequence=consequence)


def reconsideration_allowed_on(*, kind: str, returned_on: dt.date | None) -> dt.date | None:
    """s.138 (and s.143 for budget bills): the first day the House may take a withheld bill up again."""
    if returned_on is None:
        return None
    if kind == BillKind.BUDGET:
        return returned_on
    wait = S138_MONEY_DAYS if kind == BillKind.MONEY else S138_DAYS
    return returned_on + dt.timedelta(days=wait + 1)


# Bills ------------------------------------------------------------------------------------

def _session_spans() -> list[Span]:
    """The sessions' spans, read once per edit of the Senate's records."""
    return pagecache.fragment("legislation:session-spans", tags={"app:legislation"},
                              render=lambda: list(ParliamentSession.objects.values_list("starts_on", "ends_on")))


def _senate_finished_on(bill) -> dt.date | None:
    if bill.stage in SENATE_STAGES or bill.stage == BillStage.IN_HOUSE:
        return None
    for change in bill.stage_changes.all():
        if change.from_stage in SENATE_STAGES and change.to_stage not in SENATE_STAGES:
            return change.on
    return bill.stage_since


def bill_deadline(bill, *, sessions: list[Span] | None = None, today: dt.date | None = None) -> Deadline | None:
    """The s.136 / s.143 deadline of ``bill``, running or as it ended."""
    if bill.received_on is None:
        return None
    return senate_deadline(
        kind=bill.kind, received_on=bill.received_on, extension_days=bill.extension_days,
        sessions=_session_spans() if sessions is None else sessions,
        court=[(c.referred_on, c.decided_on) for c in bill.court_referrals.all()],
        stopped_on=_senate_finished_on(bill), today=today,
    )


def reconsideration_date(bill) -> dt.date | None:
    if bill.kind not in (*S136_KINDS, BillKind.BUDGET):
        return None
    return reconsideration_allowed_on(kind=bill.kind, returned_on=bill.returned_on)
