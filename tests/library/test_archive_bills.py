"""Archive records linked to the bills they belong to: on both pages, in the API, and in the admin form."""

import pytest
from django.urls import reverse
from django.utils import translation

from cms.library.models import ArchiveRecord, RecordType
from tests.factories import BillFactory, make_site


def url(obj, language="th"):
    with translation.override(language):
        return obj.get_absolute_url()


@pytest.fixture
def linked(db):
    site = make_site()
    th, en = site["th"].locale, site["en"].locale
    bill = BillFactory(title="ร่างพระราชบัญญัติการประชุมทดสอบ พ.ศ. ....")
    other = BillFactory(title="ร่างพระราชบัญญัติที่ไม่มีในคลัง พ.ศ. ....")
    record = ArchiveRecord.objects.create(locale=th, title="รายงานการประชุมวุฒิสภาครั้งทดสอบ", record_type=RecordType.SITTING, year=2567)
    record.bills.set([bill])
    translated = record.copy_for_translation(en)
    translated.title = "Record of the test sitting"
    translated.save()
    hidden = ArchiveRecord.objects.create(locale=th, title="บันทึกที่ยังไม่เผยแพร่", record_type=RecordType.DRAFTING, year=2567, published=False)
    hidden.bills.set([bill])
    return {"bill": bill, "other": other, "record": record, "translated": translated}


def test_record_page_lists_its_bills_in_both_languages(linked, client):
    body = client.get(url(linked["record"])).content.decode()
    assert url(linked["bill"]) in body and "ร่างกฎหมาย" in body
    assert url(linked["other"]) not in body
    # The link was set on the Thai record; its English translation shows the same bill.
    english = client.get(url(linked["translated"], "en")).content.decode()
    assert "Bills" in english and url(linked["bill"], "en") in english


def test_bill_page_shows_its_published_records_in_the_readers_language(linked, client):
    body = client.get(url(linked["bill"])).content.decode()
    assert "ในจดหมายเหตุนิติบัญญัติ" in body and url(linked["record"]) in body
    assert "บันทึกที่ยังไม่เผยแพร่" not in body
    english = client.get(url(linked["bill"], "en")).content.decode()
    assert "In the archive" in english and "Record of the test sitting" in english and "รายงานการประชุมวุฒิสภาครั้งทดสอบ" not in english
    assert "In the archive" not in client.get(url(linked["other"], "en")).content.decode()


def test_api_gives_a_records_bills_and_the_records_of_a_bill(linked, client):
    detail = client.get(f"/api/v1/library/archive/{linked['record'].pk}/").json()
    assert [(item["id"], item["title"]) for item in detail["bills"]] == [(linked["bill"].pk, linked["bill"].title)]
    assert detail["bills"][0]["url"].endswith(url(linked["bill"]))
    of_bill = client.get("/api/v1/library/archive/", {"bill": linked["bill"].pk}).json()
    assert [item["id"] for item in of_bill["results"]] == [linked["record"].pk]
    english = client.get("/api/v1/library/archive/", {"bill": linked["bill"].pk, "lang": "en"}).json()
    assert [item["title"] for item in english["results"]] == ["Record of the test sitting"]
    assert english["results"][0]["bills"][0]["id"] == linked["bill"].pk
    assert client.get("/api/v1/library/archive/", {"bill": linked["other"].pk}).json()["results"] == []
    assert "bill" in client.get("/api/v1/schema/").content.decode()


def test_admin_edit_form_links_bills(linked, admin_client):
    url = reverse("wagtailsnippets_library_archiverecord:edit", args=[linked["record"].pk])
    form = admin_client.get(url).content.decode()
    assert 'name="bills"' in form and linked["other"].title in form


def test_api_rejects_a_bill_or_year_that_is_not_a_number(linked, client):
    response = client.get("/api/v1/library/archive/", {"bill": "abc"})
    assert response.status_code == 400 and "bill" in response.content.decode()
    assert client.get("/api/v1/library/archive/", {"year": "null"}).status_code == 400
