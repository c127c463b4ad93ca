"""The outbox's relay: the outbox is the queue of every e-mail, and the relay sends it.

On PostgreSQL a statement that adds messages wakes the relays: the database sends
``NOTIFY`` on :data:`CHANNEL` (a trigger, migration ``records.0004``), which is
transactional (it reaches the listeners when the change commits, once per transaction
however many messages it queued, and never if the change rolls back), so a filing
writes no task and sends no statement of its own beside its message. ``manage.py
relay_outbox`` listens and sends whatever is waiting; it also looks on its own every
``RECORDS_OUTBOX_POLL_S`` seconds, for retries, for claims left by a sender that died,
and on databases without ``NOTIFY`` (the SQLite demo).

Several relays may run: each message is claimed in a short transaction of its own (row
lock, then the ``sending`` status), so it is sent by one of them. A failed attempt waits
``RECORDS_OUTBOX_RETRY_AFTER_S`` before the next; after the last it is ``failed``."""

import datetime as dt
import logging
import time

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections, transaction
from django.db.models import Q
from django.utils import timezone

from .models import OutboxMessage
from .outbox import render

logger = logging.getLogger(__name__)
Status = OutboxMessage.Status
CHANNEL = "records_outbox"  # named by the trigger that wakes the relays too


def max_attempts():
    return settings.RECORDS_OUTBOX_MAX_ATTEMPTS


def claim_timeout():
    """How long a claim may stay unfinished before its sender is taken for dead and the
    message is sent by another."""
    return dt.timedelta(seconds=settings.RECORDS_OUTBOX_CLAIM_TIMEOUT)


def _sendable(now):
    """Never tried, tried and due again, or claimed by a sender that died; attempts left."""
    retry = now - dt.timedelta(seconds=settings.RECORDS_OUTBOX_RETRY_AFTER_S)
    return Q(attempts__lt=max_attempts()) & (
        Q(status=Status.PENDING) & (Q(claimed_at__isnull=True) | Q(claimed_at__lte=retry))
        | Q(status=Status.SENDING, claimed_at__lt=now - claim_timeout()))


def _claim_next():
    """The oldest sendable message, marked as being sent by this sender in a short
    transaction of its own; another sender skips it (row lock, then the status)."""
    now = timezone.now()
    with transaction.atomic():
        message = (OutboxMessage.objects.select_for_update(skip_locked=True).filter(_sendable(now))
                   .order_by("created_at", "pk").first())
        if message is None:
            return None
        message.status, message.claimed_at, message.attempts = Status.SENDING, now, message.attempts + 1
        message.save(update_fields=["status", "claimed_at", "attempts"])
    return message


def _send(message):
    """Send a claimed message and record the outcome. A failure keeps the time of the
    attempt (``claimed_at``), from which the retry waits."""
    mine = OutboxMessage.objects.filter(pk=message.pk, status=Status.SENDING, claimed_at=message.claimed_at)
    try:
        subject, body = render(message)
        EmailMessage(subject=subject.strip().replace("\n", " "), body=body, to=[message.to],
                     headers=message.headers or None).send()
    except Exception as error:  # noqa: BLE001 — recorded and retried
        status = Status.FAILED if message.attempts >= max_attempts() else Status.PENDING
        mine.update(status=status, last_error=str(error)[:1000])
        logger.warning("outbox message %s failed: %s", message.pk, error)
        return False
    mine.update(status=Status.SENT, sent_at=timezone.now(), context={}, last_error="")
    return True


def send_waiting():
    """Send every message that is sendable now, one by one, until none is left.
    Returns how many were sent."""
    sent = 0
    while (message := _claim_next()) is not None:
        sent += _send(message)
    return sent


def listen(*, poll_s, stop=lambda: False):
    """Send what is waiting, then wait for a wake-up (at most ``poll_s`` seconds), until
    ``stop()``. A lost database connection is opened again and listened on again."""
    connection = connections[DEFAULT_DB_ALIAS]
    lost = (OperationalError, InterfaceError, connection.Database.OperationalError,
            connection.Database.InterfaceError)
    postgres = connection.vendor == "postgresql"
    listening_on = None  # the connection LISTEN was sent on: a new one must be told again
    while not stop():
        try:
            if postgres and (listening_on is None or connection.connection is not listening_on):
                with connection.cursor() as cursor:
                    cursor.execute(f"LISTEN {CHANNEL}")
                listening_on = connection.connection
            send_waiting()
            if listening_on is not None:
                # Wake-ups received meanwhile come at once, all together: one pass sends for them all.
                for _wake_up in connection.connection.notifies(timeout=poll_s, stop_after=1):
                    pass
            else:
                time.sleep(poll_s)
        except lost as error:
            logger.warning("outbox relay: database connection lost (%s); connecting again", error)
            connection.close()
            listening_on = None
            time.sleep(1.0)
