import pytest
from wagtail.models import PageViewRestriction, Site

from cms.base.models import SiteSettings

from tests.factories import BillFactory, add_article, make_site, publish

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


def test_home_sections_show_every_edit_at_once(client, django_capture_on_commit_callbacks):
    """The hero, tiles, bills and news are kept once per edit: each of their edits shows at once."""
    site = make_site()
    assert "ร่างพระราชบัญญัติอากาศสะอาด" not in client.get("/th/").text
    with django_capture_on_commit_callbacks(execute=True):
        bill = BillFactory(title="ร่างพระราชบัญญัติอากาศสะอาด", stage="received")
    assert "ร่างพระราชบัญญัติอากาศสะอาด" in client.get("/th/").text
    with django_capture_on_commit_callbacks(execute=True):
        bill.title = "ร่างพระราชบัญญัติน้ำสะอาด"
        bill.save()
    assert "ร่างพระราชบัญญัติน้ำสะอาด" in client.get("/th/").text
    with django_capture_on_commit_callbacks(execute=True):
        add_article(site["news_th"], title="ข่าวล่าสุดของวุฒิสภา", slug="latest")
    assert "ข่าวล่าสุดของวุฒิสภา" in client.get("/th/").text
    with django_capture_on_commit_callbacks(execute=True):
        site["th"].introduction = "ยินดีต้อนรับสู่จันทรา"
        publish(site["th"])
    assert "ยินดีต้อนรับสู่จันทรา" in client.get("/th/").text
    assert "ยินดีต้อนรับสู่จันทรา" not in client.get("/en/").text  # each language is kept apart
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=site["news_th"], restriction_type=PageViewRestriction.LOGIN)
    assert "ข่าวล่าสุดของวุฒิสภา" not in client.get("/th/").text


def test_home_sections_are_kept_between_readers(client, django_assert_max_num_queries):
    make_site()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # made by the first page otherwise, a site-wide edit
    client.get("/th/")
    with django_assert_max_num_queries(10_000) as queries:
        client.get("/th/")
    assert not [query for query in queries if "legislation_bill" in query["sql"] or "news_newspage" in query["sql"]]


def test_a_preview_shows_the_draft_and_readers_never_get_it(client):
    site = make_site()
    home = site["th"]
    home.introduction = "ร่างที่ยังไม่เผยแพร่"
    assert "ร่างที่ยังไม่เผยแพร่" in home.make_preview_request().content.decode()
    assert "ร่างที่ยังไม่เผยแพร่" not in client.get("/th/").text  # the preview was not kept
    assert "ร่างที่ยังไม่เผยแพร่" in home.make_preview_request().content.decode()  # nor the kept sections previewed
