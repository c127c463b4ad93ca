"""Writes of the laws app: importing instruments, amendments, the glossary and
topics, and keeping the rendered text of provisions current."""

from __future__ import annotations

import contextlib
import threading
import datetime as dt
import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import transaction

from . import text as lawtext
from .importer import ImportRefused, SectionRecord, open_text, parse_iso, parse_thai_date, read_jsonl, read_sections
from .models import (
    Amendment, Division, DivisionKind, EndKind, GlossaryTerm, Instrument, InstrumentKind, Provision,
    ProvisionVersion, SectionMapping, Topic,
)

logger = logging.getLogger(__name__)

PROJECT_DATA_DIR = Path(__file__).resolve().parent / "data"
# The public-domain legal texts (Copyright Act B.E. 2537 s.7), shipped gzip-compressed;
# see legal/NOTICE.md for their sources.
LEGAL_TEXTS_DIR = PROJECT_DATA_DIR / "legal"


class MissingDataFile(FileNotFoundError):
    """A legal text the project ships is not where it belongs: nothing is skipped silently."""


def legal_text_path(name: str) -> Path:
    """The shipped file of one legal text, e.g. ``constitution_2560_sections.jsonl``."""
    path = LEGAL_TEXTS_DIR / f"{name}.gz"
    if not path.is_file():
        raise MissingDataFile(f"Legal text {name} is missing: expected {path} (see {LEGAL_TEXTS_DIR / 'NOTICE.md'}).")
    return path


def read_legal_json(name: str):
    with open_text(legal_text_path(name)) as handle:
        return json.load(handle)


# --- Rendering ---------------------------------------------------------------------------------


def glossary_terms() -> list[lawtext.Term]:
    return [
        lawtext.Term(slug=term.slug, forms=tuple(term.forms))
        for term in GlossaryTerm.objects.only("slug", "term_th", "aliases_th")
    ]


def provision_render(*, provision: Provision, numbers: set[str] | None = None, terms: Iterable[lawtext.Term] | None = None) -> str:
    """The HTML of a provision's current text, with cross-references and glossary terms linked."""
    instrument = provision.instrument
    if numbers is None:
        numbers = set(Provision.objects.filter(instrument=instrument).values_list("number", flat=True)) | {provision.number}
    if terms is None:
        terms = glossary_terms()
    return lawtext.render_paragraphs(
        provision.paragraphs, word=instrument.provision_word, numbers=numbers, terms=terms, self_number=provision.number,
    )


def instrument_rerender(*, instrument: Instrument, terms: list[lawtext.Term] | None = None) -> int:
    """Render every provision of an instrument again (after the glossary or the numbering changed)."""
    terms = glossary_terms() if terms is None else terms
    provisions = list(Provision.objects.filter(instrument=instrument).select_related("instrument"))
    numbers = {p.number for p in provisions}
    for provision in provisions:
        provision.html = provision_render(provision=provision, numbers=numbers, terms=terms)
    Provision.objects.bulk_update(provisions, ["html"], batch_size=500)
    return len(provisions)


def all_rerender() -> int:
    terms = glossary_terms()
    return sum(instrument_rerender(instrument=instrument, terms=terms) for instrument in Instrument.objects.all())


def glossary_changed(sender, instance=None, raw=False, **kwargs) -> None:
    """A glossary term was saved or deleted in the admin: link terms again, in the background."""
    if raw or getattr(_glossary_state, "bulk", False):
        return
    from .tasks import laws_rerender_all

    transaction.on_commit(lambda: laws_rerender_all.enqueue())


class _GlossaryState(threading.local):
    bulk = False


_glossary_state = _GlossaryState()


# --- Search -------------------------------------------------------------------------------------


@contextlib.contextmanager
def _search_paused():
    from search.signals import paused

    with paused():
        yield


def instrument_index(*, instrument: Instrument) -> None:
    """Put an instrument and its provisions in the Thai search index (bulk imports skip signals)."""
    from search.indexing import index_objects

    try:
        index_objects([instrument, *instrument.provisions.select_related("instrument", "division__parent")])
    except Exception:  # noqa: BLE001 — search trouble must not undo an import
        logger.exception("laws: could not index %s", instrument.slug)


# --- Instruments --------------------------------------------------------------------------------


