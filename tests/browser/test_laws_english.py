"""The same journey in English, and the section page on a phone."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_timeline_and_section_83_in_english(tab, server_url, axe_violations):
    tab.goto(f"{server_url}/en/laws/")
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Thai constitutions")
    expect(tab.locator(".timeline__year").first).to_have_text("1932")
    expect(tab.get_by_text("Constitution of the Kingdom of Thailand, B.E. 2560 (2017)")).to_be_visible()
    assert axe_violations(tab) == []
    tab.goto(f"{server_url}/en/laws/constitution-2560/83/")
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Section 83")
    expect(tab.locator(".provision__text")).to_have_attribute("lang", "th")
    tab.get_by_role("link", name="Original wording").click()
    expect(tab.get_by_text("Wording in force on 6 April 2017")).to_be_visible()
    expect(tab.locator(".provision__text")).to_contain_text("จำนวนสามร้อยห้าสิบคน")
    assert axe_violations(tab) == []


def test_section_page_on_a_phone(phone_tab, server_url, axe_violations):
    phone_tab.goto(f"{server_url}/th/laws/constitution-2560/107/")
    expect(phone_tab.get_by_role("heading", level=1)).to_contain_text("มาตรา ๑๐๗")
    expect(phone_tab.get_by_role("button", name="คัดลอกลิงก์ของมาตรานี้")).to_be_visible()
    expect(phone_tab.get_by_role("link", name="มาตรา ๑๒๑ (๒๕๔๐)")).to_be_visible()
    assert phone_tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert axe_violations(phone_tab) == []
