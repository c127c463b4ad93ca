"""The client's address behind the load balancer: X-Forwarded-For is believed
only as far as the trusted proxies wrote it, and every limit per address
(the API throttles, the PIN limit) counts that address."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse
from rest_framework.test import APIClient

from cms.api import throttling
from cms.base.clientip import client_ip

PROXY = "10.0.0.5"


def request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "192.168.7.1"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


def test_a_spoofed_header_from_an_untrusted_peer_is_ignored(behind_proxy):
    assert client_ip(request("203.0.113.9", "198.51.100.1, 10.0.0.5")) == "203.0.113.9"


def test_the_header_is_read_from_the_right_past_the_trusted_proxies(behind_proxy):
    # The client wrote "1.1.1.1" itself; the balancer appended its real address; a second proxy its own.
    assert client_ip(request(PROXY, "1.1.1.1, 198.51.100.7, 192.168.7.1")) == "198.51.100.7"
    assert client_ip(request(PROXY, "198.51.100.7")) == "198.51.100.7"
    assert client_ip(request(PROXY, " 2001:db8::1 ")) == "2001:db8::1"


def test_a_proxy_without_the_header_or_with_garbage_is_taken_as_is(behind_proxy):
    assert client_ip(request(PROXY)) == PROXY
    assert client_ip(request(PROXY, "not-an-address, 192.168.7.1")) == "192.168.7.1"


def test_a_wrong_proxy_setting_is_refused(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/33"]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        client_ip(request(PROXY))


@pytest.fixture
def strict_filing(monkeypatch):
    """Two filings per address per hour, so the third is throttled."""
    monkeypatch.setattr(throttling.ScopedRateThrottle, "THROTTLE_RATES",
                        {**throttling.ScopedRateThrottle.THROTTLE_RATES, "case_filing": "2/hour"})


@pytest.mark.django_db
def test_behind_the_proxy_two_citizens_are_throttled_separately(behind_proxy, strict_filing):
    api = APIClient()
    url = reverse("v1:case-list")

    def post(citizen):
        # An empty filing is refused as invalid (400) once past the throttle, but still counts.
        return api.post(url, {}, format="json", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=citizen).status_code

    assert [post("198.51.100.1") for _ in range(3)] == [400, 400, 429]
    assert post("198.51.100.2") == 400


@pytest.mark.django_db
def test_a_spoofed_header_does_not_escape_the_throttle(behind_proxy, strict_filing):
    api = APIClient()
    statuses = [api.post(reverse("v1:case-list"), {}, format="json", REMOTE_ADDR="203.0.113.9",
                         HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code for n in range(3)]
    assert statuses == [400, 400, 429]


@pytest.mark.django_db
def test_the_pin_limit_counts_the_client_behind_the_proxy(behind_proxy, settings):
    settings.CASES_PIN_RATE_PER_IP = 2
    api = APIClient()
    url = reverse("v1:case-detail", kwargs={"code": "ABCDEFGHJK"})

    def track(**extra):
        return api.get(url, HTTP_X_CASE_PIN="123456", REMOTE_ADDR=PROXY, **extra).status_code

    assert [track(HTTP_X_FORWARDED_FOR="198.51.100.1") for _ in range(3)] == [403, 403, 429]
    # Another citizen behind the same balancer is not locked out.
    assert track(HTTP_X_FORWARDED_FOR="198.51.100.2") == 403
    # The locked-out one cannot escape by writing another address in front.
    assert track(HTTP_X_FORWARDED_FOR="198.51.100.9, 198.51.100.1") == 429
