"""Every public page type, uncached, needs at most ten queries once the site's
navigation is known (it is computed once per site and language)."""

import datetime as dt

import pytest

from tests.factories import BillFactory, CommitteeFactory, SittingFactory, add_article, make_site

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


@pytest.fixture
def content():
    site = make_site(tiles=[("service", {"service": "news", "title": "", "description": ""}),
                            ("service", {"service": "bills", "title": "", "description": ""})])
    for number in range(5):
        add_article(site["news_th"], title=f"ข่าวที่ {number}", slug=f"story-{number}")
    committee = CommitteeFactory()
    held = BillFactory(stage="committee", committee=committee, received_on=dt.date(2026, 2, 2))
    return {"bill": BillFactory(), "held": held, "committee": committee, "sitting": SittingFactory()}


def _paths(content):
    return [
        "/th/", "/en/", "/th/news/", "/th/news/story-1/", "/th/search/?q=ข่าว", "/th/bills/",
        f"/th/bills/{content['bill'].pk}/", f"/th/bills/{content['held'].pk}/", "/th/committees/", f"/th/committees/{content['committee'].pk}/",
        "/th/sittings/", f"/th/sittings/{content['sitting'].pk}/", "/th/library/", "/th/library/archive/",
        "/th/directory/", "/th/cases/", "/th/senators/",
    ]


def test_every_page_type_needs_at_most_ten_queries(client, content, django_assert_max_num_queries):
    over = {}
    for path in _paths(content):
        client.get(path)
        with django_assert_max_num_queries(10_000) as queries:
            assert client.get(path).status_code == 200, path
        if len(queries) > MAX_QUERIES:
            over[path] = len(queries)
    assert not over, sorted(over.items())


def test_the_navigation_is_computed_once_per_language(client, content, django_assert_max_num_queries):
    client.get("/th/bills/")
    with django_assert_max_num_queries(10_000) as first:
        client.get("/en/bills/")  # English: its navigation is computed now
    with django_assert_max_num_queries(10_000) as again:
        client.get("/en/bills/")
    assert len(again) < len(first)
