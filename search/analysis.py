"""The one text analyser: normalise → segment → fold.

Every indexed text and every query goes through :func:`analyse`, whatever the
backend. Thai is written without spaces, so a Thai run is cut into dictionary
words by nlpo3 (the Rust port of PyThaiNLP's newmm, with PyThaiNLP's
dictionary: the same words as newmm, about ten times faster here — see the
report of issue 4) and, because the dictionary keeps compounds such as
``ร่างกฎหมาย`` or ``สำนักงานเลขาธิการวุฒิสภา`` whole, into Thai character
bigrams as well, so that a word inside a compound is findable.

:func:`segment` is also a public contract: it keeps every character, so
``"".join(segment(t)) == t`` (spaces and punctuation come back as tokens).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import re
import threading
import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

BE_OFFSET = 543
MAX_TERM_LENGTH = 60  # a longer run (a URL, an unsegmentable string) is cut, not dropped

_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Zero-width and soft characters that editors paste from Word or the web.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
# Thai character-order and look-alike fixes (typed sequences that render the same).
_THAI_FIXES = (
    ("\u0e4d\u0e32", "\u0e33"),  # nikhahit + sara aa  -> sara am
    ("\u0e4d\u0e48\u0e32", "\u0e48\u0e33"),
    ("\u0e32\u0e4d", "\u0e33"),
    ("\u0e40\u0e40", "\u0e41"),  # two sara e -> sara ae
)
_TONE = "\u0e48\u0e49\u0e4a\u0e4b"
_ABOVE_BELOW_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39"
_TONE_BEFORE_VOWEL = re.compile(f"([{_TONE}])([{_ABOVE_BELOW_VOWELS}])")
_REPEATED_MARK = re.compile(f"([{_TONE}\u0e31-\u0e3a\u0e47-\u0e4e])\\1+")

THAI_CHAR = re.compile(r"[\u0e00-\u0e7f]")
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")
_WORDLIKE = re.compile(r"[\w\u0e00-\u0e7f]", re.UNICODE)
# A Latin/number token: letters and digits, with inner dots, slashes or hyphens (17/1, covid-19, 2.5).
_LATIN_TOKEN = re.compile(r"[^\W_]+(?:[./\-][^\W_]+)*", re.UNICODE)
_YEAR = re.compile(r"^\d{4}$")
# A Thai number written in words, as the segmenter cuts it (สี่ / สิบ, ร้อยห้าสิบ).
NUMBER_WORD = re.compile(r"(?:ศูนย์|หนึ่ง|เอ็ด|สอง|ยี่|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า|สิบ|ร้อย|พัน|หมื่น|แสน|ล้าน)+")

_lock = threading.Lock()
_segmenting = contextvars.ContextVar("chandra_search_segmenting", default=True)


@contextlib.contextmanager
def without_segmentation():
    """Analyse as an off-the-shelf engine would: a Thai run is one token, no bigrams.
    Only the benchmark's baseline uses it."""
    token = _segmenting.set(False)
    try:
        yield
    finally:
        _segmenting.reset(token)


def normalise(text: str) -> str:
    """NFC, Thai character-order fixes, no zero-width characters, Arabic digits, lower case."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", str(text)).translate(_INVISIBLE)
    for wrong, right in _THAI_FIXES:
        text = text.replace(wrong, right)
    text = _TONE_BEFORE_VOWEL.sub(r"\2\1", text)
    text = _REPEATED_MARK.sub(r"\1", text)
    return text.translate(_TO_ARABIC).lower()


@functools.cache
def _dictionary_path() -> str:
    from pythainlp.corpus.common import thai_words  # noqa: F401  (ensures the corpus is present)
    import pythainlp

    from pathlib import Path

    return str(Path(pythainlp.__file__).parent / "corpus" / "words_th.txt")


@functools.cache
def _nlpo3():
    """Load nlpo3 and PyThaiNLP's dictionary once per process (lazily: no work at import)."""
    with _lock:
        import nlpo3

        nlpo3.load_dict(_dictionary_path(), "chandra_th")
        return nlpo3


