"""Reads of the live state: what the page, the event stream and the API show."""

from django.db.models import Prefetch

from cms.legislation.models import Vote

from .models import LiveSitting, pk_from_topic


def live_sittings():
    """Live sittings with everything their state shows, in a constant number of queries."""
    return LiveSitting.objects.select_related(
        "sitting", "sitting__committee", "current_item", "current_item__bill",
    ).prefetch_related(Prefetch("current_item__votes", queryset=Vote.objects.order_by("-date", "-pk")))


def on_air_sitting():
    """The sitting being broadcast now (the most recently changed if several are), or None."""
    return live_sittings().on_air().order_by("-updated_at").first()


def _vote_state(vote):
    if vote is None:
        return None
    return {"id": vote.pk, "title": vote.title, "passed": vote.passed, "yes": vote.yes, "no": vote.no,
            "abstain": vote.abstain, "not_voting": vote.not_voting}


def live_state(*, live):
    """The JSON-able state of one live sitting: the same for the page, the stream and the API.

    Titles come from the record as the Senate wrote them; labels are the page's own, so the
    state is the same in Thai and English."""
    item = live.current_item
    vote = None
    if item is not None:
        votes = list(item.votes.all())
        vote = votes[0] if votes else None
    return {
        "id": live.pk,
        "sitting": live.sitting_id,
        "version": live.version,
        "on_air": live.on_air,
        "item": None if item is None else {
            "id": item.pk, "number": item.number, "title": item.title,
            "bill": None if item.bill_id is None else {"id": item.bill_id, "title": item.bill.title},
        },
        "item_status": live.item_status,
        "vote": _vote_state(vote),
        "updated_at": live.updated_at.isoformat() if live.updated_at else None,
    }


def live_state_for_topic(*, topic):
    pk = pk_from_topic(topic)
    live = live_sittings().filter(pk=pk).first() if pk is not None else None
    return live_state(live=live) if live is not None else None


def live_versions(*, topics):
    """The current version of each topic, in one query (the polling bus)."""
    pks = {pk_from_topic(topic): topic for topic in topics}
    pks.pop(None, None)
    rows = LiveSitting.objects.filter(pk__in=pks).values_list("pk", "version")
    return {pks[pk]: version for pk, version in rows}
