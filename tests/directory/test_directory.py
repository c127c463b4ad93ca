import io

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale

from cms.directory import importer
from cms.directory.models import Office, StaffMember, Visibility
from tests.factories import locales

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(db):
    th, _en = locales()
    office = Office.objects.create(locale=th, name="กลุ่มงานบริการข้อมูล", phone="0 2000 1100")
    StaffMember.objects.create(locale=th, name="นางสาวตัวอย่าง ทดสอบระบบ", position="บรรณารักษ์", office=office, phone="0 2000 1101", extension="1101")
    StaffMember.objects.create(locale=th, name="นายภายใน เท่านั้น", office=office, phone="0 2000 1999", visibility=Visibility.INTERNAL)
    return office


def test_search_by_part_of_a_name_or_office(book, client):
    body = client.get("/th/directory/", {"q": "ทดสอบ"}).content.decode()
    assert "นางสาวตัวอย่าง ทดสอบระบบ" in body and "0 2000 1101" in body
    assert "นางสาวตัวอย่าง" in client.get("/th/directory/", {"q": "บริการข้อมูล"}).content.decode()
    assert "ไม่พบรายชื่อ" in client.get("/th/directory/", {"q": "ไม่มีใครชื่อนี้"}).content.decode()


def test_internal_entries_only_for_signed_in_staff(book, client):
    assert "นายภายใน" not in client.get("/th/directory/").content.decode()
    staff = User.objects.create_user("staff", password="x")
    staff.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(staff)
    response = client.get("/th/directory/")
    assert "นายภายใน" in response.content.decode() and "no-store" in response["Cache-Control"]


def test_vcards_and_hidden_internal_vcard(book, client):
    person = StaffMember.objects.get(name__startswith="นางสาวตัวอย่าง")
    card = client.get(person.get_vcard_url())
    text = card.content.decode()
    assert card["Content-Type"].startswith("text/vcard")
    assert "FN:นางสาวตัวอย่าง ทดสอบระบบ" in text and "TEL;TYPE=WORK,VOICE:0 2000 1101 ext. 1101" in text
    assert "BEGIN:VCARD" in client.get(book.get_vcard_url()).content.decode()
    hidden = StaffMember.objects.get(visibility=Visibility.INTERNAL)
    assert client.get(hidden.get_vcard_url()).status_code == 404


def test_api_lists_only_public_entries(book, client):
    names = [item["name"] for item in client.get("/api/v1/directory/people/", {"q": "ตัวอย่าง"}).json()["results"]]
    assert names == ["นางสาวตัวอย่าง ทดสอบระบบ"]
    assert client.get("/api/v1/directory/people/").json()["count"] == 1


def csv_file(text, name="staff.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"))


def test_import_checks_every_row_and_writes_nothing_when_one_is_wrong(db):
    locales()
    rows = importer.read(csv_file(
        "หน่วยงาน,ชื่อ-สกุล,ตำแหน่ง,โทรศัพท์,ต่อ,อีเมล,การเผยแพร่\n"
        "กลุ่มงาน ก,นาย ก ตัวอย่าง,เจ้าหน้าที่,๐ ๒๐๐๐ ๑๑๐๐,๑๑,a@example.invalid,สาธารณะ\n"
        "กลุ่มงาน ก,,เจ้าหน้าที่,abc,x,not-mail,ลับ\n"
    ))
    preview = importer.check(rows)
    assert not preview.ok
    bad = preview.errors[0]
    assert bad.number == 3 and len(bad.errors) == 5
    with pytest.raises(ValueError):
        importer.apply(rows)
    assert not StaffMember.objects.exists() and not Office.objects.exists()


def test_import_creates_then_updates_in_one_go(db):
    locales()
    text = "office,name,position,phone,extension,email,visibility\nกลุ่มงาน ข,นาง ข ตัวอย่าง,หัวหน้า,0 2000 1200,12,b@example.invalid,internal\n"
    outcome = importer.apply(importer.read(csv_file(text)))
    assert (outcome.created, outcome.offices_created) == (1, 1)
    person = StaffMember.objects.get()
    assert person.phone == "0 2000 1200" and person.visibility == Visibility.INTERNAL and person.locale == Locale.get_default()
    outcome = importer.apply(importer.read(csv_file(text.replace("หัวหน้า", "ผู้อำนวยการ"))))
    assert (outcome.created, outcome.updated) == (0, 1)
    assert StaffMember.objects.get().position == "ผู้อำนวยการ"


def test_import_reads_xlsx_and_rejects_other_files(db):
    import openpyxl

    locales()
    workbook = openpyxl.Workbook()
    workbook.active.append(["หน่วยงาน", "ชื่อ-สกุล", "โทรศัพท์"])
    workbook.active.append(["กลุ่มงาน ค", "นาย ค ตัวอย่าง", "0 2000 1300"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = importer.read(SimpleUploadedFile("staff.xlsx", buffer.getvalue()))
    assert importer.check(rows).ok
    with pytest.raises(importer.ImportFileError):
        importer.read(SimpleUploadedFile("staff.txt", b"x"))
    with pytest.raises(importer.ImportFileError):
        importer.read(csv_file("ชื่อ\nนาย ง\n"))


def test_admin_import_preview_then_confirm(db, client):
    locales()
    hr = User.objects.create_user("hr", password="x")
    hr.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "add_staffmember", "change_staffmember", "add_office"]))
    client.force_login(hr)
    text = "หน่วยงาน,ชื่อ-สกุล\nกลุ่มงาน ง,นาง ง ตัวอย่าง\n"
    preview = client.post("/admin/directory/import/", {"file": csv_file(text)})
    assert preview.status_code == 200 and "นาง ง ตัวอย่าง" in preview.content.decode()
    assert not StaffMember.objects.exists()
    client.post("/admin/directory/import/", {"action": "confirm"})
    assert StaffMember.objects.get().name == "นาง ง ตัวอย่าง"
    other = User.objects.create_user("other", password="x")
    other.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(other)
    refused = client.get("/admin/directory/import/")
    assert refused.status_code == 302 and refused.url == "/admin/"  # Wagtail's answer to PermissionDenied


def test_banners_and_qr_code(client):
    banner = client.get("/th/directory/banners/th/728x90.png")
    assert banner.status_code == 200 and banner["Content-Type"] == "image/png"
    from PIL import Image

    assert Image.open(io.BytesIO(banner.content)).size == (728, 90)
    assert client.get("/th/directory/banners/th/1x1.png").status_code == 404
    assert client.get("/th/directory/qr.svg").content.startswith(b"<svg")
    assert "728 × 90" in client.get("/en/directory/links/").content.decode()
