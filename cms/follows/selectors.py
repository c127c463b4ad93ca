"""Reads of follows: a feed's events after a cursor (the Atom feeds and the mobile API)."""

from cms.records.models import FeedEvent


def feed_events(*, keys, since=0, limit=50):
    """Events of the feeds ``keys`` with an id above ``since``, oldest first."""
    return (FeedEvent.objects.filter(feeds__key__in=keys, pk__gt=since).select_related("subject_type")
            .distinct().order_by("pk")[:limit])


def latest_feed_events(*, key, limit=30):
    return FeedEvent.objects.filter(feeds__key=key).select_related("subject_type").order_by("-pk")[:limit]
