"""Wagtail's own search (the admin, choosers, ``Page.objects.search()``) goes through the
Thai analyser: a word inside a longer Thai word is found, on the database Chandra runs on."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.models import Page

from search.wagtail_backend import index_text, query_text

pytestmark = pytest.mark.django_db


def titles(results):
    return sorted(page.title for page in results)


def test_index_and_query_text_share_the_analyser():
    assert "กฎ" in index_text("ร่างกฎหมาย").split()
    assert set(query_text("กฎหมาย").split()) <= set(index_text("ร่างกฎหมายว่าด้วย").split())
    assert query_text("?!…") == ""


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
