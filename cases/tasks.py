"""Background work: sending the notification outbox, one row at a time, once."""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .conf import conf
from .models import Notification

logger = logging.getLogger(__name__)


def render(notification):
    case = notification.case
    context = {"notification": notification, "case": case, "event": notification.event,
               "pin": notification.payload.get("pin", ""), "base_url": _base_url()}
    with translation.override(notification.language or "th"):
        subject = render_to_string("cases/email/subject.txt", context).strip().replace("\n", " ")
        body = render_to_string("cases/email/body.txt", context)
    return subject, body


def _base_url():
    from django.conf import settings

    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


@task()
def send_notification(notification_id: int) -> bool:
    """Send one notification unless it was sent already. The row is locked for
    the send, so two workers cannot both send it; a failure is recorded and the
    row stays unsent for :func:`send_pending` to retry."""
    error = None
    with transaction.atomic():
        notification = (Notification.objects.select_for_update(skip_locked=True, of=("self",))
                        .select_related("case", "event").filter(pk=notification_id).first())
        if notification is None or notification.sent_at is not None:
            return False
        if notification.attempts >= conf.notification_max_attempts:
            return False
        try:
            subject, body = render(notification)
            EmailMessage(subject=subject, body=body, to=[notification.email]).send()
        except Exception as exc:  # noqa: BLE001 — recorded and retried
            error = exc
        else:
            notification.sent_at = timezone.now()
            notification.attempts += 1
            notification.payload = {}
            notification.last_error = ""
            notification.save(update_fields=["sent_at", "attempts", "payload", "last_error"])
            return True
    Notification.objects.filter(pk=notification_id).update(attempts=notification.attempts + 1,
                                                           last_error=str(error)[:1000])
    logger.warning("notification %s failed: %s", notification_id, error)
    return False


def send_pending():
    """Retry every unsent notification that has attempts left; returns how many were queued."""
    pending = list(Notification.objects.filter(sent_at__isnull=True, attempts__lt=conf.notification_max_attempts)
                   .values_list("pk", flat=True))
    for pk in pending:
        send_notification.enqueue(notification_id=pk)
    return len(pending)
