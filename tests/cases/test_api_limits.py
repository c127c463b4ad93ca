"""The API's limits per operation and per client address (behind the trusted
proxy): reading, filing and PIN checks are counted apart, so a citizen who
reaches the filing limit can still read and track, and one address's limits
leave another's alone."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


@pytest.fixture
def limits(settings, monkeypatch):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    # DRF reads the rates once, into a class attribute; monkeypatch restores it.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {
        **SimpleRateThrottle.THROTTLE_RATES, "anon": "30/minute", "case_filing": "2/hour", "case_pin": "3/minute"})


def client_at(address):
    return APIClient(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def filing(world):
    return {"category": world["category"].slug, "subject": "ไฟทางดับ", "consent": True, "anonymous": True,
            "description": "ไฟทางในซอยดับมาหลายสัปดาห์ ประชาชนเดินทางกลับบ้านตอนกลางคืนไม่ปลอดภัย"}


def test_filing_has_its_own_strict_limit_per_address(world, limits):
    citizen = client_at("198.51.100.1")
    statuses = [citizen.post(reverse("v1:case-list"), filing(world), format="json").status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    refused = citizen.post(reverse("v1:case-list") + "?lang=en", filing(world), format="json")
    assert refused.json()["error"]["code"] == "throttled" and int(refused.headers["Retry-After"]) > 0
    # Reading is not filing: the same address still reads, and a neighbour still files.
    assert citizen.get(reverse("v1:case-category-list")).status_code == 200
    assert client_at("198.51.100.2").post(reverse("v1:case-list"), filing(world), format="json").status_code == 201


def test_filing_is_not_counted_as_reading(world, limits, monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "1/minute")
    citizen = client_at("198.51.100.1")
    statuses = [citizen.post(reverse("v1:case-list"), filing(world), format="json").status_code for _ in range(2)]
    assert statuses == [201, 201]
    assert [citizen.get(reverse("v1:case-category-list")).status_code for _ in range(2)] == [200, 429]


def test_pin_checks_have_their_own_strict_limit_per_address(world, limits):
    filed = client_at("198.51.100.9").post(reverse("v1:case-list"), filing(world), format="json").json()
    detail = reverse("v1:case-detail", kwargs={"code": filed["code"]})
    guesser = client_at("198.51.100.1")
    statuses = [guesser.get(detail, HTTP_X_CASE_PIN=f"{n:06d}").status_code for n in range(3)]
    assert statuses == [403, 403, 403]
    # Over the limit even with the right PIN, and for the citizen's actions too.
    assert guesser.get(detail, HTTP_X_CASE_PIN=filed["pin"]).status_code == 429
    withdraw = reverse("v1:case-withdraw", kwargs={"code": filed["code"]})
    assert guesser.post(withdraw, {}, format="json", HTTP_X_CASE_PIN=filed["pin"]).status_code == 429
    assert client_at("198.51.100.2").get(detail, HTTP_X_CASE_PIN=filed["pin"]).status_code == 200


def test_the_schema_documents_the_limits(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "429" in schema["paths"]["/api/v1/cases/"]["post"]["responses"]
    assert "429" in schema["paths"]["/api/v1/cases/{code}/"]["get"]["responses"]
