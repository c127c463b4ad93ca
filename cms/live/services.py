"""Writes to the live state. Each change raises the version and is announced to every open
page in the same transaction (see :mod:`cms.live.bus`)."""

from django.db import transaction
from django.db.models import F

from . import bus
from .models import LiveSitting
from .selectors import live_sittings, live_state


def live_announce(*, live):
    """Raise the version of ``live`` and tell every open page its new state."""
    with transaction.atomic():
        # The UPDATE locks the row: concurrent changes get consecutive versions.
        LiveSitting.objects.filter(pk=live.pk).update(version=F("version") + 1)
        live = live_sittings().get(pk=live.pk)
        bus.publish(topic=live.topic, version=live.version, state=live_state(live=live))
    return live


def live_announce_item(*, agenda_item_id):
    """A vote or an item changed: tell the pages of the sittings showing that item now."""
    for live in LiveSitting.objects.filter(current_item_id=agenda_item_id):
        live_announce(live=live)


def live_update(*, live, **changes):
    """Change what the live page of a sitting shows (fields of :class:`LiveSitting`)."""
    with transaction.atomic():
        live = LiveSitting.objects.select_for_update().get(pk=live.pk)
        for name, value in changes.items():
            setattr(live, name, value)
        live.full_clean()
        live.save()
        return live_announce(live=live)
