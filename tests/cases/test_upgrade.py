"""Upgrading a database from the case system's own audit tables (cases 0001)
to the shared core keeps every event and notification, re-signed, with each
case's chain head, and refuses to move a chain that was already broken."""

import datetime as dt
import hashlib
import io
import json
import uuid

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.models import Case, Holiday
from cms.records.models import Event, OutboxMessage
from cms.records.selectors import verify_all

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("cases", "0001_initial"), ("records", None)]


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


def _old_hash(event):
    content = {
        "case": event.case_id, "seq": event.seq, "at": event.at.astimezone(dt.UTC).isoformat(),
        "actor": event.actor_id, "actor_kind": event.actor_kind, "kind": event.kind,
        "transition": event.transition, "from": event.from_state, "to": event.to_state,
        "comment": event.comment, "public": event.public, "data": event.data, "prev": event.prev_hash,
    }
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _old_world(apps, *, cases=3, events=4):
    """Cases with chained events and notifications, written as the old code did."""
    Locale = apps.get_model("wagtailcore", "Locale")
    Category = apps.get_model("cases", "Category")
    OldCase = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    Notification = apps.get_model("cases", "Notification")
    User = apps.get_model("auth", "User")
    locale, _created = Locale.objects.get_or_create(language_code="th")
    category = Category.objects.create(name="คมนาคม", slug="transport", locale=locale, translation_key=uuid.uuid4())
    officer = User.objects.create(username="officer", email="officer@example.org")
    start = dt.datetime(2026, 11, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
    made = []
    for number in range(cases):
        case = OldCase.objects.create(code=f"ABCDEFGH{number:02d}", pin_hash="-", category=category,
                                      subject=f"เรื่องที่ {number}", description="ถนนชำรุด",
                                      contact_email=f"citizen{number}@example.org")
        prev = ""
        for seq in range(1, events + 1):
            event = CaseEvent(case=case, seq=seq, at=start + dt.timedelta(hours=seq, minutes=number),
                              actor=officer if seq > 1 else None, actor_kind="officer" if seq > 1 else "citizen",
                              kind="filed" if seq == 1 else "transition", transition="" if seq == 1 else "screen",
                              from_state="" if seq == 1 else "received", to_state="screening",
                              comment=f"ความเห็น {seq}", public=seq % 2 == 1, data={"n": seq, "ไทย": "ได้"},
                              prev_hash=prev)
            event.hash = _old_hash(event)
            event.save()
            prev = event.hash
            made.append(event)
        first = CaseEvent.objects.get(case=case, seq=1)
        Notification.objects.create(case=case, event=first, kind="citizen_filed", email=case.contact_email,
                                    payload={"pin": "123456"})
        Notification.objects.create(case=case, event=CaseEvent.objects.get(case=case, seq=2), kind="assigned",
                                    email=officer.email, sent_at=start, attempts=1)
    return made


@pytest.fixture
def old_apps():
    """The database as the case system left it before the shared core; put
    back to the latest migrations afterwards, whatever the test did."""
    executor = _migrate(BEFORE)
    yield executor.loader.project_state([BEFORE[0]]).apps
    _migrate()


def test_an_upgraded_database_keeps_every_event_and_notification(old_apps):
    old = _old_world(old_apps)
    OldHoliday = old_apps.get_model("cases", "Holiday")
    OldHoliday.objects.create(date=dt.date(2026, 3, 3), name="วันมาฆบูชา")  # typed in by hand before
    OldHoliday.objects.create(date=dt.date(2026, 11, 23), name="วันหยุดราชการเพิ่มเติม")  # a day staff added
    _migrate()
    assert list(Holiday.objects.values_list("date", flat=True)) == [dt.date(2026, 11, 23)]

    assert Event.objects.count() == len(old)
    for before in old:
        after = Event.objects.get(subject_id=before.case_id, seq=before.seq)
        assert (after.at, after.actor_id, after.actor_kind, after.kind, after.transition, after.from_state,
                after.to_state, after.comment, after.public, after.data) == (
            before.at, before.actor_id, before.actor_kind, before.kind, before.transition, before.from_state,
            before.to_state, before.comment, before.public, before.data)
        assert after.key_id == "test" and after.hash != before.hash  # signed anew with the key
    for case in Case.objects.all():
        last = case.events.last()
        assert (case.chain_length, case.chain_head) == (4, last.hash)
    assert list(verify_all()) == []
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact: 12 events" in out.getvalue()

    assert OutboxMessage.objects.count() == 6
    pending = OutboxMessage.objects.get(status="pending", subject_id=Case.objects.first().pk)
    assert pending.context == {"kind": "citizen_filed", "pin": "123456"} and pending.event.seq == 1
    assert pending.subject_object == Case.objects.first() and pending.renderer == "cases.notification"
    assert OutboxMessage.objects.filter(status="sent", event__seq=2, attempts=1).count() == 3


def test_a_broken_old_chain_stops_the_upgrade_and_moves_nothing(old_apps):
    old = _old_world(old_apps, cases=2, events=3)
    CaseEvent = old_apps.get_model("cases", "CaseEvent")
    CaseEvent.objects.filter(pk=old[4].pk).update(comment="แก้ไขภายหลัง")
    with pytest.raises(RuntimeError, match="broken in 1 place"):
        _migrate()
    assert CaseEvent.objects.count() == 6  # still in the old table, untouched
    CaseEvent.objects.filter(pk=old[4].pk).update(comment=old[4].comment)
    _migrate()  # once the cause is found and undone, the upgrade goes through
    assert Event.objects.count() == 6 and list(verify_all()) == []
