"""Reads of the phone book: who the reader may see, in the reader's language, found by
any part of a name, position, office or number."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.shortcuts import get_object_or_404

from cms.base.navigation import active_locale, default_locale
from cms.base.public import public
from search.analysis import normalise

from .models import Office, StaffMember, TravelGuidePage

MAX_QUERY_LENGTH = 100


def _localised(queryset, locale):
    """One row per entry: its translation into ``locale`` when there is one, else the
    original (entries are kept in Thai first)."""
    rows = list(queryset)
    keys = {row.translation_key for row in rows}
    translated = {
        row.translation_key: row
        for row in queryset.model.objects.filter(translation_key__in=keys, locale=locale)
        .select_related(*_related(queryset.model))
    }
    chosen, seen = [], set()
    for row in rows:
        if row.translation_key in seen:
            continue
        seen.add(row.translation_key)
        chosen.append(translated.get(row.translation_key, row))
    return chosen


def _related(model):
    return ["office"] if model is StaffMember else ["parent"]


@dataclass
class Directory:
    query: str
    offices: list
    people: list

    @property
    def found(self) -> bool:
        return bool(self.offices or self.people)


def directory(*, user, query: str = "", office: int | None = None, locale=None) -> Directory:
    """Offices and people the user may see. A query matches any part of a person's
    name, position, office, number or e-mail (Thai vowel order and digits normalised)."""
    locale = locale or active_locale()
    default = default_locale()
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    offices = Office.objects.visible_to(user).filter(locale=default).select_related("parent")
    people = StaffMember.objects.visible_to(user).filter(locale=default).select_related("office")
    if office:
        people = people.filter(office_id=office)
        offices = offices.filter(pk=office)
    if query:
        needle = normalise(query)
        by_translation = Q(search_text__contains=needle)
        offices = offices.filter(
            Q(search_text__contains=needle)
            | Q(translation_key__in=Office.objects.filter(by_translation).values("translation_key"))
        )
        people = people.filter(
            Q(search_text__contains=needle)
            | Q(office__search_text__contains=needle)
            | Q(translation_key__in=StaffMember.objects.filter(by_translation).values("translation_key"))
        )
    return Directory(query=query, offices=_localised(offices, locale), people=_localised(people, locale))


def office_for(*, pk: int, user) -> Office:
    return get_object_or_404(Office.objects.visible_to(user), pk=pk)


def person_for(*, pk: int, user) -> StaffMember:
    return get_object_or_404(StaffMember.objects.visible_to(user).select_related("office"), pk=pk)


def travel_guide(*, locale=None) -> TravelGuidePage | None:
    locale = locale or active_locale()
    guides = public(TravelGuidePage.objects.live())
    return guides.filter(locale=locale).first() or guides.filter(locale=default_locale()).first()
