"""The citizen's pages over HTTP, in Thai and English."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from cases import services
from cases.models import Case, CaseState as S, EventKind

from .factories import PNG, file_case, upload

pytestmark = pytest.mark.django_db


def url(name, lang="th", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def form_data(world, **overrides):
    data = {
        "kind": "complaint", "category": world["category"].pk, "subject": "ไฟถนนดับทั้งซอย",
        "description": "ไฟถนนในซอยประชาร่วมใจดับมาสองสัปดาห์ กลางคืนมืดมากและไม่ปลอดภัย",
        "respondent": "", "contact_name": "มาลี ศรีสุข", "contact_email": "malee@example.org",
        "contact_phone": "๐๘๑ ๒๓๔ ๕๖๗๘", "consent": "on",
    }
    data.update(overrides)
    return data


def test_start_page_in_thai_links_to_filing_and_tracking(client, world):
    response = client.get(url("cases:start"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="th"' in html
    assert url("cases:file") in html and url("cases:track") in html


def test_filing_shows_code_and_pin_once_and_emails_them(client, world, sent_mail):
    response = client.post(url("cases:file"), form_data(world, attachments=[upload("photo.png", PNG)]))
    assert response.status_code == 302 and response["Location"] == url("cases:filed")
    case = Case.objects.get()
    assert case.language == "th" and case.contact_phone == "081 234 5678" and case.attachments.count() == 1
    page = client.get(url("cases:filed")).content.decode()
    pin = re.search(r'id="case-pin">(\d{6})<', page).group(1)
    assert case.display_code in page and case.check_pin(pin)
    assert case.pin_hash != pin and pin not in case.pin_hash
    # shown once: a reload no longer shows the PIN
    again = client.get(url("cases:filed"))
    assert again.status_code == 302
    assert len(sent_mail()) == 1
    assert mail.outbox[0].to == ["malee@example.org"] and pin in mail.outbox[0].body
    assert case.display_code in mail.outbox[0].subject


def test_code_alphabet_is_easy_to_read_aloud(world):
    codes = {file_case(category=world["category"], anonymous=True).code for _ in range(20)}
    assert len(codes) == 20
    for code in codes:
        assert len(code) == 10 and not set(code) & set("01OI")


def test_invalid_filing_keeps_what_was_typed_and_explains_in_thai(client, world):
    response = client.post(url("cases:file"), form_data(world, consent="", contact_email="not-an-email",
                                                         description="สั้นไป"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html
    assert "ไฟถนนดับทั้งซอย" in html  # the subject the user typed is kept
    assert response.context["form"].errors.keys() >= {"consent", "contact_email", "description"}
    assert "โปรดยอมรับ" in html or "ยินยอม" in html  # the consent error in Thai
    assert Case.objects.count() == 0


def test_invalid_filing_in_english(client, world):
    response = client.post(url("cases:file", "en"), form_data(world, consent=""))
    assert "Please agree to the personal data notice" in response.content.decode()


def test_anonymous_filing_needs_no_contact_and_keeps_none(client, world):
    response = client.post(url("cases:file"), form_data(world, anonymous="on"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.anonymous and case.contact_name == "" and case.contact_email == ""


def test_contact_or_anonymous_is_required(client, world):
    response = client.post(url("cases:file"), form_data(world, contact_name="", contact_email="", contact_phone=""))
    assert response.status_code == 200 and "contact_name" in response.context["form"].errors


def test_disguised_file_is_refused_on_the_form(client, world):
    fake = upload("photo.jpg", b"MZ\x90\x00 this is really a program", "image/jpeg")
    response = client.post(url("cases:file"), form_data(world, attachments=[fake]))
    assert response.status_code == 200
    assert "attachments" in response.context["form"].errors
    assert Case.objects.count() == 0


def track(client, case, pin, lang="th"):
    return client.post(url("cases:track", lang), {"code": case.display_code.lower(), "pin": pin})


def test_tracking_with_code_and_pin_shows_status_and_public_timeline(client, world):
    pins = []
    case = file_case(category=world["category"], pin_holder=pins)
    case = services.case_transition(case=case, transition="screen", by=world["intake"], comment="ภายใน: ตรวจซ้ำ")
    case = services.case_transition(case=case, transition="accept", by=world["intake"])
    services.case_add_note(case=case, by=world["supervisor"], text="บันทึกภายในห้ามเผยแพร่")
    services.case_reply_public(case=case, by=world["supervisor"], text="ได้ประสานกรมทางหลวงชนบทแล้ว")
    response = track(client, case, pins[0])
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "รับเรื่องแล้ว" in html or "ได้รับเรื่อง" in html  # Thai status
    assert "ได้ประสานกรมทางหลวงชนบทแล้ว" in html
    assert "บันทึกภายในห้ามเผยแพร่" not in html and "ตรวจซ้ำ" not in html
    assert re.search(r"๒๕[๐-๙][๐-๙]", html)  # a Buddhist Era year, in Thai digits on a Thai page


def test_tracking_page_needs_the_pin_first(client, world):
    case = file_case(category=world["category"])
    response = client.get(url("cases:track_case", code=case.code))
    assert response.status_code == 302 and url("cases:track") in response["Location"]


def test_wrong_pins_lock_the_code(client, world, settings):
    settings.CASES_PIN_MAX_FAILURES = 3
    pins = []
    case = file_case(category=world["category"], pin_holder=pins)
    wrong = "000000" if pins[0] != "000000" else "111111"
    for _ in range(2):
        response = track(client, case, wrong)
        assert response.status_code == 200 and "ไม่ถูกต้อง" in response.content.decode()
    response = track(client, case, wrong)
    assert response.status_code == 429
    # even the right PIN is refused while locked
    response = track(client, case, pins[0])
    assert response.status_code == 429
    case.refresh_from_db()
    assert case.locked_until is not None


def test_wrong_pins_are_rate_limited_per_address(client, world, settings):
    settings.CASES_PIN_RATE_PER_IP = 3
    cases = [file_case(category=world["category"]) for _ in range(4)]
    for case in cases[:3]:
        assert track(client, case, "999999").status_code == 200
    assert track(client, cases[3], "999999").status_code == 429


def test_citizen_replies_when_asked_then_confirms_and_rates(client, world, django_capture_on_commit_callbacks):
    from .test_transitions import to_state

    case = to_state(world, S.AWAITING_CITIZEN)
    case.set_pin("246810")
    Case.objects.filter(pk=case.pk).update(pin_hash=case.pin_hash)
    assert track(client, case, "๒๔๖๘๑๐").status_code == 302  # Thai digits accepted
    page_url = url("cases:track_case", code=case.code)
    assert "The officer needs more information" in client.get(url("cases:track_case", "en", code=case.code)).content.decode()
    response = client.post(page_url, {"action": "reply", "message": ""})
    assert response.status_code == 400
    response = client.post(page_url, {"action": "reply", "message": "บ้านเลขที่ 12/3 หมู่ 4",
                                      "attachments": [upload("map.png", PNG)]})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == S.IN_PROGRESS and case.events.filter(kind=EventKind.CITIZEN_MESSAGE).exists()
    services.case_transition(case=case, transition="resolve", by=world["officer"], comment="ซ่อมเสร็จ", public=True)
    assert client.post(page_url, {"action": "confirm"}).status_code == 302
    case.refresh_from_db()
    assert case.state == S.CLOSED
    assert client.post(page_url, {"action": "rate", "rating": "4", "comment": ""}).status_code == 302
    case.refresh_from_db()
    assert case.rating == 4
    # a second confirm is refused with a message, not an error page
    response = client.post(page_url, {"action": "confirm"}, follow=True)
    assert response.status_code == 200 and case.state == S.CLOSED


def test_citizen_may_open_their_public_files_but_strangers_may_not(client, world):
    pins = []
    case = file_case(category=world["category"], pin_holder=pins, attachments=[upload("p.png", PNG)])
    item = case.attachments.get()
    assert client.get(url("cases:attachment", pk=item.pk)).status_code == 403
    track(client, case, pins[0])
    response = client.get(url("cases:attachment", pk=item.pk))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == PNG


def test_area_lists_without_javascript_and_the_chain_is_checked(client, world):
    from cases import areas

    page = client.get(url("cases:file")).content.decode()
    assert "กรุงเทพมหานคร" in page  # provinces from the shipped list
    bangkok = areas.get("10")
    first_district = areas.districts("10")[0]
    # "Update the list" redisplays the form with Bangkok's districts and no error messages
    response = client.post(url("cases:file"), form_data(world, province="10", update_areas="1"))
    html = response.content.decode()
    assert response.status_code == 200 and first_district.name_th in html and "error-summary" not in html
    assert "ไฟถนนดับทั้งซอย" in html
    other_province_district = areas.districts("50")[0].code
    response = client.post(url("cases:file"), form_data(world, province="10", district=other_province_district))
    assert response.status_code == 200 and "district" in response.context["form"].errors
    assert Case.objects.count() == 0
    response = client.post(url("cases:file"), form_data(world, province=bangkok.code, district=first_district.code))
    assert response.status_code == 302
    assert Case.objects.get().district == first_district.code


def test_tracking_page_in_english_marks_thai_text_and_shows_the_place(client, world):
    pins = []
    case = file_case(category=world["category"], pin_holder=pins, province="10",
                     district=__import__("cases.areas", fromlist=["x"]).districts("10")[0].code)
    response = track(client, case, pins[0], lang="en")
    page = client.get(url("cases:track_case", "en", code=case.code)).content.decode()
    assert response.status_code == 302
    assert 'lang="en"' in page and "Received" in page and "Bangkok" in page
    assert f'<h1 lang="th">{case.subject}</h1>' in page
    assert "What you wrote" in page and case.description in page


def test_tracking_page_names_each_deadline(client, world):
    from .test_transitions import to_state

    pins = []
    new = file_case(category=world["category"], pin_holder=pins)
    track(client, new, pins[0], "en")
    html = client.get(url("cases:track_case", "en", code=new.code)).content.decode()
    ack = re.search(r'<dt>([^<]*)</dt><dd data-testid="acknowledge-due">', html)
    done = re.search(r'<dt>([^<]*)</dt><dd data-testid="resolve-due">', html)
    assert ack.group(1) == "Acknowledgement due by" and done.group(1) == "Expected completion by"
    working = to_state(world, S.IN_PROGRESS)
    working.set_pin("246810")
    Case.objects.filter(pk=working.pk).update(pin_hash=working.pin_hash)
    track(client, working, "246810", "en")
    html = client.get(url("cases:track_case", "en", code=working.code)).content.decode()
    assert 'data-testid="acknowledge-due"' not in html and 'data-testid="resolve-due"' in html


def _help_and_errors(html):
    return " ".join(re.findall(r'class="(?:help|field-error)"[^>]*>([^<]*)<', html))


def test_thai_forms_count_in_thai_digits_and_english_ones_in_arabic(client, world, settings):
    settings.CASES_MAX_ATTACHMENTS = 2

    def too_many():
        return [upload(f"p{i}.png", PNG, "image/png") for i in range(3)]

    thai = client.post(url("cases:file"), form_data(world, attachments=too_many(), contact_phone="12")).content.decode()
    texts = _help_and_errors(thai)
    assert "แนบไฟล์ได้ไม่เกิน ๒ ไฟล์" in texts and "๙ ถึง ๑๕ หลัก" in texts
    assert not re.search(r"[0-9]", texts), texts
    english = client.post(url("cases:file", "en"), form_data(world, attachments=too_many())).content.decode()
    assert "Attach at most 2 files." in _help_and_errors(english)
    tracking = client.get(url("cases:track")).content.decode()
    assert "ตัวเลข ๖ หลัก" in _help_and_errors(tracking)


def test_an_empty_file_is_refused_on_the_form(client, world):
    response = client.post(url("cases:file"), form_data(world, attachments=[upload("empty.png", b"", "image/png")]))
    assert response.status_code == 200
    assert "attachments" in response.context["form"].errors and Case.objects.count() == 0
