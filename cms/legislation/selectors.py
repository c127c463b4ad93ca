"""Reads: what the pages and the API show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language

from cms.base import pagecache
from cms.base.navigation import default_locale

from . import deadlines
from .models import (
    AgendaItem, Ballot, BallotChoice, Bill, BillKind, BillSummary, Committee, CommitteeMembership, CommitteeRole, Senator,
    Sitting, StageChange, Vote,
)
from .models.bills import FINAL_STAGES

BILL_LIST_RELATED = ("committee",)


def bill_list():
    return Bill.objects.select_related(*BILL_LIST_RELATED)


def bills_before_senate(*, limit=6):
    return list(Bill.objects.before_senate().select_related("committee").order_by("received_on", "pk")[:limit])


def bills_in_committee():
    return Bill.objects.in_committee().select_related("committee").order_by("committee__name", "received_on")


def bill_summary(bill) -> BillSummary | None:
    """The summary in the reader's language, else in Thai."""
    summaries = {s.locale.language_code: s for s in bill.summaries.all()}
    return summaries.get(get_language()) or summaries.get(default_locale().language_code) or \
        next(iter(summaries.values()), None)


@dataclass
class TimelineEntry:
    on: dt.date | None
    kind: str  # "stage", "report", "meeting", "vote"
    title: str
    change: StageChange | None = None
    obj: object = None
    days: int | None = None
    derived: bool = False


def bill_timeline(bill) -> list[TimelineEntry]:
    """Stage changes (with the days spent in each stage), committee reports and meetings, votes."""
    entries: list[TimelineEntry] = []
    changes = list(bill.stage_changes.all())
    for index, change in enumerate(changes):
        following = changes[index + 1:]
        nxt = next((c for c in following if c.to_stage != change.to_stage), None)
        end = nxt.on if nxt else (None if change.to_stage in FINAL_STAGES else timezone.localdate())
        days = (end - change.on).days if end and change.on and change.transition != "extend" else None
        entries.append(TimelineEntry(on=change.on, kind="stage", title=change.get_to_stage_display(), change=change,
                                     days=days, derived=change.derived))
    for report in bill.committee_reports.all():
        entries.append(TimelineEntry(on=report.submitted_on, kind="report", title=report.title, obj=report))
    if bill.committee_id:
        start = next((c.on for c in changes if c.transition == "refer_to_committee" and c.on), None)
        for meeting in bill.committee.meetings_on_bill:
            if start and meeting.date >= start:
                entries.append(TimelineEntry(on=meeting.date, kind="meeting", title=str(meeting), obj=meeting))
    for vote in bill.votes.all():
        entries.append(TimelineEntry(on=vote.date, kind="vote", title=vote.title, obj=vote))
    undated = [e for e in entries if e.on is None]
    dated = sorted((e for e in entries if e.on is not None), key=lambda e: (e.on, e.kind != "stage"))
    return dated + undated


def bill_detail(*, pk):
    """The bill with everything its page shows, each relation in one query; its
    committee's meetings are those whose agenda has the bill."""
    from cms.laws.models import Provision

    return get_object_or_404(
        Bill.objects.select_related("committee", "merged_into").prefetch_related(
            Prefetch("stage_changes", queryset=StageChange.objects.select_related("sitting", "vote", "document")),
            "court_referrals", "documents", "committee_reports",
            Prefetch("summaries", queryset=BillSummary.objects.select_related("locale")),
            Prefetch("votes", queryset=Vote.objects.select_related("sitting")),
            Prefetch("provisions", queryset=Provision.objects.select_related("instrument")),
            Prefetch("committee__meetings", queryset=Sitting.objects.filter(agenda_items__bill_id=pk).distinct(),
                     to_attr="meetings_on_bill"),
        ), pk=pk)


