"""Turning indexed objects into index documents, and writing them.

Every model Wagtail indexes (``index.Indexed`` with ``search_fields``) becomes
documents here, through :mod:`search.wagtail_backend`: the text is the values
of its ``SearchField``s; pages and registered types (:mod:`search.registry`)
also say whether the public may see them and how they read as a result.
Writes go through :mod:`search.backends` (the database inverted index by
default, Elasticsearch/OpenSearch by configuration); the document rows
themselves always live in the database, so facets, snippets and ranking tiers
are the same whatever the backend.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils.html import strip_tags
from wagtail.search import index

from . import registry
from .analysis import normalise

logger = logging.getLogger(__name__)


@dataclass
class Doc:
    """What the index needs to know about one indexed object."""

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
    public: bool = True


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
    """Plain text of a field value: rich text and StreamFields lose their markup, lists are
    their items."""
    if value is None:
        return ""
    if callable(value):
        value = value()
    if isinstance(value, (list, tuple)):
        return " ".join(filter(None, (_text(item) for item in value)))
    if hasattr(value, "render_as_block") or hasattr(value, "stream_data") or hasattr(value, "raw_data"):
        value = str(value)
    text = str(value)
    if "<" in text:
        text = strip_tags(text.replace("<", " <"))
    return " ".join(html.unescape(text).split())


def content_type_id(obj) -> int:
    return ContentType.objects.get_for_model(type(obj)).pk


def body_text(obj, title: str) -> str:
    """The values of the object's ``SearchField``s, but the title (indexed as the title)."""
    parts = []
    for search_field in obj.get_search_fields():
        if not isinstance(search_field, index.SearchField) or search_field.field_name == "title":
            continue
        try:
            text = _text(search_field.get_value(obj))
        except Exception:  # noqa: BLE001 - one odd field must not hide the object
            logger.exception("search: cannot read %s of %r", search_field.field_name, obj)
            continue
        if text and text != title and text not in parts:
            parts.append(text)
    return "\n".join(parts)


# --- Pages -------------------------------------------------------------------------------------


def page_queryset():
    from wagtail.models import Page

    return Page.objects.live().public().filter(depth__gt=1)


def page_key(page) -> str:
    registered = registry.page_type_key(page)
    if registered:
        return registered
    from cms.news.models import NewsPage

    return registry.NEWS_KEY if isinstance(page, NewsPage) else registry.PAGE_KEY


def page_doc(page, *, public: bool) -> Doc:
    url = (page.get_url() or "") if public else ""
    title = page.title
    body = body_text(page, title)
    parts = [body] if body else []
    for extra in ("search_description", "summary", "intro"):
        value = getattr(page, extra, None)
        if isinstance(value, str) and value and _text(value) not in body:
            parts.append(_text(value))
    date = getattr(page, "date", None) or page.first_published_at
    return Doc(
        key=page_key(page),
        content_type_id=content_type_id(page),
        object_id=str(page.pk),
        url=url,
        title=title,
        body="\n".join(parts),
        language=page.locale.language_code[:2] if page.locale_id else "th",
        group=f"page:{page.translation_key}",
        date=_as_date(date),
        public=public and bool(url),
    )


# --- Other indexed models --------------------------------------------------------------------


def object_doc(obj, search_type: registry.SearchType, *, public: bool) -> Doc:
    number = search_type.number(obj) if search_type.number else None
    language = search_type.language(obj) if search_type.language else "th"
    date = search_type.date(obj) if search_type.date else None
    title = _text(search_type.title(obj))
    return Doc(
        key=search_type.key,
        content_type_id=content_type_id(obj),
        object_id=str(obj.pk),
        url=search_type.url(obj) or "",
        title=title,
        body=body_text(obj, title),
        language=(language or "th")[:2],
        number=normalise(str(number)).strip() if number not in (None, "") else "",
        date=_as_date(date),
        heading=_text(search_type.heading(obj)) if search_type.heading else "",
        in_force=bool(search_type.in_force(obj)) if search_type.in_force else True,
        lineage=(search_type.lineage(obj) or "")[:80] if search_type.lineage else "",
        standing=float(search_type.standing(obj)) if search_type.standing else 1.0,
        public=public,
    )


def private_doc(obj) -> Doc:
    """An indexed object the public search never shows (an image, a document): found by
    Wagtail's ``.search()`` in the admin only."""
    title = _text(getattr(obj, "title", None) or str(obj))
    return Doc(
        key=obj._meta.model_name, content_type_id=content_type_id(obj), object_id=str(obj.pk), url="",
        title=title, body=body_text(obj, title), public=False,
    )


def documents(model, objects) -> list[Doc]:
    """The documents of indexed objects of one model, with whether each is public (one query)."""
    from wagtail.models import Page

    objects = list(objects)
    if not objects:
        return []
    pks = [obj.pk for obj in objects]
    if issubclass(model, Page):
        public = set(page_queryset().filter(pk__in=pks).values_list("pk", flat=True))
        return [page_doc(page, public=page.pk in public) for page in objects]
    search_type = registry.get(model)
    if search_type is None:
        return [private_doc(obj) for obj in objects]
    public = set(search_type.public_queryset().filter(pk__in=pks).values_list("pk", flat=True))
    return [object_doc(obj, search_type, public=obj.pk in public) for obj in objects]


# --- Writing ---------------------------------------------------------------------------------


def index_changed() -> None:
    """The results of a search may have changed: kept results and search pages are purged
    at once and again when the write commits (a search read meanwhile is not kept)."""
    from cms.base.pagecache import SEARCH_TAG
    from cms.base.purge import purge

    purge(tags={SEARCH_TAG})


def index_docs(docs: Iterable[Doc], *, fresh: bool = False) -> int:
    from .backends import get_backend

    written = get_backend().index(list(docs), fresh=fresh)
    index_changed()
    return written


def index_objects(objects) -> int:
    """Index (or re-index) objects of any indexed models, as Wagtail's signals do one by one:
    for bulk imports that saved them without signals."""
    by_model = defaultdict(list)
    for obj in objects:
        by_model[type(obj)].append(obj)
    return sum(index_docs(documents(model, items)) for model, items in by_model.items())


def remove_objects(objects) -> None:
    from .backends import get_backend

    by_type = defaultdict(list)
    for obj in objects:
        by_type[content_type_id(obj)].append(str(obj.pk))
    for type_id, object_ids in by_type.items():
        get_backend().remove(type_id, object_ids)
    index_changed()
