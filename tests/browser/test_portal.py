"""The citizen's first minutes: the portal in Thai and English, on a desktop
and on a phone, the language switch and the news."""

import re

import pytest
from playwright.sync_api import expect


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_home_page_in_thai(request, size, server_url, axe_violations):
    tab = request.getfixturevalue("tab" if size == "desktop" else "phone_tab")
    tab.goto(f"{server_url}/th/")
    expect(tab.locator("html")).to_have_attribute("lang", "th")
    expect(tab.get_by_role("heading", level=1)).to_have_text("จันทรา — ประตูสู่วุฒิสภา")
    expect(tab.get_by_role("main").get_by_role("heading", name="บริการ")).to_be_visible()
    expect(tab.locator("[data-service=news]")).to_be_visible()
    expect(tab.get_by_role("heading", name="ข่าวล่าสุด")).to_be_visible()
    # Dates in the Buddhist Era with Thai month names.
    expect(tab.locator(".card time").first).to_have_text(re.compile(r"^[๐-๙]{1,2} [ก-๙]+ ๒๕[๐-๙]{2}$"))
    assert axe_violations(tab) == []
    assert tab.console_errors == []


def test_phone_menu_opens_and_closes(phone_tab, server_url):
    phone_tab.goto(f"{server_url}/th/")
    toggle = phone_tab.get_by_role("button", name="เมนู")
    expect(toggle).to_be_visible()
    nav_link = phone_tab.locator("#site-nav").get_by_role("link", name="ข่าวสาร")
    expect(nav_link).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(nav_link).to_be_visible()


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_home_page_in_english(request, size, server_url, axe_violations):
    tab = request.getfixturevalue("tab" if size == "desktop" else "phone_tab")
    tab.goto(f"{server_url}/en/")
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Chandra — your door to the Senate")
    expect(tab.get_by_role("main").get_by_role("heading", name="Services")).to_be_visible()
    expect(tab.locator(".card time").first).to_have_text(re.compile(r"^\d{1,2} [A-Z][a-z]+ 20\d\d$"))
    assert axe_violations(tab) == []


def test_language_switch_keeps_the_reader_on_the_same_article(tab, server_url):
    tab.goto(f"{server_url}/th/news/constitution-day/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("วันรัฐธรรมนูญ ๑๐ ธันวาคม")
    tab.get_by_role("navigation", name="ภาษา").get_by_role("link", name="English").click()
    expect(tab).to_have_url(f"{server_url}/en/news/constitution-day/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Constitution Day, 10 December")
    tab.get_by_role("navigation", name="Language").get_by_role("link", name="ไทย").click()
    expect(tab).to_have_url(f"{server_url}/th/news/constitution-day/")


def test_untranslated_article_falls_back_to_thai_with_a_notice(tab, server_url):
    tab.goto(f"{server_url}/th/news/new-year-closure/")
    tab.get_by_role("link", name="English").click()
    expect(tab).to_have_url(f"{server_url}/en/news/new-year-closure/")
    expect(tab.get_by_role("note")).to_contain_text("not been translated into English")
    expect(tab.get_by_role("heading", level=1)).to_have_text("ประกาศวันหยุดทำการช่วงเทศกาลปีใหม่")


def test_news_journey(phone_tab, server_url, axe_violations):
    tab = phone_tab
    tab.goto(f"{server_url}/th/")
    tab.get_by_role("link", name="ข่าวทั้งหมด").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("ข่าวสาร")
    assert axe_violations(tab) == []
    tab.get_by_role("link", name="สรุปการประชุม", exact=True).click()
    expect(tab.locator(".card")).to_have_count(1)
    tab.get_by_role("link", name=re.compile("งบประมาณรายจ่ายประจำปี")).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("สรุปการประชุมวุฒิสภา")
    expect(tab.locator(".meta time")).to_have_text("๑๔ กันยายน ๒๕๖๙ เวลา ๑๓:๓๐ น.")
    assert axe_violations(tab) == []
    tab.get_by_role("link", name="งบประมาณ").click()
    expect(tab.get_by_text("ข่าวที่มีป้ายกำกับ “งบประมาณ”")).to_be_visible()
    expect(tab.locator(".card")).to_have_count(1)
