"""Demo content of the directory: a clearly fictional sample phone book (no real
people: every name is a placeholder and every number is in an unassigned sample
range), the HR group that keeps it, and the overseas travel guide. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from cms.base.demo import ensure_child, ensure_translation
from home.models import HomePage

from .models import CountryNotePage, Office, StaffMember, TravelGuidePage, Visibility

HR_USER, HR_PASSWORD = "hr", "demo-hr-2569"
OFFICES = [
    ("กลุ่มงานบริการข้อมูล (ตัวอย่าง)", "Information Services Group (sample)", "0 2000 1100", "1100", "info@demo.chandra.invalid", Visibility.PUBLIC),
    ("กลุ่มงานวิชาการ (ตัวอย่าง)", "Academic Group (sample)", "0 2000 1200", "1200", "academic@demo.chandra.invalid", Visibility.PUBLIC),
    ("กลุ่มงานบุคคล (ตัวอย่าง)", "Personnel Group (sample)", "0 2000 1300", "1300", "hr@demo.chandra.invalid", Visibility.INTERNAL),
]
PEOPLE = [
    ("นางสาวตัวอย่าง ทดสอบระบบ", "Sample Person One", "ผู้อำนวยการกลุ่มงาน (ตัวอย่าง)", "Head of group (sample)", 0, "1101", Visibility.PUBLIC),
    ("นายสมมติ ตัวอย่างดี", "Sample Person Two", "นักวิชาการ (ตัวอย่าง)", "Researcher (sample)", 1, "1201", Visibility.PUBLIC),
    ("นางสาวสาธิต ใช้งานได้", "Sample Person Three", "บรรณารักษ์ (ตัวอย่าง)", "Librarian (sample)", 0, "1102", Visibility.PUBLIC),
    ("นายทดลอง ภายในเท่านั้น", "Sample Person Four", "เจ้าหน้าที่บุคคล (ตัวอย่าง)", "Personnel officer (sample)", 2, "1301", Visibility.INTERNAL),
]


def load(*, stdout) -> None:
    th, en = Locale.objects.get(language_code="th"), Locale.objects.get(language_code="en")
    offices = [_office(th, en, *spec, order) for order, spec in enumerate(OFFICES)]
    for order, (name, name_en, position, position_en, office, ext, visibility) in enumerate(PEOPLE):
        _person(th, en, name, name_en, position, position_en, offices[office], ext, visibility, order)
    _hr_group()
    _guide(th, en)
    stdout.write(f"  directory: sample phone book, travel guide; HR account {HR_USER} / {HR_PASSWORD} (demo only)")


def _office(th, en, name, name_en, phone, ext, email, visibility, order):
    office = Office.objects.filter(locale=th, name=name).first()
    if office is None:
        office = Office.objects.create(
            locale=th, name=name, phone=phone, extension=ext, email=email, visibility=visibility,
            location="อาคารรัฐสภา (ตัวอย่าง)", sort_order=order,
        )
    if office.get_translation_or_none(en) is None:
        translated = office.copy_for_translation(en)
        translated.name, translated.location = name_en, "Parliament House (sample)"
        translated.save()
    return office


def _person(th, en, name, name_en, position, position_en, office, ext, visibility, order):
    person = StaffMember.objects.filter(locale=th, name=name).first()
    if person is None:
        person = StaffMember.objects.create(
            locale=th, name=name, position=position, office=office, phone=office.phone, extension=ext,
            email=f"person{order + 1}@demo.chandra.invalid", visibility=visibility, sort_order=order,
        )
    if person.get_translation_or_none(en) is None:
        translated = person.copy_for_translation(en)
        translated.name, translated.position = name_en, position_en
        translated.office = office.get_translation_or_none(en) or office
        translated.save()


def _hr_group() -> None:
    group, _ = Group.objects.get_or_create(name="HR")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    group.permissions.add(*Permission.objects.filter(
        content_type__app_label="directory", codename__regex=r"^(add|change|delete|view)_(office|staffmember)$",
    ))
    User = get_user_model()
    user = User.objects.filter(username=HR_USER).first()
    if user is None:
        user = User(username=HR_USER, email=f"{HR_USER}@demo.chandra.invalid", first_name="ฝ่าย", last_name="บุคคล")
        user.set_password(HR_PASSWORD)
        user.save()
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "th"
    profile.save()


GUIDE_TH = [
    ("heading", "ก่อนเดินทาง"),
    ("step", {"title": "ขออนุมัติเดินทาง", "text": "เสนอเรื่องขออนุมัติเดินทางไปราชการต่างประเทศผ่านผู้บังคับบัญชาตามลำดับชั้น อย่างน้อยสามสิบวันก่อนวันเดินทาง",
              "checklist": ["หนังสือเชิญหรือกำหนดการ", "ประมาณการค่าใช้จ่าย", "รายชื่อผู้เดินทาง"]}),
    ("step", {"title": "หนังสือเดินทางและการตรวจลงตรา", "text": "ตรวจสอบอายุหนังสือเดินทางราชการ และข้อกำหนดการตรวจลงตราของประเทศปลายทางในหน้าหมายเหตุรายประเทศ",
              "checklist": ["หนังสือเดินทางมีอายุเหลือไม่น้อยกว่าหกเดือน", "สำเนาหนังสืออนุมัติเดินทาง"]}),
    ("heading", "หลังเดินทางกลับ"),
    ("step", {"title": "รายงานผลการเดินทาง", "text": "จัดทำรายงานผลการเดินทางและส่งหลักฐานการเบิกจ่ายภายในเวลาที่ระเบียบกำหนด", "checklist": ["รายงานผล", "ใบเสร็จรับเงิน"]}),
]
GUIDE_EN = [
    ("heading", "Before you travel"),
    ("step", {"title": "Get the trip approved", "text": "Submit the request for official travel abroad through your line managers at least thirty days before departure.",
              "checklist": ["Invitation or programme", "Cost estimate", "List of travellers"]}),
    ("step", {"title": "Passport and visa", "text": "Check the validity of your official passport and the visa rules of the destination on its country page.",
              "checklist": ["Passport valid for at least six more months", "Copy of the travel approval"]}),
    ("heading", "After you return"),
    ("step", {"title": "Report on the trip", "text": "Write the trip report and hand in the receipts within the time the rules allow.", "checklist": ["Report", "Receipts"]}),
]


def _guide(th, en) -> None:
    home = HomePage.objects.get(locale=th)
    guide = ensure_child(
        home, TravelGuidePage, slug="travel-guide", title="คู่มือการเดินทางไปราชการต่างประเทศ",
        introduction="ขั้นตอนและรายการตรวจสอบสำหรับการเดินทางไปราชการต่างประเทศ (เนื้อหาตัวอย่างเพื่อการสาธิต โปรดตรวจสอบระเบียบฉบับจริงก่อนใช้)",
        body=GUIDE_TH, last_checked=dt.date(2026, 11, 1),
    )
    ensure_translation(
        guide, en, title="Guide to official travel abroad",
        introduction="Steps and checklists for official travel abroad (sample content for the demo; check the actual regulations before use).",
        body=GUIDE_EN,
    )
    japan = ensure_child(
        guide, CountryNotePage, slug="japan", title="ญี่ปุ่น", embassy_name="สถานเอกอัครราชทูตไทย ณ กรุงโตเกียว",
        embassy_website="https://www.mfa.go.th/",
        visa_notes="<p>ตรวจสอบข้อกำหนดการตรวจลงตราสำหรับผู้ถือหนังสือเดินทางราชการกับกระทรวงการต่างประเทศก่อนเดินทางทุกครั้ง (หมายเหตุตัวอย่าง)</p>",
        last_checked=dt.date(2026, 10, 15),
    )
    ensure_translation(
        japan, en, title="Japan", embassy_name="Royal Thai Embassy, Tokyo",
        visa_notes="<p>Check the visa rules for official passport holders with the Ministry of Foreign Affairs before every trip (sample note).</p>",
    )
