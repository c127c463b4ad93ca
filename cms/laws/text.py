"""Text work on provisions, without the database: cross-reference links,
glossary links at Thai word boundaries and word-level diffs.

Thai is written without spaces between words, so both the glossary linker and
the diff go through ``search.analysis.segment`` (the one Thai segmenter of the
project; ``"".join(segment(text)) == text``)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape

# Placeholders stored in Provision.html, replaced when a page is rendered, so
# the stored text does not depend on the reader's language prefix (/th/, /en/).
BASE = "%%LAWBASE%%"
GLOSSARY = "%%GLOSSARY%%"

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_NUMBER = rf"[0-9{THAI_DIGITS}]+"

# "มาตรา ๘๘", "ตามมาตรา 83 วรรคหนึ่ง", "มาตรา ๑๔๑/๑", "ข้อ ๕" (regulations).
# A reference followed by "แห่ง…" points into another law, unless it is "แห่งรัฐธรรมนูญนี้".
_FOREIGN = re.compile(r"\s*แห่ง(?!รัฐธรรมนูญนี้|ธรรมนูญนี้|พระราชบัญญัตินี้|ข้อบังคับนี้)")


def segment(text: str) -> list[str]:
    from search.analysis import segment as thai_segment

    return thai_segment(text)


def tokens(text: str) -> list[str]:
    """Words of a text: whitespace runs first (paragraph breaks, spaces), then each
    run between them through the segmenter, which is most reliable on short runs."""
    out: list[str] = []
    for chunk in re.split(r"(\s+)", text):
        if not chunk:
            continue
        out.extend([chunk] if chunk.isspace() else segment(chunk))
    return out


def to_arabic(number: str) -> str:
    return str(number).translate(_TO_ARABIC)


def reference_pattern(word: str) -> re.Pattern:
    return re.compile(rf"{re.escape(word)}\s?(?P<number>{_NUMBER}(?:/{_NUMBER})?)")


@dataclass(frozen=True)
class Term:
    slug: str
    forms: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    html_open: str
    html_close: str = "</a>"


def _reference_spans(text: str, *, word: str, numbers: set[str]) -> list[_Span]:
    spans = []
    for match in reference_pattern(word).finditer(text):
        number = to_arabic(match.group("number"))
        if number not in numbers or _FOREIGN.match(text, match.end()):
            continue
        target = number.replace("/", "-")
        spans.append(_Span(match.start(), match.end(), f'<a class="xref" href="{BASE}{target}/" data-section="{target}">'))
    return spans


def _boundaries(text: str) -> set[int]:
    offsets = {0}
    position = 0
    for token in tokens(text):
        position += len(token)
        offsets.add(position)
    return offsets


def _glossary_spans(text: str, *, terms: Iterable[Term], taken: list[_Span], linked: set[str]) -> list[_Span]:
    """The first occurrence of each term that starts and ends on a word boundary."""
    forms = sorted(((form, term) for term in terms for form in term.forms if form), key=lambda item: -len(item[0]))
    candidates = [(form, term) for form, term in forms if form in text and term.slug not in linked]
    if not candidates:
        return []
    boundaries = _boundaries(text)
    occupied = [(span.start, span.end) for span in taken]
    spans = []
    for form, term in candidates:
        if term.slug in linked:
            continue
        start = text.find(form)
        while start != -1:
            end = start + len(form)
            if start in boundaries and end in boundaries and not any(s < end and start < e for s, e in occupied):
                title = f' title="{escape(term.title)}"' if term.title else ""
                spans.append(_Span(start, end, f'<a class="term" href="{GLOSSARY}{term.slug}/"{title}>'))
                occupied.append((start, end))
                linked.add(term.slug)
                break
            start = text.find(form, start + 1)
    return spans


def render_paragraphs(paragraphs: list[str], *, word: str = "มาตรา", numbers: set[str] = frozenset(),
                      terms: Iterable[Term] = (), self_number: str | None = None) -> str:
    """Paragraphs as HTML <p>s with cross-references and glossary terms linked.

    A reference to the provision itself is not linked; each glossary term is
    linked once per provision, at its first occurrence on word boundaries."""
    terms = list(terms)
    linked: set[str] = set()
    targets = set(numbers) - ({self_number} if self_number else set())
    out = []
    for paragraph in paragraphs or []:
        spans = _reference_spans(paragraph, word=word, numbers=targets)
        spans += _glossary_spans(paragraph, terms=terms, taken=spans, linked=linked)
        spans.sort(key=lambda span: span.start)
        html, position = [], 0
        for span in spans:
            html.append(escape(paragraph[position:span.start]))
            html.append(span.html_open + escape(paragraph[span.start:span.end]) + span.html_close)
            position = span.end
        html.append(escape(paragraph[position:]))
        out.append("<p>" + "".join(html) + "</p>")
    return "".join(out)


def resolve(html: str, *, base: str, glossary: str) -> str:
    return html.replace(BASE, base).replace(GLOSSARY, glossary)


def diff_words(old: str, new: str) -> str:
    """A word-level diff as HTML: <del> for removed words, <ins> for added ones.

    Paragraph breaks (newlines) become <br>."""
    a, b = tokens(old), tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = []

    def text(tokens):
        return escape("".join(tokens)).replace("\n", "<br>")

    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(text(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{text(a[i1:i2])}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{text(b[j1:j2])}</ins>")
    return "".join(out)
