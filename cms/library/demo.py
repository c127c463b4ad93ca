"""Demo content of the library: subjects, series, five documents whose files carry
real Thai text (PDFs printed by chromium in Sarabun, and one Word file), each
translated into English, and the legislative archive built from the
constitutions that cms.laws loaded. Idempotent."""

from __future__ import annotations

import html
import io
import json

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Locale

from cms.base.demo import ensure_child, ensure_translation, publish
from cms.base.thai import arabic_digits
from home.models import HomePage

from . import demo_texts as texts
from .models import ArchiveCollection, ArchiveRecord, DocumentIndexPage, DocumentPage, RecordType, Series, Subject
from .pdf import BrowserMissing, html_to_pdf, page_html
from .services import document_text_extract

SUBJECTS = [
    ("constitutional-law", "กฎหมายรัฐธรรมนูญ", "Constitutional law"),
    ("legislative-process", "กระบวนการนิติบัญญัติ", "Legislative process"),
    ("budget", "การงบประมาณและการคลัง", "Budget and public finance"),
    ("decentralisation", "การกระจายอำนาจ", "Decentralisation"),
    ("public-participation", "การมีส่วนร่วมของประชาชน", "Public participation"),
]
SERIES = [
    ("academic-papers", "เอกสารวิชาการ", "Academic papers"),
    ("research-reports", "รายงานการศึกษา", "Research reports"),
]


def load(*, stdout) -> None:
    th, en = Locale.objects.get(language_code="th"), Locale.objects.get(language_code="en")
    subjects = {slug: _term(Subject, slug, name_th, name_en, th, en) for slug, name_th, name_en in SUBJECTS}
    series = {slug: _term(Series, slug, name_th, name_en, th, en) for slug, name_th, name_en in SERIES}
    home = HomePage.objects.get(locale=th)
    index = ensure_child(home, DocumentIndexPage, slug="publications", title="เอกสารดิจิทัล",
                         introduction="เอกสารวิชาการ รายงานการศึกษา และสิ่งพิมพ์ของสำนักงานเลขาธิการวุฒิสภา")
    ensure_translation(index, en, title="Digital documents", introduction="Academic papers, research reports and publications of the Secretariat of the Senate.")
    try:
        for spec in _documents():
            _document(index, en, spec, subjects, series)
    except BrowserMissing:
        stdout.write("  library: chromium is not installed, so the demo documents (printed to PDF by it) were skipped")
    _archive(th, en)
    _gazette_of_bills(th, en)
    _editor_permissions()
    stdout.write("  library: documents and the legislative archive ready")


