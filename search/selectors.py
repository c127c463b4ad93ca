"""Reading the index: the one search function behind the page, the API,
autocomplete and the benchmark.

Ranking, in order:
  0. exact matches — the section number asked for (``มาตรา 256``, ``ม. ๒๕๖``,
     ``section 256``) or a title equal to the query;
  1. documents containing every word of a short query (a Thai word also inside
     longer words: ``กฎหมาย`` in ``ร่างกฎหมาย``);
  2. the rest of the BM25 candidates (only for long queries, where requiring
     every word would find nothing);
then BM25 relevance, then recency. Quoted phrases must occur as written.
"""

from __future__ import annotations

import difflib
import logging
import re
import time
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from . import conf, registry
from .analysis import (
    THAI_CHAR,
    abbreviation_pairs,
    analyse,
    dictionary,
    fold,
    normalise,
    unique,
    words,
    year_variants,
)
from .backends import get_backend
from .highlight import highlight, snippet
from .models import SearchDocument

logger = logging.getLogger(__name__)
CANDIDATES = 1000
# A query of at most this many words must match all of them (when some document does).
SHORT_QUERY_WORDS = 6
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A phrase is typed between straight double quotes. Curly quotes come with pasted text
# (a ruling, a letter) and quote names rather than ask for an exact match.
_PHRASE = re.compile(r'"([^"]+)"')
_NUMBER_QUERY = re.compile(
    r"^\s*(?:มาตรา|ม\.|ข้อ|section|sec\.?|s\.|art\.?|article)?\s*(\d+(?:/\d+)?)\s*$", re.IGNORECASE
)


@dataclass
class Query:
    raw: str
    text: str = ""
    truncated: bool = False
    problem: str = ""  # "empty" | "no_words"
    phrases: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # normalised, unfolded, as typed
    number: str = ""
    terms: Counter = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.problem


def _alternatives(word: str) -> set[str]:
    """What counts as containing ``word``: itself, the other era of a year, an abbreviation's
    expansion or an expansion's abbreviations."""
    options = {word}
    options.update(year_variants(word))
    folded = fold(word)
    for abbreviation, expansion in abbreviation_pairs():
        if fold(normalise(abbreviation)) == folded:
            options.add(normalise(expansion))
        elif normalise(expansion) == word:
            written = normalise(abbreviation)
            options.update({written, written.rstrip("."), fold(written)})
    return {option for option in options if option}


def parse(raw: str | None) -> Query:
    raw = _CONTROL.sub(" ", raw or "")
    query = Query(raw=raw)
    text = " ".join(raw.split())
    limit = conf.max_query_length()
    if len(text) > limit:
        text = text[:limit]
        query.truncated = True
    query.text = text
    if not text:
        query.problem = "empty"
        return query
    query.phrases = [normalise(" ".join(match.split())) for match in _PHRASE.findall(text)]
    query.phrases = [phrase for phrase in query.phrases if words(phrase)]
    query.words = unique(words(text))
    if not query.words:
        query.problem = "no_words"
        return query
    if len(query.words) > SHORT_QUERY_WORDS * 4:
        query.phrases = []  # a pasted text: rank by its words, do not demand its quotes
    match = _NUMBER_QUERY.match(normalise(text))
    if match:
        query.number = match.group(1)
    query.terms = Counter(analyse(text))
    return query


@dataclass
class Hit:
    document: SearchDocument
    score: float
    tier: int
    snippet: str = ""
    title_html: str = ""

    @property
    def type_label(self):
        return registry.label_for(self.document.key)


