"""Documents and archive records in the Thai search, each with its own type facet."""

import datetime as dt

from django.utils.translation import gettext_lazy as _

DOCUMENT_KEY = "document"
ARCHIVE_KEY = "archive"


def register_search() -> None:
    from search.registry import register, register_page_type

    from .models import ArchiveRecord, DocumentPage

    from cms.legislation.search_types import RECORD_STANDING

    register_page_type(DocumentPage, key=DOCUMENT_KEY, label=_("Document"))
    register(
        ArchiveRecord, key=ARCHIVE_KEY, label=_("Archive record"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: obj.title,
        date=lambda obj: obj.date or dt.date(obj.year - 543, 1, 1), language=lambda obj: obj.locale.language_code,
        queryset=lambda: ArchiveRecord.objects.published().select_related("locale", "collection", "file"),
        standing=lambda obj: RECORD_STANDING,
    )
