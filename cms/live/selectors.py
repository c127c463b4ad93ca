"""Reads of the live state: what a page, the event stream and the API show."""

from .models import LiveSitting, pk_from_topic


def live_state(*, live):
    """The JSON-able state of one live sitting (the same for the page, the stream and the API)."""
    return {
        "id": live.pk,
        "version": live.version,
        "on_air": live.on_air,
        "item_status": live.item_status,
        "updated_at": live.updated_at.isoformat() if live.updated_at else None,
    }


def live_state_for_topic(*, topic):
    pk = pk_from_topic(topic)
    live = LiveSitting.objects.filter(pk=pk).first() if pk is not None else None
    return live_state(live=live) if live is not None else None


def live_versions(*, topics):
    """The current version of each topic, in one query (the polling bus)."""
    pks = {pk_from_topic(topic): topic for topic in topics}
    pks.pop(None, None)
    rows = LiveSitting.objects.filter(pk__in=pks).values_list("pk", "version")
    return {pks[pk]: version for pk, version in rows}