@dataclass
class Facet:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Outcome:
    query: Query
    hits: list[Hit]
    page_obj: object = None
    total: int = 0
    type_facets: list[Facet] = field(default_factory=list)
    year_facets: list[Facet] = field(default_factory=list)
    suggestion: str = ""
    elapsed_ms: float = 0.0

    @property
    def notices(self) -> list[str]:
        notes = []
        if self.query.truncated:
            notes.append(
                _("Your search was too long, so only its first %(n)d characters were used.") % {"n": conf.max_query_length()}
            )
        return notes

    @property
    def problem_message(self) -> str:
        if self.query.problem == "empty":
            return _("Type a word, a phrase or a section number to search.")
        if self.query.problem == "unavailable":
            return _("Search is not available at the moment. Please try again in a few minutes.")
        if self.query.problem == "no_words":
            return _("Your search has no letters or numbers in it. Type a word, for example กฎหมาย.")
        return ""


def _contains(haystack: str, alternatives: set[str]) -> bool:
    return any(option in haystack for option in alternatives)


def _needles(query: Query) -> list[str]:
    needles: set[str] = set(query.phrases)
    for word in query.words:
        for option in _alternatives(word):
            if len(option) >= 2 or option.isdigit():
                needles.add(option)
    return sorted(needles, key=len, reverse=True)


_vocabulary_cache: dict[str, object] = {}


def _vocabulary() -> dict[tuple[str, int], list[str]]:
    """Index words grouped by (first letter, length), refreshed every five minutes."""
    cached = _vocabulary_cache.get("words")
    if cached is not None and time.monotonic() - _vocabulary_cache["at"] < 300:
        return cached  # type: ignore[return-value]
    grouped: dict[tuple[str, int], list[str]] = {}
    for word in get_backend().vocabulary():
        if len(word) >= 3 and THAI_CHAR.match(word):
            grouped.setdefault((word[0], len(word)), []).append(word)
    _vocabulary_cache.update(words=grouped, at=time.monotonic())
    return grouped


def clear_vocabulary_cache() -> None:
    _vocabulary_cache.clear()


def suggest(query: Query) -> str:
    """"Did you mean": each Thai chunk of the query that is neither a known word nor made
    of known words is replaced by the closest word of the index, if one is close."""
    grouped = _vocabulary()
    if not grouped:
        return ""
    known = dictionary()
    changed = False
    out = []
    for chunk in query.text.split():
        norm = normalise(chunk).strip("\"“”.,;:!?()")
        if len(norm) < 3 or not THAI_CHAR.match(norm) or norm in known:
            out.append(chunk)
            continue
        pieces = words(norm)
        if all(piece in known and len(piece) > 1 for piece in pieces):
            out.append(chunk)  # known words written together: not a misspelling
            continue
        candidates = []
        for length in range(len(norm) - 2, len(norm) + 3):
            candidates.extend(grouped.get((norm[0], length), []))
        if norm in candidates:
            out.append(chunk)
            continue
        close = difflib.get_close_matches(norm, candidates, n=1, cutoff=0.75)
        if close:
            out.append(close[0])
            changed = True
        else:
            out.append(chunk)
    return " ".join(out) if changed else ""


