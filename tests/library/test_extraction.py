import pytest

from cms.library.extraction import ExtractionError, extract, extract_pdf

from .conftest import PAGE_WORDS


def test_text_layer_is_read_page_by_page(thai_pdf):
    result = extract_pdf(thai_pdf)
    assert result.method == "text"
    assert result.page_count == 3
    for number, word in enumerate(PAGE_WORDS):
        assert word in result.pages[number]
        assert all(word not in page for i, page in enumerate(result.pages) if i != number)
    assert "๒๕๖๗" in result.pages[0]


def test_scanned_pdf_goes_through_thai_ocr(scanned_pdf):
    result = extract_pdf(scanned_pdf)
    assert result.method == "ocr"
    assert "วุฒิสภา" in result.pages[0]


def test_word_file(word_file):
    result = extract(word_file, filename="leaflet.docx")
    assert result.method == "docx"
    assert "การยื่นเรื่องร้องเรียน" in result.pages[0]


def test_damaged_and_unsupported_files_raise():
    with pytest.raises(ExtractionError):
        extract(b"not a pdf", filename="broken.pdf")
    with pytest.raises(ExtractionError):
        extract(b"PK", filename="broken.docx")
    with pytest.raises(ExtractionError):
        extract(b"x", filename="image.png")