def _editor_permissions() -> None:
    """Editors and moderators keep subjects, series and the archive (documents are pages:
    the page permissions and the review workflow of cms.base.demo already cover them)."""
    from django.contrib.auth.models import Group, Permission

    permissions = Permission.objects.filter(
        content_type__app_label="library", codename__regex=r"^(add|change|view)_(subject|series|archivecollection|archiverecord)$",
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


def _term(model, slug, name_th, name_en, th, en):
    term = model.objects.filter(locale=th, slug=slug).first()
    if term is None:
        term = model.objects.create(locale=th, slug=slug, name=name_th)
    if term.get_translation_or_none(en) is None:
        translated = term.copy_for_translation(en)
        translated.name = name_en
        translated.save()
    return term


def _pages_html(title: str, pages: list[tuple[str, list[str]]], label: str) -> str:
    body = []
    for number, (heading, paragraphs) in enumerate(pages, start=1):
        top = f"<p class='label'>{html.escape(label)}</p><h1>{html.escape(title)}</h1>" if number == 1 else ""
        body.append(
            f"<section class='page'>{top}<h2>{html.escape(heading)}</h2>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) + "</section>"
        )
    return page_html("".join(body), title=html.escape(title))


def _constitution_pages():
    path = settings.SHARED_DATA_DIR / "constitution_2560_sections.jsonl"
    if not path.exists():
        return []
    pages, current = [], []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["section"].isdigit() and 107 <= int(record["section"]) <= 148:
                current.append(f"มาตรา {record['section_th']} " + " ".join(record["paragraphs"]))
                if len(current) == 4:
                    pages.append((f"{record['part_label']} {record['part_title']}", current))
                    current = []
    if current:
        pages.append(("ส่วนที่ ๔ บทที่ใช้แก่สภาทั้งสอง", current))
    return pages


def _documents():
    budget_pages = [(heading, [sentence, sentence.replace("หน่วยงาน", "ส่วนราชการ") + " ดังที่ปรากฏในภาคผนวกของรายงานฉบับนี้"])
                    for heading, sentence in texts.BUDGET_TOPICS]
    return [
        {
            "slug": "senate-legislative-role-2566", "type": "academic_paper", "year": 2566, "series": "academic-papers",
            "number": "๑/๒๕๖๖", "subjects": ["legislative-process", "constitutional-law"],
            "title": "บทบาทของวุฒิสภาในกระบวนการนิติบัญญัติตามรัฐธรรมนูญ พุทธศักราช ๒๕๖๐",
            "title_en": "The Senate's role in the legislative process under the 2017 Constitution",
            "authors": "กลุ่มงานวิชาการ (ตัวอย่าง)", "authors_en": "Academic Group (sample)",
            "abstract": "สรุปขั้นตอนการพิจารณาร่างพระราชบัญญัติของวุฒิสภา ตั้งแต่รับร่างจนถึงการลงมติ (เอกสารตัวอย่าง)",
            "abstract_en": "How the Senate considers a bill, from receiving it to the final vote (a sample document).",
            "pages": texts.LEGISLATIVE_ROLE, "label": texts.SAMPLE_LABEL,
        },
        {
            "slug": "budget-monitoring-report-2567", "type": "research_report", "year": 2567, "series": "research-reports",
            "number": "๓/๒๕๖๗", "subjects": ["budget"],
            "title": "รายงานการศึกษา เรื่อง การติดตามการใช้จ่ายงบประมาณของหน่วยงานรัฐ",
            "title_en": "Study report: monitoring public spending by government agencies",
            "authors": "คณะผู้ศึกษา (ตัวอย่าง)", "authors_en": "Study team (sample)",
            "abstract": "ศึกษาความสอดคล้องระหว่างแผนการใช้จ่ายกับผลการเบิกจ่ายจริง พร้อมข้อเสนอแนะเชิงนโยบาย (เอกสารตัวอย่าง)",
            "abstract_en": "Planned against actual spending, with policy recommendations (a sample document).",
            "pages": budget_pages, "label": texts.SAMPLE_LABEL,
        },
        {
            "slug": "constitution-2560-senate-sections", "type": "legal", "year": 2560, "series": None, "number": "",
            "subjects": ["constitutional-law", "legislative-process"],
            "title": "รัฐธรรมนูญแห่งราชอาณาจักรไทย พุทธศักราช ๒๕๖๐ มาตรา ๑๐๗ ถึงมาตรา ๑๔๘ (วุฒิสภาและบทที่ใช้แก่สภาทั้งสอง)",
            "title_en": "Constitution of the Kingdom of Thailand B.E. 2560 (2017), sections 107 to 148 (the Senate and both houses)",
            "authors": "", "authors_en": "",
            "abstract": "ข้อความมาตราตามรัฐธรรมนูญ จัดรูปเล่มจากต้นฉบับที่เผยแพร่สาธารณะเพื่อการอ่านและค้นคว้า",
            "abstract_en": "The Thai text of the sections, laid out from the public-domain original for reading and research.",
            "pages": _constitution_pages(),
            "label": "ข้อความจากรัฐธรรมนูญแห่งราชอาณาจักรไทย พุทธศักราช ๒๕๖๐ จัดรูปเล่มเพื่อการสาธิตระบบจันทรา",
        },
        {
            "slug": "decentralisation-seminar-2565", "type": "academic_paper", "year": 2565, "series": "academic-papers",
            "number": "๔/๒๕๖๕", "subjects": ["decentralisation", "public-participation"],
            "title": "สรุปสาระสำคัญการสัมมนาวิชาการ เรื่อง การกระจายอำนาจสู่ท้องถิ่น",
            "title_en": "Seminar summary: decentralisation to local government",
            "authors": "กลุ่มงานวิชาการ (ตัวอย่าง)", "authors_en": "Academic Group (sample)",
            "abstract": "ประเด็นการอภิปรายและข้อเสนอจากการสัมมนาวิชาการ (เอกสารตัวอย่าง)",
            "abstract_en": "What was discussed and proposed at the seminar (a sample document).",
            "pages": texts.DECENTRALISATION, "label": texts.SAMPLE_LABEL,
        },
        {
            "slug": "complaints-leaflet-2568", "type": "publication", "year": 2568, "series": None, "number": "",
            "subjects": ["public-participation"], "word": True,
            "title": "จุลสารความรู้ประชาชน: การยื่นเรื่องร้องเรียนต่อวุฒิสภา",
            "title_en": "Citizens' leaflet: filing a complaint with the Senate",
            "authors": "", "authors_en": "",
            "abstract": "ช่องทางและขั้นตอนการยื่นเรื่องร้องเรียนและข้อเสนอแนะ (เอกสารตัวอย่าง)",
            "abstract_en": "Where and how to file a complaint or suggestion (a sample document).",
            "pages": [], "label": texts.SAMPLE_LABEL,
        },
    ]


def _word_file(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(texts.SAMPLE_LABEL)
    document.add_heading(paragraphs[0], level=1)
    for paragraph in paragraphs[1:]:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _document(index, en, spec, subjects, series):
    existing = index.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific
    Document = get_document_model()
    if spec.get("word"):
        data, filename = _word_file(texts.COMPLAINT_GUIDE), f"{spec['slug']}.docx"
    else:
        if not spec["pages"]:
            return None
        data, filename = html_to_pdf(_pages_html(spec["title"], spec["pages"], spec["label"])), f"{spec['slug']}.pdf"
    document = Document(title=spec["title"])
    document.file.save(filename, ContentFile(data), save=False)
    document.save()
    document_text_extract(document_id=document.pk)
    page = ensure_child(
        index, DocumentPage, slug=spec["slug"], title=spec["title"], document_type=spec["type"], file=document,
        year=spec["year"], authors=spec["authors"], abstract=spec["abstract"], language="th",
        series=series.get(spec["series"]) if spec["series"] else None, series_number=spec["number"],
    )
    page.subjects.set([subjects[slug] for slug in spec["subjects"]])
    publish(page)
    translated = ensure_translation(
        page, en, title=spec["title_en"], abstract=spec["abstract_en"], authors=spec["authors_en"],
        publisher="Secretariat of the Senate", series_number=arabic_digits(spec["number"]),
    )
    translated.subjects.set([subjects[slug] for slug in spec["subjects"]])
    publish(translated)
    return page


def _archive(th, en) -> None:
    from cms.laws.models import Instrument

    collection = ArchiveCollection.objects.filter(locale=th, slug="constitutions").first()
    if collection is None:
        collection = ArchiveCollection.objects.create(
            locale=th, slug="constitutions", title="รัฐธรรมนูญไทยทุกฉบับ",
            description="รัฐธรรมนูญและธรรมนูญการปกครองทุกฉบับตั้งแต่ พ.ศ. ๒๔๗๕ พร้อมการอ้างอิงราชกิจจานุเบกษา",
        )
    collection_en = collection.get_translation_or_none(en)
    if collection_en is None:
        collection_en = collection.copy_for_translation(en)
        collection_en.title = "Every Thai constitution"
        collection_en.description = "Every constitution and charter since 1932, with its Royal Gazette reference."
        collection_en.save()
    for instrument in Instrument.objects.constitutions():
        if ArchiveRecord.objects.filter(locale=th, instrument=instrument, record_type=RecordType.CONSTITUTION).exists():
            continue
        year = instrument.promulgated.year + 543 if instrument.promulgated else None
        if year is None:
            continue
        record = ArchiveRecord.objects.create(
            locale=th, title=instrument.title, record_type=RecordType.CONSTITUTION, year=year,
            date=instrument.promulgated, collection=collection, instrument=instrument,
            gazette_reference=instrument.gazette.removeprefix("ราชกิจจานุเบกษา").strip(),
            description=_end_in(instrument, "th"),
        )
        translated = record.copy_for_translation(en)
        translated.title = instrument.english_title or instrument.title
        translated.collection = collection_en
        translated.description = _end_in(instrument, "en")
        translated.save()


def _end_in(instrument, language):
    """How a constitution ended, worded for readers of ``language``."""
    with translation.override(language):
        return str(instrument.public_end_reason)


def _gazette_of_bills(th, en) -> None:
    """A Royal Gazette reference for every imported bill that became law: the link is the
    issue the source (WeVis Law Watch) gives for it, in the year the source closes the bill
    (the issue's own date is not in the source, so none is claimed)."""
    from cms.legislation.models import Bill

    bills = Bill.objects.filter(origin="wevis").exclude(gazette_url="").exclude(introduced_on=None)
    if not bills.exists():
        return
    collection = ArchiveCollection.objects.filter(locale=th, slug="gazette-acts").first()
    if collection is None:
        collection = ArchiveCollection.objects.create(
            locale=th, slug="gazette-acts", title="กฎหมายที่ประกาศในราชกิจจานุเบกษา",
            description="ร่างกฎหมายที่ผ่านการพิจารณาของรัฐสภาและประกาศในราชกิจจานุเบกษาแล้ว พร้อมลิงก์ไปยังฉบับที่ประกาศ",
        )
        translated = collection.copy_for_translation(en)
        translated.title = "Acts published in the Royal Gazette"
        translated.description = "Bills that passed Parliament and were published in the Royal Gazette, with a link to the issue."
        translated.save()
    collection_en = collection.get_translation(en)
    for bill in bills:
        if ArchiveRecord.objects.filter(bills=bill, record_type=RecordType.GAZETTE).exists():
            continue
        published_on = bill.documents.filter(url=bill.gazette_url).values_list("dated", flat=True).first()
        if published_on is None:
            continue
        record = ArchiveRecord.objects.create(
            locale=th, title=bill.title.removeprefix("ร่าง"), record_type=RecordType.GAZETTE, year=published_on.year + 543,
            collection=collection, gazette_url=bill.gazette_url,
        )
        record.bills.set([bill])
        translated = record.copy_for_translation(en)
        translated.collection = collection_en
        translated.save()
