"""Reading the index: the one search function behind the page, the API,
autocomplete, Wagtail's own ``.search()`` and the benchmark.

Ranking, in order:
  0. exact matches — the section number asked for (``มาตรา 256``, ``ม. ๒๕๖``,
     ``section 256``, also inside a longer query), the year named first, else the
     instrument in force first; or a title equal to the query;
  1. the rest by ``BM25 × √coverage × standing``: BM25 of the weighted query terms
     (:mod:`search.query`); coverage, the share of the query's concepts a document
     holds (a word, all the bigrams of a word inside a compound, or an
     abbreviation's expansion), each concept weighted by the square root of its idf
     among the candidates; standing, 1 for what is in force (or of the year
     the query names) and less for what it replaced. The best 30 are then reordered
     among themselves by proximity: their score times the share of the concepts
     found within 100 characters of each other (not for a pasted text), doubled
     when a question for a number (กี่คน, อายุเท่าไร) finds one stated near them;
     one of them that quotes a shorter one (a publication or a page holding sections
     of the law) then ranks just below the text it quotes.
A query with few words shows only the documents that hold all of them, when
there are enough of them; when only a few do, the best partial matches follow
them; when none holds every word, the best partial matches come with
a notice — never an empty page when some words matched. Earlier versions of a
section asked for by number are grouped under the one in force ("also in 2550,
2540"). Quoted phrases must occur as written.
"""

from __future__ import annotations

import difflib
import logging
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext as _

from . import conf, registry
from .analysis import BE_OFFSET, NUMBER_WORD, THAI_CHAR, dictionary, normalise, words
from .backends import ConceptTests, get_backend
from .highlight import highlight, snippet
from .models import SearchDocument
from .query import Query, parse

logger = logging.getLogger(__name__)
CANDIDATES = 1000
# Coverage is measured on the candidates, in the query that reads their rows (see _rows).
COVERAGE_DEPTH = CANDIDATES
COVERAGE_POWER = 0.5
# A concept's weight in coverage and proximity: its idf among the candidates, to this power.
CONCEPT_IDF_POWER = 0.5
# Proximity: the best PROXIMITY_DEPTH candidates are scored again by the share of the query's
# concepts found together within PROXIMITY_WINDOW characters of their text (a section that
# answers holds the words of the question close together; a long page holds them far apart).
# Not for a pasted text: its words are spread over whole sections (measured on NitiBench).
PROXIMITY_DEPTH = 30
PROXIMITY_WINDOW = 100
# A question for a number (กี่คน, อายุเท่าไร): the best candidates that state one are raised by
# QUANTITY_FACTOR; a measured word's number is looked for within MEASURE_REACH characters of it.
QUANTITY_FACTOR = 2.0
MEASURE_REACH = 40
# A copy below its source: among the best candidates, a text that holds QUOTED_SHARE of
# QUOTE_PIECES pieces of QUOTE_CHUNK characters spread over a shorter one's text (spaces aside)
# quotes it (a publication or a page holding sections of the law) and ranks just below it.
QUOTE_CHUNK = 20
QUOTE_PIECES = 10
QUOTED_SHARE = 0.7
# A document's score is multiplied by its standing (see search.registry), or by OTHER_YEAR
# when the query names a year and the document is of another one.
OTHER_YEAR = 0.5
# A query of at most this many concepts (and no question words) shows only the documents
# holding all of them when at least KEYWORD_FEW do; when fewer do, they come first and the
# best partial matches follow them.
KEYWORD_CONCEPTS = 3
KEYWORD_FEW = 10
ROW_FIELDS = (
    "pk", "key", "object_id", "language", "group", "url", "title", "title_norm", "number", "date", "year", "in_force", "lineage",
    "standing",
)


@dataclass
class Row:
    """The columns of a document that ranking and a result line need (never its body)."""

    pk: int
    key: str
    object_id: str
    language: str
    group: str
    url: str
    title: str
    title_norm: str
    number: str
    date: object
    year: int | None
    in_force: bool
    lineage: str
    standing: float
    # Whether it holds each of the query's concepts (read with the row, see _rows).
    holds: tuple[bool, ...] = ()