def committee_officers(committee_id):
    """The committee's chair, vice-chairs and secretaries: read once per edit of the Senate's records."""
    return pagecache.fragment(
        f"legislation:committee-officers:{committee_id}", tags={"app:legislation"},
        render=lambda: list(CommitteeMembership.objects.filter(committee_id=committee_id)
                            .exclude(role=CommitteeRole.MEMBER).select_related("senator")))


#: The sections of the 2560 constitution that govern each kind of bill's way through Parliament.
GOVERNING_SECTIONS = {
    BillKind.ACT: ["136", "137", "138", "139"],
    BillKind.MONEY: ["134", "136", "137", "138"],
    BillKind.BUDGET: ["143", "144"],
    BillKind.ORGANIC: ["131", "132"],
    BillKind.CONSTITUTION: ["256"],
    BillKind.DECREE: ["172", "173"],
}
CONSTITUTION_SLUG = "constitution-2560"


def governing_provisions(bill):
    """The constitution's sections for the bill's kind, read once per edit of the constitution."""
    from cms.laws.models import Provision

    numbers = GOVERNING_SECTIONS.get(bill.kind, [])

    def read():
        found = {p.number: p for p in Provision.objects.public().select_related("instrument")
                 .filter(instrument__slug=CONSTITUTION_SLUG, number__in=numbers)}
        return [found[number] for number in numbers if number in found]

    return pagecache.fragment(f"legislation:governing:{bill.kind}", tags={f"law:{CONSTITUTION_SLUG}"}, render=read)


def bill_context(bill):
    return {
        "bill": bill, "summary": bill_summary(bill), "timeline": bill_timeline(bill),
        "deadline": deadlines.bill_deadline(bill), "reconsideration_on": deadlines.reconsideration_date(bill),
        "governing": governing_provisions(bill),
        "committee_officers": committee_officers(bill.committee_id) if bill.committee_id else [],
    }


def sitting_detail(*, pk):
    return get_object_or_404(
        Sitting.objects.select_related("committee", "session").prefetch_related(
            Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("bill")),
            Prefetch("votes", queryset=Vote.objects.select_related("bill", "agenda_item")),
        ), pk=pk)


def vote_detail(*, pk):
    return get_object_or_404(Vote.objects.select_related("sitting", "bill", "agenda_item"), pk=pk)


def vote_ballots(vote):
    """Per-member votes grouped by choice, in the order of the choices."""
    ballots = list(Ballot.objects.filter(vote=vote).select_related("senator").order_by("senator__first_name"))
    groups = {choice: [] for choice in BallotChoice}
    for ballot in ballots:
        groups[ballot.choice].append(ballot)
    return [(BallotChoice(choice), items) for choice, items in groups.items() if items]


def committee_list():
    return Committee.objects.annotate(bill_count=Count("bills", distinct=True), meeting_count=Count("meetings", distinct=True))


def committee_detail(*, pk):
    return get_object_or_404(Committee.objects.prefetch_related(
        Prefetch("memberships", queryset=CommitteeMembership.objects.select_related("senator")),
        Prefetch("bills", queryset=Bill.objects.order_by("-received_on")),
        Prefetch("meetings", queryset=Sitting.objects.prefetch_related("agenda_items").order_by("-date")),
        "reports__bill",
    ), pk=pk)


def senator_list(*, term=None, q=""):
    senators = Senator.objects.all()
    if term:
        senators = senators.filter(term=term)
    for word in q.split():
        senators = senators.filter(first_name__icontains=word) | senators.filter(last_name__icontains=word)
    return senators


def senator_detail(*, pk):
    senator = get_object_or_404(Senator, pk=pk)
    memberships = list(senator.memberships.select_related("committee"))
    ballots = list(senator.ballots.select_related("vote").order_by("-vote__date"))
    return senator, memberships, ballots


def upcoming_sittings(*, limit=None):
    sittings = Sitting.objects.upcoming().select_related("committee").prefetch_related("agenda_items")
    return sittings[:limit] if limit else sittings
