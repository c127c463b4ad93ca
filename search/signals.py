"""Signals of the search app. Wagtail's own signals keep the index current (every
``index.Indexed`` model, pages included); here: pausing that for bulk loads, and
forgetting the cached abbreviations (and kept results) when editors change them."""

from __future__ import annotations

import contextlib
import threading

from django.db.models.signals import post_delete, post_save

_state = threading.local()


def is_paused() -> bool:
    return getattr(_state, "paused", False)


@contextlib.contextmanager
def paused():
    """Do not index inside this block (bulk loads); index the objects afterwards
    (``search.indexing.index_objects``) or rebuild (``manage.py update_index``)."""
    previous = is_paused()
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def _abbreviations_changed(sender, **kwargs):
    from .analysis import clear_abbreviation_cache
    from .indexing import index_changed

    clear_abbreviation_cache()
    index_changed()  # queries expand differently: kept results are out of date


def connect_builtin() -> None:
    from .models import Abbreviation

    post_save.connect(_abbreviations_changed, sender=Abbreviation, dispatch_uid="search-abbr-save")
    post_delete.connect(_abbreviations_changed, sender=Abbreviation, dispatch_uid="search-abbr-delete")
