"""A new feed event is delivered in bulk once its transaction commits."""

from django.db import connection, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.records.models import FeedEvent


@receiver(post_save, sender=FeedEvent, dispatch_uid="follows_bulk_delivery")
def feed_event_published(sender, instance, created, raw=False, **kwargs):
    # Thousands of followers: in bulk (cms.follows.delivery), beside cms.records' own delivery
    # one subscription at a time; the cursors make sure each is told once.
    if created and not raw and connection.vendor == "postgresql":
        from .tasks import deliver_feed_event

        feed_event_id = instance.pk
        transaction.on_commit(lambda: deliver_feed_event.enqueue(feed_event_id=feed_event_id))