@dataclass
class Hit:
    document: Row
    score: float
    tier: int
    coverage: float = 1.0
    # 0 for the best candidates, reordered among themselves by proximity; 1 for the rest.
    depth: int = 1
    snippet: str = ""
    title_html: str = ""
    # Earlier versions grouped under this one: [(year B.E., url)], newest first.
    also_in: list[tuple[int, str]] = field(default_factory=list)

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
    # More documents matched than the candidates read: the count is "more than" total.
    total_capped: bool = False
    # No document holds every word: these are the best partial matches.
    partial: bool = False
    # Few documents hold every word of a short query: the best partial matches follow them.
    partial_after: bool = False
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
        if self.partial and self.hits:
            notes.append(_("No result contains all of your words; these contain some of them."))
        elif self.partial_after and self.hits:
            notes.append(_("Few results contain all of your words; the results after them contain some of them."))
        return notes

    @property
    def count_text(self) -> str:
        """"12 results", or "more than 1,000 results" past the candidates read."""
        from django.contrib.humanize.templatetags.humanize import intcomma
        from django.utils.translation import get_language, ngettext

        from cms.base.thai import thai_digits

        def shown(number: int) -> str:
            text = intcomma(number, use_l10n=False)
            return thai_digits(text) if (get_language() or "th").startswith("th") else text

        if self.total_capped:
            return _("more than %(n)s results") % {"n": shown(CANDIDATES)}
        return ngettext("%(n)s result", "%(n)s results", self.total) % {"n": shown(self.total)}

    @property
    def problem_message(self) -> str:
        if self.query.problem == "empty":
            return _("Type a word, a phrase or a section number to search.")
        if self.query.problem == "unavailable":
            return _("Search is not available at the moment. Please try again in a few minutes.")
        if self.query.problem == "no_words":
            return _("Your search has no letters or numbers in it. Type a word, for example กฎหมาย.")
        return ""


def _spelled_out(texts: set[str]) -> set[str]:
    """The texts and each number among them in Thai words (40 -> สี่สิบ)."""
    from pythainlp.util import num_to_thaiword

    return texts | {num_to_thaiword(int(text)) for text in texts if text.isdecimal() and len(text) <= 7}


def _needles(query: Query) -> list[str]:
    """What to mark in titles and snippets: phrases, the query's words and their
    alternatives (an abbreviation's expansion as written, a number in Thai words)."""
    needles: set[str] = set(query.phrases)
    for concept in query.concepts:
        needles.add(normalise(concept.word))
        for way in concept.ways:
            if len(way) == 1:
                needles.update(term for term in way if not term.startswith("~"))
            elif not any(term.startswith("~") for term in way):
                needles.update(concept.texts)  # a name of several words is marked whole, not word by word
    return sorted((needle for needle in _spelled_out(needles) if len(needle) >= 2 or needle.isdecimal()), key=len, reverse=True)


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


def _rows(ids, tests: ConceptTests) -> dict[int, Row]:
    """The documents' rows, with which of the query's concepts each holds (in the same query)."""
    documents = SearchDocument.objects.filter(pk__any=ids).annotate(**tests.annotations)
    width = len(ROW_FIELDS)
    return {
        values[0]: Row(*values[:width], holds=tests.held(values[width:]))
        for values in documents.values_list(*ROW_FIELDS, *tests.annotations)
    }


