"""A new reader of the constitutions, in Thai: the timeline, reading by section,
following a cross-reference, section 83 before and after 2564, comparing the
Senate's composition across 2540, 2550 and 2560, the glossary and finding a
section by searching for it."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_timeline_then_the_2475_interim_charter(tab, server_url, axe_violations):
    tab.goto(f"{server_url}/th/laws/")
    expect(tab.locator("html")).to_have_attribute("lang", "th")
    expect(tab.get_by_role("heading", level=1)).to_have_text("รัฐธรรมนูญไทย")
    expect(tab.locator(".timeline__item")).to_have_count(20)
    expect(tab.locator(".timeline__year").first).to_have_text("๒๔๗๕")
    expect(tab.get_by_text(re.compile("ใช้บังคับแทน")).first).to_be_visible()
    assert axe_violations(tab) == []
    tab.get_by_role("link", name="พระราชบัญญัติธรรมนูญการปกครองแผ่นดินสยามชั่วคราว พุทธศักราช ๒๔๗๕").click()
    expect(tab).to_have_url(f"{server_url}/th/laws/constitution-2475-interim/")
    expect(tab.locator("article.provision")).to_have_count(39)
    tab.get_by_role("link", name="มาตรา ๑", exact=True).click()
    expect(tab).to_have_url(f"{server_url}/th/laws/constitution-2475-interim/1/")
    tab.get_by_role("link", name=re.compile("ถัดไป")).click()
    expect(tab).to_have_url(f"{server_url}/th/laws/constitution-2475-interim/2/")
    assert tab.console_errors == []


def test_read_2560_and_follow_a_cross_reference(tab, server_url, axe_violations):
    tab.goto(f"{server_url}/th/laws/constitution-2560/")
    expect(tab.locator("article.provision")).to_have_count(279)
    expect(tab.get_by_text("สารบัญ")).to_be_visible()
    # the copy-link buttons appear once the script runs
    expect(tab.locator("#s83 .copy-link")).to_be_visible()
    tab.goto(f"{server_url}/th/laws/constitution-2560/89/")
    tab.locator(".provision__text a.xref", has_text="มาตรา ๘๘").first.click()
    expect(tab).to_have_url(f"{server_url}/th/laws/constitution-2560/88/")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("มาตรา ๘๘")
    assert axe_violations(tab) == []


def test_section_83_before_and_after_2564(tab, server_url, axe_violations):
    tab.goto(f"{server_url}/th/laws/constitution-2560/83/")
    text = tab.locator(".provision__text")
    expect(text).to_contain_text("จำนวนสี่ร้อยคน")
    tab.get_by_role("link", name="ถ้อยคำเดิม").click()
    expect(text).to_contain_text("จำนวนสามร้อยห้าสิบคน")
    expect(text).not_to_contain_text("จำนวนสี่ร้อยคน")
    tab.get_by_role("link", name="เปรียบเทียบถ้อยคำ").click()
    expect(tab.locator(".diff del", has_text="สามร้อยห้าสิบ")).to_be_visible()
    expect(tab.locator(".diff ins", has_text="สี่ร้อย")).to_be_visible()
    assert axe_violations(tab) == []


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_compare_the_senate_2540_2550_2560(request, size, server_url, axe_violations):
    tab = request.getfixturevalue("tab" if size == "desktop" else "phone_tab")
    tab.goto(f"{server_url}/th/laws/compare/?c=constitution-2540&c=constitution-2550&c=constitution-2560&topic=senate")
    row = tab.locator("tr", has_text="องค์ประกอบของวุฒิสภา")
    expect(row.get_by_role("link", name="มาตรา ๑๒๑")).to_be_visible()
    expect(row.get_by_role("link", name="มาตรา ๑๑๑")).to_be_visible()
    expect(row.get_by_role("link", name="มาตรา ๑๐๗")).to_be_visible()
    expect(row).to_contain_text("จำนวนรวมหนึ่งร้อยห้าสิบคน")
    # the page itself never scrolls sideways on a phone; the table scrolls in its region
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert axe_violations(tab) == []


def test_glossary_index(tab, server_url, axe_violations):
    tab.goto(f"{server_url}/th/laws/glossary/")
    expect(tab.get_by_role("navigation", name="ดัชนีตามอักษรตัวแรก")).to_be_visible()
    tab.get_by_role("navigation", name="ดัชนีตามอักษรตัวแรก").get_by_role("link", name="ร", exact=True).click()
    expect(tab.get_by_role("link", name="รัฐสภา", exact=True)).to_be_visible()
    assert axe_violations(tab) == []


def test_find_a_section_by_searching(tab, server_url):
    tab.goto(f"{server_url}/th/")
    # The header box becomes an ARIA combobox once the autocomplete script runs.
    box = tab.get_by_label("ค้นหาในจันทรา").first
    box.fill("มาตรา ๒๕๖")
    box.press("Enter")
    first = tab.locator("main a[href*='/laws/constitution-']").first
    expect(first).to_have_attribute("href", re.compile(r"/laws/constitution-25\d\d/256/$"))
