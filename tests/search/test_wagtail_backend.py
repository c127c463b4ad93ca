"""Wagtail's own search (the admin, choosers, ``Page.objects.search()``) reads Chandra's one
index: a word inside a longer Thai word is found, drafts are found by editors but never by
the public, and every object is indexed once."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search import selectors
from search.models import SearchDocument
from search.wagtail_backend import ChandraSearchBackend

pytestmark = pytest.mark.django_db


def titles(results):
    return sorted(page.title for page in results)


def test_wagtail_search_is_chandras_index():
    assert isinstance(get_search_backend(), ChandraSearchBackend)


def test_a_draft_is_found_by_editors_and_never_by_the_public(site):
    from cms.news.models import NewsPage

    page = NewsPage.objects.get(slug="open-house")
    page.unpublish()
    assert titles(Page.objects.search("เลขาธิการ")) == ["สำนักงานเลขาธิการวุฒิสภาเปิดบ้าน"]
    assert titles(Page.objects.live().search("เลขาธิการ")) == []
    assert selectors.search("เลขาธิการ").total == 0


def test_every_object_is_indexed_once_and_update_index_rebuilds_the_one_index(site):
    from cms.news.models import NewsPage

    before = set(SearchDocument.objects.values_list("content_type_id", "object_id"))
    call_command("update_index", verbosity=0)
    after = set(SearchDocument.objects.values_list("content_type_id", "object_id"))
    assert before <= after  # the rebuild adds the root page, made before any signal
    assert SearchDocument.objects.count() == len(after)  # each object once
    pages = {(content_type, str(pk)) for content_type, pk in Page.objects.values_list("content_type_id", "pk")}
    assert pages <= after
    assert {content_type for content_type, _ in after - pages}.isdisjoint(
        content_type for content_type, _ in pages)  # no page twice, under another type
    public = set(SearchDocument.objects.filter(public=True).values_list("object_id", flat=True))
    assert {str(pk) for pk in NewsPage.objects.values_list("pk", flat=True)} <= public


def test_and_or_ordering_and_scores(site):
    assert titles(Page.objects.search("วุฒิสภา งบประมาณ", operator="and")) == ["วุฒิสภาพิจารณาร่างกฎหมายงบประมาณ"]
    assert titles(Page.objects.search("เลขาธิการ งบประมาณ", operator="or")) == [
        "วุฒิสภาพิจารณาร่างกฎหมายงบประมาณ", "สำนักงานเลขาธิการวุฒิสภาเปิดบ้าน",
    ]
    ordered = Page.objects.order_by("-title").search("วุฒิสภา", order_by_relevance=False)
    assert [page.title for page in ordered] == sorted((page.title for page in ordered), reverse=True)
    scored = list(Page.objects.search("กฎหมาย").annotate_score("score"))
    assert scored and all(page.score > 0 for page in scored)
    assert Page.objects.search("วุฒิสภา").count() == 2
    assert len(Page.objects.search("วุฒิสภา")[:1]) == 1


def test_a_thai_word_inside_a_compound_is_found_by_page_search(site):
    assert titles(Page.objects.live().search("กฎหมาย")) == ["วุฒิสภาพิจารณาร่างกฎหมายงบประมาณ"]
    assert titles(Page.objects.live().search("เลขาธิการ")) == ["สำนักงานเลขาธิการวุฒิสภาเปิดบ้าน"]
    assert titles(Page.objects.live().search("รัฐประหาร")) == []


def test_abbreviations_and_years_reach_wagtail_search(site):
    assert titles(Page.objects.live().search("พุทธศักราช")) == ["วุฒิสภาพิจารณาร่างกฎหมายงบประมาณ"]  # พ.ศ.
    assert titles(Page.objects.live().search("2025")) == ["วุฒิสภาพิจารณาร่างกฎหมายงบประมาณ"]


def test_autocomplete_as_the_admin_uses_it(site):
    assert "สำนักงานเลขาธิการวุฒิสภาเปิดบ้าน" in titles(Page.objects.autocomplete("เลขาธิ"))


def test_the_admin_page_search_finds_a_word_inside_a_compound(client, site):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/pages/search/", {"q": "กฎหมาย"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "วุฒิสภาพิจารณาร่างกฎหมายงบประมาณ" in html
    assert "สำนักงานเลขาธิการวุฒิสภาเปิดบ้าน" not in html


def test_documents_are_searchable_by_a_thai_word_in_their_title(db):
    from django.core.files.base import ContentFile

    Document = get_document_model()
    document = Document(title="รายงานการประชุมคณะกรรมาธิการการพัฒนาการเมือง")
    document.file.save("report.txt", ContentFile(b"report"), save=True)
    assert [d.title for d in Document.objects.search("กรรมาธิการ")] == [document.title]
    assert list(Document.objects.search("งบประมาณ")) == []


@pytest.mark.parametrize("query", ["?!…", "<script>", "' OR 1=1 --", "ก" * 500])
def test_the_admin_search_survives_bad_input(client, site, query):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    assert client.get("/admin/pages/search/", {"q": query}).status_code == 200
    assert client.get("/admin/documents/", {"q": query}).status_code == 200


def test_the_admin_snippet_search_finds_a_thai_word_inside_a_headword(client, db):
    from cms.laws.models import GlossaryTerm

    GlossaryTerm.objects.create(slug="admin-search-senator", term_th="สมาชิกวุฒิสภา", term_en="senator", definition_th="ผู้แทน")
    GlossaryTerm.objects.create(slug="admin-search-cabinet", term_th="คณะรัฐมนตรี", term_en="cabinet", definition_th="ฝ่ายบริหาร")
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    response = client.get("/admin/snippets/laws/glossaryterm/", {"q": "วุฒิสภา"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "สมาชิกวุฒิสภา" in html
    assert "คณะรัฐมนตรี" not in html


def test_an_admin_listing_filters_and_orders_by_any_field_while_searching(db):
    from cms.legislation.models import Bill
    from modelsearch.backends.base import SearchFieldError

    bill = Bill.objects.create(title="ร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปี", proposer="คณะรัฐมนตรี")
    backend = get_search_backend()
    listing = Bill.objects.filter(stage=bill.stage, proposer__startswith="คณะ").order_by("-received_on", "pk")
    assert list(backend.search("งบประมาณ", listing, fields=["title"], order_by_relevance=False)) == [bill]
    assert list(backend.autocomplete("งบประ", listing)) == [bill]
    with pytest.raises(SearchFieldError):
        backend.search("งบประมาณ", Bill, fields=["gazette_url"])