def _divisions(instrument: Instrument, sections: list[SectionRecord]) -> dict[int, Division]:
    """Create the chapter/part/sub-part tree met in the sections; return section index -> division."""
    created: dict[tuple, Division] = {}
    by_section: dict[int, Division] = {}
    order = 0

    def get(key, kind, heading, parent, transitory):
        nonlocal order
        if key not in created:
            order += 1
            created[key] = Division(
                instrument=instrument, parent=parent, kind=kind, label=heading[0], title=heading[1],
                order=order, transitory=transitory,
            )
            created[key].save()
        return created[key]

    for index, section in enumerate(sections):
        chapter = section.chapter
        if chapter is None and section.transitory:
            chapter = ("บทเฉพาะกาล", "")
        division = None
        if chapter:
            division = get(("c", chapter), DivisionKind.CHAPTER, chapter, None, section.transitory and "เฉพาะกาล" in "".join(chapter))
        if section.part:
            division = get(("p", chapter, section.part), DivisionKind.PART, section.part, division, False)
        if section.subpart:
            division = get(("s", chapter, section.part, section.subpart), DivisionKind.SUBPART, section.subpart, division, False)
        if division is not None:
            by_section[index] = division
    return by_section


@transaction.atomic
def instrument_import(*, slug: str, kind: str, title: str, sections: list[SectionRecord], replace: bool = False,
                      terms: list[lawtext.Term] | None = None, index: bool = True, **fields) -> tuple[Instrument, bool]:
    """Create an instrument with its structure and provisions in a few bulk queries.

    An existing instrument is left alone (returns created=False) unless
    ``replace``: then its structure and provisions are replaced."""
    instrument = Instrument.objects.filter(slug=slug).first()
    if instrument is not None and not replace:
        return instrument, False
    with _search_paused():
        if instrument is None:
            instrument = Instrument.objects.create(slug=slug, kind=kind, title=title, **fields)
        else:
            for name, value in {"kind": kind, "title": title, **fields}.items():
                setattr(instrument, name, value)
            instrument.save()
            instrument.provisions.all().delete()
            instrument.divisions.all().delete()
        divisions = _divisions(instrument, sections)
        terms = glossary_terms() if terms is None else terms
        numbers = {section.number for section in sections}
        provisions = []
        for position, section in enumerate(sections, start=1):
            provision = Provision(
                instrument=instrument, division=divisions.get(position - 1), number=section.number, order=position,
                transitory=section.transitory, paragraphs=section.paragraphs, footnotes=section.footnotes,
            )
            provision.html = provision_render(provision=provision, numbers=numbers, terms=terms)
            provisions.append(provision)
        Provision.objects.bulk_create(provisions, batch_size=500)
    if index:
        transaction.on_commit(lambda: instrument_index(instrument=instrument))
    return instrument, True


def instrument_import_file(*, path: Path, replace: bool = False, **fields) -> tuple[Instrument, bool]:
    """Import one JSON Lines file of sections; the metadata comes from ``fields``
    (and, for a constitution, from thai_constitutions.jsonl when it lists the file)."""
    law_id, sections = read_sections(Path(path))
    catalogue = {entry["text_file"]: entry for entry in constitution_catalogue()}
    meta = _constitution_fields(catalogue[Path(path).name.removesuffix(".gz")]) if Path(path).name.removesuffix(".gz") in catalogue else {}
    meta.update({key: value for key, value in fields.items() if value not in (None, "")})
    slug = meta.pop("slug", None) or law_id
    if not slug:
        raise ImportRefused(str(path), ["no law_id in the file and no --slug given"])
    meta.setdefault("kind", InstrumentKind.ACT)
    meta.setdefault("title", slug)
    return instrument_import(slug=slug, sections=sections, replace=replace, **meta)


