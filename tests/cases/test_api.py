"""The cases API: filing with Idempotency-Key, tracking with the PIN, the
citizen's actions, the schema and the error format."""

import json
import threading
import uuid

import pytest
from django.db import IntegrityError, connection
from django.urls import reverse
from rest_framework.test import APIClient

from cases import services
from cases.models import Case, CaseState as S, IdempotencyKey

from .factories import PNG, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def body(world, **overrides):
    data = {
        "kind": "suggestion", "category": world["category"].slug, "subject": "ขอให้เพิ่มรถโดยสารสาธารณะ",
        "description": "ขอให้เพิ่มเที่ยวรถโดยสารประจำทางสาย 8 ในช่วงเช้า ผู้โดยสารรอนานมาก",
        "contact_name": "วิชัย ทองดี", "contact_email": "wichai@example.org", "consent": True,
    }
    data.update(overrides)
    return data


def test_file_then_track_with_the_pin(api, world):
    response = api.post(reverse("v1:case-list"), body(world), format="json")
    assert response.status_code == 201, response.content
    filed = response.json()
    assert len(filed["pin"]) == 6 and filed["state"] == "received"
    case = Case.objects.get(code=filed["code"])
    assert case.channel == "api" and case.kind == "suggestion"
    detail = api.get(reverse("v1:case-detail", kwargs={"code": filed["display_code"]}),
                     HTTP_X_CASE_PIN=filed["pin"])
    assert detail.status_code == 200
    data = detail.json()
    assert data["subject"] == "ขอให้เพิ่มรถโดยสารสาธารณะ" and data["timeline"][0]["kind"] == "filed"
    assert data["actions"]["withdraw"] is True and data["actions"]["reply"] is False
    english = api.get(reverse("v1:case-detail", kwargs={"code": filed["code"]}) + "?lang=en", HTTP_X_CASE_PIN=filed["pin"])
    assert english.json()["state_label"] == "Received"


def test_a_pin_in_the_query_string_is_refused(api, world):
    filed = api.post(reverse("v1:case-list"), body(world), format="json").json()
    url = reverse("v1:case-detail", kwargs={"code": filed["code"]})
    response = api.get(f"{url}?pin={filed['pin']}&lang=en")
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "pin_in_query" and "X-Case-PIN" in response.json()["error"]["message"]
    withdraw = api.post(reverse("v1:case-withdraw", kwargs={"code": filed["code"]}) + f"?pin={filed['pin']}", {},
                        format="json")
    assert withdraw.status_code == 400 and Case.objects.get(code=filed["code"]).state == S.RECEIVED
    in_body = api.post(reverse("v1:case-withdraw", kwargs={"code": filed["code"]}), {"pin": filed["pin"]},
                       format="json")
    assert in_body.status_code == 200 and in_body.json()["state"] == "withdrawn"


