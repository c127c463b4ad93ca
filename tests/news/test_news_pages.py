import datetime as dt
from xml.etree import ElementTree

import pytest

from tests.factories import BANGKOK, NewsCategoryFactory, add_article, make_site, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return make_site()


def test_index_lists_live_articles_newest_first(client, site):
    add_article(site["news_th"], title="เก่า", slug="old", date=dt.datetime(2026, 1, 5, tzinfo=BANGKOK))
    add_article(site["news_th"], title="ใหม่", slug="new", date=dt.datetime(2026, 6, 5, tzinfo=BANGKOK))
    add_article(site["news_th"], title="ฉบับร่าง", slug="draft", live=False)
    response = client.get("/th/news/")
    assert response.status_code == 200
    text = response.text
    assert text.index("ใหม่") < text.index("เก่า")
    assert "ฉบับร่าง" not in text


def test_pagination(client, site, monkeypatch):
    from cms.news.models import NewsIndexPage

    monkeypatch.setattr(NewsIndexPage, "page_size", 2)
    for number in range(5):
        add_article(site["news_th"], title=f"ข่าวที่ {number}", slug=f"n{number}",
                    date=dt.datetime(2026, 1, number + 1, tzinfo=BANGKOK))
    first = client.get("/th/news/")
    assert "หน้า ๑ จาก ๓" in first.text
    last = client.get("/th/news/?page=3")
    assert "ข่าวที่ 0" in last.text and "ข่าวที่ 4" not in last.text
    # Nonsense page numbers land on a real page instead of an error.
    assert client.get("/th/news/?page=abc").status_code == 200
    assert "ข่าวที่ 0" in client.get("/th/news/?page=999").text


def test_category_and_tag_filters(client, site):
    sittings = NewsCategoryFactory(name="สรุปการประชุม", slug="sittings")
    add_article(site["news_th"], title="ข่าวประชุม", slug="a", category=sittings, tags=["งบประมาณ"])
    add_article(site["news_th"], title="ข่าวอื่น", slug="b")
    by_category = client.get("/th/news/?category=sittings").text
    assert "ข่าวประชุม" in by_category and "ข่าวอื่น" not in by_category
    by_tag = client.get("/th/news/?tag=งบประมาณ").text
    assert "ข่าวประชุม" in by_tag and "ข่าวอื่น" not in by_tag
    assert "ยังไม่มีข่าว" in client.get("/th/news/?category=nothing").text


def test_article_page_shows_thai_date_and_time(client, site):
    add_article(site["news_th"], title="ข่าวเช้า", slug="morning", date=dt.datetime(2026, 2, 3, 9, 5, tzinfo=BANGKOK))
    response = client.get("/th/news/morning/")
    assert "๓ กุมภาพันธ์ ๒๕๖๙ เวลา ๐๙:๐๕ น." in response.text  # Thai digits on Thai pages


def test_rss_and_atom_feeds(client, site):
    add_article(site["news_th"], title="ข่าวในฟีด", slug="feed-item")
    rss = client.get("/th/news/feed/")
    assert rss["Content-Type"].startswith("application/rss+xml")
    items = ElementTree.fromstring(rss.content).findall("./channel/item")
    assert [item.findtext("title") for item in items] == ["ข่าวในฟีด"]
    atom = client.get("/th/news/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert b"feed-item" in atom.content


def test_language_switcher_points_to_the_translation(client, site):
    article = add_article(site["news_th"], title="ข่าวแปล", slug="translated")
    from wagtail.models import Locale

    translate(article, Locale.objects.get(language_code="en"), title="Translated news")
    response = client.get("/th/news/translated/")
    assert 'href="/en/news/translated/" lang="en"' in response.text


def test_untranslated_page_falls_back_to_thai_with_a_notice(client, site):
    add_article(site["news_th"], title="ข่าวภาษาไทยเท่านั้น", slug="thai-only")
    response = client.get("/en/news/thai-only/")
    assert response.status_code == 200
    assert "ข่าวภาษาไทยเท่านั้น" in response.text
    assert "has not been translated into English" in response.text
    # The interface stays in English for the English reader; the Thai text is marked as Thai.
    assert '<html lang="en">' in response.text
    assert '<div lang="th">' in response.text


def test_missing_page_is_a_styled_404_in_each_language(client, site):
    thai = client.get("/th/does-not-exist/")
    assert thai.status_code == 404
    assert "ไม่พบหน้าที่ต้องการ" in thai.text
    english = client.get("/en/does-not-exist/")
    assert english.status_code == 404
    assert "Page not found" in english.text


def test_restricted_articles_and_sections_are_left_out_of_the_index(client, site):
    from wagtail.models import PageViewRestriction

    add_article(site["news_th"], title="ข่าวเปิด", slug="open")
    hidden = add_article(site["news_th"], title="ข่าวปิด", slug="closed")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x")
    listing = client.get("/th/news/").text
    assert "ข่าวเปิด" in listing and "ข่าวปิด" not in listing
    assert [article.title for article in site["th"].latest_news()] == ["ข่าวเปิด"]
    PageViewRestriction.objects.create(page=site["news_th"], restriction_type=PageViewRestriction.LOGIN)
    assert list(site["th"].latest_news()) == []  # under a restricted section


def test_article_links_lead_to_its_index_and_missing_articles_are_404(client, site):
    category = NewsCategoryFactory(name="แถลงข่าว", slug="press")
    add_article(site["news_th"], title="ข่าวมีหมวด", slug="filed", category=category, tags=["งบประมาณ"])
    page = client.get("/th/news/filed/").text
    assert 'href="/th/news/?category=press"' in page and 'href="/th/news/?tag=' in page
    assert '<li><a href="/th/news/">ข่าวสาร</a></li>' in page  # the breadcrumb
    assert client.get("/th/news/not-here/").status_code == 404
    assert client.get("/th/news/filed/extra/").status_code == 404
    assert client.get("/th/news/feed/")["Content-Type"].startswith("application/rss+xml")