@functools.cache
def dictionary() -> frozenset[str]:
    """The segmenter's word list (used by "did you mean")."""
    with open(_dictionary_path(), encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def segment(text: str) -> list[str]:
    """Thai-aware word segmentation that keeps every character.

    >>> segment("ร่างกฎหมายว่าด้วย วุฒิสภา")
    ['ร่างกฎหมาย', 'ว่าด้วย', ' ', 'วุฒิสภา']
    """
    if not text:
        return []
    if not _segmenting.get():
        return _fallback_segment(text)
    # Not nlpo3's safe mode: on a text of more than a few dozen characters (nearly every
    # section of a law) it returns pieces that no longer spell the text, and the whole Thai
    # run was then indexed as one token. The plain mode is linear (180,000 characters of the
    # constitution without a space in 0.1 s).
    tokens = _nlpo3().segment(text, "chandra_th", safe=False, parallel=False)
    if "".join(tokens) != text:  # never expected; the contract matters more than the split
        return _fallback_segment(text)
    return tokens


def _fallback_segment(text: str) -> list[str]:
    return [match.group(0) for match in re.finditer(r"[\u0e00-\u0e7f]+|\w+|\s+|[^\w\s]", text)]


def is_word(token: str) -> bool:
    """A token that carries meaning (not a space or punctuation)."""
    return bool(_WORDLIKE.search(token))


def words(text: str) -> list[str]:
    """The normalised words of a text, in order, without spaces or punctuation.

    Thai runs are segmented; other runs are split into Latin/number tokens, so
    ``"covid-19"`` and ``"17/1"`` stay whole and ``"พ.ศ."`` becomes ``"พ.ศ"``."""
    out: list[str] = []
    for token in segment(normalise(text)):
        if not is_word(token):
            continue
        if THAI_CHAR.search(token):
            stripped = token.strip(" .,;:!?()[]{}\"'“”‘’")
            if stripped:
                out.append(stripped)
        else:
            out.extend(_LATIN_TOKEN.findall(token))
    return [word for word in out if word]


def bigrams(word: str) -> list[str]:
    """Thai character bigrams of a Thai word ("กฎหมาย" -> กฎ ฎห หม มา าย)."""
    letters = "".join(_THAI_RUN.findall(word))
    if len(letters) < 3:
        return []
    return ["~" + letters[i : i + 2] for i in range(len(letters) - 1)]


def year_variants(token: str) -> list[str]:
    """2560 <-> 2017: a four-digit year in one era also stands for the other."""
    if not _YEAR.match(token):
        return []
    year = int(token)
    if 2400 <= year <= 2700:
        return [str(year - BE_OFFSET)]
    if 1850 <= year <= 2160:
        return [str(year + BE_OFFSET)]
    return []


def number_terms(tokens: list[str]) -> list[str]:
    """Numbers written in Thai words, as Arabic digits: each run of number words
    (``สี่ สิบ`` -> ``40``, ``หนึ่ง ร้อยห้าสิบ`` -> ``150``), so that ``ห้าปี`` and
    ``5 ปี`` share a term. PyThaiNLP reads the words."""
    from pythainlp.util import thaiword_to_num

    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if token and NUMBER_WORD.fullmatch(token):
            run.append(token)
            continue
        if run:
            try:
                out.append(str(thaiword_to_num("".join(run))))
            except ValueError:
                pass
            run = []
    return out


def fold(token: str) -> str:
    """Final folding: dots dropped from abbreviations ("พ.ศ" -> "พศ", "u.s" -> "us")."""
    folded = token.replace(".", "") or token
    return folded[:MAX_TERM_LENGTH]


def analyse(text: str, *, expand: bool = True, with_bigrams: bool = True) -> list[str]:
    """The index terms of a text: normalised, segmented and folded words, Thai
    character bigrams (prefixed with ``~``), the other era of each year, and the
    expansion of each known abbreviation. Used for indexing and for queries."""
    return analyse_with_words(text, expand=expand, with_bigrams=with_bigrams)[0]


def analyse_with_words(text: str, *, expand: bool = True, with_bigrams: bool = True) -> tuple[list[str], list[str]]:
    """(index terms, folded whole words) of a text, in one pass."""
    if not text:
        return [], []
    if expand:
        text = expand_abbreviations(text)
    terms: list[str] = []
    whole: list[str] = []
    for word in words(text):
        folded = fold(word)
        terms.append(folded)
        whole.append(folded)
        terms.extend(year_variants(word))
    terms.extend(number_terms(whole))
    if with_bigrams and _segmenting.get():
        # Bigrams of each whole Thai run, across the segmenter's word boundaries: they find a
        # word inside a compound (กฎหมาย in ร่างกฎหมาย) and reward matching word sequences.
        for run in _THAI_RUN.findall(normalise(text)):
            terms.extend(bigrams(run))
    return terms, whole


def analyse_words(text: str) -> list[str]:
    """Only the folded words (no bigrams): what "contains every word" checks use."""
    return [fold(word) for word in words(text)]


# --- Abbreviations -------------------------------------------------------------------------

_abbreviation_cache: dict[str, object] = {}


def abbreviation_pairs() -> list[tuple[str, str]]:
    """(abbreviation, expansion) pairs from the editor-managed list, cached per process
    and dropped when an abbreviation is saved or deleted."""
    cached = _abbreviation_cache.get("pairs")
    if cached is None:
        try:
            from .models import Abbreviation

            cached = list(Abbreviation.objects.values_list("abbreviation", "expansion"))
        except Exception:  # noqa: BLE001 - no table yet (before migrate): analyse without expansions
            cached = []
        _abbreviation_cache["pairs"] = cached
        _abbreviation_cache.pop("pattern", None)
        _abbreviation_cache.pop("kept", None)
    return cached  # type: ignore[return-value]


def clear_abbreviation_cache() -> None:
    _abbreviation_cache.clear()


class KeptAbbreviation(NamedTuple):
    """One entry of the editors' list, read once per change of the list."""

    written: str  # normalised, as written (ป.ป.ช.)
    key: str  # folded (ปปช)
    full: str  # the normalised expansion
    pattern: re.Pattern  # where the text writes it (see abbreviation_pattern)


def abbreviation_pattern(abbreviation: str, key: str) -> str:
    """Where an abbreviation is written in a text: as written (พ.ร.บ.), or without its last dot
    or any dot (พ.ร.บ, พรบ) when a word boundary follows, so that "สว" never matches inside
    "สวน". Glued to the word before it only after a consonant's end (แก้รธน.); a one-letter
    abbreviation (ม.) never, or every word ending in ม (ตาม, ประชุม) would be one."""
    written = normalise(abbreviation).strip()
    end = r"(?![\u0e01-\u0e4ea-z0-9])"
    before = r"(?<![\u0e01-\u0e4ea-z0-9])" if len(key) == 1 else r"(?<![\u0e01-\u0e2ea-z0-9])"
    return f"{before}(?:{re.escape(written)}|{re.escape(written.rstrip('.'))}{end}|{re.escape(key)}{end})"


def kept_abbreviations() -> list[KeptAbbreviation]:
    """The editors' abbreviations and synonyms, normalised, cached like the pairs they come from."""
    cached = _abbreviation_cache.get("kept")
    if cached is None:
        cached = []
        for abbreviation, expansion in abbreviation_pairs():
            written = normalise(abbreviation).strip()
            key = fold(written)
            full = normalise(expansion).strip()
            if key and full:
                cached.append(KeptAbbreviation(written, key, full, re.compile(abbreviation_pattern(abbreviation, key))))
        _abbreviation_cache["kept"] = cached
    return cached  # type: ignore[return-value]


def _abbreviation_pattern():
    pattern = _abbreviation_cache.get("pattern")
    if pattern is None:
        kept = sorted(kept_abbreviations(), key=lambda entry: len(entry.written), reverse=True)
        table = {entry.key: entry.full for entry in kept}
        if kept:
            pattern = (re.compile("(" + "|".join(entry.pattern.pattern for entry in kept) + ")"), table)
        else:
            pattern = (None, table)
        _abbreviation_cache["pattern"] = pattern
    return pattern


def expand_abbreviations(text: str, *, keep_abbreviation: bool = True) -> str:
    """Append the expansion after each known abbreviation ("รธน." -> "รธน. รัฐธรรมนูญ"),
    or put it in the abbreviation's place with ``keep_abbreviation=False``."""
    regex, table = _abbreviation_pattern()
    if regex is None or not text:
        return text
    normalised = normalise(text)

    def replace(match):
        key = fold(re.sub(r"\s", "", match.group(1)))
        expansion = table.get(key)
        if not expansion:
            return match.group(0)
        return f"{match.group(0)} {expansion} " if keep_abbreviation else f" {expansion} "

    return regex.sub(replace, normalised)


def unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return list(seen)
