import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from cms.library.models import (
    ArchiveRecord,
    DocumentIndexPage,
    DocumentPage,
    ExtractedText,
    ExtractionStatus,
    RecordType,
    Subject,
)
from search.selectors import search
from tests.factories import make_site, publish, translate

pytestmark = pytest.mark.django_db


def upload(data, name, capture):
    Document = get_document_model()
    document = Document(title=name)
    document.file.save(name, ContentFile(data), save=False)
    with capture(execute=True):
        document.save()
    return document


@pytest.fixture
def library(db):
    site = make_site()
    index = DocumentIndexPage(title="เอกสารดิจิทัล", slug="publications")
    site["th"].add_child(instance=index)
    publish(index)
    site["index"] = index
    return site


def add_document(index, document, *, title="รายงานทดสอบ", slug="report", year=2567, type_="research_report", subjects=()):
    page = DocumentPage(title=title, slug=slug, file=document, year=year, document_type=type_, authors="ผู้เขียน ก\nผู้เขียน ข")
    index.add_child(instance=page)
    page.subjects.set(subjects)
    return publish(page)


def test_upload_is_extracted_in_the_background_and_found_by_a_word_on_page_three(library, thai_pdf, client, django_capture_on_commit_callbacks):
    document = upload(thai_pdf, "report.pdf", django_capture_on_commit_callbacks)
    extracted = ExtractedText.objects.get(document=document)
    assert extracted.status == ExtractionStatus.DONE and extracted.page_count == 3
    page = add_document(library["index"], document)
    outcome = search("ธรรมาภิบาลทางการคลัง")
    assert [(hit.document.key, hit.document.object_id) for hit in outcome.hits] == [("document", str(page.pk))]

    response = client.get("/th/library/", {"q": "ธรรมาภิบาลทางการคลัง"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "พบในหน้า ๓" in body
    assert "<mark>ธรรมาภิบาลทางการคลัง</mark>" in body


def test_document_page_locates_words_cites_and_embeds_the_file(library, thai_pdf, client, django_capture_on_commit_callbacks):
    subject = Subject.objects.create(name="การงบประมาณ", slug="budget", locale=library["th"].locale)
    document = upload(thai_pdf, "report.pdf", django_capture_on_commit_callbacks)
    page = add_document(library["index"], document, subjects=[subject])
    other = add_document(library["index"], document, title="เอกสารอื่น", slug="other", subjects=[subject])
    body = client.get(page.url, {"q": "งบประมาณรายจ่าย"}).content.decode()
    assert "หน้า ๒" in body and "<mark>งบประมาณรายจ่าย</mark>" in body
    assert "ผู้เขียน ก, ผู้เขียน ข. (2567). รายงานทดสอบ." in body
    assert other.title in body  # related by subject
    assert f'src="{page.get_file_url()}#page=1"' in body

    response = client.get(page.get_file_url())
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["Content-Disposition"].startswith("inline")


def test_unpublished_document_file_is_not_served(library, thai_pdf, client, django_capture_on_commit_callbacks):
    document = upload(thai_pdf, "report.pdf", django_capture_on_commit_callbacks)
    page = add_document(library["index"], document)
    page.unpublish()
    assert client.get(reverse("library:document_file", kwargs={"page_id": page.pk})).status_code == 404


def test_broken_upload_is_marked_failed_and_nothing_breaks(library, django_capture_on_commit_callbacks):
    document = upload(b"%PDF-1.4 broken", "broken.pdf", django_capture_on_commit_callbacks)
    extracted = ExtractedText.objects.get(document=document)
    assert extracted.status == ExtractionStatus.FAILED and extracted.error


def test_listing_filters_by_type_year_and_subject_in_both_languages(library, thai_pdf, client, django_capture_on_commit_callbacks):
    th_subject = Subject.objects.create(name="การงบประมาณ", slug="budget", locale=library["th"].locale)
    en_subject = th_subject.copy_for_translation(library["en"].locale)
    en_subject.name, en_subject.slug = "Budget", "budget-en"
    en_subject.save()
    document = upload(thai_pdf, "report.pdf", django_capture_on_commit_callbacks)
    report = add_document(library["index"], document, subjects=[th_subject])
    add_document(library["index"], document, title="บทความทดสอบตัวกรอง", slug="paper", year=2565, type_="academic_paper")
    listing = lambda **params: client.get(reverse("library:document_list"), params).content.decode()  # noqa: E731
    assert "รายงานทดสอบ" in listing(type="research_report") and "บทความทดสอบตัวกรอง" not in listing(type="research_report")
    assert "บทความทดสอบตัวกรอง" in listing(year="๒๕๖๕") and "รายงานทดสอบ" not in listing(year="2565")
    assert "บทความทดสอบตัวกรอง" not in listing(subject="budget")
    translate(library["index"], library["en"].locale, title="Digital documents")
    translated = translate(report, library["en"].locale, title="Study report")
    translated.subjects.set([th_subject])
    publish(translated)
    english = client.get("/en/library/documents/", {"subject": "budget-en"}).content.decode()
    assert "Study report" in english and "Budget" in english


def test_api_lists_and_describes_documents(library, thai_pdf, client, django_capture_on_commit_callbacks):
    document = upload(thai_pdf, "report.pdf", django_capture_on_commit_callbacks)
    page = add_document(library["index"], document)
    listing = client.get("/api/v1/library/documents/", {"type": "research_report"}).json()
    assert [item["id"] for item in listing["results"]] == [page.pk]
    detail = client.get(f"/api/v1/library/documents/{page.pk}/").json()
    assert detail["page_count"] == 3 and detail["text_status"] == "done" and detail["authors"] == ["ผู้เขียน ก", "ผู้เขียน ข"]
    assert detail["file_type"] == "pdf" and detail["file_size"] > 0
    assert client.get("/api/v1/library/documents/999999/").status_code == 404
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/library/documents/" in schema and "/api/v1/library/archive/" in schema and "/api/v1/directory/people/" in schema


def test_archive_browses_by_period_year_and_type_and_links_the_instrument(library, client):
    from cms.laws.models import Instrument

    instrument = Instrument.objects.create(slug="constitution-2475", kind="constitution", title="ธรรมนูญการปกครองแผ่นดินสยามชั่วคราว พุทธศักราช ๒๔๗๕")
    locale = library["th"].locale
    ArchiveRecord.objects.create(locale=locale, title="ธรรมนูญฉบับแรก", record_type=RecordType.CONSTITUTION, year=2475, instrument=instrument, gazette_reference="เล่ม ๔๙")
    ArchiveRecord.objects.create(locale=locale, title="บันทึกทดสอบสมัยประชุม", record_type=RecordType.SITTING, year=2562)
    ArchiveRecord.objects.create(locale=locale, title="ร่างที่ไม่เผยแพร่", record_type=RecordType.DRAFTING, year=2562, published=False)
    page = lambda **params: client.get(reverse("library:archive"), params).content.decode()  # noqa: E731
    assert "ธรรมนูญฉบับแรก" in page(period="2475-2489") and "บันทึกทดสอบสมัยประชุม" not in page(period="2475-2489")
    assert "บันทึกทดสอบสมัยประชุม" in page(year="2562", type="sitting") and "ร่างที่ไม่เผยแพร่" not in page()
    record = ArchiveRecord.objects.get(title="ธรรมนูญฉบับแรก")
    detail = client.get(record.get_absolute_url()).content.decode()
    assert instrument.get_absolute_url() in detail and "เล่ม ๔๙" in detail
    assert client.get(ArchiveRecord.objects.get(published=False).get_absolute_url()).status_code == 404
    api = client.get("/api/v1/library/archive/", {"period": "2475-2489"}).json()
    assert [item["title"] for item in api["results"]] == ["ธรรมนูญฉบับแรก"]
    assert [item["title"] for item in client.get("/api/v1/library/archive/", {"year": "๒๔๗๕"}).json()["results"]] == ["ธรรมนูญฉบับแรก"]
    assert client.get("/api/v1/library/archive/", {"year": ""}).json()["count"] == 2
    for bad in ("null", "2475.5", "0"):
        refused = client.get("/api/v1/library/archive/", {"year": bad})
        assert refused.status_code == 400 and list(refused.json()["error"]["fields"]) == ["year"], bad
    assert search("บันทึกทดสอบสมัยประชุม").hits[0].document.key == "archive"


def test_database_search_has_type_facets_and_leaves_out_other_pages(library, thai_pdf, client, django_capture_on_commit_callbacks):
    from cms.laws.models import Instrument
    from tests.factories import add_article

    document = upload(thai_pdf, "report.pdf", django_capture_on_commit_callbacks)
    add_document(library["index"], document)
    Instrument.objects.create(slug="fiscal-act", kind="act", title="พระราชบัญญัติวินัยการเงินการคลัง ธรรมาภิบาลทางการคลัง")
    add_article(library["news_th"], title="ข่าวธรรมาภิบาลทางการคลัง", slug="fiscal-news")
    body = client.get("/th/library/", {"q": "ธรรมาภิบาลทางการคลัง"}).content.decode()
    # Other tests may leave constitutions in the index, so only this test's own rows are counted.
    assert "เอกสาร (๑)" in body and "กฎหมาย (" in body
    assert "ข่าวธรรมาภิบาล" not in body and "ข่าว (" not in body
    only_documents = client.get("/th/library/", {"q": "ธรรมาภิบาลทางการคลัง", "type": "document"}).content.decode()
    assert "รายงานทดสอบ" in only_documents and "พระราชบัญญัติวินัยการเงินการคลัง" not in only_documents