@transaction.atomic
def amendment_apply(*, instrument: Instrument, title: str, in_force: dt.date, changes: dict[str, tuple[list[str], list[str]]],
                    signed: dt.date | None = None, gazette: str = "", note: str = "") -> Amendment:
    """Record an amendment: for each changed provision number, (wording before, wording after).
    The provision's current text becomes the new wording; both wordings are kept
    as versions with their dates. Running it again changes nothing."""
    amendment, _created = Amendment.objects.get_or_create(
        instrument=instrument, title=title,
        defaults={"in_force": in_force, "signed": signed, "gazette": gazette, "note": note},
    )
    provisions = {p.number: p for p in instrument.provisions.filter(number__in=list(changes))}
    missing = sorted(set(changes) - set(provisions))
    if missing:
        raise ImportRefused(title, [f"{instrument.slug} has no provision {number}" for number in missing])
    for number, (before, after) in changes.items():
        provision = provisions[number]
        if provision.versions.filter(amendment=amendment).exists():
            continue
        previous = provision.versions.order_by("-valid_from").first()
        if previous is None:
            ProvisionVersion.objects.create(provision=provision, amendment=None, paragraphs=before,
                                            valid_from=instrument.promulgated, valid_to=in_force)
        else:
            previous.valid_to = in_force
            previous.save(update_fields=["valid_to"])
        ProvisionVersion.objects.create(provision=provision, amendment=amendment, paragraphs=after, valid_from=in_force)
        provision.paragraphs = after
        provision.save()
    return amendment


# --- Shared data: the twenty constitutions, the 2564 amendment, the acts --------------------------------


def constitution_catalogue() -> list[dict]:
    return [record for _line, record in read_jsonl(legal_text_path("thai_constitutions.jsonl"))]


def _end_kind(reason: str) -> str:
    """thai_constitutions.jsonl words the end as 'replaced by no.N', 'coup d'etat (…)' or 'in force …'."""
    reason = reason.lower()
    if reason.startswith("replaced"):
        return EndKind.REPLACED
    if reason.startswith("coup"):
        return EndKind.COUP
    return EndKind.NONE


# A provenance remark in English at the end of a Gazette reference:
# ".../หน้า ๓๑๘/(date as transcribed by RzSyn: ๒๐ พฤษภาคม ๒๔๘๙)".
_GAZETTE_REMARK = re.compile(r"/?\s*\(([^)]*[A-Za-z][^)]*)\)\s*$")


def split_gazette(reference: str) -> tuple[str, str]:
    """The Gazette reference as readers see it (keeping the date the remark gives,
    in the reference's own form ".../หน้า ๓๑๘/๒๐ พฤษภาคม ๒๔๘๙"), and the English remark."""
    match = _GAZETTE_REMARK.search(reference)
    if match is None:
        return reference, ""
    kept = reference[: match.start()].rstrip(" /")
    date = match.group(1).rpartition(":")[2].strip()
    if date and not re.search(r"[A-Za-z]", date):
        kept = f"{kept}/{date}"
    return kept, match.group(1)


def _constitution_fields(entry: dict) -> dict:
    """The catalogue's facts; its end dates and reasons were checked (shared/data README, 2026-11-29)."""
    promulgated = parse_iso(entry.get("promulgated"))
    kind = InstrumentKind.INTERIM if entry.get("kind") == "interim" else InstrumentKind.CONSTITUTION
    be = promulgated.year + 543 if promulgated else ""
    if kind == InstrumentKind.INTERIM:
        english = f"Interim Constitution (Charter) of B.E. {be} ({promulgated.year})" if promulgated else ""
    else:
        english = f"Constitution of B.E. {be} ({promulgated.year})" if promulgated else ""
    end_reason = entry.get("end_reason") or ""
    # The catalogue's provenance remarks are in English and meant for editors, so they go
    # with the source, not into the note shown to readers.
    gazette, remark = split_gazette(entry.get("gazette") or "")
    source = "; ".join(filter(None, [entry.get("date_source"), entry.get("note"), remark]))
    return {
        "kind": kind, "title": entry["title_th"], "english_title": english, "sequence": entry.get("no"),
        "promulgated": promulgated, "ended": parse_iso(entry.get("ended")), "end_kind": _end_kind(end_reason),
        "end_reason": end_reason, "dates_verified": True, "gazette": gazette, "source": source[:500],
    }


