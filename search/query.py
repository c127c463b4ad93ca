"""What a query asks for: its words as weighted index terms, grouped into concepts.

A citizen types questions ("องคมนตรีมีได้กี่คน", "ส.ว. ต้องอายุ 40 ปีขึ้นไปไหม"), so a
query is read as a bag of weighted terms rather than words that must all match:

* each content word is a *concept*: its own term, its Thai character bigrams
  (a word inside a compound), and, for an abbreviation or synonym kept by
  editors (*Snippets → Abbreviations*), the words of what it stands for — or,
  the other way round, the abbreviation of a written-out name. Expansion
  happens here, at query time, so editing the list needs no re-index;
* question words and particles (กี่, ไหม, อย่างไร, …) stay in the query at a
  small weight: nothing is deleted, so a legal word that happens to be a
  particle elsewhere (ได้, ต้อง) still counts, at its idf;
* a term said several times (in a pasted text) weighs more, with BM25's
  saturation of query-term frequency (``QUERY_K3``);
* numbers count alike in Thai words, Thai digits and Arabic digits
  (the analyser turns ``สี่สิบ`` into ``40`` on both sides);
* a question for a quantity (``กี่คน``, ``อายุเท่าไร``) keeps what it counts (``คน``) or
  measures (``อายุ``): a text that states such a number answers it;
* a section number (``มาตรา ๒๕๖``, ``ม.52``, ``section 256``) and a named year
  (``2560``, ``2017``, ``รธน. 60``) are kept apart for the ranking.

The weights below were chosen on the development questions and checked on the
held-out ones (``bench/search_dev.py``); the README's search section has the figures.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from . import conf
from .analysis import (
    BE_OFFSET,
    THAI_CHAR,
    KeptAbbreviation,
    bigrams,
    fold,
    kept_abbreviations,
    normalise,
    number_terms,
    unique,
    words,
    year_variants,
)

# Weights of a query's terms (multiplied by the term's idf in the index).
WORD_WEIGHT = 1.0
BIGRAM_WEIGHT = 0.6
PARTICLE_WEIGHT = 0.1
# An expansion as a whole weighs about one word, however many words it has.
EXPANSION_WEIGHT = 1.0

# Question words asking for a number: "กี่ <unit>" counts the word after it, "<word> เท่าไร"
# measures the word before it.
COUNTING = frozenset({"กี่"})
MEASURING = frozenset({"เท่าไร", "เท่าไหร่"})

# A query of more words than this is a pasted text. Its many words already say what it is
# about: the bigrams that find a word inside a compound weigh less in it.
PASTED_WORDS = 24
PASTED_BIGRAM_WEIGHT = 0.4
# A term said n times in the query weighs n·(k3 + 1) / (n + k3) times its weight (BM25's
# query-term saturation): a pasted text's recurring words count more, never without bound.
QUERY_K3 = 5.0

# Question words and particles of everyday Thai: weighted down, never deleted.
PARTICLES = frozenset(
    """
    ไหม มั้ย มั๊ย หรือไม่ หรือเปล่า เปล่า ไม๊ กี่ เท่าไร เท่าไหร่ อย่างไร ยังไง อะไร ไหน ที่ไหน บ้าง ทำไม
    เมื่อไร เมื่อไหร่ ใคร หรอ เหรอ ล่ะ นะ ครับ ค่ะ คะ จ้ะ จ๊ะ เลย หรือ จะ ถ้า ได้ไหม ยัง อยู่ แล้ว
    ก็ มี ไป มา เป็น ได้ ให้ ที่ ของ และ กับ ใน การ ว่า คือ ต้อง
    """.split()
)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A phrase is typed between straight double quotes. Curly quotes come with pasted text
# (a ruling, a letter) and quote names rather than ask for an exact match.
_PHRASE = re.compile(r'"([^"]+)"')
_SECTION_WORD = r"(?:มาตรา|ม\.|ข้อ|section|sec\.?|s\.|art\.?|article)"
_NUMBER_ONLY = re.compile(rf"^\s*{_SECTION_WORD}?\s*(\d+(?:/\d+)?)\s*$", re.IGNORECASE)
_NUMBER_IN_TEXT = re.compile(rf"(?<![\w.]){_SECTION_WORD}\s*(\d+(?:/\d+)?)(?!\d)", re.IGNORECASE)
# "รธน. 60", "รัฐธรรมนูญ ๒๕๖๐": the constitution of a year, the short form of B.E. 25xx too.
_CONSTITUTION_YEAR = re.compile(r"(?:รธน\.?|รัฐธรรมนูญ)\s*(?:ฉบับ|ปี|พ\.?ศ\.?)?\s*(\d{4}|\d{2})(?!\d)")
_YEAR_WORD = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass
class Concept:
    """One thing the query asks for, and the ways a document can hold it: each way is a
    set of terms that must all be there (a word, or all the bigrams of a word)."""

    word: str
    ways: list[frozenset[str]]
    weight: float = WORD_WEIGHT
    # How the concept reads in a normalised text (for proximity): the word as typed, or an
    # abbreviation's expansion as written.
    texts: tuple[str, ...] = ()


@dataclass
class Query:
    raw: str
    text: str = ""
    truncated: bool = False
    problem: str = ""  # "empty" | "no_words" | "unavailable"
    phrases: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # normalised content words, unfolded, as typed
    number: str = ""  # a section number asked for
    number_only: bool = False  # the query is nothing but a section number
    years: set[int] = field(default_factory=set)  # years A.D. named in the query
    terms: Counter = field(default_factory=Counter)  # term -> weight
    concepts: list[Concept] = field(default_factory=list)
    question: bool = False  # has question words or particles
    counted: list[str] = field(default_factory=list)  # "กี่คน" -> คน
    measured: list[str] = field(default_factory=list)  # "อายุเท่าไร" -> อายุ
    pasted: bool = False  # a pasted text (a ruling request, a letter) rather than typed words

    @property
    def ok(self) -> bool:
        return not self.problem


def is_particle(word: str) -> bool:
    return word in PARTICLES


def _saturated(times: int) -> float:
    return times * (QUERY_K3 + 1) / (times + QUERY_K3)


def _bigram_terms(run_words: list[str]) -> list[str]:
    return bigrams("".join(word for word in run_words if THAI_CHAR.search(word)))


def _named_years(text: str) -> set[int]:
    years: set[int] = set()
    for match in _CONSTITUTION_YEAR.finditer(text):
        value = int(match.group(1))
        if value < 100:
            value += 2500
        years.add(value - BE_OFFSET if value > 2400 else value)
    for match in _YEAR_WORD.finditer(text):
        value = int(match.group(1))
        if 2400 <= value <= 2700:
            years.add(value - BE_OFFSET)
        elif 1850 <= value <= 2160:
            years.add(value)
    return years


@functools.lru_cache(maxsize=4096)
def _key_words(written: str) -> tuple[str, ...]:
    """The folded words of an abbreviation or synonym without dots (a Thai word or words,
    such as ``บ้าน`` or ``หมายศาล``), else nothing: a dotted abbreviation is matched as written."""
    if "." in written or not THAI_CHAR.search(written):
        return ()
    return tuple(fold(word) for word in words(written))


def _holds_sequence(typed: list[str], sequence: tuple[str, ...]) -> bool:
    size = len(sequence)
    return any(tuple(typed[start : start + size]) == sequence for start in range(len(typed) - size + 1))


def _expansions(text: str, typed: list[str]) -> list[tuple[KeptAbbreviation, tuple[str, ...]]]:
    """(the kept abbreviation, its words when it is matched as words of the query) for each
    abbreviation or synonym in the text, and for each written-out name whose abbreviation
    documents may use instead. A synonym made of Thai words (``บ้าน``,
    ``ประกันตัว``) is found among the query's words, inside a run of Thai too."""
    found = []
    for kept in kept_abbreviations():
        sequence = _key_words(kept.written)
        if sequence:
            if _holds_sequence(typed, sequence):
                found.append((kept, sequence))
                continue
        elif kept.pattern.search(text):
            found.append((kept, ()))
            continue
        if kept.full in text and len(kept.full) > len(kept.key):
            found.append((kept, ()))
    return found


