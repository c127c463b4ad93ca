"""Searching as a new visitor: a Thai word inside longer words, highlighted, and
suggestions under the header search box."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_search_page_finds_a_word_inside_longer_words(request, size, server_url, axe_violations):
    tab = request.getfixturevalue("tab" if size == "desktop" else "phone_tab")
    tab.goto(f"{server_url}/th/search/?q=วุฒิสภา")
    expect(tab.get_by_role("heading", level=1)).to_have_text("ค้นหา")
    expect(tab.locator(".search__count")).to_contain_text("ผลการค้นหา")
    first = tab.locator(".search__hit").first
    expect(first).to_be_visible()
    expect(tab.locator(".search__hit mark").first).to_contain_text("วุฒิสภา")
    assert axe_violations(tab) == []
    assert tab.console_errors == []


def test_empty_and_punctuation_queries_get_a_message(tab, server_url):
    tab.goto(f"{server_url}/en/search/?q=%21%21%21")
    expect(tab.get_by_role("status").first).to_contain_text("no letters or numbers")
    tab.goto(f"{server_url}/th/search/")
    expect(tab.get_by_role("status").first).to_contain_text("พิมพ์คำ")


def test_header_autocomplete_suggests_titles(tab, server_url, axe_violations):
    tab.goto(f"{server_url}/th/")
    box = tab.locator("#site-search")
    box.fill("วุฒิสภา")
    listbox = tab.get_by_role("listbox")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    assert axe_violations(tab) == []
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press("Enter")
    tab.wait_for_url("**/search/**")
    expect(tab.locator(".search__hit").first).to_be_visible()
