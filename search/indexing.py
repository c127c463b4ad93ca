"""Turning pages and registered objects into index documents, and writing them.

Writes go through :mod:`search.backends` (the database inverted index by
default, Elasticsearch/OpenSearch by configuration); the document rows
themselves always live in the database, so facets, snippets and ranking tiers
are the same whatever the backend.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.html import strip_tags

from . import registry
from .analysis import normalise

logger = logging.getLogger(__name__)


@dataclass
class Doc:
    """What the index needs to know about one searchable thing."""

    key: str
    content_type_id: int
    object_id: str
    url: str
    title: str
    body: str
    language: str = "th"
    group: str = ""
    number: str = ""
    date: dt.date | None = None
    heading: str = ""
    in_force: bool = True
    lineage: str = ""
    standing: float = 1.0


def _as_date(value) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        from cms.base.thai import to_bangkok

        return to_bangkok(value).date()
    if isinstance(value, dt.date):
        return value
    return None


def _text(value) -> str:
    """Plain text of a field value: rich text and StreamFields lose their markup."""
    if value is None:
        return ""
    if callable(value):
        value = value()
    if hasattr(value, "render_as_block") or hasattr(value, "stream_data") or hasattr(value, "raw_data"):
        value = str(value)
    text = str(value)
    if "<" in text:
        text = strip_tags(text.replace("<", " <"))
    import html

    return " ".join(html.unescape(text).split())


# --- Wagtail pages ---------------------------------------------------------------------------


def page_queryset():
    from wagtail.models import Page

    return Page.objects.live().public().filter(depth__gt=1)


def page_key(page) -> str:
    from cms.news.models import NewsPage

    return registry.NEWS_KEY if isinstance(page, NewsPage) else registry.PAGE_KEY


def page_doc(page) -> Doc | None:
    from wagtail.search import index

    page = page.specific
    url = page.get_url()
    if not url:
        return None
    parts = []
    title = page.title
    for search_field in page.get_search_fields():
        if isinstance(search_field, index.SearchField) and search_field.field_name != "title":
            try:
                parts.append(_text(getattr(page, search_field.field_name, None)))
            except Exception:  # noqa: BLE001 - one odd field must not hide the page
                logger.exception("search: cannot read %s of page %s", search_field.field_name, page.pk)
    for extra in ("search_description", "summary", "intro"):
        value = getattr(page, extra, None)
        if isinstance(value, str) and value and value not in parts:
            parts.append(_text(value))
    date = getattr(page, "date", None) or page.first_published_at
    return Doc(
        key=page_key(page),
        content_type_id=ContentType.objects.get_for_model(page.__class__).pk,
        object_id=str(page.pk),
        url=url,
        title=title,
        body="\n".join(part for part in parts if part),
        language=page.locale.language_code[:2] if page.locale_id else "th",
        group=f"page:{page.translation_key}",
        date=_as_date(date),
    )


# --- Registered objects ----------------------------------------------------------------------


def object_doc(obj, search_type: registry.SearchType | None = None) -> Doc | None:
    search_type = search_type or registry.get(type(obj))
    if search_type is None:
        return None
    number = search_type.number(obj) if search_type.number else None
    language = search_type.language(obj) if search_type.language else "th"
    date = search_type.date(obj) if search_type.date else None
    return Doc(
        key=search_type.key,
        content_type_id=ContentType.objects.get_for_model(obj.__class__, for_concrete_model=False).pk
        if obj._meta.proxy
        else ContentType.objects.get_for_model(obj.__class__).pk,
        object_id=str(obj.pk),
        url=search_type.url(obj) or "",
        title=_text(search_type.title(obj)),
        body=_text(search_type.text(obj)),
        language=(language or "th")[:2],
        number=normalise(str(number)).strip() if number not in (None, "") else "",
        date=_as_date(date),
        heading=_text(search_type.heading(obj)) if search_type.heading else "",
        in_force=bool(search_type.in_force(obj)) if search_type.in_force else True,
        lineage=(search_type.lineage(obj) or "")[:80] if search_type.lineage else "",
        standing=float(search_type.standing(obj)) if search_type.standing else 1.0,
    )


def all_docs() -> Iterator[Doc]:
    """Every public thing: live public pages, then each registered type's queryset()."""
    for page in page_queryset().specific().iterator(chunk_size=200):
        doc = page_doc(page)
        if doc:
            yield doc
    for search_type in registry.registered():
        for obj in search_type.public_queryset().iterator(chunk_size=500):
            doc = object_doc(obj, search_type)
            if doc:
                yield doc


# --- Writing ---------------------------------------------------------------------------------


def index_docs(docs: Iterable[Doc]) -> int:
    from .backends import get_backend

    return get_backend().index(list(docs))


def remove(content_type_id: int, object_ids: Iterable[str]) -> None:
    from .backends import get_backend

    get_backend().remove(content_type_id, [str(pk) for pk in object_ids])


def index_object(obj) -> None:
    """Index or un-index one page or registered object after it changed. Never raises:
    a search problem must not stop an editor from saving."""
    from wagtail.models import Page

    try:
        with transaction.atomic():
            if isinstance(obj, Page):
                page = obj.specific
                content_type_id = ContentType.objects.get_for_model(page.__class__).pk
                if page_queryset().filter(pk=page.pk).exists():
                    doc = page_doc(page)
                    if doc:
                        index_docs([doc])
                        return
                remove(content_type_id, [page.pk])
                return
            search_type = registry.get(type(obj))
            if search_type is None:
                return
            content_type_id = ContentType.objects.get_for_model(obj.__class__).pk
            if search_type.is_public(obj):
                doc = object_doc(obj, search_type)
                if doc:
                    index_docs([doc])
                    return
            remove(content_type_id, [obj.pk])
    except Exception:  # noqa: BLE001
        logger.exception("search: could not index %r", obj)


def remove_object(obj) -> None:
    try:
        with transaction.atomic():
            model = obj.specific_class if hasattr(obj, "specific_class") and obj.specific_class else obj.__class__
            remove(ContentType.objects.get_for_model(model).pk, [obj.pk])
    except Exception:  # noqa: BLE001
        logger.exception("search: could not remove %r", obj)


def rebuild(*, stdout=None, batch_size: int = 500) -> int:
    """Empty the index and fill it again from every public page and registered type."""
    from .backends import get_backend

    backend = get_backend()
    backend.clear()
    total = 0
    batch: list[Doc] = []
    for doc in all_docs():
        batch.append(doc)
        if len(batch) >= batch_size:
            total += backend.index(batch, fresh=True)
            batch = []
            if stdout is not None:
                stdout.write(f"  {total} documents indexed")
    if batch:
        total += backend.index(batch, fresh=True)
    backend.finish_rebuild()
    return total
