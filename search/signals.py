"""Keep the index current: registered models on save and delete, pages on
publish, unpublish and delete."""

from __future__ import annotations

import contextlib
import threading

from django.db.models.signals import post_delete, post_save

_state = threading.local()


def _paused() -> bool:
    return getattr(_state, "paused", False)


@contextlib.contextmanager
def paused():
    """Do not index inside this block (bulk loads); rebuild the index afterwards."""
    previous = _paused()
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = previous


def _on_save(sender, instance, raw=False, **kwargs):
    if raw or _paused():
        return
    from .indexing import index_object

    index_object(instance)


def _on_delete(sender, instance, **kwargs):
    if _paused():
        return
    from .indexing import remove_object

    remove_object(instance)


def connect(model) -> None:
    uid = f"search-{model._meta.label_lower}"
    post_save.connect(_on_save, sender=model, dispatch_uid=uid + "-save", weak=False)
    post_delete.connect(_on_delete, sender=model, dispatch_uid=uid + "-delete", weak=False)


def disconnect(model) -> None:
    uid = f"search-{model._meta.label_lower}"
    post_save.disconnect(sender=model, dispatch_uid=uid + "-save")
    post_delete.disconnect(sender=model, dispatch_uid=uid + "-delete")


def _page_changed(sender, instance, **kwargs):
    if _paused():
        return
    from .indexing import index_object

    index_object(instance)


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if _paused() or not isinstance(instance, Page) or sender is not Page:
        return
    from .indexing import remove_object

    remove_object(instance)


def _abbreviations_changed(sender, **kwargs):
    from .analysis import clear_abbreviation_cache

    clear_abbreviation_cache()


def connect_builtin() -> None:
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished

    from .models import Abbreviation

    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    # Deleting a page sends post_delete for each concrete class; one handler on every subclass.
    post_delete.connect(_page_deleted, dispatch_uid="search-page-deleted")
    post_save.connect(_abbreviations_changed, sender=Abbreviation, dispatch_uid="search-abbr-save")
    post_delete.connect(_abbreviations_changed, sender=Abbreviation, dispatch_uid="search-abbr-delete")
    _ = Page
