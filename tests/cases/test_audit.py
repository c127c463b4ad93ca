"""The audit trail: append-only, chained by hash, verified by a command."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from cases import services
from cases.models import AuditTamperError, CaseEvent, EventKind

from .factories import file_case
from .test_transitions import to_state

pytestmark = pytest.mark.django_db


def test_every_action_writes_a_chained_event(world):
    from cases.models import CaseState as S

    case = to_state(world, S.IN_PROGRESS)
    services.case_add_note(case=case, by=world["officer"], text="โทรประสานแขวงทางหลวงแล้ว")
    services.case_view_identity(case=case, by=world["officer"])
    services.case_update(case=case, by=world["officer"], subject="ถนนชำรุดหน้าโรงเรียนบ้านหนองบัว")
    events = list(CaseEvent.objects.filter(case=case).order_by("seq"))
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == ""
    for previous, event in zip(events, events[1:]):
        assert event.prev_hash == previous.hash
        assert event.hash == event.compute_hash()
    kinds = [e.kind for e in events]
    assert kinds[0] == EventKind.FILED and EventKind.NOTE in kinds and EventKind.IDENTITY_VIEW in kinds
    change = events[-1]
    assert change.kind == EventKind.FIELD_CHANGE and change.data["changes"]["subject"][1].endswith("หนองบัว")


def test_events_cannot_be_changed_or_deleted_by_the_application(world):
    case = file_case(category=world["category"])
    event = case.events.get()
    event.comment = "แก้ไข"
    with pytest.raises(AuditTamperError):
        event.save()
    with pytest.raises(AuditTamperError):
        event.delete()
    with pytest.raises(AuditTamperError):
        CaseEvent.objects.filter(case=case).update(comment="x")
    with pytest.raises(AuditTamperError):
        CaseEvent.objects.filter(case=case).delete()
    assert CaseEvent.objects.get(pk=event.pk).comment == ""


def test_verify_audit_passes_on_an_intact_trail(world):
    for _ in range(3):
        to_state(world, "resolved")
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()


def test_verify_audit_reports_a_tampered_row(world):
    from cases.models import CaseState as S

    case = to_state(world, S.ASSIGNED)
    victim = case.events.order_by("seq")[1]
    with connection.cursor() as cursor:  # someone edits the database behind the application's back
        cursor.execute("UPDATE cases_caseevent SET comment = %s WHERE id = %s", ["ไม่มีอะไร", victim.pk])
    err = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("verify_audit", stdout=io.StringIO(), stderr=err)
    assert "1 problem" in str(error.value)
    assert case.code in err.getvalue() and f"event {victim.seq}" in err.getvalue()


def test_verify_audit_reports_a_deleted_row(world):
    from cases.models import CaseState as S

    case = to_state(world, S.ASSIGNED)
    victim = case.events.order_by("seq")[1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM cases_caseevent WHERE id = %s", [victim.pk])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit", stdout=io.StringIO(), stderr=err)
    assert "sequence gap" in err.getvalue()
