"""Recording events: numbered, chained and signed, the head kept on the
subject, and nothing can change or delete them."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.transaction import TransactionManagementError

from cms.records.models import AppendOnlyError, Event
from cms.records.services import record_event, verify_chain

pytestmark = pytest.mark.django_db


def test_events_are_numbered_chained_signed_and_the_head_moves_with_them(chained):
    subject = chained(3)
    events = list(subject.events.all())
    assert [e.seq for e in events] == [1, 2, 3]
    assert events[0].prev_hash == "" and events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert {e.key_id for e in events} == {"test"}
    assert all(e.signature_matches() for e in events)
    subject.refresh_from_db()
    assert (subject.chain_length, subject.chain_head) == (3, events[2].hash)
    assert verify_chain(subject=subject) == []


def test_the_in_memory_subject_follows_and_a_stale_save_keeps_the_head(make_subject):
    subject = make_subject()
    stale = type(subject).objects.get(pk=subject.pk)
    with transaction.atomic():
        record_event(subject=subject, kind="note")
    assert subject.chain_length == 1
    stale.description = "แก้รายละเอียด"
    stale.save()  # a copy loaded before the event must not roll the head back
    subject.refresh_from_db()
    assert subject.chain_length == 1 and subject.description == "แก้รายละเอียด"
    assert verify_chain(subject=subject) == []


def test_the_first_event_of_a_new_subject_is_chained_without_reading_it_again(make_subject,
                                                                              django_assert_num_queries):
    with transaction.atomic():
        subject = make_subject()
        with django_assert_num_queries(2):  # the event, the head: no locking read of the new row
            first = record_event(subject=subject, kind="filed", new_subject=True)
        second = record_event(subject=subject, kind="note")
    assert (first.seq, first.prev_hash, second.seq, second.prev_hash) == (1, "", 2, first.hash)
    subject.refresh_from_db()
    assert (subject.chain_length, subject.chain_head) == (2, second.hash)
    assert verify_chain(subject=subject) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_recording_outside_a_transaction_is_refused(make_subject):
    subject = make_subject()
    with pytest.raises(TransactionManagementError):
        record_event(subject=subject, kind="note")
    assert not Event.objects.exists()


def test_a_failed_transaction_leaves_neither_event_nor_head(make_subject):
    subject = make_subject()
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(subject=subject, kind="note")
        raise RuntimeError("the change it records failed")
    subject.refresh_from_db()
    assert subject.chain_length == 0 and subject.chain_head == "" and not subject.events.exists()


def test_the_application_cannot_change_or_delete_an_event(chained):
    subject = chained(1)
    event = subject.events.get()
    event.comment = "แก้ไข"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(comment="x")
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():
        subject.delete()  # the generic relation would take the events with it
    assert Event.objects.get(pk=event.pk).comment == "บันทึกที่ 1"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
@pytest.mark.parametrize("sql", ["UPDATE records_event SET comment = 'x' WHERE id = %s",
                                 "DELETE FROM records_event WHERE id = %s"])
def test_the_database_refuses_to_change_or_delete_an_event(chained, sql):
    event = chained(1).events.get()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [event.pk])
    assert Event.objects.get(pk=event.pk).comment == "บันทึกที่ 1"


def test_only_a_chained_model_has_a_record(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create(username="someone")
    with pytest.raises(TypeError), transaction.atomic():
        record_event(subject=user, kind="note")
