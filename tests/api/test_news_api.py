import pytest
from wagtail.models import Locale

from tests.factories import NewsCategoryFactory, add_article, make_site, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    site = make_site()
    category = NewsCategoryFactory(name="ประกาศ", slug="announcements")
    article = add_article(site["news_th"], title="ข่าวไทย", slug="thai", category=category, tags=["ร้องเรียน"])
    translate(article, Locale.objects.get(language_code="en"), title="English news")
    add_article(site["news_th"], title="ข่าวอื่น", slug="other")
    return site


def test_list_in_thai_by_default(client, site):
    response = client.get("/api/v1/news/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {item["title"] for item in body["results"]} == {"ข่าวไทย", "ข่าวอื่น"}
    assert all(item["language"] == "th" for item in body["results"])


def test_list_in_english_with_lang_or_accept_language(client, site):
    by_param = client.get("/api/v1/news/?lang=en").json()
    assert [item["title"] for item in by_param["results"]] == ["English news"]
    by_header = client.get("/api/v1/news/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [item["title"] for item in by_header["results"]] == ["English news"]


def test_filters_and_pagination(client, site):
    body = client.get("/api/v1/news/?category=announcements").json()
    assert [item["slug"] for item in body["results"]] == ["thai"]
    assert client.get("/api/v1/news/?tag=ร้องเรียน").json()["count"] == 1
    page = client.get("/api/v1/news/?page_size=1").json()
    assert len(page["results"]) == 1 and page["next"]


def test_detail_links_its_translations(client, site):
    thai = client.get("/api/v1/news/").json()["results"]
    article_id = next(item["id"] for item in thai if item["slug"] == "thai")
    detail = client.get(f"/api/v1/news/{article_id}/").json()
    assert detail["title"] == "ข่าวไทย"
    assert set(detail["translations"]) == {"th", "en"}
    assert detail["url"] == "http://testserver/th/news/thai/"


def test_errors_share_one_format_in_the_readers_language(client, site):
    thai = client.get("/api/v1/news/999999/")
    assert thai.status_code == 404
    assert thai.json() == {"error": {"status": 404, "code": "not_found", "message": "ไม่พบ"}}
    english = client.get("/api/v1/news/999999/?lang=en").json()
    assert english["error"]["message"] == "Not found."
    bad_page = client.get("/api/v1/news/?page=99")
    assert bad_page.status_code == 404
    assert bad_page.json()["error"]["code"] == "not_found"


def test_throttling_answers_429_in_the_error_format(client, site, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    # DRF reads the rates once, into a class attribute; monkeypatch restores it.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, "anon": "2/minute"})
    statuses = [client.get("/api/v1/news/").status_code for _ in range(3)]
    last = client.get("/api/v1/news/")
    assert statuses == [200, 200, 429]
    assert last.json()["error"]["code"] == "throttled"
    assert last.json()["error"]["retry_after_seconds"] > 0


def test_schema_and_docs(client):
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/news/" in text
    assert "/admin/" not in text
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    # Swagger UI is served from the project (drf-spectacular-sidecar), not a CDN.
    assert "cdn" not in docs.content.decode().lower()


def test_api_root_lists_resources(client):
    body = client.get("/api/v1/").json()
    assert body["version"] == "v1"
    assert body["resources"]["news"].endswith("/api/v1/news/")
