"""A live sitting: the state, its announcement between processes, the page and the stream."""

import asyncio
import json
import threading

import pytest
from asgiref.sync import sync_to_async
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import AsyncClient

from cms.live import bus
from cms.live.models import ItemStatus, LiveSettings, LiveSitting
from cms.live.selectors import live_state
from cms.live.services import live_update
from tests.factories import AgendaItemFactory, LiveSittingFactory, VoteFactory, make_site
from tests.relay import listener


def _listen():
    return listener(bus.CHANNEL)


def _notices(listener, timeout=2.0):
    return [json.loads(n.payload) for n in listener.notifies(timeout=timeout, stop_after=1)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_is_announced_once_committed_and_never_when_rolled_back():
    live = LiveSittingFactory()
    item = AgendaItemFactory(sitting=live.sitting)
    listener = _listen()
    try:
        live = live_update(live=live, current_item=item, item_status=ItemStatus.DEBATING)
        [message] = _notices(listener)
        assert message["topic"] == live.topic and message["version"] == live.version == 1
        assert message["state"]["item"]["title"] == item.title and message["state"]["item_status"] == "debating"

        with pytest.raises(RuntimeError), transaction.atomic():
            live_update(live=live, item_status=ItemStatus.VOTING)
            raise RuntimeError("the officer's save failed")
        assert _notices(listener, timeout=0.5) == []
        assert LiveSitting.objects.get(pk=live.pk).version == 1
    finally:
        listener.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_vote_on_the_item_under_consideration_reaches_the_page():
    live = LiveSittingFactory()
    item = AgendaItemFactory(sitting=live.sitting)
    live = live_update(live=live, current_item=item, item_status=ItemStatus.VOTING)
    listener = _listen()
    try:
        VoteFactory(sitting=live.sitting, agenda_item=item, yes=180, no=12, abstain=3, passed=True)
        [message] = _notices(listener)
        assert message["version"] == 2
        assert message["state"]["vote"] | {"id": None} == {"id": None, "title": message["state"]["vote"]["title"],
                                                         "passed": True, "yes": 180, "no": 12, "abstain": 3,
                                                         "not_voting": 5}
    finally:
        listener.close()


@pytest.mark.django_db
def test_the_item_must_be_on_the_sittings_agenda():
    live = LiveSittingFactory()
    other = AgendaItemFactory()
    with pytest.raises(ValidationError):
        live_update(live=live, current_item=other)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_open_stream_of_the_process_hears_a_change():
    live = LiveSittingFactory()
    item = AgendaItemFactory(sitting=live.sitting)

    async def scenario():
        hub = bus.current_hub()
        async with hub.subscribe(live.topic) as first, hub.subscribe(live.topic) as second:
            await asyncio.sleep(0.5)  # the listener's LISTEN is in place
            await sync_to_async(live_update, thread_sensitive=False)(live=live, current_item=item,
                                                                    item_status=ItemStatus.VOTED)
            heard = await asyncio.wait_for(asyncio.gather(first.get(), second.get()), timeout=5)
        return heard

    heard = asyncio.run(scenario())
    assert [version for version, _state in heard] == [1, 1]
    assert all(state["item"]["id"] == item.pk for _version, state in heard)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_event_stream_starts_with_the_current_state():
    live = LiveSittingFactory()
    live = live_update(live=live, current_item=AgendaItemFactory(sitting=live.sitting), item_status="debating")

    async def first_event():
        response = await AsyncClient().get(f"/live/{live.pk}/events/")
        assert response["Content-Type"].startswith("text/event-stream")
        chunks = []
        async for chunk in response.streaming_content:
            chunks.append(chunk.decode() if isinstance(chunk, bytes) else chunk)
            if "data:" in "".join(chunks):
                break
        return "".join(chunks)

    text = asyncio.run(first_event())
    data = json.loads(text.split("data: ", 1)[1].split("\n", 1)[0])
    assert f"id: {live.version}" in text and data == live_state(live=live)


@pytest.mark.django_db
def test_the_stream_of_an_unknown_sitting_is_404(client):
    assert client.get("/live/999999/events/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("language, heading", [("th", "กำลังพิจารณา"), ("en", "Now under consideration")])
def test_the_live_page_shows_the_item_and_works_without_javascript(client, language, heading):
    make_site()
    live = LiveSittingFactory()
    item = AgendaItemFactory(sitting=live.sitting)
    live_update(live=live, current_item=item, item_status=ItemStatus.DEBATING)
    response = client.get(f"/{language}/live/")
    html = response.content.decode()
    assert response.status_code == 200
    assert item.title in html and heading in html
    assert '<noscript><meta http-equiv="refresh"' in html
    assert f'data-live-stream="/live/{live.pk}/events/"' in html


@pytest.mark.django_db
def test_without_a_sitting_on_air_the_page_says_so(client):
    make_site()
    LiveSittingFactory(on_air=False)
    response = client.get("/th/live/")
    assert response.status_code == 200 and "ไม่มีการประชุม" in response.content.decode()


@pytest.mark.django_db
def test_the_broadcast_must_come_from_an_origin_the_csp_allows():
    from wagtail.models import Site

    settings_ = LiveSettings(site=Site.objects.get(is_default_site=True),
                             broadcast_embed_url="https://evil.example/embed")
    with pytest.raises(ValidationError):
        settings_.full_clean()
    settings_.broadcast_embed_url = "https://www.youtube.com/embed/live_stream?channel=UC1"
    settings_.full_clean()


def test_the_hub_lets_a_slow_viewer_skip_to_the_latest_state():
    async def scenario():
        async with bus.current_hub().subscribe("live:test-slow") as queue:
            for version in range(1, bus.QUEUE_SIZE + 5):
                bus.current_hub()._fan_out("live:test-slow", version, {"v": version})
            seen = []
            while not queue.empty():
                seen.append(queue.get_nowait()[0])
        return seen

    seen = asyncio.run(scenario())
    assert seen[-1] == bus.QUEUE_SIZE + 4 and len(seen) == bus.QUEUE_SIZE


