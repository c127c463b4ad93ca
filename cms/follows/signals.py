"""A bill's stage change is announced in the same transaction that records it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from cms.legislation.models import StageChange

from .services import announce_stage_change


@receiver(post_save, sender=StageChange, dispatch_uid="follows_stage_change")
def stage_changed(sender, instance, created, raw=False, **kwargs):
    # Imported history is the record of the past, not news to send.
    if created and not raw and instance.transition != "import" and instance.from_stage != instance.to_stage:
        announce_stage_change(change=instance)
