"""The outbox and its relay: a message is a row before it is sent, the relay is woken
when the change commits and sends it once, a failure is retried after a wait, and a
message claimed by a sender that died is sent by another."""

import datetime as dt
import threading
import time

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.records import relay
from cms.records.models import OutboxMessage
from cms.records.outbox import register_renderer
from cms.records.services import outbox_enqueue, outbox_redact
from tests.relay import listener, running_relay

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status


def enqueue(**fields):
    values = {"to": "somying@example.org", "subject": "ร่าง พ.ร.บ. เข้าสู่วาระที่สอง",
              "body": "วุฒิสภาพิจารณาในวาระที่สองแล้ว", "dedupe_key": "bill:42:stage:2"}
    values.update(fields)
    return outbox_enqueue(**values)


def test_a_message_is_sent_by_the_relay_once(django_assert_num_queries):
    message = enqueue(headers={"X-Chandra": "bill"})
    assert mail.outbox == []  # queued, not sent by the request that queued it
    assert relay.send_waiting() == 1
    sent = mail.outbox[0]
    assert sent.subject == "ร่าง พ.ร.บ. เข้าสู่วาระที่สอง" and sent.to == ["somying@example.org"]
    assert sent.extra_headers["X-Chandra"] == "bill"
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1 and message.sent_at is not None
    with django_assert_num_queries(3):  # one claim that finds nothing, in a transaction of its own
        assert relay.send_waiting() == 0
    assert len(mail.outbox) == 1


def test_the_same_dedupe_key_queues_nothing_new(sent_mail):
    first = enqueue()
    again = enqueue(body="ข้อความอื่น")
    assert again.pk == first.pk and OutboxMessage.objects.count() == 1 and len(sent_mail()) == 1


def test_queueing_writes_the_message_in_the_transaction_and_nothing_else(
        settings, django_capture_on_commit_callbacks, django_assert_num_queries, sent_mail):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks() as after_commit, transaction.atomic():
        with django_assert_num_queries(1) as statements:  # the insert: the database wakes the relays
            first = enqueue(new_key=True)
        assert "SAVEPOINT" not in statements.captured_queries[0]["sql"]
    assert after_commit == [] and not DBTaskResult.objects.exists()
    assert OutboxMessage.objects.get().pk == first.pk and len(sent_mail()) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        enqueue(new_key=True, body="ข้อความอื่น")
    assert OutboxMessage.objects.count() == 1 and len(sent_mail()) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_messages_written_any_way_wake_the_relays_once_when_their_change_commits():
    def wake_ups(timeout):
        return len(list(listening.notifies(timeout=timeout)))

    listening = listener(relay.CHANNEL)
    try:
        with transaction.atomic():  # written behind outbox_enqueue's back
            OutboxMessage.objects.bulk_create([
                OutboxMessage(to="a@example.org", subject="หัวเรื่อง", body="เนื้อความ", dedupe_key=f"bulk:{n}")
                for n in range(3)])
            assert wake_ups(0.3) == 0  # not before the commit
        assert wake_ups(1.0) == 1
        with transaction.atomic():
            enqueue(dedupe_key="one")
            enqueue(dedupe_key="two")
        assert wake_ups(1.0) == 1  # once per transaction
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue(dedupe_key="three")
            raise RuntimeError("the change failed")
        assert wake_ups(0.5) == 0
    finally:
        listening.close()


def test_a_rolled_back_change_sends_nothing(sent_mail):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue()
        raise RuntimeError("the change failed")
    assert sent_mail() == [] and not OutboxMessage.objects.exists()


def test_a_failure_is_recorded_retried_after_a_wait_and_given_up_after_the_last_attempt(monkeypatch, settings):
    settings.RECORDS_OUTBOX_MAX_ATTEMPTS = 2
    settings.RECORDS_OUTBOX_RETRY_AFTER_S = 60

    def broken(self, *args, **kwargs):
        raise OSError("SMTP server unavailable")

    monkeypatch.setattr(EmailMessage, "send", broken)
    message = enqueue()
    assert relay.send_waiting() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 1) and "SMTP" in message.last_error
    assert relay.send_waiting() == 0  # not again at once
    message.refresh_from_db()
    assert message.attempts == 1
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_at=timezone.now() - dt.timedelta(seconds=61))
    assert relay.send_waiting() == 0
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 2)
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_at=timezone.now() - dt.timedelta(days=1))
    assert relay.send_waiting() == 0
    message.refresh_from_db()
    assert message.attempts == 2


