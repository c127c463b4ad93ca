"""Cleaning the text that PDF and Word files give back, the way Thai needs.

PDF fonts describe glyphs, not text, so Thai comes out of many PDFs damaged:
tone marks and upper vowels in the Private Use Area (the "shifted" glyphs of
legacy Thai fonts), marks before their vowel, a space between a consonant and
its vowel, letter-spaced headings (ก า ร ป ร ะ ชุ ม), and words cut at the
end of each line. :func:`clean` repairs those; the character order within
Thai runs goes through the search analyser's own :func:`search.analysis.normalise`
(digits and letter case are left as written, the search folds them itself:
``๔๐`` still finds ``40``).
"""

from __future__ import annotations

import re
import unicodedata

from search.analysis import dictionary, normalise, segment

# Legacy Thai PDF fonts (Microsoft/Adobe convention) map the shifted glyph variants to U+F700–U+F71A.
_PUA = {
    0xF700: "ฐ", 0xF701: "\u0e34", 0xF702: "\u0e35", 0xF703: "\u0e36", 0xF704: "\u0e37",
    0xF705: "\u0e48", 0xF706: "\u0e49", 0xF707: "\u0e4a", 0xF708: "\u0e4b", 0xF709: "\u0e4c",
    0xF70A: "\u0e48", 0xF70B: "\u0e49", 0xF70C: "\u0e4a", 0xF70D: "\u0e4b", 0xF70E: "\u0e4c",
    0xF70F: "ญ", 0xF710: "\u0e31", 0xF711: "\u0e4d", 0xF712: "\u0e47", 0xF713: "\u0e48",
    0xF714: "\u0e49", 0xF715: "\u0e4a", 0xF716: "\u0e4b", 0xF717: "\u0e4c", 0xF718: "\u0e38",
    0xF719: "\u0e39", 0xF71A: "\u0e3a",
}
_MARKS = "\u0e31\u0e33-\u0e3a\u0e47-\u0e4e"
_CONSONANT = "\u0e01-\u0e2e"
_LEADING_VOWEL = "\u0e40-\u0e44"
_THAI_LETTERS = re.compile("[\u0e01-\u0e4e]+")
_SPACE_BEFORE_MARK = re.compile(f"[ \t\u00a0]+(?=[{_MARKS}])")
_SPACE_AFTER_LEADING_VOWEL = re.compile(f"(?<=[{_LEADING_VOWEL}])[ \t\u00a0]+(?=[{_CONSONANT}])")
# Three or more single Thai letters (with their marks) separated by single spaces: a letter-spaced word.
_CLUSTER = f"[{_LEADING_VOWEL}]?[{_CONSONANT}\u0e2f-\u0e30\u0e32][{_MARKS}]*"
_LETTER_SPACED = re.compile(f"(?<![\u0e01-\u0e4e])(?:{_CLUSTER} ){{2,}}{_CLUSTER}(?![\u0e01-\u0e4e])")
_HYPHENATED = re.compile(r"(?<=[A-Za-z])-\n(?=[a-z])")
_THAI_LINE_BREAK = re.compile(r"(?<=[\u0e01-\u0e4e])[ \t]*\n[ \t]*(?=[\u0e01-\u0e4e])")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00"), None)


_THAI_WORDS_WITH_SPACES = re.compile("[\u0e01-\u0e4e]+(?: [\u0e01-\u0e4e]+)+")
_MAX_PIECES = 4


def _rejoin(match: re.Match) -> str:
    """Join the pieces of words that a PDF font broke with spaces. First short runs of
    pieces (เป็ นการป ระ ชุม), when a piece is not a word and the joined text falls into
    fewer dictionary words than there were pieces; then single breaks after a longer run
    (อย่างสม่ำ เสมอ), when a word next to the break is not a word on its own and the two
    make one. Two real words, or a name and a word, stay apart."""
    words = dictionary()
    pieces = match.group().split(" ")
    out: list[str] = []
    index = 0
    while index < len(pieces):
        joined_at = 0
        for count in range(min(_MAX_PIECES, len(pieces) - index), 1, -1):
            group = pieces[index:index + count]
            if any(piece not in words for piece in group) and _fewer_words("".join(group), count, words):
                joined_at = count
                break
        if joined_at:
            out.append("".join(pieces[index:index + joined_at]))
            index += joined_at
        else:
            out.append(pieces[index])
            index += 1
    joined = [out[0]]
    for piece in out[1:]:
        if _broken_at(segment(joined[-1])[-1], piece, words):
            joined[-1] += piece
        else:
            joined.append(piece)
    return " ".join(joined)


def _broken_at(left: str, right: str, words) -> bool:
    """Whether the space between ``left`` (a word) and ``right`` cuts a dictionary word in two:
    one side does not fall into dictionary words on its own, and segmenting them together gives a
    word across the cut."""
    if left in words and all(token in words for token in segment(right) if token.strip()):
        return False
    position = 0
    for token in segment(left + right):
        if position < len(left) < position + len(token):
            return token in words
        position += len(token)
    return False


def _fewer_words(joined: str, pieces: int, words) -> bool:
    tokens = segment(joined)
    return len(tokens) < pieces and all(token in words for token in tokens)


# A cluster drawn twice to position its marks comes out twice: ช่วช่ ย, บัญญัติญั ติ, ใช้จ่จ่าย.
_C, _M = "[\u0e01-\u0e2e]", "[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]"
_REPEATED_PAIR = re.compile(f"({_C}{_M}+)({_C}{_M}*) ?\\1 ?\\2")
_REPEATED_CLUSTER = re.compile(f"({_C}{_M}+)({_C}?) ?\\1 ?")


def _order(match: re.Match) -> str:
    return normalise(match.group())


def clean(text: str) -> str:
    """One page of extracted text, repaired. Paragraphs (blank lines) are kept; the
    lines within a paragraph are joined, without a space between Thai letters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.translate(_PUA).translate(_INVISIBLE)
    text = _SPACE_BEFORE_MARK.sub("", text)
    text = _SPACE_AFTER_LEADING_VOWEL.sub("", text)
    text = _LETTER_SPACED.sub(lambda match: match.group().replace(" ", ""), text)
    text = _THAI_LETTERS.sub(_order, text)
    paragraphs = []
    for paragraph in re.split(r"\n[ \t]*\n", text):
        paragraph = _HYPHENATED.sub("", paragraph)
        paragraph = _THAI_LINE_BREAK.sub("", paragraph)
        paragraph = _LINE_BREAK.sub(" ", paragraph)
        paragraph = _SPACES.sub(" ", paragraph).strip()
        paragraph = _REPEATED_PAIR.sub(r"\1\2", paragraph)
        paragraph = _REPEATED_CLUSTER.sub(r"\1\2", paragraph)
        paragraph = _THAI_WORDS_WITH_SPACES.sub(_rejoin, paragraph)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def has_text(text: str, *, minimum: int = 20) -> bool:
    """Whether a page has a usable text layer (a scanned page has none, or a few stray marks)."""
    return sum(1 for ch in text if ch.isalnum()) >= minimum
