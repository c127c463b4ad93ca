"""A vote taken or an item edited while it is under consideration changes the live page."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cms.legislation.models import AgendaItem, Vote

from .services import live_announce_item


@receiver([post_save, post_delete], sender=Vote, dispatch_uid="live_vote_changed")
def vote_changed(sender, instance, **kwargs):
    if instance.agenda_item_id:
        live_announce_item(agenda_item_id=instance.agenda_item_id)


@receiver(post_save, sender=AgendaItem, dispatch_uid="live_item_changed")
def item_changed(sender, instance, **kwargs):
    live_announce_item(agenda_item_id=instance.pk)
