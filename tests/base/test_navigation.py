"""The header's parts that every page shows alike (the brand, the menu button,
the list of every service, the empty search form), rendered once per site and
language with the navigation (cms.base.navigation) and cleared by the edits
that change them; what depends on the page (the menu's current item, the
language links, a search's words) is not kept."""

import re

import pytest
from wagtail.models import Site

from cms.base.models import SiteSettings
from tests.factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(settings):
    settings.PAGE_CACHE_ENABLED = False
    built = make_site()
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return built


def _services_menu(html):
    return re.search(r'<ul class="services-menu">(.*?)</ul>', html, re.S).group(1)


def test_every_service_is_listed_with_its_icon_in_the_readers_language(client, site):
    thai, english = _services_menu(client.get("/th/bills/").text), _services_menu(client.get("/en/bills/").text)
    assert re.search(r'href="[^"]*/th/news/"', thai) and 'href="/th/bills/"' in thai
    assert 'href="/en/bills/"' in english and "/th/" not in english
    assert '<use href="/static/img/icons.svg#bill"></use></svg> ' in thai


def test_the_menu_marks_the_readers_service(client, site):
    page = client.get("/th/bills/").text
    assert re.search(r'<a href="/th/bills/" aria-current="page">', page)
    assert 'aria-current="page"' not in _services_menu(page)


def test_a_section_unpublished_leaves_the_list_at_once(client, site, django_capture_on_commit_callbacks):
    assert "/th/news/" in _services_menu(client.get("/th/bills/").text)
    with django_capture_on_commit_callbacks(execute=True):
        site["news_th"].unpublish()
    assert "/news/" not in _services_menu(client.get("/th/bills/").text)


def test_the_list_is_rendered_once_per_language(client, site, django_assert_max_num_queries):
    client.get("/th/bills/")
    with django_assert_max_num_queries(10_000) as queries:
        client.get("/th/bills/")
    assert not [query for query in queries if "wagtailcore_page" in query["sql"]]


def test_the_assets_every_page_links_have_their_static_addresses(client, site):
    from django.templatetags.static import static

    page = client.get("/th/bills/").text
    for path in ("css/chandra.css", "js/chandra.js", "img/favicon.svg", "search/autocomplete.js"):
        assert f'"{static(path)}"' in page


def test_a_page_without_a_site_still_has_its_header(client, site):
    Site.objects.all().delete()
    page = client.get("/th/bills/").text
    assert 'class="brand" href="/th/"' in page and 'class="services-menu"' in page
    assert 'action="/th/search/"' in page


def test_the_search_box_shows_the_words_searched_for_only_on_the_search(client, site):
    searched = client.get("/th/search/", {"q": "รัฐธรรมนูญ"}).text
    assert 'name="q" value="รัฐธรรมนูญ"' in searched
    assert 'name="q" value=""' in client.get("/th/bills/").text
    assert 'name="q" value=""' in client.get("/th/search/").text
