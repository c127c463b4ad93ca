"""Chandra's index as Wagtail's search backend: one index for everything.

``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.wagtail_backend"``.
Wagtail decides what is indexed (``index.Indexed`` models, their
``search_fields`` and ``get_indexed_objects()``) and when (its signals on save
and delete); this backend, built on Wagtail's public backend interface
(``BaseSearchBackend``, ``BaseIndex``, ``BaseSearchQueryCompiler``,
``BaseSearchResults``), writes every object into Chandra's index
(:mod:`search.indexing`, on the database or on Elasticsearch/OpenSearch as
``SEARCH_BACKEND`` says) and answers ``.search()`` and ``.autocomplete()`` —
the admin, choosers, ``Page.objects.search()`` — from it, with the same Thai
analyser and BM25 as the public search (:mod:`search.selectors`).
``manage.py update_index`` rebuilds it.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from modelsearch.backends.base import (
    BaseIndex, BaseSearchBackend, BaseSearchQueryCompiler, BaseSearchResults, SearchFieldError,
)
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText

from . import indexing, signals
from .backends import get_backend
from .models import SearchDocument
from .query import parse

# Wagtail's .search() ranks at most this many documents (the admin shows pages of 20).
RESULTS_CAP = 10_000


class ChandraIndex(BaseIndex):
    """The single index all models share."""

    fresh = False  # set during a rebuild: the index was just emptied

    def reset(self):
        get_backend().clear()
        indexing.index_changed()

    def add_items(self, model, items):
        if signals.is_paused():
            return
        indexing.index_docs(indexing.documents(model, items), fresh=self.fresh)

    def delete_item(self, item):
        if signals.is_paused():
            return
        indexing.remove_objects([item])


class ChandraRebuilder:
    """What ``update_index`` calls around filling the index: empty it, then count."""

    def __init__(self, index):
        self.index = index

    def start(self):
        self.index.reset()
        self.index.fresh = True
        return self.index

    def finish(self):
        from .selectors import clear_vocabulary_cache

        get_backend().finish_rebuild()
        clear_vocabulary_cache()
        indexing.index_changed()


def query_string(query) -> tuple[str | None, str | None]:
    """Wagtail's query (a string or query objects) as the text Chandra parses and the
    operator it implies; ``None`` text for "match all". Negations cannot be ranked by
    a bag of terms and are left out."""
    if isinstance(query, str):
        return query, None
    if isinstance(query, MatchAll):
        return None, None
    if isinstance(query, PlainText):
        return query.query_string, query.operator
    if isinstance(query, Phrase):
        return f'"{query.query_string}"', None
    if isinstance(query, Fuzzy):
        return query.query_string, None
    if isinstance(query, Boost):
        return query_string(query.subquery)
    if isinstance(query, Not):
        return "", None
    if isinstance(query, (And, Or)):
        parts = [text for text, _ in map(query_string, query.subqueries) if text]
        return " ".join(parts), "and" if isinstance(query, And) else "or"
    return "", None


def content_type_ids(model) -> list[int]:
    """The model and every concrete model that inherits from it (a page's specific type)."""
    models = [candidate for candidate in apps.get_models() if issubclass(candidate, model)]
    return [content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()]


class ChandraQueryCompiler(BaseSearchQueryCompiler):
    def check(self):
        """Only named fields must be search fields: the queryset's filters and ordering are
        applied by the database, so any field serves (an admin listing's filters too)."""
        if self.fields:
            allowed = {field.field_name for field in self.queryset.model.get_searchable_search_fields()}
            for name in self.fields:
                if name not in allowed:
                    raise SearchFieldError(
                        f'Cannot search with field "{name}": add index.SearchField("{name}") to the search_fields of '
                        f"{self.queryset.model.__name__}.",
                        field_name=name,
                    )

    def ranked(self) -> list[tuple[object, float]] | None:
        """(primary key, score) of the matching objects of the queryset, best first; ``None``
        when the query matches everything."""
        text, operator = query_string(self.query)
        if text is None:
            return None
        parsed = parse(text)
        if not parsed.ok:
            return []
        backend = get_backend()
        scored = dict(
            backend.candidates(parsed.terms, limit=RESULTS_CAP, public=False, content_types=content_type_ids(self.queryset.model))
        )
        if not scored:
            return []
        # A document matches when it holds a word of the query (or, with "and", every word) as
        # a word, as all the bigrams of a word inside a compound, or as an expansion; sharing a
        # stray bigram is no match.
        held = backend.concepts_held(list(scored), [concept.ways for concept in parsed.concepts])
        demand = all if operator == "and" else any
        scored = {doc_id: score for doc_id, score in scored.items() if demand(held.get(doc_id, ()))}
        to_python = self.queryset.model._meta.pk.to_python
        by_object = {}
        for doc_id, object_id in SearchDocument.objects.filter(pk__in=scored).values_list("pk", "object_id"):
            by_object[to_python(object_id)] = max(by_object.get(to_python(object_id), 0.0), scored[doc_id])
        allowed = set(self.queryset.filter(pk__in=list(by_object)).values_list("pk", flat=True))
        return sorted(((pk, score) for pk, score in by_object.items() if pk in allowed), key=lambda item: (-item[1], str(item[0])))


class ChandraSearchResults(BaseSearchResults):
    def _ranked(self):
        if not hasattr(self.query_compiler, "_chandra_ranked"):
            self.query_compiler._chandra_ranked = self.query_compiler.ranked()
        return self.query_compiler._chandra_ranked

    def _do_search(self):
        ranked = self._ranked()
        queryset = self.query_compiler.queryset
        if ranked is None:
            objects = list(queryset[self.start : self.stop])
            scores = {}
        elif self.query_compiler.order_by_relevance:
            window = ranked[self.start : self.stop]
            scores = dict(window)
            found = queryset.in_bulk([pk for pk, _ in window])
            objects = [found[pk] for pk, _ in window if pk in found]
        else:
            scores = dict(ranked)
            objects = list(queryset.filter(pk__in=list(scores))[self.start : self.stop])
        if self.prefetch_related:
            from django.db.models import prefetch_related_objects

            prefetch_related_objects(objects, *self.prefetch_related)
        if self._score_field:
            for obj in objects:
                setattr(obj, self._score_field, scores.get(obj.pk))
        return objects

    def _do_count(self):
        ranked = self._ranked()
        if ranked is None:
            return self.query_compiler.queryset[self.start : self.stop].count()
        return len(ranked[self.start : self.stop])


class ChandraSearchBackend(BaseSearchBackend):
    query_compiler_class = ChandraQueryCompiler
    autocomplete_query_compiler_class = ChandraQueryCompiler
    results_class = ChandraSearchResults
    index_class = ChandraIndex
    rebuilder_class = ChandraRebuilder
    # Search trouble (a cluster that is down) must not stop an editor from saving.
    catch_indexing_errors = True


SearchBackend = ChandraSearchBackend
