"""The live page of a sitting and its event stream."""

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.db import connection
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.models import Site

from cms.legislation.models import Sitting

from .models import ItemStatus, LiveSettings
from .selectors import live_sittings, live_state, live_state_for_topic, on_air_sitting
from .stream import event_stream_response

# Without JavaScript the page reloads itself this often.
NOSCRIPT_REFRESH_SECONDS = 5


def _broadcast_url(request):
    site = Site.find_for_request(request)
    return LiveSettings.for_site(site).broadcast_embed_url if site else ""


def _render_live(request, live):
    context = {
        "live": live,
        "state": live_state(live=live) if live else None,
        "broadcast_url": _broadcast_url(request),
        "statuses": dict(ItemStatus.choices),
        "outcomes": {"true": _("Carried"), "false": _("Not carried")},
        "refresh_seconds": NOSCRIPT_REFRESH_SECONDS,
        "upcoming": [] if live else Sitting.objects.upcoming().select_related("committee")[:5],
    }
    return render(request, "live/live.html", context)


@require_GET
@never_cache
def live_now(request):
    """The sitting on air now, or when the next ones are."""
    return _render_live(request, on_air_sitting())


@require_GET
@never_cache
def live_sitting(request, pk):
    return _render_live(request, get_object_or_404(live_sittings(), pk=pk))


def _get_state(pk):
    try:
        live = get_object_or_404(live_sittings(), pk=pk)
        return live.topic, live.version, live_state(live=live)
    finally:
        # A stream stays open for hours in a thread of its own: it must not hold one of the
        # database's connections all that time.
        if not connection.in_atomic_block:
            connection.close()


@require_GET
async def live_events(request, pk):
    """Server-Sent Events: the state now, then each change as it is committed."""
    topic, version, state = await sync_to_async(_get_state)(pk)
    return event_stream_response(topic=topic, version=version, state=state, asgi=isinstance(request, ASGIRequest),
                                 load=_load_polled)


def _load_polled(topic):
    try:
        return live_state_for_topic(topic=topic)
    finally:
        connection.close()
