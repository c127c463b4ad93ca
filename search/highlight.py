"""Snippets cut at word boundaries with the matched words in ``<mark>``.

Matching is done on a normalised copy of the text (Thai digits as Arabic,
lower case, no zero-width characters) that keeps a map back to the original
characters, so ``๒๕๖๐`` in the text is marked for the query ``2560`` and the
snippet shows the text as written. Everything else is HTML-escaped.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import segment

_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_INVISIBLE = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def _normalised_with_map(raw: str) -> tuple[str, list[int] | range]:
    """The normalised text, and for each of its characters the offset it came from in ``raw``."""
    if not _INVISIBLE.intersection(raw):
        norm = raw.translate(_TO_ARABIC).lower()
        if len(norm) == len(raw):  # nothing dropped or widened: offsets are the same
            return norm, range(len(raw))
    chars: list[str] = []
    where: list[int] = []
    for position, ch in enumerate(raw):
        if ch in _INVISIBLE:
            continue
        for out in ch.translate(_TO_ARABIC).lower():
            chars.append(out)
            where.append(position)
    return "".join(chars), where


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc")


def find_spans(raw: str, needles) -> list[tuple[int, int, str]]:
    """(start, end, needle) in ``raw`` for every occurrence of every needle, merged."""
    norm, where = _normalised_with_map(raw)
    spans = []
    for needle in needles:
        if not needle:
            continue
        start = norm.find(needle)
        count = 0
        while start != -1 and count < 200:
            end_norm = start + len(needle)
            raw_start = where[start]
            raw_end = where[end_norm - 1] + 1
            while raw_end < len(raw) and _is_mark(raw[raw_end]):
                raw_end += 1  # never split a Thai vowel or tone mark from its consonant
            spans.append((raw_start, raw_end, needle))
            start = norm.find(needle, end_norm)
            count += 1
    spans.sort()
    merged: list[tuple[int, int, str]] = []
    for start, end, needle in spans:
        if merged and start <= merged[-1][1]:
            previous = merged[-1]
            merged[-1] = (previous[0], max(previous[1], end), previous[2])
        else:
            merged.append((start, end, needle))
    return merged


def _render(raw: str, spans, start: int, end: int) -> str:
    out = []
    cursor = start
    for span_start, span_end, _ in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_end <= span_start:
            continue
        out.append(escape(raw[cursor:span_start]))
        out.append("<mark>" + escape(raw[span_start:span_end]) + "</mark>")
        cursor = span_end
    out.append(escape(raw[cursor:end]))
    return "".join(out)


def _boundaries(raw: str, start: int, end: int) -> list[int]:
    """Word boundaries (offsets in raw) around [start, end)."""
    # Start and end at spaces, so the words cut are the ones the whole text would have.
    lo = raw.rfind(" ", 0, max(0, start - 40)) + 1
    hi = raw.find(" ", min(len(raw), end + 40))
    hi = len(raw) if hi == -1 else hi
    offsets = [lo]
    position = lo
    for token in segment(raw[lo:hi]):
        position += len(token)
        offsets.append(position)
    return offsets


def _snap(raw: str, start: int, end: int) -> tuple[int, int]:
    offsets = _boundaries(raw, start, end)
    if start > 0:
        before = [offset for offset in offsets if offset <= start]
        start = before[-1] if before else start
        # skip leading spaces
        while start < len(raw) and raw[start].isspace():
            start += 1
    if end < len(raw):
        after = [offset for offset in offsets if offset >= end]
        end = after[0] if after else end
    return start, end


def snippet(raw: str, needles, length: int = 220) -> SafeString:
    """The part of ``raw`` with the most distinct needles, about ``length`` characters,
    cut at word boundaries, escaped, with matches in ``<mark>``."""
    raw = raw or ""
    raw = re.sub(r"\s+", " ", raw).strip()
    if not raw:
        return mark_safe("")
    spans = find_spans(raw, needles)
    if len(raw) <= length:
        return mark_safe(_render(raw, spans, 0, len(raw)))
    if spans:
        best_start, best_count = spans[0][0], 0
        for index, (start, _, _) in enumerate(spans):
            distinct = {needle for s, _, needle in spans[index:] if s < start + length - 40}
            if len(distinct) > best_count:
                best_start, best_count = start, len(distinct)
        start = max(0, best_start - length // 4)
    else:
        start = 0
    end = min(len(raw), start + length)
    start, end = _snap(raw, start, end)
    html = _render(raw, spans, start, end)
    return mark_safe(("… " if start > 0 else "") + html + (" …" if end < len(raw) else ""))


def highlight(raw: str, needles) -> SafeString:
    """The whole text, escaped, with matches in ``<mark>`` (for titles)."""
    raw = raw or ""
    return mark_safe(_render(raw, find_spans(raw, needles), 0, len(raw)))
