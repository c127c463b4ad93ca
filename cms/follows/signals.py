"""The one delivery of a new feed event: queued for its followers once its transaction commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.records.models import FeedEvent


@receiver(post_save, sender=FeedEvent, dispatch_uid="follows_delivery")
def feed_event_published(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .tasks import deliver_feed_event

        feed_event_id = instance.pk
        transaction.on_commit(lambda: deliver_feed_event.enqueue(feed_event_id=feed_event_id))