def test_validation_errors_use_the_shared_format_in_the_requested_language(api, world):
    response = api.post(reverse("v1:case-list") + "?lang=th", body(world, consent=False, category="nope"), format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["status"] == 400
    assert "category" in error["fields"]
    response = api.post(reverse("v1:case-list") + "?lang=en", body(world, consent=False), format="json")
    assert response.json()["error"]["fields"]["consent"] == ["Please agree to the personal data notice to file your case."]
    assert Case.objects.count() == 0


def test_multipart_filing_with_a_photo_and_a_disguised_file(api, world):
    ok = api.post(reverse("v1:case-list"), {**body(world), "attachments": [upload("a.png", PNG)]}, format="multipart")
    assert ok.status_code == 201
    assert Case.objects.get(code=ok.json()["code"]).attachments.count() == 1
    bad = api.post(reverse("v1:case-list"), {**body(world), "attachments": [upload("a.pdf", b"<html>not a pdf</html>")]},
                   format="multipart")
    assert bad.status_code == 400 and "attachments" in bad.json()["error"]["fields"]


def test_idempotency_key_replays_the_first_answer(api, world):
    key = str(uuid.uuid4())
    first = api.post(reverse("v1:case-list"), body(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
    second = api.post(reverse("v1:case-list"), body(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == 201 and second.status_code == 200
    assert second.json() == first.json() and second["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1
    other = api.post(reverse("v1:case-list"), body(world, subject="เรื่องอื่น"), format="json",
                     HTTP_IDEMPOTENCY_KEY=key)
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"
    assert Case.objects.count() == 1


def test_the_replay_keeps_no_plain_pin_and_survives_a_key_rotation(api, world, settings):
    key = str(uuid.uuid4())
    first = api.post(reverse("v1:case-list"), body(world), format="json", HTTP_IDEMPOTENCY_KEY=key).json()
    stored = IdempotencyKey.objects.get(key=key).response
    assert "pin" not in stored and first["pin"] not in json.dumps(stored)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "rotated-" + "z" * 50
    replayed = api.post(reverse("v1:case-list"), body(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert replayed.status_code == 200 and replayed.json()["pin"] == first["pin"]
    tracked = api.get(reverse("v1:case-detail", kwargs={"code": first["code"]}), HTTP_X_CASE_PIN=replayed.json()["pin"])
    assert tracked.status_code == 200


def test_a_failed_submission_does_not_burn_its_key(api, world):
    key = "retry-after-fix"
    assert api.post(reverse("v1:case-list"), body(world, consent=False), format="json",
                    HTTP_IDEMPOTENCY_KEY=key).status_code == 400
    assert not IdempotencyKey.objects.filter(key=key).exists()
    assert api.post(reverse("v1:case-list"), body(world), format="json", HTTP_IDEMPOTENCY_KEY=key).status_code == 201


def test_the_offered_categories_are_read_once_and_forgotten_when_one_changes(
        api, world, django_assert_num_queries, django_capture_on_commit_callbacks):
    from cases.models import SLA
    from cases.models.reference import offered_category

    category = world["category"]
    assert offered_category(category.slug) == category
    with django_assert_num_queries(0):
        assert offered_category(category.slug).pk == category.pk and offered_category("no-such") is None
    with django_capture_on_commit_callbacks(execute=True):
        SLA.objects.create(category=category, acknowledge_days=1, resolve_days=2)
    assert offered_category(category.slug).sla.resolve_days == 2
    with django_capture_on_commit_callbacks(execute=True):
        category.active = False
        category.save()
    response = api.post(reverse("v1:case-list"), body(world), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "category" in response.json()["error"]["fields"]
    assert not Case.objects.exists()


def draws(*codes):
    """A stand-in for new_code that draws ``codes`` in turn."""
    drawn = iter(codes)
    return lambda: next(drawn)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_code_already_taken_is_drawn_again_with_the_key_kept_once(api, world, monkeypatch):
    taken = api.post(reverse("v1:case-list"), body(world), format="json").json()["code"]
    monkeypatch.setattr("cases.services.filing.new_code", draws(taken, taken, "ABCDE23456"))
    key = str(uuid.uuid4())
    response = api.post(reverse("v1:case-list"), body(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code == 201 and response.json()["code"] == "ABCDE23456"
    case = Case.objects.get(code="ABCDE23456")
    assert IdempotencyKey.objects.get(key=key).case == case
    assert case.events.count() == 1 and Case.objects.count() == 2
    monkeypatch.undo()  # the retry draws a code of its own for the case it rolls back
    assert api.post(reverse("v1:case-list"), body(world), format="json",
                    HTTP_IDEMPOTENCY_KEY=key).json()["pin"] == response.json()["pin"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_code_taken_at_every_draw_fails_the_filing_and_leaves_nothing(api, world, monkeypatch):
    taken = api.post(reverse("v1:case-list"), body(world), format="json").json()["code"]
    monkeypatch.setattr("cases.services.filing.new_code", lambda: taken)
    with pytest.raises(IntegrityError):
        services.case_file_once(key="k", filing=services.validate_filing(**{**body(world), "category": world["category"]}),
                                answer=lambda case, pin: {"code": case.code, "pin": pin})
    assert Case.objects.count() == 1 and not IdempotencyKey.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submissions_with_one_key_file_once(world):
    key = str(uuid.uuid4())
    barrier = threading.Barrier(4)
    results = []

    def submit():
        try:
            barrier.wait()
            response = APIClient().post(reverse("v1:case-list"), body(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
            results.append((response.status_code, response.json()["code"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(status for status, _ in results) == [200, 200, 200, 201]
    assert len({code for _, code in results}) == 1
    assert Case.objects.count() == 1


def test_wrong_pin_is_refused_and_locks(api, world, settings):
    settings.CASES_PIN_MAX_FAILURES = 2
    filed = api.post(reverse("v1:case-list"), body(world), format="json").json()
    url = reverse("v1:case-detail", kwargs={"code": filed["code"]})
    wrong = "123456" if filed["pin"] != "123456" else "654321"
    response = api.get(url, HTTP_X_CASE_PIN=wrong)
    assert response.status_code == 403 and response.json()["error"]["code"] == "wrong_pin"
    assert api.get(url, HTTP_X_CASE_PIN=wrong).status_code == 429
    locked = api.get(url, HTTP_X_CASE_PIN=filed["pin"])
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "locked"


def test_unknown_code_answers_like_a_wrong_pin(api, world):
    response = api.get(reverse("v1:case-detail", kwargs={"code": "ABCDEFGHJK"}), HTTP_X_CASE_PIN="123456")
    assert response.status_code == 403


def test_citizen_actions_through_the_api(api, world):
    from .test_transitions import to_state

    case = to_state(world, S.AWAITING_CITIZEN)
    case.set_pin("135790")
    Case.objects.filter(pk=case.pk).update(pin_hash=case.pin_hash)
    headers = {"HTTP_X_CASE_PIN": "135790"}
    confirm = api.post(reverse("v1:case-confirm", kwargs={"code": case.code}), **headers)
    assert confirm.status_code == 409 and confirm.json()["error"]["code"] == "transition_not_allowed"
    empty = api.post(reverse("v1:case-reply", kwargs={"code": case.code}), {"message": ""}, format="json", **headers)
    assert empty.status_code == 400
    reply = api.post(reverse("v1:case-reply", kwargs={"code": case.code}), {"message": "ส่งรูปเพิ่มแล้ว"},
                     format="json", **headers)
    assert reply.status_code == 200 and reply.json()["state"] == "in_progress"
    services.case_transition(case=Case.objects.get(pk=case.pk), transition="resolve", by=world["officer"])
    reopen = api.post(reverse("v1:case-reopen", kwargs={"code": case.code}), {"reason": "ยังไม่เสร็จ"},
                      format="json", **headers)
    assert reopen.status_code == 200 and reopen.json()["state"] == "reopened"
    rate = api.post(reverse("v1:case-rate", kwargs={"code": case.code}), {"rating": 9}, format="json", **headers)
    assert rate.status_code == 400
    withdraw = api.post(reverse("v1:case-withdraw", kwargs={"code": case.code}), {}, format="json", **headers)
    assert withdraw.status_code == 200 and withdraw.json()["state"] == "withdrawn"


def test_categories_list_in_both_languages(api, world):
    response = api.get(reverse("v1:case-category-list") + "?lang=th")
    assert response.status_code == 200
    assert {"slug": "transport", "name": "คมนาคม", "description": ""} in response.json()


def test_everything_is_in_the_schema(api, world):
    schema = api.get(reverse("v1:schema"), HTTP_ACCEPT="application/json").content.decode()
    for path in ["/api/v1/cases/", "/api/v1/cases/{code}/", "/api/v1/cases/{code}/reply/", "/api/v1/cases/{code}/confirm/",
                 "/api/v1/cases/{code}/reopen/", "/api/v1/cases/{code}/withdraw/", "/api/v1/cases/{code}/rate/",
                 "/api/v1/case-categories/", "Idempotency-Key", "X-Case-PIN"]:
        assert path in schema


def test_a_reply_carries_a_bounded_number_of_files(api, world, settings):
    from .test_transitions import to_state

    settings.CASES_MAX_ATTACHMENTS = 2
    case = to_state(world, S.AWAITING_CITIZEN)
    case.set_pin("135790")
    Case.objects.filter(pk=case.pk).update(pin_hash=case.pin_hash)
    url = reverse("v1:case-reply", kwargs={"code": case.code})
    files = [upload(f"{n}.png", PNG) for n in range(3)]
    refused = api.post(url + "?lang=en", {"message": "รูปเพิ่มเติม", "attachments": files}, format="multipart",
                       HTTP_X_CASE_PIN="135790")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["attachments"] == ["Attach at most 2 files."]
    assert Case.objects.get(pk=case.pk).state == S.AWAITING_CITIZEN and case.attachments.count() == 0
    files = [upload(f"{n}.png", PNG) for n in range(2)]
    accepted = api.post(url, {"message": "รูปเพิ่มเติม", "attachments": files}, format="multipart",
                        HTTP_X_CASE_PIN="135790")
    assert accepted.status_code == 200 and case.attachments.count() == 2


def test_the_language_cookie_has_its_flags(client, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/en/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["secure"] and cookie["httponly"] and cookie["samesite"] == "Lax"



def test_the_filing_answer_is_what_its_schema_serializer_describes(api, world):
    from cases.api import CaseFiledSerializer

    response = api.post(reverse("v1:case-list") + "?lang=en", body(world), format="json",
                        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    filed = response.json()
    case = Case.objects.get(code=filed["code"])
    described = CaseFiledSerializer({
        "code": case.code, "display_code": case.display_code, "pin": filed["pin"], "state": case.state,
        "state_label": "Received", "expected_date": case.due_date, "url": filed["url"]}).data
    assert filed == dict(described) and filed["expected_date"] == case.acknowledge_due.isoformat()
    assert filed["url"] == "http://testserver" + reverse("v1:case-detail", kwargs={"code": case.code})


def test_a_filing_with_a_key_writes_each_row_once_without_a_savepoint_of_its_own(
        api, world, django_assert_max_num_queries):
    with django_assert_max_num_queries(20) as captured:
        response = api.post(reverse("v1:case-list"), body(world), format="json", HTTP_IDEMPOTENCY_KEY="k-statements")
    assert response.status_code == 201
    writes = [q["sql"].split(" ")[0] + " " + q["sql"].split('"')[1] for q in captured.captured_queries
              if q["sql"].startswith(("INSERT", "UPDATE"))]
    assert writes == ["INSERT cases_case", "INSERT cases_idempotencykey", "INSERT records_event",
                      "UPDATE cases_case", "INSERT records_outboxmessage"]
    savepoints = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SAVEPOINT")]
    assert len(savepoints) == 1  # the filing's transaction, inside the test's
