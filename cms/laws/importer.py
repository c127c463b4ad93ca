"""Reading the shared JSON Lines format (see ../shared/data/README.md) and checking it.

A file is refused whole when a provision number is missing (a gap in 1..N, or a
record without a number) or appears twice; ``ImportRefused`` carries a report
readable by a person."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .models import number_sort_key
from .text import to_arabic

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
_THAI_DATE = re.compile(r"(\d{1,2})\s+(" + "|".join(THAI_MONTHS) + r")\s+(?:พ\.ศ\.\s*|พุทธศักราช\s*)?(\d{4})")


class ImportRefused(Exception):
    """The file was not imported; ``problems`` says why, one line each."""

    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"Refused {self.source}: nothing was imported ({len(self.problems)} problem(s))."]
        lines += [f"  - {problem}" for problem in self.problems]
        return "\n".join(lines)


def parse_thai_date(text: str | None) -> dt.date | None:
    """'๑๒ กันยายน พ.ศ. ๒๕๖๑' -> date(2018, 9, 12)."""
    if not text:
        return None
    match = _THAI_DATE.search(to_arabic(text))
    if not match:
        return None
    day, month, year = int(match.group(1)), THAI_MONTHS.index(match.group(2)) + 1, int(match.group(3)) - 543
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_iso(value) -> dt.date | None:
    if isinstance(value, dict):
        value = value.get("iso")
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass
class SectionRecord:
    line: int
    number: str
    paragraphs: list[str]
    chapter: tuple[str, str] | None = None
    part: tuple[str, str] | None = None
    subpart: tuple[str, str] | None = None
    transitory: bool = False
    footnotes: list[str] = field(default_factory=list)
    original_paragraphs: list[str] | None = None
    amended_by: str | None = None


def open_text(path: Path):
    """A UTF-8 text file, gzip-compressed when its name ends in .gz."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_jsonl(path: Path) -> list[tuple[int, dict]]:
    records = []
    with open_text(path) as handle:
        for line_no, line in enumerate(handle, start=1):
            line = line.strip()
            if not line:
                continue
            try:
                records.append((line_no, json.loads(line)))
            except json.JSONDecodeError as error:
                raise ImportRefused(str(path), [f"line {line_no}: not valid JSON ({error.msg})"]) from None
    return records


def _heading(label, title):
    label, title = (label or "").strip(), (title or "").strip()
    if not label and not title:
        return None
    if label == title:
        title = ""
    return label, title


def parse_sections(records: list[tuple[int, dict]], *, source: str) -> list[SectionRecord]:
    """Check and convert the records of one instrument. Raises ImportRefused."""
    problems = []
    sections = []
    law_ids = {record.get("law_id") for _line, record in records}
    if len(law_ids) > 1:
        problems.append(f"the file mixes several instruments: {', '.join(sorted(map(str, law_ids)))}")
    for line, record in records:
        number = to_arabic(str(record.get("section") or "")).strip()
        paragraphs = record.get("paragraphs") or ([record["text"]] if record.get("text") else [])
        if not number:
            problems.append(f"line {line}: the provision has no number")
            continue
        if not re.fullmatch(r"\d+(/\d+)?", number):
            problems.append(f"line {line}: '{number}' is not a provision number (expected 12 or 12/1)")
            continue
        if not paragraphs:
            problems.append(f"line {line}: provision {number} has no text")
        sections.append(SectionRecord(
            line=line, number=number, paragraphs=[p for p in paragraphs],
            chapter=_heading(record.get("chapter_label"), record.get("chapter_title")),
            part=_heading(record.get("part_label"), record.get("part_title")),
            subpart=_heading(str(record["subpart_no"]) + "." if record.get("subpart_no") else "", record.get("subpart_title")),
            transitory=bool(record.get("transitory")),
            footnotes=list(record.get("footnotes") or []),
            original_paragraphs=record.get("original_paragraphs"),
            amended_by=record.get("amended_by"),
        ))
    counts = Counter(section.number for section in sections)
    for number, count in sorted(counts.items(), key=lambda item: number_sort_key(item[0])):
        if count > 1:
            lines = ", ".join(str(s.line) for s in sections if s.number == number)
            problems.append(f"provision {number} appears {count} times (lines {lines})")
    mains = {number_sort_key(number)[0] for number in counts}
    if mains:
        missing = sorted(set(range(1, max(mains) + 1)) - mains)
        if missing:
            problems.append("missing provision number(s): " + ", ".join(map(str, missing)))
    if not sections and not problems:
        problems.append("the file holds no provisions")
    if problems:
        raise ImportRefused(source, problems)
    return sections


def read_sections(path: Path) -> tuple[str | None, list[SectionRecord]]:
    records = read_jsonl(path)
    law_id = records[0][1].get("law_id") if records else None
    return law_id, parse_sections(records, source=str(path))
