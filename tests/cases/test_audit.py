"""The audit trail of a case: every action is an event in the case's record
(cms.records), chained, signed and verified by ``manage.py verify_audit``."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cases import services
from cases.models import CaseState as S, EventKind
from cms.records.models import AppendOnlyError
from cms.records.services import verify_chain
from tests.records.conftest import behind_the_application

from .factories import file_case
from .test_transitions import to_state

pytestmark = pytest.mark.django_db


def test_every_action_writes_a_chained_event_and_moves_the_head(world):
    case = to_state(world, S.IN_PROGRESS)
    services.case_add_note(case=case, by=world["officer"], text="โทรประสานแขวงทางหลวงแล้ว")
    services.case_view_identity(case=case, by=world["officer"])
    services.case_update(case=case, by=world["officer"], subject="ถนนชำรุดหน้าโรงเรียนบ้านหนองบัว")
    events = list(case.events.all())
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == ""
    for previous, event in zip(events, events[1:]):
        assert event.prev_hash == previous.hash
    kinds = [e.kind for e in events]
    assert kinds[0] == EventKind.FILED and EventKind.NOTE in kinds and EventKind.IDENTITY_VIEW in kinds
    change = events[-1]
    assert change.kind == EventKind.FIELD_CHANGE and change.data["changes"]["subject"][1].endswith("หนองบัว")
    case.refresh_from_db()
    assert (case.chain_length, case.chain_head) == (len(events), events[-1].hash)
    assert verify_chain(subject=case) == []


def test_events_cannot_be_changed_or_deleted_by_the_application(world):
    case = file_case(category=world["category"])
    event = case.events.get()
    event.comment = "แก้ไข"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        case.events.update(comment="x")
    with pytest.raises(AppendOnlyError):
        case.events.all().delete()
    assert case.events.get().comment == ""


def test_verify_audit_passes_on_an_intact_trail(world):
    for _ in range(3):
        to_state(world, S.RESOLVED)
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()


def test_verify_audit_reports_a_tampered_row(world):
    case = to_state(world, S.ASSIGNED)
    victim = case.events.get(seq=2)
    with behind_the_application() as cursor:
        cursor.execute("UPDATE records_event SET comment = %s WHERE id = %s", ["ไม่มีอะไร", victim.pk])
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("verify_audit", stdout=io.StringIO(), stderr=err)
    assert "1 problem" in str(error.value)
    assert f"cases.case {case.pk} event {victim.seq}" in err.getvalue() and case.display_code in err.getvalue()


def test_verify_audit_reports_a_deleted_row(world):
    case = to_state(world, S.ASSIGNED)
    with behind_the_application() as cursor:
        cursor.execute("DELETE FROM records_event WHERE id = %s", [case.events.get(seq=2).pk])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit", stdout=io.StringIO(), stderr=err)
    assert "sequence gap" in err.getvalue()
