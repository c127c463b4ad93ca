"""A citizen on a phone, in Thai: file a complaint, get a code and PIN, track
it, answer the officer's question, confirm the resolution and rate it — while
the officers' steps are taken through the services."""

import re

import pytest
from playwright.sync_api import expect

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    """Only what this journey needs (the site, the accounts, the case system's
    demo), so that it does not depend on the other apps' demo content."""
    import io

    from django.db import transaction

    from cases import demo as cases_demo
    from cms.base import demo as base_demo

    with django_db_blocker.unblock():
        with transaction.atomic():
            base_demo.load(stdout=io.StringIO())
        with transaction.atomic():
            cases_demo.load(stdout=io.StringIO())


def officers_do(django_db_blocker, code, *steps):
    from django.contrib.auth import get_user_model

    from cases import services
    from cases.models import Case

    with django_db_blocker.unblock():
        users = {u.username: u for u in get_user_model().objects.filter(
            username__in=["intake", "officer", "supervisor"])}
        for transition, who, extra in steps:
            case = Case.objects.get(code=code)
            if transition == "assign":
                services.case_assign(case=case, officer=users["officer"], by=users[who])
            else:
                services.case_transition(case=case, transition=transition, by=users[who], **extra)


@pytest.mark.browser
def test_citizen_files_tracks_replies_and_confirms_on_a_phone(phone_tab, server_url, axe_violations,
                                                               django_db_blocker):
    tab = phone_tab
    tab.goto(f"{server_url}/th/cases/")
    expect(tab.locator("html")).to_have_attribute("lang", "th")
    expect(tab.get_by_role("heading", level=1)).to_have_text("ร้องเรียนและเสนอแนะ")
    assert axe_violations(tab) == []
    tab.get_by_role("link", name="เริ่มต้น").click()

    # A first try without consent: the error summary in Thai, and what was typed is kept.
    expect(tab.locator("label[for=id_subject]")).to_contain_text("เรื่อง")
    # With JavaScript the district list follows the province, without a reload.
    expect(tab.get_by_role("button", name="ปรับรายการ")).to_be_hidden()
    tab.locator("#id_province").select_option(label="เชียงใหม่")
    expect(tab.locator("#id_district option", has_text="เมืองเชียงใหม่")).to_have_count(1)
    tab.locator("#id_province").select_option(value="")
    tab.locator("#id_category").select_option(label="ถนน ไฟฟ้า ประปา และสาธารณูปโภค")
    tab.locator("#id_subject").fill("ท่อระบายน้ำอุดตันหน้าตลาดสด")
    tab.locator("#id_description").fill(
        "ท่อระบายน้ำหน้าตลาดสดเทศบาลอุดตัน ฝนตกทีไรน้ำท่วมขังถึงหน้าแข้ง ร้านค้าเสียหาย")
    tab.locator("#id_contact_name").fill("ศรีสุดา บุญมา")
    tab.locator("#id_contact_email").fill("srisuda@example.org")
    tab.get_by_role("button", name="ส่งเรื่อง").click()
    summary = tab.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("โปรดยอมรับประกาศเกี่ยวกับข้อมูลส่วนบุคคล")
    expect(tab.locator("#id_subject")).to_have_value("ท่อระบายน้ำอุดตันหน้าตลาดสด")
    assert axe_violations(tab) == []

    tab.locator("#id_attachments").set_input_files(
        [{"name": "drain.png", "mimeType": "image/png", "buffer": PNG}])
    tab.locator("#id_consent").check()
    tab.get_by_role("button", name="ส่งเรื่อง").click()

    expect(tab.get_by_role("heading", level=1)).to_have_text("ได้รับเรื่องของคุณแล้ว")
    display_code = tab.locator("#case-code").inner_text().strip()
    pin = tab.locator("#case-pin").inner_text().strip()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}", display_code) and re.fullmatch(r"\d{6}", pin)
    assert axe_violations(tab) == []
    code = display_code.replace("-", "")

    officers_do(django_db_blocker, code, ("screen", "intake", {}), ("accept", "intake", {}),
                ("assign", "supervisor", {}), ("start", "officer", {}),
                ("request_information", "officer", {"comment": "ขอภาพถ่ายจุดที่น้ำท่วมขัง", "public": True}))

    # Track it later from the landing page with the code and PIN.
    tab.goto(f"{server_url}/th/cases/track/")
    tab.locator("#id_code").fill(display_code.lower())
    tab.locator("#id_pin").fill(pin)
    tab.get_by_role("button", name="แสดงเรื่องของฉัน").click()
    expect(tab.locator("#case-state")).to_have_text("รอข้อมูลเพิ่มเติมจากคุณ")
    expect(tab.get_by_text("ขอภาพถ่ายจุดที่น้ำท่วมขัง")).to_be_visible()
    expect(tab.locator(".timeline time").first).to_have_text(re.compile(r"๒๕[๐-๙]{2}"))
    assert axe_violations(tab) == []
    tab.locator("#id_message").fill("น้ำท่วมขังบริเวณหน้าแผงผักฝั่งทิศเหนือของตลาด")
    tab.get_by_role("button", name="ส่งข้อมูล").click()
    expect(tab.get_by_text("ขอบคุณ ข้อมูลของคุณส่งถึงเจ้าหน้าที่แล้ว")).to_be_visible()
    expect(tab.locator("#case-state")).to_have_text("อยู่ระหว่างดำเนินการ")

    officers_do(django_db_blocker, code,
                ("resolve", "officer", {"comment": "เทศบาลลอกท่อระบายน้ำเรียบร้อยแล้ว", "public": True}))
    tab.reload()
    expect(tab.locator("#case-state")).to_have_text("ดำเนินการแล้วเสร็จ")
    tab.get_by_role("button", name="แก้ไขแล้ว ปิดเรื่องได้").click()
    expect(tab.locator("#case-state")).to_have_text("ปิดเรื่อง")
    tab.get_by_text("๕ — ดีมาก").click()
    tab.get_by_role("button", name="ส่งคะแนน").click()
    expect(tab.get_by_text("ขอบคุณสำหรับคะแนนของคุณ")).to_be_visible()
    assert axe_violations(tab) == []
    assert tab.console_errors == []
