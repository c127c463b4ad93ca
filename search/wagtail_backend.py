"""Wagtail's built-in database search backend, made to understand Thai.

Wagtail (through django-modelsearch) indexes ``search_fields`` into PostgreSQL
``tsvector`` columns or an SQLite FTS5 table, whose tokenisers split on spaces:
a Thai run is one token, so ``กฎหมาย`` finds nothing inside ``ร่างกฎหมาย``.
This backend keeps Wagtail's own machinery (signals, ``update_index``, the
admin's search and choosers, ``Page.objects.search()``) and puts Chandra's one
analyser in front of it on both sides:

* indexing: every ``search_fields`` value is replaced by its analysed terms
  (words, Thai character bigrams, the other era of years, abbreviation
  expansions), separated by spaces;
* querying: a Thai word is asked for as its bigrams (all required), so a word
  inside a compound matches; an abbreviation is replaced by what it stands for
  (the index holds expansions too), other words as folded by the analyser.

Configured as ``WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.wagtail_backend"``;
it picks the PostgreSQL, SQLite or generic class just as Wagtail's
``wagtail.search.backends.database`` does.
"""

from __future__ import annotations

import functools
import importlib
import threading

from modelsearch.backends.database import SearchBackend as _vendor_backend
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

from .analysis import analyse, bigrams, expand_abbreviations, fold, normalise, unique, words

_lock = threading.Lock()


def index_text(value: str) -> str:
    """What Wagtail's index stores for a field value: the analysed terms, space-separated."""
    if not value:
        return ""
    return " ".join(term.lstrip("~") for term in unique(analyse(value)))


def query_text(query: str) -> str:
    """The terms to ask Wagtail's index for (all of them, unless the caller says "or")."""
    terms: list[str] = []
    for word in words(expand_abbreviations(normalise(query), keep_abbreviation=False)):
        grams = bigrams(word)
        if grams:
            terms.extend(gram.lstrip("~") for gram in grams)
        else:
            terms.append(fold(word))
    return " ".join(unique(term for term in terms if term))


def _analysing_indexer(module):
    """Make the vendor module build its index documents with the analyser.

    django-modelsearch creates its ``ObjectIndexer`` by module-level name inside
    ``add_items`` and offers no hook for it, so the name is rebound once to a
    subclass that only changes ``prepare_value``; everything else is Wagtail's.
    """
    with _lock:
        base = module.ObjectIndexer
        if getattr(base, "chandra_analysed", False):
            return

        class AnalysedObjectIndexer(base):
            chandra_analysed = True

            def prepare_value(self, value):
                return index_text(super().prepare_value(value))

        module.ObjectIndexer = AnalysedObjectIndexer


def analyse_query(query):
    """A query string or a Wagtail query object, with its texts analysed.

    Punctuation-only text analyses to "", which Wagtail answers with no results."""
    if isinstance(query, str):
        return query_text(query)
    if isinstance(query, PlainText):
        return PlainText(query_text(query.query_string), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(query_text(query.query_string))
    if isinstance(query, (And, Or)):
        return type(query)([analyse_query(subquery) for subquery in query.subqueries])
    if isinstance(query, Not):
        return Not(analyse_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(analyse_query(query.subquery), query.boost)
    return query  # MatchAll, Fuzzy: nothing to analyse


class ThaiAnalysedMixin:
    """Analyse the queries of ``search()`` and ``autocomplete()`` alike (the admin passes
    parsed query objects, code passes strings)."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        query = analyse_query(query)
        # A search restricted to named fields builds its vectors from the raw column values,
        # which never went through the analyser; the index entry holds those fields analysed
        # (with the others), so search it instead (the admin's listings name their fields).
        if kwargs.get("fields"):
            kwargs["fields"] = None
        if isinstance(query, (PlainText, Phrase)) and not query.query_string:
            query = ""  # nothing searchable left: Wagtail's empty result rather than a SQL error
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


@functools.cache
def _thai_class(vendor_class):
    module = importlib.import_module(vendor_class.__module__)
    if not hasattr(module, "ObjectIndexer"):
        # The fallback backend (SQLite without FTS5) matches raw text with LIKE: a Thai word
        # is already found inside longer words there, and analysed queries would not match.
        return vendor_class
    _analysing_indexer(module)
    return type(f"Thai{vendor_class.__name__}", (ThaiAnalysedMixin, vendor_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    vendor = _vendor_backend(params)
    return _thai_class(type(vendor))(params)
