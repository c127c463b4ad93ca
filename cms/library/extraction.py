"""Text out of PDF and Word files, page by page.

PDFs are read with pdfium (``pypdfium2``: Chromium's PDF engine, maintained and
shipped as a wheel): its text layer when a page has one, otherwise the page is
rendered and read by Tesseract with its Thai model (Debian's ``tesseract-ocr``
and ``tesseract-ocr-tha``). Word files are read with ``python-docx``. Every
page's text goes through :func:`cms.library.thaitext.clean`.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .thaitext import clean, has_text

logger = logging.getLogger(__name__)

OCR_LANGUAGES = "tha+eng"
OCR_DPI = 300
OCR_TIMEOUT_SECONDS = 120
MAX_PAGES = 2000


class ExtractionError(Exception):
    """The file could not be read (damaged, encrypted, or OCR is not installed)."""


@dataclass
class Extracted:
    pages: list[str] = field(default_factory=list)
    method: str = ""  # "text", "ocr", "mixed" or "docx" (ExtractionMethod values)
    page_count: int = 0


def kind_of(filename: str) -> str | None:
    suffix = Path(filename or "").suffix.lower()
    return {".pdf": "pdf", ".docx": "docx"}.get(suffix)


def extract(data: bytes, *, filename: str) -> Extracted:
    kind = kind_of(filename)
    if kind == "pdf":
        return extract_pdf(data)
    if kind == "docx":
        return extract_docx(data)
    raise ExtractionError(f"unsupported file type: {filename}")


def extract_pdf(data: bytes) -> Extracted:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise ExtractionError(f"not a readable PDF: {error}") from error
    pages: list[str] = []
    page_count = len(pdf)
    used_layer = used_ocr = False
    try:
        for index in range(min(len(pdf), MAX_PAGES)):
            page = pdf[index]
            textpage = page.get_textpage()
            text = clean(_page_text(textpage))
            textpage.close()
            if has_text(text):
                used_layer = True
            else:
                text = clean(ocr_image(page.render(scale=OCR_DPI / 72).to_pil()))
                used_ocr = True
            page.close()
            pages.append(text)
    finally:
        pdf.close()
    method = "mixed" if used_layer and used_ocr else ("ocr" if used_ocr else "text")
    return Extracted(pages=pages, method=method, page_count=page_count)


# How far (in points) a repeated glyph may be from the first to count as the same glyph.
_SAME_PLACE = 6.0
_LOOK_BACK = 8


def _page_text(textpage) -> str:
    """The page's characters in order, without the copies of a Thai cluster that some PDF
    writers (Chromium's among them) draw a second time at the same place to position its
    marks: a character that goes back to where the same character was just drawn is skipped,
    with the space the reader inserted because of the jump."""
    import pypdfium2.raw as raw

    kept: list[tuple[str, float, bool]] = []  # (char, x, generated)
    skipped_last = False
    for index in range(textpage.count_chars()):
        char = chr(raw.FPDFText_GetUnicode(textpage.raw, index))
        generated = bool(raw.FPDFText_IsGenerated(textpage.raw, index))
        if generated:
            if not skipped_last:
                kept.append((char, kept[-1][1] if kept else 0.0, True))
            continue
        x = textpage.get_charbox(index)[0]
        recent = [entry for entry in kept[-_LOOK_BACK:] if not entry[2]]
        backwards = bool(recent) and recent[-1][1] - _SAME_PLACE * 3 < x < recent[-1][1] - 0.3
        if backwards and any(c == char and abs(px - x) < _SAME_PLACE for c, px, _ in recent):
            if kept and kept[-1][2] and kept[-1][0] == " ":
                kept.pop()
            skipped_last = True
            continue
        skipped_last = False
        kept.append((char, x, False))
    return "".join(char for char, _, _ in kept)


def ocr_image(image) -> str:
    """Thai and English text of a page image, read by the ``tesseract`` program."""
    binary = shutil.which("tesseract")
    if binary is None:
        raise ExtractionError("tesseract is not installed (Debian packages tesseract-ocr and tesseract-ocr-tha)")
    with tempfile.TemporaryDirectory(prefix="chandra-ocr-") as folder:
        path = Path(folder) / "page.png"
        image.convert("L").save(path)
        try:
            result = subprocess.run(  # noqa: S603 - fixed program, arguments are ours
                [binary, str(path), "stdout", "-l", OCR_LANGUAGES, "--psm", "3"],
                capture_output=True, timeout=OCR_TIMEOUT_SECONDS, check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise ExtractionError("OCR took too long") from error
    if result.returncode != 0:
        raise ExtractionError("OCR failed: " + result.stderr.decode("utf-8", "replace").strip()[:500])
    return result.stdout.decode("utf-8", "replace")


def extract_docx(data: bytes) -> Extracted:
    from zipfile import BadZipFile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as error:
        raise ExtractionError(f"not a readable Word file: {error}") from error
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" ".join(cell.text for cell in row.cells))
    return Extracted(pages=[clean("\n\n".join(paragraphs))], method="docx", page_count=1)