def load_constitutions(*, stdout=None, replace: bool = False, index: bool = True, only: set[str] | None = None) -> list[Instrument]:
    """All twenty charters and constitutions listed in thai_constitutions.jsonl (or the
    files named in ``only``), then the 2564 amendment."""
    terms = glossary_terms()
    instruments = []
    for entry in constitution_catalogue():
        if only is not None and entry["text_file"] not in only:
            continue
        path = legal_text_path(entry["text_file"])
        law_id, sections = read_sections(path)
        fields = _constitution_fields(entry)
        if law_id == "constitution-2560":
            meta = read_legal_json("constitution_2560_meta.json")
            fields["english_title"] = meta.get("title_en") or fields["english_title"]
            fields["preamble"] = "\n".join(meta.get("preamble") or [])
            # The file holds the text as amended in 2564; it is imported as promulgated,
            # and the amendment is applied below so that both wordings keep their dates.
            for section in sections:
                if section.original_paragraphs:
                    section.paragraphs = section.original_paragraphs
        instrument, created = instrument_import(slug=law_id, sections=sections, replace=replace, terms=terms, index=index, **fields)
        instruments.append(instrument)
        if stdout is not None and created:
            stdout.write(f"  {instrument.slug}: {len(sections)} provisions")
        if law_id == "constitution-2560":
            with _search_paused():
                _apply_2564(instrument, meta, sections=read_sections(path)[1])
    return instruments


def _apply_2564(instrument: Instrument, meta: dict, *, sections: list[SectionRecord]) -> None:
    for entry in meta.get("amendments") or []:
        published = parse_thai_date((entry.get("gazette") or "").rsplit("/", 1)[-1])
        in_force = published + dt.timedelta(days=1) if published and "ถัดจาก" in (entry.get("in_force") or "") else published
        amended = set(entry.get("amends_sections") or [])
        changes = {s.number: (s.original_paragraphs, s.paragraphs) for s in sections if s.number in amended and s.original_paragraphs}
        amendment_apply(
            instrument=instrument, title=entry["title"], in_force=in_force or parse_iso(entry.get("signed")),
            signed=parse_iso(entry.get("signed")), gazette=entry.get("gazette") or "",
            note=entry.get("transitional_section_6") or "", changes=changes,
        )


def load_acts(*, stdout=None, replace: bool = False, index: bool = True) -> list[Instrument]:
    meta_path, sections_path = legal_text_path("acts_meta.jsonl"), legal_text_path("acts_sections.jsonl")
    from .importer import parse_sections

    records: dict[str, list] = {}
    for line, record in read_jsonl(sections_path):
        records.setdefault(record.get("law_id"), []).append((line, record))
    terms = glossary_terms()
    instruments = []
    for _line, meta in read_jsonl(meta_path):
        sections = parse_sections(records.get(meta["law_id"], []), source=f"{sections_path} ({meta['law_id']})")
        note = meta.get("version_note") or ""
        instrument, created = instrument_import(
            slug=meta["law_id"], kind=InstrumentKind.ACT, title=meta.get("title_from_text") or meta["title"],
            promulgated=parse_thai_date(meta.get("signed")), dates_verified=True, note=note,
            preamble="\n".join(meta.get("enacting_clause") or []), source=meta.get("source") or "",
            sections=sections, replace=replace, terms=terms, index=index,
        )
        instruments.append(instrument)
        if stdout is not None and created:
            stdout.write(f"  {instrument.slug}: {len(sections)} provisions")
    return instruments


# --- Project data: glossary, topics, the regulations excerpt ------------------------------------------


def _load_json(name: str):
    path = PROJECT_DATA_DIR / name
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def _provision_lookup(refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Provision]:
    refs = list(refs)
    slugs = {slug for slug, _number in refs}
    return {
        (p.instrument.slug, p.number): p
        for p in Provision.objects.filter(instrument__slug__in=slugs).select_related("instrument")
    }


def glossary_import(*, entries: list[dict], index: bool = True) -> int:
    """Create or update glossary terms (by slug) with their related provisions;
    the search index is updated once, after the commit."""
    _glossary_state.bulk = True
    try:
        with transaction.atomic(), _search_paused():
            terms = _glossary_import(entries)
    finally:
        _glossary_state.bulk = False
    if index:
        transaction.on_commit(lambda: _index_objects(terms))
    return len(terms)


def _index_objects(objects) -> None:
    from search.indexing import index_objects

    objects = list(objects)
    try:
        index_objects(objects)
    except Exception:  # noqa: BLE001
        logger.exception("laws: could not index %d objects", len(objects))


