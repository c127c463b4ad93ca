"""What is searchable besides Wagtail pages.

Other apps register their public models from ``AppConfig.ready()``::

    from search.registry import register

    register(
        Provision, key="provision", label=_("Constitution section"),
        url=lambda obj: obj.get_absolute_url(), title=str, text=lambda obj: obj.text,
        number=lambda obj: obj.number, date=lambda obj: obj.constitution.promulgated,
        queryset=lambda: Provision.objects.filter(constitution__published=True),
        heading=lambda obj: str(obj.division or ""),
        in_force=lambda obj: obj.instrument.ended is None,
        lineage=lambda obj: f"constitution:{obj.number}",
    )

``heading`` (the chapter and part a section sits in) is weighted like the
title; ``in_force`` false ranks a document below the ones in force, and
documents that share a ``lineage`` are versions of one thing: the older ones
are shown under the one in force ("also in 2550, 2540"); ``standing`` (0–1,
default 1) scales a document's score when the query names no year.

The index follows saves and deletes of registered objects (signals), and
``python manage.py rebuild_search_index`` rebuilds it from ``queryset()``.
Wagtail pages (news, standard pages, home) are searchable without
registration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SearchType:
    model: type[models.Model]
    key: str
    label: Any
    url: Callable[[Any], str]
    title: Callable[[Any], str]
    text: Callable[[Any], str]
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
        return self.model._default_manager.all()

    def is_public(self, obj) -> bool:
        return self.public_queryset().filter(pk=obj.pk).exists()


_registry: dict[type[models.Model], SearchType] = {}
_keys: dict[str, SearchType] = {}

# Types that are not registered models but still appear as facets.
PAGE_KEY = "page"
NEWS_KEY = "news"
BUILTIN_LABELS = {PAGE_KEY: _("Page"), NEWS_KEY: _("News")}


def register(
    model, *, key, label, url, title, text, date=None, number=None, language=None, queryset=None,
    heading=None, in_force=None, lineage=None, standing=None,
) -> SearchType:
    """Make ``model`` searchable. Registering the same model again replaces its entry."""
    search_type = SearchType(
        model=model, key=key, label=label, url=url, title=title, text=text,
        date=date, number=number, language=language, queryset=queryset,
        heading=heading, in_force=in_force, lineage=lineage, standing=standing,
    )
    previous = _registry.get(model)
    if previous is not None:
        _keys.pop(previous.key, None)
    _registry[model] = search_type
    _keys[key] = search_type
    from . import signals

    signals.connect(model)
    return search_type


def unregister(model) -> None:
    search_type = _registry.pop(model, None)
    if search_type is not None:
        _keys.pop(search_type.key, None)
        from . import signals

        signals.disconnect(model)


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
    return BUILTIN_LABELS.get(key, key)
