import pytest

from tests.factories import add_article, make_site

pytestmark = pytest.mark.django_db


def test_thai_home_page_is_the_default(client):
    make_site()
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/th/"
    assert response.status_code == 200
    assert '<html lang="th">' in response.text
    assert "ข้ามไปยังเนื้อหาหลัก" in response.text  # the skip link, in Thai


def test_english_home_page(client):
    make_site()
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Skip to main content" in response.text


def test_tiles_of_services_not_built_yet_are_hidden(client, monkeypatch):
    import dataclasses

    from cms.base.services import SERVICES_BY_KEY

    # A service whose URL name does not resolve (not built yet): its tile must not appear.
    monkeypatch.setitem(SERVICES_BY_KEY, "bills", dataclasses.replace(SERVICES_BY_KEY["bills"], url_name="legislation:not_built"))
    tiles = [
        ("service", {"service": "news", "title": "", "description": ""}),
        ("service", {"service": "bills", "title": "", "description": ""}),
        ("link", {"title": "เว็บไซต์วุฒิสภา", "description": "", "url": "https://www.senate.go.th/", "icon": "senate"}),
    ]
    site = make_site(tiles=tiles)
    response = client.get("/th/")
    assert 'data-service="news"' in response.text
    assert 'href="/th/news/"' in response.text
    assert 'data-service="bills"' not in response.text  # the menu may still name the service; the tile is gone
    assert "https://www.senate.go.th/" in response.text
    assert [tile["key"] for tile in site["th"].visible_tiles()] == ["news", ""]


def test_news_tile_leads_to_the_readers_language(client):
    tiles = [("service", {"service": "news", "title": "", "description": ""})]
    make_site(tiles=tiles)  # the English home page is a translation: it has the same tiles
    response = client.get("/en/")
    assert 'href="/en/news/"' in response.text


def test_latest_news_shows_buddhist_era_dates_on_thai_pages(client):
    site = make_site()
    add_article(site["news_th"], title="ข่าวหนึ่ง", slug="one")
    response = client.get("/th/")
    assert "ข่าวหนึ่ง" in response.text
    assert "๑ พฤศจิกายน ๒๕๖๙" in response.text  # Thai digits on Thai pages


def test_menu_lists_pages_shown_in_menus(client):
    make_site()
    response = client.get("/th/")
    assert '<a href="/th/news/">ข่าวสาร</a>' in response.text