def _add_expansion(query: Query, kept: KeptAbbreviation, sequence: tuple[str, ...]) -> None:
    written, key, full = kept.written, kept.key, kept.full
    full_words = [fold(word) for word in words(full)]
    if not full_words:
        return
    share = EXPANSION_WEIGHT / len(full_words)
    for word in full_words:
        query.terms[word] += share
    grams = _bigram_terms(full_words)
    for gram in grams:
        query.terms[gram] += BIGRAM_WEIGHT * share
    query.terms[key] += WORD_WEIGHT
    ways = [frozenset(sequence or {key}), frozenset(full_words)]
    if grams:
        ways.append(frozenset(grams))  # however the segmenter cut the name in a document
    # How documents may write it: in full, or as typed (``ป.ป.ช.``; a one-letter abbreviation
    # such as ``ม.`` would be found inside other words).
    texts = (full, "".join(sequence)) if sequence else (full, written) if len(key) > 1 else (full,)
    query.concepts.append(Concept(word=key, ways=ways, texts=texts))


def _quantities(query: Query, sequence: list[str]) -> None:
    """What a question for a number counts (the word after กี่) or measures (the last word
    before เท่าไร that is not a particle)."""
    for position, word in enumerate(sequence):
        if word in COUNTING and position + 1 < len(sequence) and not is_particle(sequence[position + 1]):
            query.counted.append(sequence[position + 1])
        elif word in MEASURING:
            before = [earlier for earlier in sequence[:position] if not is_particle(earlier)]
            if before:
                query.measured.append(before[-1])


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
    normalised = normalise(text)
    query.phrases = [normalise(" ".join(match.split())) for match in _PHRASE.findall(text)]
    query.phrases = [phrase for phrase in query.phrases if words(phrase)]
    typed = unique(words(text))
    if not typed:
        query.problem = "no_words"
        return query
    query.pasted = len(typed) > PASTED_WORDS
    if query.pasted:
        query.phrases = []  # rank by its words, do not demand its quotes
    only = _NUMBER_ONLY.match(normalised)
    inside = only or _NUMBER_IN_TEXT.search(normalised)
    if inside:
        query.number = inside.group(1)
        query.number_only = bool(only)
    query.years = _named_years(normalised)
    # "รธน. 60": the short year names the constitution; it is not a number the text must hold.
    short_years = [match.group(1) for match in _CONSTITUTION_YEAR.finditer(normalised) if len(match.group(1)) == 2]
    if not query.pasted:
        _quantities(query, words(text))
    expansions = _expansions(normalised, [fold(word) for word in typed])
    # A word that is a whole abbreviation or synonym is weighed as its expansion. The words of
    # a longer synonym (หมาย ศาล, เขียน ไว้) stay terms of the query but are not concepts of
    # their own: the synonym's concept holds them as one of its ways, and a word the law does
    # not use (เขียน) would otherwise be the rarest, heaviest thing asked for.
    expanded_keys = {kept.key for kept, _ in expansions}
    expanded_full = {kept.full for kept, _ in expansions}
    inside_synonym = {word for _, sequence in expansions if len(sequence) > 1 for word in sequence}

    content: list[list[str]] = []
    run: list[str] = []
    said: Counter = Counter()  # how often the query says each term, and its weight
    weight_of: dict[str, float] = {}
    seen: set[str] = set()
    for word in words(text):
        folded = fold(word)
        if folded in expanded_keys or word in expanded_full:
            continue  # weighed as its expansion below
        if folded in short_years:
            short_years.remove(folded)
            continue
        if is_particle(word):
            query.question = True
            said[folded] += 1
            weight_of[folded] = PARTICLE_WEIGHT
            if run:
                content.append(run)
                run = []
            continue
        run.append(folded)
        for term in (folded, *year_variants(word)):
            said[term] += 1
            weight_of[term] = WORD_WEIGHT
        if folded in seen or folded in inside_synonym:
            continue
        seen.add(folded)
        ways = [frozenset({folded, *year_variants(word)})] if year_variants(word) else [frozenset({folded})]
        grams = bigrams(folded)
        if grams:
            ways.append(frozenset(grams))
        query.concepts.append(Concept(word=word, ways=ways, texts=(word, *year_variants(word))))
    if run:
        content.append(run)
    for content_run in content:
        for gram in _bigram_terms(content_run):
            said[gram] += 1
            weight_of[gram] = PASTED_BIGRAM_WEIGHT if query.pasted else BIGRAM_WEIGHT
    for term, times in said.items():
        query.terms[term] += weight_of[term] * _saturated(times)
    for numeric in number_terms(typed):
        query.terms[numeric] += WORD_WEIGHT
    for kept, sequence in expansions:
        _add_expansion(query, kept, sequence)
    for year in query.years:
        for value in (str(year), str(year + BE_OFFSET)):
            query.terms[value] = max(query.terms[value], WORD_WEIGHT)
    query.words = [concept.word for concept in query.concepts] or [word for word in typed]
    if not query.concepts:
        # Only particles ("ไหม"): search for them as they are.
        for word in typed:
            query.concepts.append(Concept(word=word, ways=[frozenset({fold(word)})], texts=(word,)))
            query.terms[fold(word)] = WORD_WEIGHT
    return query
