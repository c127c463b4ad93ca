"""Reads of the laws app. Each returns everything a page needs in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Count, Prefetch
from django.http import Http404

from . import text as lawtext
from .models import (
    Division, GlossaryTerm, Instrument, Provision, ProvisionVersion, SectionMapping, Topic, number_sort_key,
)

THAI_CONSONANTS = [chr(code) for code in range(ord("ก"), ord("ฮ") + 1) if chr(code) not in "ฃฅ"]


def number_from_url(value: str) -> str:
    return lawtext.to_arabic(value).replace("-", "/")


def constitutions():
    return list(Instrument.objects.constitutions().annotate(provision_count=Count("provisions")))


def instrument_get(*, slug: str) -> Instrument:
    try:
        return Instrument.objects.published().get(slug=slug)
    except Instrument.DoesNotExist:
        raise Http404 from None


@dataclass
class Reading:
    instrument: Instrument
    divisions: list[Division]
    provisions: list[Provision]

    def outline(self):
        """[(division or None, [provisions])] in reading order, one entry per change of heading."""
        groups = []
        current = object()
        for provision in self.provisions:
            if provision.division_id != current:
                current = provision.division_id
                groups.append((provision.division, []))
            groups[-1][1].append(provision)
        return groups


def instrument_reading(*, slug: str) -> Reading:
    """An instrument with its structure and every provision (and amendment versions): 4 queries."""
    instrument = instrument_get(slug=slug)
    divisions = list(instrument.divisions.select_related("parent").order_by("order"))
    by_id = {division.pk: division for division in divisions}
    provisions = list(
        instrument.provisions.order_by("order").prefetch_related(
            Prefetch("versions", queryset=ProvisionVersion.objects.select_related("amendment").order_by("valid_from"))
        )
    )
    for provision in provisions:
        provision.instrument = instrument
        provision.division = by_id.get(provision.division_id)
    return Reading(instrument=instrument, divisions=divisions, provisions=provisions)


def search_within(provisions: list[Provision], query: str) -> list[Provision]:
    """Provisions whose number or text contains the query (Thai or Arabic digits alike)."""
    query = " ".join(query.split())
    if not query:
        return []
    arabic = lawtext.to_arabic(query)
    thai = arabic.translate(str.maketrans("0123456789", lawtext.THAI_DIGITS))
    hits = []
    for provision in provisions:
        body = provision.text
        if provision.number == arabic or arabic in body or thai in body:
            hits.append(provision)
    return hits


@dataclass
class SectionView:
    provision: Provision
    previous: Provision | None
    next: Provision | None
    paragraphs: list[str]
    version: ProvisionVersion | None
    as_of: dt.date | None


def provision_get(*, slug: str, number: str) -> Provision:
    number = number_from_url(number)
    provision = (
        Provision.objects.filter(instrument__slug=slug, instrument__published=True, number=number)
        .select_related("instrument", "division", "division__parent", "division__parent__parent")
        .prefetch_related(
            Prefetch("versions", queryset=ProvisionVersion.objects.select_related("amendment").order_by("valid_from")),
            "topics", "glossary_terms",
            Prefetch("mappings", queryset=SectionMapping.objects.prefetch_related(
                Prefetch("provisions", queryset=Provision.objects.select_related("instrument"))
            )),
        )
        .first()
    )
    if provision is None:
        raise Http404
    return provision


def version_at(provision: Provision, date: dt.date) -> ProvisionVersion | None:
    for version in provision.versions.all():
        if (version.valid_from is None or version.valid_from <= date) and (version.valid_to is None or date < version.valid_to):
            return version
    return None


def text_at(provision: Provision, date: dt.date | None) -> tuple[list[str] | None, ProvisionVersion | None]:
    """The paragraphs of a provision in force on ``date`` (None: today's text).

    Returns (None, None) when the instrument was not yet promulgated on that date."""
    if date is None:
        versions = list(provision.versions.all())
        return provision.paragraphs, (versions[-1] if versions else None)
    promulgated = provision.instrument.promulgated
    if promulgated and date < promulgated:
        return None, None
    versions = list(provision.versions.all())
    if not versions:
        return provision.paragraphs, None
    version = version_at(provision, date)
    if version is None:
        return None, None
    return version.paragraphs, version


def section_view(*, slug: str, number: str, date: dt.date | None = None) -> SectionView:
    provision = provision_get(slug=slug, number=number)
    neighbours = {
        p.order: p for p in Provision.objects.filter(instrument_id=provision.instrument_id, order__in=[provision.order - 1, provision.order + 1])
        .only("number", "order", "instrument_id")
    }
    for neighbour in neighbours.values():
        neighbour.instrument = provision.instrument
    paragraphs, version = text_at(provision, date)
    return SectionView(
        provision=provision, previous=neighbours.get(provision.order - 1), next=neighbours.get(provision.order + 1),
        paragraphs=paragraphs, version=version, as_of=date,
    )


def history(*, slug: str, number: str):
    """The versions of a provision, oldest first, each with a word diff against the one before."""
    provision = provision_get(slug=slug, number=number)
    versions = list(provision.versions.all())
    steps = []
    for before, after in zip(versions, versions[1:]):
        steps.append({"before": before, "after": after, "diff": lawtext.diff_words(before.text, after.text)})
    return provision, versions, steps


# --- Compare -------------------------------------------------------------------------------------


def topics():
    return list(Topic.objects.order_by("order", "slug"))


def compare(*, slugs: list[str], topic: Topic | None):
    """Provisions of the given constitutions side by side: by mapping rows and, for a topic, all tagged provisions."""
    instruments = {i.slug: i for i in Instrument.objects.published().filter(slug__in=slugs)}
    ordered = [instruments[slug] for slug in slugs if slug in instruments]
    mappings = SectionMapping.objects.prefetch_related(
        Prefetch("provisions", queryset=Provision.objects.filter(instrument__slug__in=slugs).select_related("instrument"))
    ).select_related("topic")
    if topic is not None:
        mappings = mappings.filter(topic=topic)
    rows = []
    for mapping in mappings:
        cells = {p.instrument.slug: p for p in mapping.provisions.all()}
        if cells:
            rows.append({"mapping": mapping, "cells": [cells.get(i.slug) for i in ordered]})
    tagged = []
    if topic is not None:
        provisions = topic.provisions.filter(instrument__slug__in=slugs).select_related("instrument")
        columns = OrderedDict((i.slug, []) for i in ordered)
        for provision in sorted(provisions, key=lambda p: number_sort_key(p.number)):
            columns[provision.instrument.slug].append(provision)
        tagged = list(columns.values())
    return ordered, rows, tagged


# --- Glossary ------------------------------------------------------------------------------------


def glossary_index(*, letter: str | None = None):
    terms = sorted(GlossaryTerm.objects.all(), key=lambda term: (THAI_CONSONANTS.index(term.initial) if term.initial in THAI_CONSONANTS else 99, term.term_th))
    present = {term.initial for term in terms}
    letters = [(consonant, consonant in present) for consonant in THAI_CONSONANTS]
    if letter:
        terms = [term for term in terms if term.initial == letter]
    return letters, terms


def glossary_term(*, slug: str) -> GlossaryTerm:
    term = GlossaryTerm.objects.prefetch_related(
        Prefetch("related", queryset=Provision.objects.select_related("instrument").order_by("instrument__sequence", "order"))
    ).filter(slug=slug).first()
    if term is None:
        raise Http404
    return term
