"""The outbox: a message is a row before it is sent, it is sent once, a
failure is retried, and a message claimed by a worker that died is sent by
another."""

import datetime as dt

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from cms.records import tasks
from cms.records.models import OutboxMessage
from cms.records.outbox import register_renderer
from cms.records.services import outbox_enqueue, outbox_redact

pytestmark = pytest.mark.django_db
Status = OutboxMessage.Status


def enqueue(**fields):
    values = {"to": "somying@example.org", "subject": "ร่าง พ.ร.บ. เข้าสู่วาระที่สอง",
              "body": "วุฒิสภาพิจารณาในวาระที่สองแล้ว", "dedupe_key": "bill:42:stage:2"}
    values.update(fields)
    return outbox_enqueue(**values)


def test_a_message_is_sent_after_commit_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        message = enqueue(headers={"X-Chandra": "bill"})
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.subject == "ร่าง พ.ร.บ. เข้าสู่วาระที่สอง" and sent.to == ["somying@example.org"]
    assert sent.extra_headers["X-Chandra"] == "bill"
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 1 and message.sent_at is not None
    assert tasks.send_outbox_message.call(message.pk) is False  # a second delivery of the task
    assert tasks.send_pending() == 0 and len(mail.outbox) == 1


def test_the_same_dedupe_key_queues_nothing_new(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = enqueue()
        again = enqueue(body="ข้อความอื่น")
    assert again.pk == first.pk and OutboxMessage.objects.count() == 1 and len(mail.outbox) == 1


def test_a_key_known_to_be_new_is_queued_without_a_savepoint_and_a_clash_fails_the_transaction(
        django_capture_on_commit_callbacks, django_assert_num_queries):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        with django_assert_num_queries(1) as statements:  # the insert (the task is queued after commit)
            first = enqueue(new_key=True)
        assert "SAVEPOINT" not in " ".join(q["sql"] for q in statements.captured_queries)
    assert OutboxMessage.objects.get().pk == first.pk and len(mail.outbox) == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        enqueue(new_key=True, body="ข้อความอื่น")
    assert OutboxMessage.objects.count() == 1 and len(mail.outbox) == 1


def test_a_rolled_back_change_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue()
            raise RuntimeError("the change failed")
    assert mail.outbox == [] and not OutboxMessage.objects.exists()


def test_a_queue_in_the_database_takes_the_task_with_the_message(settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks() as after_commit:
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue()
            raise RuntimeError("the change failed")
        assert not DBTaskResult.objects.exists()
        with transaction.atomic():
            message = enqueue(dedupe_key="bill:42:stage:3")
            queued = DBTaskResult.objects.get()  # in the transaction, not after its commit
    assert after_commit == []
    assert queued.task_path == "cms.records.tasks.send_outbox_message"
    assert queued.args_kwargs == {"args": [], "kwargs": {"message_id": message.pk}}


def test_a_failure_is_recorded_retried_and_given_up_after_the_last_attempt(monkeypatch, settings,
                                                                          django_capture_on_commit_callbacks):
    settings.RECORDS_OUTBOX_MAX_ATTEMPTS = 2

    def broken(self, *args, **kwargs):
        raise OSError("SMTP server unavailable")

    monkeypatch.setattr(EmailMessage, "send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.PENDING, 1) and "SMTP" in message.last_error
    assert tasks.send_pending() == 1
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, 2)
    assert tasks.send_pending() == 0


def test_a_claim_left_by_a_dead_worker_is_recovered(django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=False):
        message = enqueue()
    # a worker claimed it and was killed before sending
    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENDING, claimed_at=timezone.now(), attempts=1)
    assert tasks.send_outbox_message.call(message.pk) is False  # a live claim is left alone
    assert tasks.send_pending() == 0
    settings.RECORDS_OUTBOX_CLAIM_TIMEOUT = 60
    stale = timezone.now() - dt.timedelta(seconds=61)
    OutboxMessage.objects.filter(pk=message.pk).update(claimed_at=stale)
    assert tasks.send_pending() == 1
    message.refresh_from_db()
    assert message.status == Status.SENT and message.attempts == 2 and len(mail.outbox) == 1


def test_a_renderer_writes_the_message_at_send_time_and_its_context_is_emptied(django_capture_on_commit_callbacks):
    @register_renderer("tests.greeting")
    def greeting(message):
        return f"สวัสดี {message.context['name']}", f"รหัสของคุณ {message.context['pin']}"

    with django_capture_on_commit_callbacks(execute=True):
        message = outbox_enqueue(to="a@example.org", renderer="tests.greeting", dedupe_key="greet:1",
                                 context={"name": "สมหญิง", "pin": "246810"})
    assert mail.outbox[0].subject == "สวัสดี สมหญิง" and "246810" in mail.outbox[0].body
    message.refresh_from_db()
    assert message.context == {} and message.status == Status.SENT


def test_a_message_needs_content_or_a_known_renderer():
    with pytest.raises(ValueError):
        outbox_enqueue(to="a@example.org", subject="หัวเรื่อง", body="", dedupe_key="x")
    with pytest.raises(ValueError):
        outbox_enqueue(to="a@example.org", renderer="nobody.knows", dedupe_key="y")
    assert not OutboxMessage.objects.exists()


def test_redaction_removes_recipients_of_a_subject(make_subject, django_capture_on_commit_callbacks):
    subject, other = make_subject(), make_subject()
    with django_capture_on_commit_callbacks(execute=False):
        enqueue(subject_object=subject, dedupe_key="a")
        enqueue(subject_object=other, dedupe_key="b")
    assert outbox_redact(subject_object=subject, to="anonymised@invalid") == 1
    assert set(OutboxMessage.objects.values_list("dedupe_key", "to")) == {
        ("a", "anonymised@invalid"), ("b", "somying@example.org")}