def search(
    raw: str | None,
    *,
    language: str = "th",
    key: str | None = None,
    year: int | None = None,
    page: int | str = 1,
    per_page: int = 10,
    snippets: bool = True,
) -> Outcome:
    """Search everything public. ``key`` and ``year`` narrow the results (facets are
    counted before narrowing)."""
    started = time.perf_counter()
    query = parse(raw)
    if not query.ok:
        return Outcome(query=query, hits=[])
    backend = get_backend()
    short = len(query.words) <= SHORT_QUERY_WORDS
    try:
        scored = dict(backend.candidates(query.terms, limit=CANDIDATES, short=short))
    except Exception:  # noqa: BLE001 - a search cluster that is down must not give a 500
        logger.exception("search: the backend failed")
        query.problem = "unavailable"
        return Outcome(query=query, hits=[])
    extra_ids: set[int] = set()
    if query.number:
        extra_ids = set(SearchDocument.objects.filter(number=query.number).values_list("pk", flat=True)[:200])
    ids = set(scored) | extra_ids
    fields = ["pk", "key", "language", "group", "url", "title", "title_norm", "number", "date", "year", "object_id"]
    if short or query.phrases:
        fields.append("body_norm")
    documents = SearchDocument.objects.filter(pk__in=ids).only(*fields) if ids else []
    normalised_query = normalise(query.text).strip("\"“” ")
    required = [_alternatives(word) for word in query.words]
    hits: list[Hit] = []
    for document in documents:
        haystack = None
        if short or query.phrases:
            haystack = document.title_norm + "\n" + document.body_norm
        if query.phrases and not all(phrase in haystack for phrase in query.phrases):
            continue
        tier = 2
        if (query.number and document.number == query.number) or document.title_norm.strip() == normalised_query:
            tier = 0
        elif short and all(_contains(haystack, options) for options in required):
            tier = 1
        hits.append(Hit(document=document, score=scored.get(document.pk, 0.0), tier=tier))
    if short:
        if any(hit.tier <= 1 for hit in hits):
            hits = [hit for hit in hits if hit.tier <= 1]
        else:
            # Nothing has every word: keep what has at least one whole word, not mere
            # bigram look-alikes (a misspelling then gets a "did you mean").
            hits = [
                hit for hit in hits
                if any(_contains(hit.document.title_norm + "\n" + hit.document.body_norm, options) for options in required)
            ]
    hits.sort(
        key=lambda hit: (
            hit.tier,
            -round(hit.score, 6),
            -(hit.document.date.toordinal() if hit.document.date else 0),
            hit.document.language != language,
            -hit.document.pk,
        )
    )
    # One result per translated page: the reader's language when it is there.
    by_group: dict[str, Hit] = {}
    deduplicated = []
    for hit in hits:
        group = hit.document.group
        if not group:
            deduplicated.append(hit)
            continue
        chosen = by_group.get(group)
        if chosen is None:
            by_group[group] = hit
            deduplicated.append(hit)
        elif chosen.document.language != language and hit.document.language == language:
            deduplicated[deduplicated.index(chosen)] = hit
            by_group[group] = hit
    hits = deduplicated
    type_counts = Counter(hit.document.key for hit in hits)
    year_counts = Counter(hit.document.year for hit in hits if hit.document.year)
    outcome = Outcome(query=query, hits=[])
    outcome.type_facets = [
        Facet(value=value, label=str(registry.label_for(value)), count=count, selected=value == key)
        for value, count in sorted(type_counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    outcome.year_facets = [
        Facet(value=str(value), label=str(value), count=count, selected=value == year)
        for value, count in sorted(year_counts.items(), reverse=True)
    ]
    if key:
        hits = [hit for hit in hits if hit.document.key == key]
    if year:
        hits = [hit for hit in hits if hit.document.year == year]
    paginator = Paginator(hits, per_page)
    page_obj = paginator.get_page(page)
    outcome.hits = hits
    outcome.page_obj = page_obj
    outcome.total = paginator.count
    if snippets and page_obj.object_list:
        needles = _needles(query)
        bodies = dict(
            SearchDocument.objects.filter(pk__in=[hit.document.pk for hit in page_obj.object_list]).values_list("pk", "body")
        )
        for hit in page_obj.object_list:
            hit.snippet = snippet(bodies.get(hit.document.pk, ""), needles)
            hit.title_html = highlight(hit.document.title, needles)
    if short:
        outcome.suggestion = suggest(query)
    outcome.elapsed_ms = (time.perf_counter() - started) * 1000
    return outcome


def autocomplete(raw: str | None, *, language: str = "th", limit: int = 8) -> list[dict]:
    """Titles for the header search box: the first results of the same search."""
    query = parse(raw)
    if not query.ok or len(query.text) < 2:
        return []
    outcome = search(raw, language=language, per_page=limit, snippets=False)
    needles = _needles(query)
    return [
        {
            "title": hit.document.title,
            "title_html": str(highlight(hit.document.title, needles)),
            "url": hit.document.url,
            "type": hit.document.key,
            "type_label": str(hit.type_label),
        }
        for hit in outcome.page_obj.object_list
    ]
