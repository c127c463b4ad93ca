"""A citizen finds a report by a word printed inside its PDF, and a phone number in
the staff directory."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_word_inside_a_pdf_finds_the_document_and_its_page(request, size, server_url, axe_violations):
    tab = request.getfixturevalue("tab" if size == "desktop" else "phone_tab")
    tab.goto(f"{server_url}/th/library/")
    tab.get_by_label("คำที่ต้องการค้นหา").fill("ธรรมาภิบาลทางการคลัง")
    tab.get_by_role("button", name="ค้นหา", exact=True).last.click()
    hit = tab.locator(".doc-item").filter(has_text="การติดตามการใช้จ่ายงบประมาณ").first
    expect(hit).to_contain_text("พบในหน้า ๑๑")
    expect(hit.locator("mark").first).to_have_text("ธรรมาภิบาลทางการคลัง")
    assert axe_violations(tab) == []
    hit.get_by_role("link").first.click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("การติดตามการใช้จ่ายงบประมาณ")
    expect(tab.locator(".page-matches li").first).to_contain_text("หน้า ๑๑")
    expect(tab.locator("iframe.doc-viewer")).to_have_attribute("src", re.compile(r"#page=11$"))
    assert axe_violations(tab) == []
    assert tab.console_errors == []


def test_a_phone_number_is_found_by_part_of_a_name(phone_tab, server_url, axe_violations):
    tab = phone_tab
    tab.goto(f"{server_url}/th/directory/")
    tab.get_by_label("ชื่อ ตำแหน่ง หน่วยงาน หรือหมายเลข").fill("ทดสอบระบบ")
    tab.get_by_role("button", name="ค้นหา", exact=True).last.click()
    person = tab.locator(".person").filter(has_text="นางสาวตัวอย่าง ทดสอบระบบ")
    expect(person.get_by_role("link", name="0 2000 1100")).to_have_attribute("href", "tel:020001100")
    expect(person).to_contain_text("ต่อ 1101")
    expect(tab.get_by_text("นายทดลอง ภายในเท่านั้น")).to_have_count(0)
    assert axe_violations(tab) == []
