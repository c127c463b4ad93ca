"""Wagtail's routing of page addresses, kept per edit (cms.base.routing): a page
is found without a query once its address was routed, and every edit that moves,
renames, hides or restricts a page shows at once. The page cache is off here
(the test settings), as on the uncached pages."""

import pytest
from wagtail.models import PageViewRestriction, Site

from cms.base.models import SiteSettings, StandardPage
from tests.factories import add_article, make_site, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.PAGE_CACHE_ENABLED = False
    built = make_site()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # made on the first page otherwise
    return built


ROUTING = ('SELECT "wagtailcore_locale".', 'SELECT "wagtailcore_pageviewrestriction".', '"wagtailcore_page"."slug" = ')


def _routing_queries(queries):
    """A locale, a page by its slug, view restrictions: what routing asks (the site too,
    but a page's links may ask for it, as Wagtail's ``pageurl`` does)."""
    return [query["sql"] for query in queries if any(part in query["sql"] for part in ROUTING)]


@pytest.mark.parametrize("path", ["/th/news/", "/th/news/story/", "/en/news/"])
def test_a_routed_page_is_found_without_a_query(client, site, path, django_assert_max_num_queries):
    add_article(site["news_th"], title="ข่าว", slug="story")
    assert client.get(path).status_code == 200
    with django_assert_max_num_queries(10_000) as queries:
        assert client.get(path).status_code == 200
    assert _routing_queries(queries) == []


@pytest.mark.parametrize("path", ["/th/", "/en/"])
def test_the_home_page_needs_no_query_once_routed(client, site, path, django_assert_num_queries):
    client.get(path)
    with django_assert_num_queries(0):
        assert client.get(path).status_code == 200


def test_a_renamed_page_moves_at_once(client, site):
    about = StandardPage(title="เกี่ยวกับ", slug="about")
    site["th"].add_child(instance=about)
    publish(about)
    assert client.get("/th/about/").status_code == 200
    about.slug = "about-the-senate"
    publish(about)
    assert client.get("/th/about/").status_code == 404
    assert client.get("/th/about-the-senate/").status_code == 200


def test_unpublishing_a_page_hides_it_at_once(client, site):
    add_article(site["news_th"], title="ข่าว", slug="story")
    assert client.get("/th/news/").status_code == 200
    site["news_th"].unpublish()
    assert client.get("/th/news/").status_code == 404


def test_a_page_published_where_there_was_none_shows_at_once(client, site):
    assert client.get("/th/contact/").status_code == 404
    contact = StandardPage(title="ติดต่อ", slug="contact")
    site["th"].add_child(instance=contact)
    publish(contact)
    assert client.get("/th/contact/").status_code == 200


def test_a_view_restriction_applies_at_once_to_the_pages_under_it(client, site):
    add_article(site["news_th"], title="ข่าว", slug="story")
    assert client.get("/th/news/story/").status_code == 200
    restriction = PageViewRestriction.objects.create(page=site["news_th"], restriction_type=PageViewRestriction.LOGIN)
    for path in ("/th/news/", "/th/news/story/"):
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"], path
    restriction.delete()
    assert client.get("/th/news/story/").status_code == 200


def test_a_password_restriction_asks_for_the_password(client, site):
    article = add_article(site["news_th"], title="ข่าวปิด", slug="closed")
    client.get("/th/news/closed/")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.PASSWORD, password="ลับ")
    response = client.get("/th/news/closed/")
    assert response.status_code == 200 and "ข่าวปิด" not in response.text and 'name="password"' in response.text
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_the_thai_original_for_english_readers_keeps_its_restrictions(client, site):
    add_article(site["news_th"], title="ข่าวภาษาไทย", slug="thai-only")
    fallback = client.get("/en/news/thai-only/")
    assert fallback.status_code == 200 and "ข่าวภาษาไทย" in fallback.text
    PageViewRestriction.objects.create(page=site["news_th"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/news/thai-only/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_moved_page_answers_at_its_new_address_only(client, site):
    section = StandardPage(title="หมวด", slug="section")
    site["th"].add_child(instance=section)
    publish(section)
    article = add_article(site["news_th"], title="ข่าวย้าย", slug="moving")
    assert client.get("/th/news/moving/").status_code == 200
    article.move(section, pos="last-child")
    moved = client.get("/th/news/moving/")  # Wagtail's redirect from the old address, as on a 404
    assert moved.status_code == 301 and moved["Location"].endswith("/th/section/moving/")
    assert client.get("/th/section/moving/").status_code == 200


def test_a_site_moved_to_another_home_page_routes_there_at_once(client, site):
    other = StandardPage(title="หน้าอื่น", slug="other-home")
    site["th"].get_parent().add_child(instance=other)
    publish(other)
    assert client.get("/th/news/").status_code == 200
    default = Site.objects.get(is_default_site=True)
    default.root_page = other
    default.save()
    assert client.get("/th/news/").status_code == 404
    assert "หน้าอื่น" in client.get("/th/").text
