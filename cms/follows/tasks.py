"""Background work of follows, through Django's tasks interface."""

from django.db import connection
from django.tasks import task

from . import delivery

#: How many sender tasks share the mail of one feed event (one per worker process).
SENDERS = 4


@task()
def deliver_feed_event(feed_event_id: int) -> int:
    """Queue a feed event for its followers in bulk, then let the senders loose."""
    queued = delivery.deliver_feed_event(feed_event_id=feed_event_id)
    if queued:
        for _ in range(min(SENDERS, queued)):
            send_follow_mail.enqueue()
    return queued


@task()
def send_follow_mail() -> int:
    """Send waiting follow e-mails in batches until none is left."""
    if connection.vendor != "postgresql":
        return 0
    return delivery.send_until_empty()