def _coverage(backend, query: Query, ids: list[int], rows: dict[int, Row]) -> tuple[dict[int, float], list[float]]:
    """The weighted share of the query's concepts each document holds, and the concepts'
    weights: a concept held by few of the candidates counts more than one most of them hold
    (ทำ, คน), by the square root of its idf among the candidates (no extra query unless a
    phrase left candidates out of the rows)."""
    if not query.concepts:
        return {}, []
    holds = {doc_id: rows[doc_id].holds for doc_id in ids if doc_id in rows}
    if len(holds) < len(ids):
        holds.update(backend.concepts_held([doc_id for doc_id in ids if doc_id not in holds], [concept.ways for concept in query.concepts]))
    n = len(ids)
    weights = []
    for index, concept in enumerate(query.concepts):
        df = sum(1 for flags in holds.values() if flags[index])
        idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
        weights.append(concept.weight * idf**CONCEPT_IDF_POWER)
    total = sum(weights) or 1.0
    return {doc_id: sum(w for w, flag in zip(weights, flags) if flag) / total for doc_id, flags in holds.items()}, weights


def _concept_texts(query: Query) -> list[list[str]]:
    """The strings that show each concept in a normalised text (a number also in Thai words)."""
    return [sorted(_spelled_out({text for text in concept.texts if text})) for concept in query.concepts]


def _places(text: str, texts: list[list[str]]) -> list[tuple[int, int]]:
    """(position, concept index) of every occurrence of the query's concepts, in order."""
    return sorted(
        (match.start(), index)
        for index, needles in enumerate(texts)
        for needle in needles
        for match in re.finditer(re.escape(needle), text)
    )


def _window_share(places: list[tuple[int, int]], weights: list[float]) -> float:
    """The largest weighted share of concepts that occur within PROXIMITY_WINDOW characters."""
    total = sum(weights) or 1.0
    best = 0.0
    held: Counter = Counter()
    start = 0
    for position, index in places:
        held[index] += 1
        while places[start][0] < position - PROXIMITY_WINDOW:
            held[places[start][1]] -= 1
            if not held[places[start][1]]:
                del held[places[start][1]]
            start += 1
        best = max(best, sum(weights[concept] for concept in held) / total)
    return best


def _quantity_pattern(query: Query) -> re.Pattern | None:
    """A number stated in the unit the question counts ("สิบแปดคน" for กี่คน), or soon after
    the word it measures ("อายุไม่ต่ำกว่าสี่สิบปี" for อายุเท่าไร); not a section number."""
    number = rf"(?:(?<!มาตรา )(?<!มาตรา)(?<![\d(])\d+|{NUMBER_WORD.pattern})"
    parts = [rf"{number}\s*{re.escape(unit)}" for unit in query.counted]
    parts += [rf"{re.escape(word)}[^\n]{{0,{MEASURE_REACH}}}?{number}" for word in query.measured]
    return re.compile("|".join(parts)) if parts else None


def _states_quantity(text: str, pattern: re.Pattern, places: list[tuple[int, int]], query: Query) -> bool:
    """The number asked for, within PROXIMITY_WINDOW characters of another of the query's
    concepts (of what is counted: องคมนตรี for องคมนตรีมีกี่คน), so that a long text holding
    numbers everywhere does not answer by chance."""
    asked = set(query.counted) | set(query.measured)
    own = {index for index, concept in enumerate(query.concepts) if concept.word in asked}
    others = [position for position, index in places if index not in own]
    alone = len(own) == len(query.concepts)
    return any(
        alone or any(abs(position - match.start()) <= PROXIMITY_WINDOW for position in others)
        for match in pattern.finditer(text)
    )


def _proximity(query: Query, hits: list[Hit], weights: list[float]) -> None:
    """Reorder the best tier-1 hits among themselves: their scores scaled by how close
    together their text holds the query's concepts, and raised when they state the number a
    question asks for. They stay above the rest."""
    quantity = _quantity_pattern(query)
    near = len(query.concepts) >= 2 and not query.pasted
    if not near and quantity is None:
        return
    ranked = sorted((hit for hit in hits if hit.tier == 1), key=lambda hit: -hit.score)[:PROXIMITY_DEPTH]
    texts = _concept_texts(query)
    bodies = dict(
        (pk, title + "\n" + body)
        for pk, title, body in SearchDocument.objects.filter(pk__in=[hit.document.pk for hit in ranked]).values_list(
            "pk", "title_norm", "body_norm"
        )
    )
    for hit in ranked:
        hit.depth = 0
        text = bodies.get(hit.document.pk, "")
        places = _places(text, texts)
        if near:
            hit.score *= max(_window_share(places, weights), 0.05)
        if quantity is not None and _states_quantity(text, quantity, places, query):
            hit.score *= QUANTITY_FACTOR
    _below_sources(ranked, bodies, query)


