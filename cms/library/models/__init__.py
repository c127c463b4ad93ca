"""The library: documents (Wagtail pages with their file's extracted text), the
subjects and series that classify them, and the legislative archive."""

from .archive import ArchiveCollection, ArchiveRecord, RecordType, period_of, PERIODS
from .documents import (
    ACADEMIC_TYPES,
    DocumentIndexPage,
    DocumentLanguage,
    DocumentPage,
    DocumentType,
    Series,
    Subject,
)
from .text import ExtractedText, ExtractionMethod, ExtractionStatus

__all__ = [
    "ACADEMIC_TYPES", "PERIODS", "ArchiveCollection", "ArchiveRecord", "DocumentIndexPage", "DocumentLanguage",
    "DocumentPage", "DocumentType", "ExtractedText", "ExtractionMethod", "ExtractionStatus", "RecordType",
    "Series", "Subject", "period_of",
]
