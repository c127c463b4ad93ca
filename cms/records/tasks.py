"""Background work of the shared core, through Django's tasks interface:
sending outbox messages once, and the periodic delivery of subscriptions that are due."""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import router, transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from .models import OutboxMessage, Subscription
from .outbox import render

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status


def enqueue_with_commit(task_, **kwargs):
    """Queue ``task_`` for when the caller's transaction commits. A queue kept
    in this same database (django-tasks-db) takes its row in the transaction:
    it commits, or is dropped, with the change it follows, and costs no commit
    of its own. Any other queue is given the task after the commit, so that no
    worker looks before the change is there."""
    if isinstance(task_.get_backend(), DatabaseBackend) \
            and router.db_for_write(DBTaskResult) == transaction.get_connection().alias:
        task_.enqueue(**kwargs)
    else:
        transaction.on_commit(lambda: task_.enqueue(**kwargs))


def max_attempts():
    return getattr(settings, "RECORDS_OUTBOX_MAX_ATTEMPTS", 5)


def claim_timeout():
    """How long a claim may stay unfinished before the worker that made it is
    taken for dead and the message is sent by another."""
    return dt.timedelta(seconds=getattr(settings, "RECORDS_OUTBOX_CLAIM_TIMEOUT", 600))


def _sendable(now):
    return Q(attempts__lt=max_attempts()) & (
        Q(status=Status.PENDING) | Q(status=Status.SENDING, claimed_at__lt=now - claim_timeout()))


def _claim(message_id):
    """Mark the message as being sent by this worker, in a short transaction of
    its own; another worker skips it (row lock, then the SENDING status)."""
    now = timezone.now()
    with transaction.atomic():
        message = (OutboxMessage.objects.select_for_update(skip_locked=True)
                   .filter(_sendable(now), pk=message_id).first())
        if message is None:
            return None
        message.status, message.claimed_at, message.attempts = Status.SENDING, now, message.attempts + 1
        message.save(update_fields=["status", "claimed_at", "attempts"])
    return message


@task()
def send_outbox_message(message_id: int) -> bool:
    """Send one message unless it is sent, being sent, or out of attempts.
    Returns whether this call sent it. A failure is recorded and the message
    waits for :func:`send_pending`; after the last attempt it is FAILED."""
    message = _claim(message_id)
    if message is None:
        return False
    mine = OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING, claimed_at=message.claimed_at)
    try:
        subject, body = render(message)
        EmailMessage(subject=subject.strip().replace("\n", " "), body=body, to=[message.to],
                     headers=message.headers or None).send()
    except Exception as error:  # noqa: BLE001 — recorded and retried
        status = Status.FAILED if message.attempts >= max_attempts() else Status.PENDING
        mine.update(status=status, claimed_at=None, last_error=str(error)[:1000])
        logger.warning("outbox message %s failed: %s", message.pk, error)
        return False
    mine.update(status=Status.SENT, sent_at=timezone.now(), context={}, last_error="")
    return True


def send_pending():
    """Queue every message that is waiting, or whose sender died mid-send
    (a claim older than the timeout). Returns how many were queued."""
    pending = list(OutboxMessage.objects.filter(_sendable(timezone.now())).order_by("pk")
                   .values_list("pk", flat=True))
    for pk in pending:
        send_outbox_message.enqueue(message_id=pk)
    return len(pending)


def deliver_due(*, now=None):
    """Periodic delivery: every immediate subscription behind its feed (a
    crash, a missed task) and every daily one last delivered a day ago or more."""
    from .services import deliver_subscription

    now = now or timezone.now()
    due = Subscription.objects.filter(active=True, follower__confirmed_at__isnull=False).filter(
        Q(frequency=Subscription.Frequency.IMMEDIATE)
        | Q(delivered_at__isnull=True) | Q(delivered_at__lte=now - dt.timedelta(days=1)))
    return sum(deliver_subscription(subscription=s) for s in due.order_by("pk").iterator())
