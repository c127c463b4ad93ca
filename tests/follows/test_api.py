"""/api/v1/follows/, /api/v1/feed-events/ and /api/v1/live/ for the mobile app."""

import pytest

from cms.legislation.services import bill_move
from cms.live.services import live_update
from cms.records.models import Follower
from tests.factories import AgendaItemFactory, BillFactory, LiveSittingFactory, legislative_staff

pytestmark = pytest.mark.django_db


def test_an_app_registers_a_follow_and_the_address_must_be_confirmed(client, sent_mail):
    bill = BillFactory()
    response = client.post("/api/v1/follows/", {"email": "app@example.com", "feed": f"bills:kind:{bill.kind}",
                                                "language": "en"}, content_type="application/json")
    assert response.status_code == 202
    assert response.json() == {"feed": f"bills:kind:{bill.kind}", "confirmed": False}
    assert sent_mail()[0].to == ["app@example.com"] and Follower.objects.get().language == "en"


@pytest.mark.parametrize("lang, message", [("th", "ไม่มีเรื่องที่ติดตามได้ตามชื่อนี้"), ("en", "There is nothing to follow")])
def test_a_follow_of_nothing_is_a_clear_error(client, lang, message):
    response = client.post(f"/api/v1/follows/?lang={lang}", {"email": "app@example.com", "feed": "committee:0"},
                           content_type="application/json")
    assert response.status_code == 400
    assert message in response.json()["error"]["fields"]["feed"][0]


def test_events_since_a_cursor(client, django_user_model):
    clerk = legislative_staff(django_user_model)
    bill, other = BillFactory(), BillFactory()
    bill_move(bill=bill, transition="receive", by=clerk)
    bill_move(bill=other, transition="receive", by=clerk)
    bill_move(bill=bill, transition="first_reading", by=clerk)
    first = client.get(f"/api/v1/feed-events/?feeds=bill:{bill.pk}&since=0&lang=en").json()
    assert [event["data"]["to"] for event in first["events"]] == ["received", "first_reading"]
    assert first["events"][0]["title"].endswith("Received from the House") and first["more"] is False
    after = client.get(f"/api/v1/feed-events/?feeds=bill:{bill.pk}&since={first['events'][0]['id']}").json()
    assert [event["data"]["to"] for event in after["events"]] == ["first_reading"]
    assert after["cursor"] == first["cursor"]
    assert client.get(f"/api/v1/feed-events/?feeds=bill:{bill.pk}&since={first['cursor']}").json()["events"] == []
    # Digits that are not numbers (superscripts): a cursor of them is a clear error, a key of them names nothing.
    assert client.get(f"/api/v1/feed-events/?feeds=bill:{bill.pk}&since=²").status_code == 400
    assert client.get("/api/v1/feed-events/?feeds=bill:²&since=0").json()["events"] == []


def test_events_need_feeds_and_a_whole_number_cursor(client):
    assert client.get("/api/v1/feed-events/").status_code == 400
    assert client.get("/api/v1/feed-events/?feeds=bill:1&since=-1").json()["error"]["code"] == "invalid"


def test_the_live_state_for_the_app(client):
    live = LiveSittingFactory()
    item = AgendaItemFactory(sitting=live.sitting)
    live_update(live=live, current_item=item, item_status="voting")
    LiveSittingFactory(on_air=False)
    [state] = client.get("/api/v1/live/").json()
    assert state["item"]["title"] == item.title and state["item_status"] == "voting" and state["version"] == 1
    assert state["events_url"].endswith(f"/live/{live.pk}/events/")
    assert client.get(f"/api/v1/live/{live.pk}/").json()["id"] == live.pk
    assert client.get("/api/v1/live/999999/").status_code == 404


def test_the_schema_documents_follows_and_live(client):
    paths = client.get("/api/v1/schema/?format=json").json()["paths"]
    assert {"/api/v1/follows/", "/api/v1/feed-events/", "/api/v1/live/", "/api/v1/live/{id}/"} <= set(paths)
