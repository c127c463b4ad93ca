"""The importer of the senate_* files: idempotent, honest about derived steps, attribution kept."""

import json

import pytest

from cms.legislation import importer
from cms.legislation.models import Ballot, Bill, BillStage, Committee, Senator, Sitting, Vote
from cms.records.models import Event

pytestmark = pytest.mark.django_db


def _write(folder, name, rows):
    (folder / name).write_text("\n".join(json.dumps(row, ensure_ascii=False) for row in rows), encoding="utf-8")


@pytest.fixture
def folder(tmp_path):
    _write(tmp_path, "senators.jsonl", [
        {"id": "s-1", "senate_term": 12, "title": "นาย", "first_name": "หนึ่ง", "last_name": "ทดสอบ",
         "selection_method": "เลือกกันเอง", "active_at_snapshot": True, "source": "github:wevisdemo/senate"},
        {"id": "s-2", "senate_term": 13, "senate_term_label": "วุฒิสภา ชุดที่ 13 (ชุดแรกที่มาจากการเลือกกันเองตามมาตรา 107)",
         "title": "นาง", "first_name": "สอง", "last_name": "ทดสอบ", "selection_method": None,
         "active_at_snapshot": None, "source": "github:other/list"}])
    _write(tmp_path, "senate_committees.jsonl", [
        {"id": "c-1", "senate_term": 13, "name_th": "คณะกรรมาธิการการทดสอบ วุฒิสภา",
         "committee_type": "คณะกรรมาธิการสามัญประจำวุฒิสภา", "source_list_position": 2, "source": "github:x/y"}])
    _write(tmp_path, "senate_bills.jsonl", [
        {"id": "b-1", "title_th": "พระราชบัญญัติทดสอบ พ.ศ. 2564", "bill_type": "พระราชบัญญัติ", "proposer_name": "คณะรัฐมนตรี",
         "proposer_type": "คณะรัฐมนตรี", "start_date": "2021-01-27", "end_date": "2021-11-08", "status": "ออกเป็นกฎหมาย",
         "stage_reached_code": "royal_assent", "status_description": "ออกเป็นกฎหมายสำเร็จ", "merged_into": None,
         "gazette_or_document_links": ["https://ratchakitcha.soc.go.th/x.pdf"], "linked_vote": {"vote_id": "v-1"},
         "source": "github:wevisdemo/law-watch"},
        {"id": "b-2", "title_th": "ร่างพระราชบัญญัติค้าง พ.ศ. ....", "bill_type": "พระราชบัญญัติ", "start_date": None,
         "end_date": "2023-02-28", "status": "อยู่ในกระบวนการ", "stage_reached_code": "senate",
         "status_description": "อยู่ระหว่างพิจารณาในวุฒิสภา (ผ่านสภาผู้แทนราษฏรแล้ว)", "merged_into": None,
         "linked_vote": None, "source": "github:wevisdemo/law-watch"}])
    _write(tmp_path, "senate_votes.jsonl", [
        {"id": "v-1", "date": "2021-06-01", "meeting": "ประชุมวุฒิสภา", "title": "ร่างทดสอบ วาระ 3", "passed": True,
         "senator_tally": {"เห็นด้วย": 1}, "senator_votes": [{"senator_id": "s-1", "vote": "เห็นด้วย"}],
         "source": "github:wevisdemo/senate"},
        {"id": "v-2", "date": "2021-06-02", "meeting": "ประชุมร่วมกันของรัฐสภา", "title": "ร่วม", "passed": False,
         "senator_tally": None, "all_members_tally": {"approve": 300, "disprove": 200, "abstained": 5, "absent": 9},
         "senator_votes": None, "documents": [{"link": "https://example.org/v.pdf"}], "source": "github:wevisdemo/law-watch"}])
    _write(tmp_path, "senate_sittings.jsonl", [
        {"id": "sit-1", "date": "2021-06-01", "meeting_type": "การประชุมวุฒิสภา", "sitting_no": None, "presiding": None,
         "agenda_items": [{"order_in_source": 1, "title": "ร่างทดสอบ วาระ 3", "vote_id": "v-1"}],
         "agenda_complete": False, "sources": ["github:wevisdemo/senate"]}])
    return tmp_path


def test_import_is_faithful_and_idempotent(folder):
    assert importer.available(folder)
    importer.import_all(folder)
    importer.import_all(folder)
    assert (Senator.objects.count(), Committee.objects.count(), Bill.objects.count(), Vote.objects.count(),
            Ballot.objects.count(), Sitting.objects.count()) == (2, 1, 2, 2, 1, 1)
    enacted = Bill.objects.get(external_id="b-1")
    assert enacted.stage == BillStage.PUBLISHED and enacted.is_wevis
    steps = list(enacted.stage_changes.order_by("pk").values_list("to_stage", "derived", "on"))
    assert steps[0][:2] == (BillStage.APPROVED, True) and steps[0][2] is None  # inferred, undated
    assert steps[1][:2] == (BillStage.PUBLISHED, False)
    assert Event.objects.filter(subject_id=enacted.pk).count() == 2
    pending = Bill.objects.get(external_id="b-2")
    assert pending.stage == BillStage.RECEIVED and pending.received_on is None  # the day is not in the source
    assert pending.stage_changes.get().derived
    joint = Vote.objects.get(external_id="v-2")
    assert (joint.yes, joint.no, joint.not_voting, joint.counts_scope) == (300, 200, None, "all")
    vote = Vote.objects.get(external_id="v-1")
    assert vote.bill == enacted and vote.sitting.agenda_items.get().bill == enacted
    assert Senator.objects.get(external_id="s-2").selection_method == "group_election"
    assert Senator.objects.get(external_id="s-2").origin == "public"


def test_incomplete_folder_is_not_available(tmp_path):
    assert not importer.available(tmp_path)
