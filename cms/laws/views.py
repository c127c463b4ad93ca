"""Public pages: the timeline, reading an instrument, a section, its history,
comparing constitutions and the glossary. Reads go through selectors."""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from cms.base.pagecache import add_tags, fragment

from . import selectors
from . import text as lawtext
from .forms import AsOfForm
from .models import Instrument

DEFAULT_COMPARE = ["constitution-2540", "constitution-2550", "constitution-2560"]


def parse_date(value: str | None) -> dt.date | None:
    """'2021-11-22', '22/11/2021' (or with a B.E. year: '2564-11-22', '22/11/2564', in Thai
    digits too) -> a date; anything else -> None."""
    if not value:
        return None
    text = lawtext.to_arabic(value.strip())
    day, sep, rest = text.partition("/")
    if sep:
        month, _sep, year = rest.partition("/")
        text = f"{year}-{month.zfill(2)}-{day.zfill(2)}"
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        return None
    if date.year > 2400:
        date = date.replace(year=date.year - 543)
    return date


def _links(instrument: Instrument):
    return reverse("laws:instrument", kwargs={"slug": instrument.slug}), reverse("laws:glossary")


def _resolved(html: str, links: tuple[str, str]) -> str:
    base, glossary = links
    return mark_safe(lawtext.resolve(html, base=base, glossary=glossary))  # noqa: S308 — built from escaped text


def _shows(request, slug=None):
    """What a kept copy of this page depends on: one instrument, or the laws at large."""
    add_tags(request, f"law:{slug}" if slug else "laws:shared")


@require_GET
def constitution_list(request):
    _shows(request)
    return render(request, "laws/constitution_list.html", {"constitutions": selectors.constitutions()})


@require_GET
def regulation_list(request):
    _shows(request)
    return render(request, "laws/regulation_list.html", {
        "regulations": list(Instrument.objects.regulations()), "acts": list(Instrument.objects.acts()),
    })


def _reading_context(request, slug):
    _shows(request, slug)
    reading = selectors.instrument_reading(slug=slug)
    links = _links(reading.instrument)
    for provision in reading.provisions:
        provision.resolved_html = _resolved(provision.html, links)
    return reading


def _text(request, reading, hits=None):
    """The contents, preamble and every provision of an instrument, and how many provisions."""
    html = render_to_string("laws/_instrument_text.html", {
        "base_url": reading.instrument.get_absolute_url(), "instrument": reading.instrument,
        "outline": reading.outline(), "divisions": reading.divisions, "hit_ids": {p.pk for p in hits or []},
    }, request=request)
    return {"html": mark_safe(html), "count": len(reading.provisions)}  # noqa: S308 — a rendered template


@require_GET
def instrument_detail(request, slug):
    """An instrument's whole text. Without a search its text is rendered once per
    edit of the instrument (or of the laws at large) and language."""
    query = request.GET.get("q", "").strip()
    if query:
        reading = _reading_context(request, slug)
        instrument, hits = reading.instrument, selectors.search_within(reading.provisions, query)
        text = _text(request, reading, hits)
    else:
        _shows(request, slug)
        instrument, hits = selectors.instrument_get(slug=slug), None
        text = fragment(f"laws:text:{slug}:{get_language()}", tags={f"law:{slug}", "app:laws"},
                        render=lambda: _text(request, _reading_context(request, slug)))
    return render(request, "laws/instrument_detail.html", {
        "instrument": instrument, "query": query, "hits": hits, "text": text["html"], "provision_count": text["count"],
    })


@require_GET
def instrument_print(request, slug):
    reading = _reading_context(request, slug)
    return render(request, "laws/instrument_print.html", {"instrument": reading.instrument, "outline": reading.outline()})


