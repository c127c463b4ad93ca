"""Whole anonymous pages kept in the cache: headers, conditional GETs, what is
never kept, and purges that make every edit visible at once."""

import gzip

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.base.cache import RedisCache
from wagtail.models import Site

from cms.base.models import FooterText, SiteSettings, StandardPage
from tests.factories import BillFactory, add_article, make_site, publish

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def site(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # what building the site purges, purged now
        built = make_site()
        SiteSettings.for_site(Site.objects.get(is_default_site=True))  # made on the first page otherwise
    return built


def _kept(client, url, django_assert_num_queries, **headers):
    """The page comes from the cache: no query at all."""
    with django_assert_num_queries(0):
        return client.get(url, headers=headers)


def test_anonymous_page_is_kept_with_validators(client, site, django_assert_num_queries):
    first = client.get("/th/")
    assert first.status_code == 200
    assert first["Cache-Control"].startswith("public, max-age=0, must-revalidate, s-maxage=")
    assert {"accept-encoding", "cookie"} <= {v.strip().lower() for v in first["Vary"].split(",")}
    assert first["ETag"] and not first.cookies
    again = _kept(client, "/th/", django_assert_num_queries)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    not_modified = _kept(client, "/th/", django_assert_num_queries, if_none_match=first["ETag"])
    assert not_modified.status_code == 304 and not not_modified.content


def test_each_language_and_encoding_is_kept_apart(client, site, django_assert_num_queries):
    thai, english = client.get("/th/"), client.get("/en/")
    assert '<html lang="th">' in thai.text and '<html lang="en">' in english.text
    zipped = client.get("/th/", headers={"accept-encoding": "gzip, br"})
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == thai.content
    assert _kept(client, "/en/", django_assert_num_queries).content == english.content
    kept = _kept(client, "/th/", django_assert_num_queries, accept_encoding="gzip")
    assert kept["Content-Encoding"] == "gzip" and kept.content == zipped.content


def test_publishing_news_shows_at_once_and_leaves_other_pages_kept(
    client, site, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        site["th"].add_child(instance=StandardPage(title="เกี่ยวกับวุฒิสภา", slug="about"))
    for url in ("/th/", "/th/news/", "/th/about/"):
        assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        add_article(site["news_th"], title="ประชุมวุฒิสภาวันนี้", slug="today")
    assert "ประชุมวุฒิสภาวันนี้" in client.get("/th/news/").text  # the index
    assert "ประชุมวุฒิสภาวันนี้" in client.get("/th/").text  # the home page's latest news
    assert client.get("/th/news/today/").status_code == 200
    _kept(client, "/th/about/", django_assert_num_queries)  # not purged: it does not show news


def test_unpublishing_and_editing_a_page_show_at_once(client, site, django_capture_on_commit_callbacks):
    article = add_article(site["news_th"], title="ข่าวเดิม", slug="story")
    assert "ข่าวเดิม" in client.get("/th/news/story/").text
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "ข่าวแก้ไขแล้ว"
        publish(article)
    assert "ข่าวแก้ไขแล้ว" in client.get("/th/news/story/").text
    assert "ข่าวแก้ไขแล้ว" in client.get("/th/news/").text
    with django_capture_on_commit_callbacks(execute=True):
        article.unpublish()
    assert client.get("/th/news/story/").status_code == 404
    assert "ข่าวแก้ไขแล้ว" not in client.get("/th/news/").text


def test_every_query_of_an_address_goes_with_it(client, site, django_capture_on_commit_callbacks):
    assert "ข่าวใหม่" not in client.get("/th/news/?page=1").text
    with django_capture_on_commit_callbacks(execute=True):
        add_article(site["news_th"], title="ข่าวใหม่", slug="new")
    assert "ข่าวใหม่" in client.get("/th/news/?page=1").text


def test_a_new_menu_page_reaches_every_page_at_once(client, site, django_capture_on_commit_callbacks):
    assert "ติดต่อเรา" not in client.get("/th/news/").text
    with django_capture_on_commit_callbacks(execute=True):
        site["th"].add_child(instance=StandardPage(title="ติดต่อเรา", slug="contact", show_in_menus=True))
    assert "ติดต่อเรา" in client.get("/th/news/").text


def test_footer_edit_reaches_every_page_at_once(client, site, django_capture_on_commit_callbacks):
    client.get("/th/news/")
    with django_capture_on_commit_callbacks(execute=True):
        FooterText.objects.create(body="<p>ถนนสามเสน</p>", locale=site["th"].locale)
    assert "ถนนสามเสน" in client.get("/th/news/").text


def test_a_bill_edit_purges_the_bills_pages(client, site, django_capture_on_commit_callbacks):
    bill = BillFactory(title="ร่างพระราชบัญญัติเดิม")
    assert "ร่างพระราชบัญญัติเดิม" in client.get("/th/bills/").text
    with django_capture_on_commit_callbacks(execute=True):
        bill.title = "ร่างพระราชบัญญัติใหม่"
        bill.save()
    assert "ร่างพระราชบัญญัติใหม่" in client.get("/th/bills/").text


def test_a_bill_before_the_senate_reaches_the_home_page_at_once(client, site, django_capture_on_commit_callbacks):
    assert "ร่างพระราชบัญญัติป่าไม้" not in client.get("/th/").text
    with django_capture_on_commit_callbacks(execute=True):
        BillFactory(title="ร่างพระราชบัญญัติป่าไม้", stage="received")
    assert "ร่างพระราชบัญญัติป่าไม้" in client.get("/th/").text


def test_a_purge_during_rendering_is_not_overwritten(client, site, monkeypatch):
    from cms.base import pagecache

    real = pagecache.PageCacheMiddleware.__call__
    rendering = {}

    def purge_while_rendering(self, request):
        original = self.get_response

        def get_response(request):
            response = original(request)
            if not rendering:
                rendering["done"] = True
                pagecache.bump({"all"})
            return response

        self.get_response = get_response
        return real(self, request)

    monkeypatch.setattr(pagecache.PageCacheMiddleware, "__call__", purge_while_rendering)
    client.get("/th/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/th/")
    assert queries.captured_queries  # rendered again, not served from what was purged


def test_signed_in_readers_are_never_served_or_kept(client, site, admin_user, django_assert_max_num_queries):
    client.get("/th/")
    client.force_login(admin_user)
    response = client.get("/th/")
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    client.logout()
    assert client.get("/th/")["Cache-Control"].startswith("public")


def test_pages_with_a_csrf_form_are_never_kept(client, site):
    bill = BillFactory()
    response = client.get(f"/th/bills/{bill.pk}/")
    assert response.status_code == 200 and "csrfmiddlewaretoken" in response.text
    assert "private" in response["Cache-Control"] and "ETag" not in response
    assert not [key for key in cache._cache if "pagecache:page" in key]


@pytest.mark.parametrize("path", ["/th/cases/", "/th/cases/track/", "/admin/login/", "/api/v1/news/"])
def test_personal_pages_admin_and_api_are_never_kept(client, site, path):
    client.get(path)
    assert not [key for key in cache._cache if "pagecache:page" in key]


def test_live_stream_keeps_its_own_headers(client, site):
    from tests.factories import LiveSittingFactory

    live = LiveSittingFactory()
    response = client.get(f"/th/live/{live.pk}/")
    assert "public" not in response.get("Cache-Control", "")


def test_redis_client_is_built_once_per_process():
    first = RedisCache("redis://127.0.0.1:6379/9", {})
    second = RedisCache("redis://127.0.0.1:6379/9", {})
    assert first._cache is second._cache
    assert RedisCache("redis://127.0.0.1:6379/8", {})._cache is not first._cache


def test_a_picture_edit_reaches_the_pages_that_show_it_at_once(client, site, django_capture_on_commit_callbacks):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as Picture
    from wagtail.images.models import Image

    data = io.BytesIO()
    Picture.new("RGB", (40, 30), "navy").save(data, "PNG")
    with django_capture_on_commit_callbacks(execute=True):
        image = Image.objects.create(title="ภาพประชุมเดิม", file=ImageFile(data, name="sitting.png"))
        article = add_article(site["news_th"], title="ข่าวมีภาพ", slug="with-picture")
        article.featured_image = image
        publish(article)
    assert "ภาพประชุมเดิม" in client.get(article.url).text
    with django_capture_on_commit_callbacks(execute=True):
        image.title = "ภาพประชุมใหม่"
        image.save()
    assert "ภาพประชุมใหม่" in client.get(article.url).text
