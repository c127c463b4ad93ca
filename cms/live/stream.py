"""Server-Sent Events: one long-lived response per viewer, fed by the process's hub."""

import asyncio
import json
import time

from django.http import StreamingHttpResponse

from .bus import POLL_SECONDS, current_hub

KEEPALIVE_SECONDS = 15
RETRY_MS = 1000


def sse_event(*, version, state, event="state"):
    data = json.dumps(state, ensure_ascii=False, separators=(",", ":"))
    return f"id: {version}\nevent: {event}\ndata: {data}\n\n"


async def _events(topic, version, state):
    yield f"retry: {RETRY_MS}\n\n"
    yield sse_event(version=version, state=state)
    async with current_hub().subscribe(topic) as queue:
        while True:
            try:
                new_version, new_state = await asyncio.wait_for(queue.get(), timeout=KEEPALIVE_SECONDS)
            except TimeoutError:
                # A comment line keeps proxies from closing an idle connection.
                yield ": keep-alive\n\n"
                continue
            if new_version > version:
                version = new_version
                yield sse_event(version=version, state=new_state)


def _polled_events(topic, version, state, load):
    """The same stream for a WSGI server (the development server, the test server), which
    cannot serve an endless async stream: a thread per viewer reads the state every second."""
    yield f"retry: {RETRY_MS}\n\n"
    yield sse_event(version=version, state=state)
    quiet = 0.0
    while True:
        time.sleep(POLL_SECONDS)
        new_state = load(topic)
        if new_state is not None and new_state["version"] > version:
            version, quiet = new_state["version"], 0.0
            yield sse_event(version=version, state=new_state)
        else:
            quiet += POLL_SECONDS
            if quiet >= KEEPALIVE_SECONDS:
                quiet = 0.0
                yield ": keep-alive\n\n"


def event_stream_response(*, topic, version, state, asgi=True, load=None):
    """The viewer gets the current state at once, then every newer one as it happens."""
    events = _events(topic, version, state) if asgi else _polled_events(topic, version, state, load)
    response = StreamingHttpResponse(events, content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache, no-store"
    # nginx and similar proxies must not buffer the stream.
    response["X-Accel-Buffering"] = "no"
    return response
