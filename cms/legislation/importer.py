"""Import the Senate's records from JSON Lines files (the shared data folder's senate_* files).

Idempotent: every record is looked up by its source identifier (``external_id``) and updated.
Only what the files state is loaded; a stage the source reports without its steps is recorded
as one stage change marked ``derived`` where its date or step is inferred. The files stay where
they are (their licence keeps them out of the project)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import (
    AgendaItem, Ballot, BallotChoice, Bill, BillDocument, BillKind, BillStage, Committee, CommitteeKind,
    SelectionMethod, Senator, Sitting, SittingKind, Vote,
)
from .models.base import Origin
from .services import import_stage_change

FILES = ("senators.jsonl", "senate_committees.jsonl", "senate_bills.jsonl", "senate_votes.jsonl",
         "senate_sittings.jsonl")
ATTRIBUTION = "ข้อมูล: WeVis (CC BY-NC 4.0)"

SELECTION = {"เลือกโดย คสช.": SelectionMethod.NCPO, "เลือกกันเอง": SelectionMethod.SELF_SELECTED,
             "โดยตำแหน่ง": SelectionMethod.EX_OFFICIO}
BILL_TYPES = {"พระราชบัญญัติ": BillKind.ACT, "รัฐธรรมนูญแก้ไขเพิ่มเติม": BillKind.CONSTITUTION,
              "พระราชกำหนด": BillKind.DECREE, "พระราชบัญญัติประกอบรัฐธรรมนูญ": BillKind.ORGANIC}
BUDGET_WORDS = ("งบประมาณรายจ่าย",)
BALLOTS = {"เห็นด้วย": BallotChoice.YES, "ไม่เห็นด้วย": BallotChoice.NO, "งดออกเสียง": BallotChoice.ABSTAIN,
           "ไม่ลงคะแนนเสียง": BallotChoice.NOT_VOTING, "ไม่เข้าร่วมประชุม": BallotChoice.ABSENT}
MEETINGS = {"ประชุมวุฒิสภา": SittingKind.SENATE, "การประชุมวุฒิสภา": SittingKind.SENATE,
            "ประชุมร่วมกันของรัฐสภา": SittingKind.JOINT, "การประชุมร่วมกันของรัฐสภา": SittingKind.JOINT}
#: Kinds whose way to the royal assent runs through the Senate's own approval.
SENATE_APPROVED_KINDS = (BillKind.ACT, BillKind.BUDGET)


@dataclass
class Report:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key, n=1):
        self.counts[key] = self.counts.get(key, 0) + n

    def __str__(self):
        return ", ".join(f"{key} {value}" for key, value in self.counts.items())


def available(folder: Path) -> bool:
    return all((Path(folder) / name).is_file() for name in FILES)


def _rows(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _date(value):
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _origin(source: str) -> str:
    return Origin.WEVIS if "wevisdemo/" in (source or "") else Origin.PUBLIC


def import_all(folder: Path) -> Report:
    folder = Path(folder)
    report = Report()
    with transaction.atomic():
        import_senators(folder / "senators.jsonl", report)
        import_committees(folder / "senate_committees.jsonl", report)
        votes_by_bill = import_bills(folder / "senate_bills.jsonl", report)
        import_votes(folder / "senate_votes.jsonl", report, votes_by_bill=votes_by_bill)
        import_sittings(folder / "senate_sittings.jsonl", report)
    return report


def import_senators(path: Path, report: Report) -> None:
    for row in _rows(path):
        method = SELECTION.get(row.get("selection_method") or "", "")
        if not method and row["senate_term"] == 13 and "เลือกกันเอง" in (row.get("senate_term_label") or ""):
            method = SelectionMethod.GROUP_ELECTION
        Senator.objects.update_or_create(external_id=row["id"], defaults={
            "origin": _origin(row.get("source")), "source": row.get("source") or "",
            "term": row["senate_term"], "title": row.get("title") or "", "first_name": row["first_name"],
            "last_name": row.get("last_name") or "", "selection_method": method,
            "occupation_group": row.get("occupation_group_wevis") or "",
            "active": row["active_at_snapshot"] is not False,
        })
        report.add("senators")


def import_committees(path: Path, report: Report) -> None:
    for row in _rows(path):
        kind = CommitteeKind.AD_HOC if "วิสามัญ" in row["committee_type"] else CommitteeKind.STANDING
        Committee.objects.update_or_create(external_id=row["id"], defaults={
            "origin": _origin(row.get("source")), "source": row.get("source") or "", "name": row["name_th"],
            "kind": kind, "term": row.get("senate_term"), "order": row.get("source_list_position") or 0,
        })
        report.add("committees")


def _bill_kind(row) -> str:
    if any(word in row["title_th"] for word in BUDGET_WORDS) and row.get("bill_type") == "พระราชบัญญัติ":
        return BillKind.BUDGET
    return BILL_TYPES.get(row.get("bill_type") or "", BillKind.ACT)


def _reported_stage(row) -> str:
    status, code, description = row["status"], row["stage_reached_code"], row.get("status_description") or ""
    if status == "ออกเป็นกฎหมาย":
        return BillStage.PUBLISHED
    if status == "กฎหมายที่ถูกรวมร่าง":
        return BillStage.MERGED
    if status == "ตกไป":
        return BillStage.WITHDRAWN if "ถอน" in description else BillStage.LAPSED
    if code == "royal_assent":
        return BillStage.ROYAL_ASSENT
    if code == "senate":
        if "สองสภา" in description:
            return BillStage.JOINT_COMMITTEE
        if "คณะกรรมาธิการ" in description:
            return BillStage.COMMITTEE
        return BillStage.RECEIVED
    return BillStage.IN_HOUSE


def import_bills(path: Path, report: Report) -> dict[str, Bill]:
    """The bills; returns the bill of each linked vote id."""
    rows = list(_rows(path))
    bills: dict[str, Bill] = {}
    votes_by_bill: dict[str, Bill] = {}
    for row in rows:
        start, end = _date(row.get("start_date")), _date(row.get("end_date"))
        in_process = row["status"] == "อยู่ในกระบวนการ"
        links = [link for link in row.get("gazette_or_document_links") or [] if link]
        bill, _created = Bill.objects.update_or_create(external_id=row["id"], defaults={
            "origin": Origin.WEVIS, "source": row.get("source") or "", "title": row["title_th"].replace("\u200b", "").strip(),
            "short_title": row.get("nickname_th") or "", "kind": _bill_kind(row),
            "proposer": row.get("proposer_name") or "", "proposer_type": row.get("proposer_type") or "",
            "category": row.get("category_wevis") or "", "introduced_on": start,
            "status_note": row.get("status_description") or row["status"],
            "status_checked_on": end if in_process else None,
            "gazette_url": links[0] if links and row["status"] == "ออกเป็นกฎหมาย" else "",
        })
        for number, link in enumerate(links, start=1):
            BillDocument.objects.get_or_create(bill=bill, url=link, defaults={
                "title": f"ราชกิจจานุเบกษา ({number})" if "ratchakitcha" in link else f"เอกสาร ({number})",
                "dated": end if not in_process else None})
        bills[row["id"]] = bill
        if row.get("linked_vote"):
            votes_by_bill[row["linked_vote"]["vote_id"]] = bill
        report.add("bills")
    for row in rows:
        bill = bills[row["id"]]
        if row.get("merged_into") and row["merged_into"] in bills and bill.merged_into_id is None:
            Bill.objects.filter(pk=bill.pk).update(merged_into=bills[row["merged_into"]])
        _import_stage(bill, row)
    return votes_by_bill


def _import_stage(bill: Bill, row: dict) -> None:
    stage = _reported_stage(row)
    if stage == BillStage.IN_HOUSE or bill.stage_changes.exists():
        return
    end = _date(row.get("end_date"))
    in_process = row["status"] == "อยู่ในกระบวนการ"
    if stage in (BillStage.PUBLISHED, BillStage.ROYAL_ASSENT) and bill.kind in SENATE_APPROVED_KINDS:
        # Not in the source as a step: a bill of this kind reaches the King only once the Senate approved it.
        bill = import_stage_change(bill=bill, to_stage=BillStage.APPROVED, on=None, derived=True,
                                   note="ผ่านความเห็นชอบของวุฒิสภา (อนุมานจากสถานะสุดท้าย วันที่ไม่ปรากฏในแหล่งข้อมูล)")
    note = row.get("status_description") or row["status"]
    if in_process:
        note = f"{note} — สถานะ ณ วันที่ WeVis ตรวจสอบ; วันที่เข้าสู่ขั้นนี้ไม่ปรากฏในแหล่งข้อมูล"
    import_stage_change(bill=bill, to_stage=stage, on=None if in_process else end, derived=in_process, note=note)


def import_votes(path: Path, report: Report, *, votes_by_bill: dict[str, Bill]) -> None:
    senators = dict(Senator.objects.exclude(external_id=None).values_list("external_id", "pk"))
    for row in _rows(path):
        tally = row.get("senator_tally")
        if tally is not None:
            counts = {"yes": tally.get("เห็นด้วย", 0), "no": tally.get("ไม่เห็นด้วย", 0),
                      "abstain": tally.get("งดออกเสียง", 0), "not_voting": tally.get("ไม่ลงคะแนนเสียง", 0),
                      "counts_scope": Vote.Scope.SENATORS}
        else:
            whole = row.get("all_members_tally") or {}
            # "absent", "special" and "total_*" are not documented by the source: not shown as counts.
            counts = {"yes": whole.get("approve", 0), "no": whole.get("disprove", 0),
                      "abstain": whole.get("abstained", 0), "not_voting": None, "counts_scope": Vote.Scope.ALL_MEMBERS}
        documents = [d["link"] for d in row.get("documents") or [] if d.get("link")]
        source = row.get("source") or ""
        vote, _created = Vote.objects.update_or_create(external_id=row["id"], defaults={
            "origin": _origin(source) if not source.startswith("news:") else Origin.PUBLIC, "source": source,
            "date": _date(row["date"]), "title": row["title"], "passed": row.get("passed"),
            "bill": votes_by_bill.get(row["id"]), "source_url": documents[0] if documents else
            (source.removeprefix("news: ") if source.startswith("news:") else ""),
            "has_ballots": bool(row.get("senator_votes")), **counts,
        })
        ballots = row.get("senator_votes") or []
        if ballots:
            Ballot.objects.bulk_create(
                [Ballot(vote=vote, senator_id=senators[b["senator_id"]], choice=BALLOTS[b["vote"]])
                 for b in ballots if b["senator_id"] in senators and b["vote"] in BALLOTS],
                ignore_conflicts=True)
            report.add("ballots", len(ballots))
        report.add("votes")


def import_sittings(path: Path, report: Report) -> None:
    votes = {vote.external_id: vote for vote in Vote.objects.exclude(external_id=None)}
    for row in _rows(path):
        sources = row.get("sources") or []
        sitting, _created = Sitting.objects.update_or_create(external_id=row["id"], defaults={
            "origin": _origin(" ".join(sources)), "source": " ".join(sources)[:500],
            "kind": MEETINGS.get(row["meeting_type"], SittingKind.SENATE), "date": _date(row["date"]),
            "number": row.get("sitting_no") or "", "presiding": row.get("presiding") or "",
            "agenda_complete": bool(row.get("agenda_complete")),
        })
        for item in row.get("agenda_items") or []:
            vote = votes.get(item.get("vote_id") or "")
            agenda_item, _ = AgendaItem.objects.update_or_create(
                sitting=sitting, order=item["order_in_source"],
                defaults={"title": item["title"][:500], "bill": vote.bill if vote else None})
            if vote is not None and (vote.sitting_id != sitting.pk or vote.agenda_item_id != agenda_item.pk):
                Vote.objects.filter(pk=vote.pk).update(sitting=sitting, agenda_item=agenda_item)
        report.add("sittings")