def _glossary_import(entries: list[dict]) -> list[GlossaryTerm]:
    lookup = _provision_lookup((ref["law_id"], str(ref["section"])) for entry in entries for ref in entry.get("related") or [])
    terms = []
    for entry in entries:
        term, _created = GlossaryTerm.objects.update_or_create(slug=entry["slug"], defaults={
            "term_th": entry["term_th"], "term_en": entry.get("term_en") or "",
            "aliases_th": entry.get("aliases_th") or [], "definition_th": entry.get("definition_th") or "",
            "definition_en": entry.get("definition_en") or "",
        })
        related = [lookup[key] for ref in entry.get("related") or [] if (key := (ref["law_id"], str(ref["section"]))) in lookup]
        term.related.set(related)
        terms.append(term)
    return terms


@transaction.atomic
def topics_import(*, entries: list[dict]) -> int:
    refs = []
    for entry in entries:
        for slug, numbers in (entry.get("provisions") or {}).items():
            refs += [(slug, str(n)) for n in numbers]
        for mapping in entry.get("mappings") or []:
            refs += [(slug, str(n)) for slug, n in (mapping.get("sections") or {}).items()]
    lookup = _provision_lookup(refs)
    for order, entry in enumerate(entries, start=1):
        topic, _created = Topic.objects.update_or_create(slug=entry["slug"], defaults={
            "name_th": entry["name_th"], "name_en": entry.get("name_en") or entry["name_th"],
            "description_th": entry.get("description_th") or "", "description_en": entry.get("description_en") or "",
            "order": order,
        })
        tagged = [lookup[(slug, str(n))] for slug, numbers in (entry.get("provisions") or {}).items() for n in numbers if (slug, str(n)) in lookup]
        topic.provisions.set(tagged)
        for mapping_order, mapping in enumerate(entry.get("mappings") or [], start=1):
            row, _created = SectionMapping.objects.update_or_create(
                topic=topic, label_th=mapping["label_th"],
                defaults={"label_en": mapping.get("label_en") or mapping["label_th"], "order": mapping_order},
            )
            row.provisions.set([lookup[(slug, str(n))] for slug, n in (mapping.get("sections") or {}).items() if (slug, str(n)) in lookup])
    return len(entries)


def load_regulations(*, stdout=None, replace: bool = False, index: bool = True) -> list[Instrument]:
    """The clearly labelled excerpt of the meeting regulations in cms/laws/data/regulations.json:
    {"instruments": [{"law_id", "kind", "chamber", "title_th", "title_en", "excerpt_notice_th",
    "excerpt_notice_en", "sections": [records in the shared section format]}]}."""
    data = _load_json("regulations.json")
    if not data:
        return []
    from .importer import parse_sections

    entries = data["instruments"] if isinstance(data, dict) else data
    terms = glossary_terms()
    instruments = []
    for entry in entries:
        law_id = entry["law_id"]
        rows = [(line, {**record, "law_id": law_id}) for line, record in enumerate(entry.get("sections") or [], start=1)]
        sections = parse_sections(rows, source=f"regulations.json ({law_id})")
        # The text exists in Thai only; so does its notice (English pages mark it lang="th").
        note = entry.get("excerpt_notice_th") or ""
        instrument, created = instrument_import(
            slug=law_id, kind=InstrumentKind.REGULATION, title=entry.get("title_th") or law_id,
            chamber=entry.get("chamber") or "", english_title=entry.get("title_en") or "", provision_word="ข้อ",
            promulgated=parse_iso(entry.get("promulgated")), dates_verified=True, note=note,
            source="cms/laws/data/regulations.json", sections=sections, replace=replace, terms=terms, index=index,
        )
        instruments.append(instrument)
        if stdout is not None and created:
            stdout.write(f"  {instrument.slug}: {len(sections)} clauses (excerpt)")
    return instruments


def load_all(*, stdout=None, replace: bool = False, index: bool = True) -> None:
    """Everything the demo shows: glossary headwords first (so that provision text links them),
    the twenty constitutions with the 2564 amendment, the acts, the regulations, topics,
    then the glossary's related provisions."""
    with _search_paused():
        _load_all(stdout=stdout, replace=replace, index=index)


def _load_all(*, stdout, replace, index):
    glossary = _load_json("glossary.json") or []
    glossary_import(entries=glossary, index=False)
    load_constitutions(stdout=stdout, replace=replace, index=index)
    load_acts(stdout=stdout, replace=replace, index=index)
    load_regulations(stdout=stdout, replace=replace, index=index)
    glossary_import(entries=glossary, index=index)
    topics_import(entries=_load_json("topics.json") or [])
