"""Malformed and refused requests: JSON in the API's error format under
/api/, the site's own page in the request's language elsewhere."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.urls import reverse
from rest_framework.test import APIClient

from cases import services
from cms.base.errors import bad_request, permission_denied, server_error
from tests.factories import make_site

pytestmark = pytest.mark.django_db

CODE = "ABCDEFGHJK"
DEEP = "[" * 3000 + "]" * 3000  # 6 KB, 3,000 deep


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def site():
    return make_site()


def assert_api_error(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code and error["message"]
    return error


@pytest.mark.parametrize("url", [
    reverse("v1:case-list"),
    *(reverse(f"v1:case-{action}", kwargs={"code": CODE}) for action in ["reply", "confirm", "reopen", "withdraw", "rate"]),
])
def test_deeply_nested_json_is_a_400(api, url):
    response = api.post(url, DEEP, content_type="application/json", HTTP_X_CASE_PIN="123456")
    error = assert_api_error(response, 400, "parse_error")
    assert "32" in error["message"]


def test_nesting_under_the_limit_is_only_invalid_and_the_limit_holds_for_objects(api):
    shallow = api.post(reverse("v1:case-list"), '{"subject": [[["x"]]]}', content_type="application/json")
    assert_api_error(shallow, 400, "invalid")
    deep_object = '{"a":' * 40 + "1" + "}" * 40
    assert_api_error(api.post(reverse("v1:case-list"), deep_object, content_type="application/json"), 400, "parse_error")


def test_broken_json_is_a_400_in_thai(api):
    error = assert_api_error(api.post(reverse("v1:case-list") + "?lang=th", "{", content_type="application/json"),
                             400, "parse_error")
    assert "JSON" in error["message"] and "ไม่" in error["message"]


def test_a_body_over_the_limit_is_a_413_under_the_api(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"subject": "%s"}' % ("ก" * 2000)
    assert_api_error(api.post(reverse("v1:case-list"), body, content_type="application/json"), 413, "too_large")
    form = api.post(reverse("v1:case-list"), {"subject": "x" * 2000}, format="multipart")
    assert_api_error(form, 413, "too_large")


def test_a_form_over_the_limit_is_a_413_page_in_the_sites_language(site, client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    thai = client.post("/th/cases/new/", {"subject": "x" * 2000})
    assert thai.status_code == 413 and 'lang="th"' in thai.text
    assert "ใหญ่เกิน" in thai.text and "too large" not in thai.text
    english = client.post("/en/cases/new/", {"subject": "x" * 2000})
    assert english.status_code == 413 and "too large" in english.text


def test_too_many_fields_is_a_400_page(site, client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    response = client.post("/th/cases/new/", {f"f{n}": "x" for n in range(10)})
    assert response.status_code == 400 and 'lang="th"' in response.text and "คำขอ" in response.text


def test_unmatched_api_paths_answer_json(api):
    for path in ["/api/", "/api/nothing/", "/api/v1/nothing/", "/api/v2/cases/", "/api/v1/cases/short/"]:
        assert_api_error(api.get(path), 404, "not_found")
    english = assert_api_error(api.get("/api/v1/nothing/?lang=en"), 404, "not_found")
    assert english["message"] == "Not found."


def test_page_errors_stay_pages(site, client):
    response = client.get("/th/no-such-page/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")
    assert "ไม่พบหน้าที่ต้องการ" in response.text


def test_forbidden_is_json_under_the_api_and_a_page_elsewhere(site, rf):
    api_response = permission_denied(rf.get("/api/v1/cases/?lang=en"), PermissionDenied())
    assert api_response.status_code == 403
    page = permission_denied(rf.get("/th/cases/attachments/1/"), PermissionDenied())
    assert page.status_code == 403 and b"<h1>" in page.content


def test_bad_request_handler_under_the_api(rf):
    assert bad_request(rf.get("/api/v1/cases/"), None).status_code == 400


def test_a_lost_database_is_a_503_to_retry(api, monkeypatch):
    def down(**kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(services, "case_check_pin", down)
    response = api.get(reverse("v1:case-detail", kwargs={"code": CODE}), HTTP_X_CASE_PIN="123456")
    assert_api_error(response, 503, "unavailable")
    assert response["Retry-After"] == "5"


@pytest.mark.parametrize("path,content_type", [("/api/v1/cases/", "application/json"), ("/th/", "text/html")])
def test_the_500_handler_turns_a_lost_database_into_a_503(rf, path, content_type):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get(path))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response["Content-Type"].startswith(content_type)


def test_the_500_handler_under_the_api_is_json(rf):
    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(rf.get("/api/v1/news/"))
    assert response.status_code == 500 and json.loads(response.content)["error"]["code"] == "error"


def test_a_form_without_its_token_gets_the_sites_page(site):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/th/cases/new/", {"subject": "x"})
    assert response.status_code == 403 and 'lang="th"' in response.text and "แบบฟอร์มหมดอายุแล้ว" in response.text
