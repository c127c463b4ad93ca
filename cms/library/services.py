"""Writes of the library: extracting a file's text and feeding it to the search."""

from __future__ import annotations

import hashlib
import logging

from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from .extraction import ExtractionError, extract, kind_of
from .models import ArchiveRecord, DocumentPage, ExtractedText, ExtractionStatus

logger = logging.getLogger(__name__)


def document_text_request(*, document) -> ExtractedText | None:
    """Mark a (new or replaced) file for extraction and queue the work once the upload is
    committed. A file whose content has not changed is not read again."""
    if kind_of(document.file.name) is None:
        ExtractedText.objects.update_or_create(
            document=document, defaults={"status": ExtractionStatus.UNSUPPORTED, "pages": [], "page_count": None},
        )
        return None
    extracted, _ = ExtractedText.objects.get_or_create(document=document)
    if extracted.status == ExtractionStatus.DONE and extracted.file_hash == file_hash(document):
        return extracted
    ExtractedText.objects.filter(pk=extracted.pk).update(status=ExtractionStatus.PENDING, error="")

    def enqueue():
        from .tasks import extract_document_text

        extract_document_text.enqueue(document.pk)

    transaction.on_commit(enqueue)
    return extracted


def file_hash(document) -> str:
    digest = hashlib.sha256()
    with document.file.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def document_text_extract(*, document_id: int) -> str:
    """Read the file and store its pages; then re-index every page that shows it.
    Safe to run twice (a retried task): the result simply replaces the last one."""
    Document = get_document_model()
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    try:
        with document.file.open("rb") as handle:
            data = handle.read()
        result = extract(data, filename=document.file.name)
    except (ExtractionError, OSError) as error:
        logger.warning("library: cannot extract the text of document %s: %s", document_id, error)
        ExtractedText.objects.update_or_create(
            document=document,
            defaults={"status": ExtractionStatus.FAILED, "error": str(error)[:2000], "extracted_at": timezone.now()},
        )
        return ExtractionStatus.FAILED
    with transaction.atomic():
        ExtractedText.objects.update_or_create(
            document=document,
            defaults={
                "status": ExtractionStatus.DONE, "method": result.method, "pages": result.pages,
                "page_count": result.page_count, "file_hash": hashlib.sha256(data).hexdigest(), "error": "",
                "extracted_at": timezone.now(),
            },
        )
        reindex_users_of(document_id=document.pk)
    return ExtractionStatus.DONE


def reindex_users_of(*, document_id: int) -> None:
    """The search sees the new text of the pages and records that use this file."""
    from wagtail.search.index import insert_or_update_object

    for page in DocumentPage.objects.live().filter(file_id=document_id):
        insert_or_update_object(page)
    for record in ArchiveRecord.objects.filter(file_id=document_id):
        insert_or_update_object(record)


def document_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save of Wagtail's document model: every upload and replacement is read (not the
    saves that only record the file's size or hash)."""
    update_fields = kwargs.get("update_fields")
    if raw or not instance.file or (update_fields and "file" not in update_fields):
        return
    document_text_request(document=instance)
