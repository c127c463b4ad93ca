"""Provisions, instruments and glossary terms in the Thai search.

``number`` is the section number, so that a query such as "มาตรา 256" (or
"มาตรา ๒๕๖") goes straight to that section."""

from django.utils.translation import gettext_lazy as _

from cms.base.thai import thai_digits


def _provision_title(provision) -> str:
    """"มาตรา ๒๕๖ รัฐธรรมนูญ…": section numbers in Thai digits, as the Senate writes them
    (the analyser reads them as Arabic digits, so either finds the section)."""
    instrument = provision.instrument
    return f"{instrument.provision_word} {thai_digits(provision.number)} {instrument.title}"


def _provision_heading(provision) -> str:
    """The chapter and part a section sits in ("หมวด ๗ รัฐสภา ส่วนที่ ๓ วุฒิสภา"): weighted like a title."""
    headings = []
    division = provision.division
    while division is not None:
        headings.append(str(division))
        division = division.parent
    return " ".join(reversed(headings))


# The constitution in force is the highest law; acts and regulations in force and the
# glossary's explanations come next, superseded instruments last (still found, and grouped
# under the version in force). Measured on citizens' questions (bench/search_dev.py).
IN_FORCE_CONSTITUTION = 1.0
IN_FORCE_OTHER = 0.25
GLOSSARY = 0.25
SUPERSEDED = 0.02


def instrument_standing(instrument) -> float:
    if instrument.ended is not None:
        return SUPERSEDED
    return IN_FORCE_CONSTITUTION if instrument.is_constitution else IN_FORCE_OTHER


def _in_force(provision) -> bool:
    return provision.instrument.ended is None


def _provision_lineage(provision) -> str:
    """Sections of the same number in the series of constitutions are versions of one section;
    an act's or a regulation's sections stand alone."""
    instrument = provision.instrument
    series = "constitution" if instrument.is_constitution else instrument.slug
    return f"{series}:{provision.number}"


def register_search() -> None:
    from search.registry import register

    from .models import GlossaryTerm, Instrument, Provision

    register(
        Provision, key="provision", label=_("Law section"),
        url=lambda obj: obj.get_absolute_url(), title=_provision_title,
        number=lambda obj: obj.number, date=lambda obj: obj.instrument.promulgated, language=lambda obj: "th",
        queryset=lambda: Provision.objects.public().select_related("instrument", "division__parent"),
        heading=_provision_heading, in_force=_in_force, lineage=_provision_lineage,
        standing=lambda obj: instrument_standing(obj.instrument),
    )
    register(
        Instrument, key="instrument", label=_("Law"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: obj.title,
        date=lambda obj: obj.promulgated, language=lambda obj: "th",
        queryset=lambda: Instrument.objects.published(), in_force=lambda obj: obj.ended is None,
        standing=instrument_standing,
    )
    register(
        GlossaryTerm, key="glossary", label=_("Glossary term"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: f"{obj.term_th} ({obj.term_en})" if obj.term_en else obj.term_th,
        language=lambda obj: "th", queryset=lambda: GlossaryTerm.objects.all(), standing=lambda obj: GLOSSARY,
    )
