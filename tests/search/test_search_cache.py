"""The search page keeps its results until the index changes: what is indexed or removed
shows at once, kept results are purged again when the write commits, and a kept
search reads nothing from the index."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.base import pagecache
from search.indexing import Doc, index_docs, remove_objects
from search.models import Abbreviation, Posting, SearchDocument

pytestmark = pytest.mark.django_db


def _doc(object_id, title, body):
    return Doc(
        key="page", content_type_id=ContentType.objects.get_for_model(SearchDocument).pk, object_id=object_id,
        url=f"/th/kept/{object_id}/", title=title, body=body,
    )


def _index_reads(client, query):
    """The page for ``query`` and how many of its queries read the postings."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/th/search/", {"q": query})
    assert response.status_code == 200
    postings = Posting._meta.db_table
    return response.content.decode(), sum(postings in query["sql"] for query in captured.captured_queries)


def test_a_repeated_search_is_answered_from_kept_results(client, site):
    first, reads = _index_reads(client, "กฎหมาย")
    assert reads > 0 and "งบประมาณ" in first
    again, reads = _index_reads(client, "กฎหมาย")
    assert reads == 0
    assert again == first
    other_page, reads = _index_reads(client, "เลขาธิการ")
    assert reads > 0 and "เปิดบ้าน" in other_page


def test_a_newly_indexed_document_is_found_at_once(client, site):
    before, _ = _index_reads(client, "อุทยาน")
    assert "/th/kept/park/" not in before
    index_docs([_doc("park", "สวนอุทยานแห่งชาติ", "อุทยานเปิดให้ประชาชนเข้าชม")])
    after, reads = _index_reads(client, "อุทยาน")
    assert reads > 0 and "/th/kept/park/" in after


def test_a_removed_document_disappears_at_once(client, site):
    from cms.news.models import NewsPage

    assert "เปิดบ้าน" in _index_reads(client, "เลขาธิการ")[0]
    remove_objects([NewsPage.objects.get(slug="open-house")])
    after, _ = _index_reads(client, "เลขาธิการ")
    assert "เปิดบ้าน" not in after


def test_unpublishing_a_page_drops_it_from_kept_results(client, site):
    from cms.news.models import NewsPage

    assert "เปิดบ้าน" in _index_reads(client, "เลขาธิการ")[0]
    NewsPage.objects.get(slug="open-house").unpublish()
    assert "เปิดบ้าน" not in _index_reads(client, "เลขาธิการ")[0]


def test_an_index_write_purges_kept_results_again_when_it_commits(db, django_capture_on_commit_callbacks):
    renders = []

    def render():
        renders.append(1)
        return len(renders)

    with django_capture_on_commit_callbacks() as callbacks:
        index_docs([_doc("late", "ข่าวที่มาทีหลัง", "เนื้อหา")])
        # A search read before the write commits, as another process would.
        assert pagecache.fragment("probe", tags={pagecache.SEARCH_TAG}, render=render) == 1
    assert pagecache.fragment("probe", tags={pagecache.SEARCH_TAG}, render=render) == 1
    assert callbacks
    for callback in callbacks:
        callback()
    assert pagecache.fragment("probe", tags={pagecache.SEARCH_TAG}, render=render) == 2


def test_editing_an_abbreviation_purges_kept_results(client, site):
    assert "งบประมาณ" not in _index_reads(client, "กม.")[0]
    assert _index_reads(client, "กม.")[1] == 0
    Abbreviation.objects.create(abbreviation="กม.", expansion="กฎหมาย")
    after, reads = _index_reads(client, "กม.")
    assert reads > 0 and "งบประมาณ" in after


def test_filters_and_pages_are_kept_apart(client, constitution_index, site):
    everything = client.get("/th/search/", {"q": "กฎหมาย"}).content.decode()
    news_only = client.get("/th/search/", {"q": "กฎหมาย", "type": "news"}).content.decode()
    second = client.get("/th/search/", {"q": "กฎหมาย", "page": "2"}).content.decode()
    english = client.get("/en/search/", {"q": "กฎหมาย"}).content.decode()
    assert len({everything, news_only, second, english}) == 4
    assert "มาตรา" not in news_only.split("search__results")[1]
    assert '<html lang="en">' in english


def test_the_whole_kept_search_page_is_purged_by_an_index_write(client, site, settings, django_assert_num_queries):
    settings.PAGE_CACHE_ENABLED = True
    client.get("/th/search/", {"q": "อุทยาน"})
    with django_assert_num_queries(0):
        kept = client.get("/th/search/", {"q": "อุทยาน"}).content.decode()
    assert "/th/kept/park/" not in kept
    index_docs([_doc("park", "สวนอุทยานแห่งชาติ", "อุทยานเปิดให้ประชาชนเข้าชม")])
    assert "/th/kept/park/" in client.get("/th/search/", {"q": "อุทยาน"}).content.decode()