def _quotes(source: str, copy: str) -> bool:
    """Whether ``copy`` holds QUOTED_SHARE of the pieces of ``source`` (a quotation survives a
    PDF's broken words: most of its pieces are intact)."""
    starts = range(0, len(source) - QUOTE_CHUNK + 1, QUOTE_CHUNK)
    step = max(1, len(starts) // QUOTE_PIECES)
    pieces = [source[start : start + QUOTE_CHUNK] for start in starts[::step]]
    allowed = len(pieces) - math.ceil(QUOTED_SHARE * len(pieces))
    missing = 0
    for piece in pieces:
        if piece not in copy:
            missing += 1
            if missing > allowed:
                return False
    return bool(pieces)


def _below_sources(ranked: list[Hit], bodies: dict[int, str], query: Query) -> None:
    """A hit that quotes a shorter one among the best, of no lesser standing (not an earlier
    version of a section), ranks just below it: the source answers, the copy repeats it."""
    compact = {hit.document.pk: "".join(bodies.get(hit.document.pk, "").split()) for hit in ranked}
    by_length = sorted(ranked, key=lambda hit: len(compact[hit.document.pk]))
    for position, copy in enumerate(by_length):
        copy_text = compact[copy.document.pk]
        for source in by_length[:position]:
            source_text = compact[source.document.pk]
            if (
                source.score < copy.score
                and 2 * len(source_text) <= len(copy_text)
                and _standing(source.document, query) >= _standing(copy.document, query)
                and _quotes(source_text, copy_text)
            ):
                copy.score = source.score * 0.99


def _standing(row: Row, query: Query) -> float:
    """A named year lifts what it names above what is in force; standing still orders
    the instruments of that year (the constitution of 2560 above the acts of 2017)."""
    if query.years:
        year_factor = 1.0 if row.year in query.years else OTHER_YEAR
        return year_factor * (row.standing if row.in_force else 1.0)
    return row.standing


def _rank(
    backend, query: Query, scored: dict[int, float], rows: dict[int, Row], language: str
) -> tuple[list[Hit], bool, bool]:
    """Hits in order, whether they are partial matches only, and whether partial matches follow
    the few that hold every word of a short query."""
    best = sorted(scored, key=lambda doc_id: -scored[doc_id])[:COVERAGE_DEPTH]
    coverage, weights = _coverage(backend, query, best, rows)
    normalised_query = normalise(query.text).strip("\"“” ")
    hits = []
    for doc_id, row in rows.items():
        tier = 1
        if (query.number and row.number == query.number) or row.title_norm.strip() == normalised_query:
            tier = 0
        share = coverage.get(doc_id, 0.0)
        score = scored.get(doc_id, 0.0) * _standing(row, query) * (share**COVERAGE_POWER if share else 0.05)
        hits.append(Hit(document=row, score=score, tier=tier, coverage=share))
    _proximity(query, hits, weights)
    complete = [hit for hit in hits if hit.coverage >= 0.999]
    partial = not complete and not any(hit.tier == 0 for hit in hits)
    keywords = bool(complete) and len(query.concepts) <= KEYWORD_CONCEPTS and not query.question
    only_complete = keywords and len(complete) >= KEYWORD_FEW
    complete_first = keywords and not only_complete
    if only_complete:
        hits = [hit for hit in hits if hit.coverage >= 0.999 or hit.tier == 0]
    else:
        # Bigram look-alikes of no word of the query are not matches (a misspelling then
        # gets a "did you mean" rather than noise).
        hits = [hit for hit in hits if hit.coverage > 0 or hit.tier == 0]
    hits.sort(
        key=lambda hit: (
            hit.tier,
            -(_standing(hit.document, query) if hit.tier == 0 else 0),
            complete_first and hit.coverage < 0.999,
            hit.depth,
            -round(hit.score, 9),
            -(hit.document.date.toordinal() if hit.document.date else 0),
            hit.document.language != language,
            -hit.document.pk,
        )
    )
    return hits, partial, complete_first and any(hit.coverage < 0.999 and hit.tier != 0 for hit in hits)


def _one_per_group(hits: list[Hit], language: str) -> list[Hit]:
    """One result per translated page: the reader's language when it is there."""
    by_group: dict[str, int] = {}
    out: list[Hit] = []
    for hit in hits:
        group = hit.document.group
        if not group:
            out.append(hit)
            continue
        position = by_group.get(group)
        if position is None:
            by_group[group] = len(out)
            out.append(hit)
        elif out[position].document.language != language and hit.document.language == language:
            out[position] = hit
    return out


def _group_versions(hits: list[Hit]) -> list[Hit]:
    """Earlier versions of a section under the version in force ("also in 2550, 2540")."""
    in_force = {hit.document.lineage: hit for hit in hits if hit.document.lineage and hit.document.in_force}
    out = []
    for hit in hits:
        holder = in_force.get(hit.document.lineage) if hit.document.lineage and not hit.document.in_force else None
        if holder is not None and holder.tier <= hit.tier:
            if hit.document.year:
                holder.also_in.append((hit.document.year + BE_OFFSET, hit.document.url))
            continue
        out.append(hit)
    for hit in out:
        hit.also_in.sort(reverse=True)
    return out


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
    try:
        scored = dict(backend.candidates(query.terms, limit=CANDIDATES, pasted=query.pasted))
        narrowed = scored
        if key or year:
            narrowed = dict(backend.candidates(query.terms, limit=CANDIDATES, key=key, year=year, pasted=query.pasted))
    except Exception:  # noqa: BLE001 - a search cluster that is down must not give a 500
        logger.exception("search: the backend failed")
        query.problem = "unavailable"
        return Outcome(query=query, hits=[])
    capped = len(scored) >= CANDIDATES
    ids = set(scored) | set(narrowed)
    if query.number:
        numbered = SearchDocument.objects.filter(number=query.number, public=True)
        ids |= set(numbered.values_list("pk", flat=True)[:200])
    if query.phrases and ids:
        with_phrases = SearchDocument.objects.filter(pk__in=ids)
        for phrase in query.phrases:
            with_phrases = with_phrases.filter(Q(body_norm__contains=phrase) | Q(title_norm__contains=phrase))
        ids = set(with_phrases.values_list("pk", flat=True))
    rows = _rows(ids, backend.concept_tests([concept.ways for concept in query.concepts])) if ids else {}
    every = {**scored, **narrowed}
    hits, partial, partial_after = _rank(backend, query, every, rows, language)
    hits = _one_per_group(hits, language)
    if query.number and not query.years:
        hits = _group_versions(hits)
    outcome = Outcome(query=query, hits=[], total_capped=capped, partial=partial, partial_after=partial_after)
    in_unfiltered = [hit for hit in hits if hit.document.pk in scored or hit.tier == 0]
    type_counts = Counter(hit.document.key for hit in in_unfiltered)
    year_counts = Counter(hit.document.year for hit in in_unfiltered if hit.document.year)
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
    # The candidates read were capped and nearly all hold a word of the query: more match.
    outcome.total_capped = capped and paginator.count >= CANDIDATES * 9 // 10
    if snippets and page_obj.object_list:
        needles = _needles(query)
        bodies = dict(
            SearchDocument.objects.filter(pk__in=[hit.document.pk for hit in page_obj.object_list]).values_list("pk", "body")
        )
        for hit in page_obj.object_list:
            hit.snippet = snippet(bodies.get(hit.document.pk, ""), needles)
            hit.title_html = highlight(hit.document.title, needles)
    if partial or len(query.concepts) <= KEYWORD_CONCEPTS:
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
