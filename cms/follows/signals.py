"""The one delivery of a new feed event: queued for its followers with its transaction."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.records.models import FeedEvent
from cms.records.tasks import enqueue_with_commit


@receiver(post_save, sender=FeedEvent, dispatch_uid="follows_delivery")
def feed_event_published(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .tasks import deliver_feed_event

        enqueue_with_commit(deliver_feed_event, feed_event_id=instance.pk)
