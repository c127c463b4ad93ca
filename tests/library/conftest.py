import io

import pytest
from django.conf import settings

from cms.library.pdf import html_to_pdf, page_html

PAGE_WORDS = ["การประชุมวุฒิสภา", "งบประมาณรายจ่าย", "ธรรมาภิบาลทางการคลัง"]


@pytest.fixture(scope="session")
def thai_pdf() -> bytes:
    """Three pages of Thai printed by chromium in Sarabun; a distinct phrase on each page."""
    pages = "".join(
        f"<section class='page'><h1>หน้าที่ {n}</h1><p>ข้อความทดสอบเรื่อง{word} ในหน้านี้เท่านั้น ปี ๒๕๖๗</p></section>"
        for n, word in enumerate(PAGE_WORDS, start=1)
    )
    return html_to_pdf(page_html(pages, title="ทดสอบ"))


@pytest.fixture(scope="session")
def scanned_pdf() -> bytes:
    """An image-only PDF (no text layer) of Thai text, as a scanner makes it."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(
        str(settings.PROJECT_DIR / "static" / "fonts" / "sarabun-thai-400-normal.woff2"), 64,
        layout_engine=ImageFont.Layout.RAQM,
    )
    image = Image.new("RGB", (1700, 600), "white")
    draw = ImageDraw.Draw(image)
    draw.text((80, 120), "รายงานการประชุมวุฒิสภา", font=font, fill="black")
    draw.text((80, 300), "สำนักงานเลขาธิการวุฒิสภา", font=font, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PDF", resolution=200)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def word_file() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("จุลสารความรู้", level=1)
    document.add_paragraph("การยื่นเรื่องร้องเรียนต่อวุฒิสภา")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
