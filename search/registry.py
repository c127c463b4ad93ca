"""How indexed models appear in the public search.

What is indexed is declared the Wagtail way, once: a model is in the one index
when it is ``index.Indexed`` with ``search_fields`` (their values are the
document's text), and ``get_indexed_objects()`` says which of its objects.
Wagtail's signals keep the index current and ``manage.py update_index``
rebuilds it (``search.wagtail_backend``). Everything indexed is found by
Wagtail's ``.search()`` (the admin); the public search (the page, the API,
autocomplete) shows live public pages and the public objects of the types
registered here, from ``AppConfig.ready()``::

    from search.registry import register

    register(
        Provision, key="provision", label=_("Constitution section"),
        url=lambda obj: obj.get_absolute_url(), title=str,
        number=lambda obj: obj.number, date=lambda obj: obj.constitution.promulgated,
        queryset=lambda: Provision.objects.filter(constitution__published=True),
        heading=lambda obj: str(obj.division or ""),
        in_force=lambda obj: obj.instrument.ended is None,
        lineage=lambda obj: f"constitution:{obj.number}",
    )

``queryset`` is what the public may see (default: every indexed object);
``title`` is the result's title, weighted above the text; ``heading`` (the
chapter and part a section sits in) is weighted like the title; ``in_force``
false ranks a document below the ones in force, and documents that share a
``lineage`` are versions of one thing: the older ones are shown under the one
in force ("also in 2550, 2540"); ``standing`` (0–1, default 1) scales a
document's score when the query names no year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.search import index


@dataclass(frozen=True)
class SearchType:
    model: type[models.Model]
    key: str
    label: Any
    url: Callable[[Any], str]
    title: Callable[[Any], str]
    date: Callable[[Any], dt.date | None] | None = None
    number: Callable[[Any], str | None] | None = None
    language: Callable[[Any], str] | None = None
    queryset: Callable[[], models.QuerySet] | None = field(default=None)
    heading: Callable[[Any], str] | None = None
    in_force: Callable[[Any], bool] | None = None
    lineage: Callable[[Any], str] | None = None
    standing: Callable[[Any], float] | None = None

    def public_queryset(self) -> models.QuerySet:
        if self.queryset is not None:
            return self.queryset()
        return self.model.get_indexed_objects()


_registry: dict[type[models.Model], SearchType] = {}
_keys: dict[str, SearchType] = {}

# Types that are not registered models but still appear as facets.
PAGE_KEY = "page"
NEWS_KEY = "news"
BUILTIN_LABELS = {PAGE_KEY: _("Page"), NEWS_KEY: _("News")}
# Page types with a type facet of their own (live public pages are public without registration).
_page_types: dict[type, str] = {}
_page_labels: dict[str, Any] = {}


def register_page_type(model, *, key, label) -> None:
    """Give live pages of ``model`` (and its subclasses) their own type facet ``key``."""
    _page_types[model] = key
    _page_labels[key] = label


def page_type_key(page) -> str | None:
    for klass in type(page).__mro__:
        if klass in _page_types:
            return _page_types[klass]
    return None


def register(
    model, *, key, label, url, title, date=None, number=None, language=None, queryset=None,
    heading=None, in_force=None, lineage=None, standing=None,
) -> SearchType:
    """Show the public objects of ``model`` (an indexed model) in the public search.
    Registering the same model again replaces its entry."""
    if not index.class_is_indexed(model):
        raise ImproperlyConfigured(f"{model.__name__} must be index.Indexed with search_fields to be registered for search.")
    search_type = SearchType(
        model=model, key=key, label=label, url=url, title=title,
        date=date, number=number, language=language, queryset=queryset,
        heading=heading, in_force=in_force, lineage=lineage, standing=standing,
    )
    previous = _registry.get(model)
    if previous is not None:
        _keys.pop(previous.key, None)
    _registry[model] = search_type
    _keys[key] = search_type
    return search_type


def get(model) -> SearchType | None:
    """The registration of a model (or of one of its parents)."""
    for klass in getattr(model, "__mro__", (model,)):
        if klass in _registry:
            return _registry[klass]
    return None


def registered() -> list[SearchType]:
    return list(_registry.values())


def label_for(key: str):
    if key in _keys:
        return _keys[key].label
    if key in _page_labels:
        return _page_labels[key]
    return BUILTIN_LABELS.get(key, key)
