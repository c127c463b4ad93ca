"""Background work of the library: reading the text of an uploaded file (OCR of a
long scanned report takes minutes, far too long for the editor's request)."""

from django.tasks import task


@task()
def extract_document_text(document_id: int) -> str:
    from .services import document_text_extract

    return document_text_extract(document_id=document_id)