def test_a_claim_left_by_a_dead_sender_is_recovered(settings, sent_mail):
    message = enqueue()
    # a sender claimed it and was killed before sending
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENDING, claimed_at=timezone.now(), attempts=1)
    assert relay.send_waiting() == 0  # a live claim is left alone
    settings.RECORDS_OUTBOX_CLAIM_TIMEOUT = 60
    stale = timezone.now() - dt.timedelta(seconds=61)
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_at=stale)
    assert relay.send_waiting() == 1
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 2 and len(sent_mail()) == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_message_locked_by_another_sender_is_skipped():
    first, second = enqueue(dedupe_key="a"), enqueue(dedupe_key="b")
    locked, release = threading.Event(), threading.Event()

    def other_sender():
        with transaction.atomic():
            OutboxMessage.objects.select_for_update().get(pk=first.pk)
            locked.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=other_sender)
    thread.start()
    try:
        assert locked.wait(10)
        assert relay.send_waiting() == 1
        assert [m.to for m in mail.outbox] == [["somying@example.org"]]
        assert OutboxMessage.objects.get(pk=second.pk).status == Status.SENT
        assert OutboxMessage.objects.get(pk=first.pk).status == Status.PENDING
    finally:
        release.set()
        thread.join()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_relay_is_woken_by_a_commit():
    """The relay, listening on its own connection, sends a message as soon as the change
    that queued it commits, long before its next look."""
    def sent_soon(message):
        deadline = time.monotonic() + 10
        while OutboxMessage.objects.get(pk=message.pk).status != Status.SENT and time.monotonic() < deadline:
            time.sleep(0.05)
        return OutboxMessage.objects.get(pk=message.pk).status == Status.SENT

    waiting = enqueue(dedupe_key="before")
    with running_relay(poll_s=60) as thread:
        assert sent_soon(waiting)  # its first look
        time.sleep(0.3)  # and it waits for a wake-up, its next look a minute away
        with transaction.atomic():
            message = enqueue(dedupe_key="after")
        assert sent_soon(message) and len(mail.outbox) == 2
    assert not thread.is_alive()


def test_a_renderer_writes_the_message_at_send_time_and_its_context_is_emptied(sent_mail):
    @register_renderer("tests.greeting")
    def greeting(message):
        return f"สวัสดี {message.context['name']}", f"รหัสของคุณ {message.context['pin']}"

    message = outbox_enqueue(to="a@example.org", renderer="tests.greeting", dedupe_key="greet:1",
                             context={"name": "สมหญิง", "pin": "246810"})
    assert sent_mail()[0].subject == "สวัสดี สมหญิง" and "246810" in mail.outbox[0].body
    message.refresh_from_db()
    assert message.context == {} and message.status == Status.SENT


def test_a_message_needs_content_or_a_known_renderer():
    with pytest.raises(ValueError):
        outbox_enqueue(to="a@example.org", subject="หัวเรื่อง", body="", dedupe_key="x")
    with pytest.raises(ValueError):
        outbox_enqueue(to="a@example.org", renderer="nobody.knows", dedupe_key="y")
    assert not OutboxMessage.objects.exists()


def test_redaction_removes_recipients_of_a_subject(make_subject):
    subject, other = make_subject(), make_subject()
    enqueue(subject_object=subject, dedupe_key="a")
    enqueue(subject_object=other, dedupe_key="b")
    assert outbox_redact(subject_object=subject, to="anonymised@invalid") == 1
    assert set(OutboxMessage.objects.values_list("dedupe_key", "to")) == {
        ("a", "anonymised@invalid"), ("b", "somying@example.org")}