def _as_of(request) -> tuple[dt.date | None, AsOfForm | None, bool]:
    """The date asked for: from the date inputs (day, month, year), or as ?date=2021-11-22
    (also 2564-11-22, in Thai digits too). Returns (date, form, whether it was invalid);
    no form when no date was asked for (the kept section's empty form is built with it)."""
    raw_date = request.GET.get("date")
    if raw_date:
        date = parse_date(raw_date)
        form = AsOfForm(initial={"on": date})
    elif any(request.GET.get(f"on_{part}") for part in ("day", "month", "year")):
        form = AsOfForm(request.GET)
        date = form.cleaned_data["on"] if form.is_valid() else None
    else:
        return None, None, False
    if date is None:
        form.fields["on"].widget.attrs.update({"aria-invalid": "true", "aria-describedby": "as-of-error"})
    return date, form, date is None


@require_GET
def provision_detail(request, slug, number):
    """A section. Its wording of today is rendered once per edit of the laws and language."""
    _shows(request, slug)
    date, as_of_form, date_invalid = _as_of(request)
    if date is None and not date_invalid:
        section = fragment(f"laws:section:{slug}:{number}:{get_language()}", tags={f"law:{slug}", "laws:shared", "app:laws"},
                           render=lambda: _section(request, slug, number, None, AsOfForm(), False))
    else:
        section = _section(request, slug, number, date, as_of_form, date_invalid)
    return render(request, "laws/provision_detail.html", {"section": section})


def _section(request, slug, number, date, as_of_form, date_invalid):
    """The section's title and its rendered text, notes and links as of ``date``."""
    view = selectors.section_view(slug=slug, number=number, date=date)
    provision = view.provision
    if date is None or view.paragraphs == provision.paragraphs:
        body = _resolved(provision.html, _links(provision.instrument)) if view.paragraphs is not None else None
    else:
        body = _resolved(lawtext.render_paragraphs(
            view.paragraphs, word=provision.instrument.provision_word,
            numbers={provision.number} | set(provision.instrument.provisions.values_list("number", flat=True)),
            self_number=provision.number,
        ), _links(provision.instrument))
    html = render_to_string("laws/_provision.html", {
        "instrument": provision.instrument, "provision": provision, "view": view, "body": body,
        "date_invalid": date_invalid, "as_of_form": as_of_form,
        "versions": list(provision.versions.all()),
        "mappings": list(provision.mappings.all()),
    }, request=request)
    return {"title": f"{provision.heading} · {provision.instrument.title}", "html": mark_safe(html)}  # noqa: S308 — a rendered template


@require_GET
def provision_history(request, slug, number):
    _shows(request, slug)
    provision, versions, steps = selectors.history(slug=slug, number=number)
    return render(request, "laws/provision_history.html", {
        "instrument": provision.instrument, "provision": provision, "versions": versions,
        "steps": [{**step, "diff": mark_safe(step["diff"])} for step in steps],  # noqa: S308 — escaped in diff_words
    })


@require_GET
def compare(request):
    _shows(request)
    constitutions = selectors.constitutions()
    known = {c.slug for c in constitutions}
    slugs = [slug for slug in request.GET.getlist("c") if slug in known][:4] or [s for s in DEFAULT_COMPARE if s in known]
    topics = selectors.topics()
    topic = None
    if request.GET.get("topic"):
        topic = next((t for t in topics if t.slug == request.GET["topic"]), None)
        if topic is None:
            raise Http404
    instruments, rows, tagged = selectors.compare(slugs=slugs, topic=topic)
    return render(request, "laws/compare.html", {
        "constitutions": constitutions, "selected": slugs, "instruments": instruments, "rows": rows,
        "columns": list(zip(instruments, tagged)), "topics": topics, "topic": topic,
        "slots": [slugs[i] if i < len(slugs) else "" for i in range(3)],
    })


@require_GET
def glossary(request):
    _shows(request)
    letter = request.GET.get("letter") or None
    if letter and letter not in selectors.THAI_CONSONANTS:
        letter = None
    letters, terms = selectors.glossary_index(letter=letter)
    return render(request, "laws/glossary.html", {"letters": letters, "terms": terms, "letter": letter})


@require_GET
def glossary_term(request, slug):
    _shows(request)
    return render(request, "laws/glossary_term.html", {"term": selectors.glossary_term(slug=slug)})

