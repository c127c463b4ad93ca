"""A bill's stage change is announced in the same transaction that records it; every follower's
e-mail carries its unsubscribe headers, whichever delivery queued it."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from cms.legislation.models import StageChange
from cms.records.models import OutboxMessage

from .delivery import add_unsubscribe_headers
from .services import announce_stage_change


@receiver(post_save, sender=StageChange, dispatch_uid="follows_stage_change")
def stage_changed(sender, instance, created, raw=False, **kwargs):
    # Imported history is the record of the past, not news to send.
    if created and not raw and instance.transition != "import" and instance.from_stage != instance.to_stage:
        announce_stage_change(change=instance)


@receiver(pre_save, sender=OutboxMessage, dispatch_uid="follows_unsubscribe_headers")
def unsubscribe_headers(sender, instance, raw=False, **kwargs):
    if not raw and instance._state.adding:
        add_unsubscribe_headers(instance)
