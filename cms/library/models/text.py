"""The text of an uploaded file, page by page, as the background extraction found it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for extraction")
    DONE = "done", _("Text extracted")
    FAILED = "failed", _("Extraction failed")
    UNSUPPORTED = "unsupported", _("Not a PDF or Word file")


class ExtractionMethod(models.TextChoices):
    NONE = "", _("None")
    TEXT_LAYER = "text", _("Text layer of the PDF")
    OCR = "ocr", _("Optical character recognition (scanned pages)")
    MIXED = "mixed", _("Text layer and OCR")
    WORD = "docx", _("Word document")


class ExtractedText(models.Model):
    """One row per uploaded document file. ``pages`` holds the normalised text of each
    page (a Word file is one page), so a match can be located by page number."""

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, related_name="extracted_text",
    )
    status = models.CharField(max_length=20, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING)
    method = models.CharField(max_length=10, choices=ExtractionMethod.choices, blank=True, default="")
    file_hash = models.CharField(max_length=64, blank=True, default="", help_text="Hash of the file the text came from.")
    page_count = models.PositiveIntegerField(null=True, blank=True)
    pages = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True, default="")
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("extracted text")
        verbose_name_plural = _("extracted texts")

    def __str__(self):
        return f"{self.document} ({self.get_status_display()})"

    @property
    def text(self) -> str:
        return "\n\n".join(self.pages)
