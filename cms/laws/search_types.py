"""Provisions, instruments and glossary terms in the Thai search.

``number`` is the section number, so that a query such as "มาตรา 256" (or
"มาตรา ๒๕๖") goes straight to that section."""

from django.utils.translation import gettext_lazy as _


def _provision_title(provision) -> str:
    instrument = provision.instrument
    return f"{instrument.provision_word} {provision.number} {instrument.title}"


def register_search() -> None:
    from search.registry import register

    from .models import GlossaryTerm, Instrument, Provision

    register(
        Provision, key="provision", label=_("Law section"),
        url=lambda obj: obj.get_absolute_url(), title=_provision_title, text=lambda obj: obj.text,
        number=lambda obj: obj.number, date=lambda obj: obj.instrument.promulgated, language=lambda obj: "th",
        queryset=lambda: Provision.objects.public().select_related("instrument"),
    )
    register(
        Instrument, key="instrument", label=_("Law"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: obj.title,
        text=lambda obj: " ".join(filter(None, [obj.english_title, obj.gazette, obj.note])),
        date=lambda obj: obj.promulgated, language=lambda obj: "th",
        queryset=lambda: Instrument.objects.published(),
    )
    register(
        GlossaryTerm, key="glossary", label=_("Glossary term"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: f"{obj.term_th} ({obj.term_en})" if obj.term_en else obj.term_th,
        text=lambda obj: "\n".join([obj.definition_th, obj.definition_en, *obj.aliases_th]),
        language=lambda obj: "th", queryset=lambda: GlossaryTerm.objects.all(),
    )
