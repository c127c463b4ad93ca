"""The live page of a sitting and its event stream."""

from asgiref.sync import sync_to_async
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from .models import LiveSitting
from .selectors import live_state
from .stream import event_stream_response


def _get_state(pk):
    live = get_object_or_404(LiveSitting, pk=pk)
    return live.topic, live.version, live_state(live=live)


@require_GET
async def live_events(request, pk):
    """Server-Sent Events: the state now, then each change as it is committed."""
    try:
        topic, version, state = await sync_to_async(_get_state)(pk)
    except LiveSitting.DoesNotExist as error:
        raise Http404 from error
    return event_stream_response(topic=topic, version=version, state=state)
