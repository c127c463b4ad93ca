"""Reads of the library: document listings with their filters, a document's page
(where a word was found, related documents, how to cite it), the academic and
legal database search, and the archive."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import get_language

from cms.base.navigation import active_locale
from cms.base.public import public
from search import registry
from search.analysis import normalise
from search.highlight import snippet
from search.selectors import Facet, parse, search

from .models import (
    PERIODS,
    ArchiveCollection,
    ArchiveRecord,
    DocumentPage,
    DocumentType,
    ExtractedText,
    ExtractionStatus,
    RecordType,
    Series,
    Subject,
)
from .models.archive import PERIODS_BY_KEY
from .search_types import DOCUMENT_KEY

PAGE_SIZE = 20
RELATED_COUNT = 5
# Apps whose searchable types belong in the academic and legal database.
DATABASE_APPS = ("library", "laws", "legislation")


def _locale():
    return active_locale()


def _int(value) -> int | None:
    from cms.base.thai import arabic_digits

    try:
        return int(arabic_digits(str(value)).strip())
    except (TypeError, ValueError):
        return None


# --- Document listings --------------------------------------------------------------------------


@dataclass
class DocumentFilters:
    types: tuple[str, ...] = ()
    document_type: str = ""
    subject: str = ""
    series: str = ""
    year: int | None = None
    language: str = ""

    @classmethod
    def from_query(cls, params, *, types=()) -> DocumentFilters:
        document_type = params.get("type", "")
        return cls(
            types=tuple(types),
            document_type=document_type if document_type in DocumentType.values else "",
            subject=params.get("subject", ""),
            series=params.get("series", ""),
            year=_int(params.get("year")),
            language=params.get("language", ""),
        )

    @property
    def active(self) -> bool:
        return bool(self.document_type or self.subject or self.series or self.year or self.language)


def documents(*, filters: DocumentFilters | None = None, locale=None):
    """Live documents in the reader's language, newest first, narrowed by the filters.
    Subjects and series are matched by translation key, so a filter chosen in either
    language works on pages in both."""
    filters = filters or DocumentFilters()
    queryset = (
        public(DocumentPage.objects.live()).filter(locale=locale or _locale())
        .select_related("file", "series").prefetch_related("subjects")
        .order_by("-year", "title")
    )
    if filters.types:
        queryset = queryset.filter(document_type__in=filters.types)
    if filters.document_type:
        queryset = queryset.filter(document_type=filters.document_type)
    if filters.subject:
        queryset = queryset.filter(subjects__translation_key__in=Subject.objects.filter(slug=filters.subject).values("translation_key"))
    if filters.series:
        queryset = queryset.filter(series__translation_key__in=Series.objects.filter(slug=filters.series).values("translation_key"))
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    if filters.language:
        queryset = queryset.filter(language=filters.language)
    return queryset.distinct()


def filter_options(*, types=(), locale=None) -> dict:
    """What the listing's filters offer: only values that some live document has."""
    locale = locale or _locale()
    base = public(DocumentPage.objects.live()).filter(locale=locale)
    if types:
        base = base.filter(document_type__in=types)
    subject_keys = base.values("subjects__translation_key")
    series_keys = base.values("series__translation_key")
    type_values = set(base.values_list("document_type", flat=True))
    return {
        "types": [(value, label) for value, label in DocumentType.choices if value in type_values],
        "subjects": _localised_terms(Subject, subject_keys, locale),
        "series": _localised_terms(Series, series_keys, locale),
        "years": sorted(set(base.values_list("year", flat=True)), reverse=True),
        "languages": sorted(set(base.values_list("language", flat=True))),
    }


def _localised_terms(model, keys, locale):
    """One term per translation key, in the reader's language when translated."""
    chosen = {}
    for term in model.objects.filter(translation_key__in=keys).select_related("locale"):
        current = chosen.get(term.translation_key)
        if current is None or term.locale_id == locale.pk:
            chosen[term.translation_key] = term
    return sorted(chosen.values(), key=lambda term: term.name)


def paginate(queryset, page, per_page=PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(page)


# --- One document ---------------------------------------------------------------------------


@dataclass
class PageMatch:
    number: int
    snippet: str


def locate(pages: list[str], query: str, *, limit: int = 10) -> list[PageMatch]:
    """The pages (1-based) on which the words of ``query`` occur, most words first, with
    a snippet of each."""
    parsed = parse(query)
    if not parsed.ok:
        return []
    needles = sorted(set(parsed.phrases) | set(parsed.words), key=len, reverse=True)
    scored = []
    for index, text in enumerate(pages):
        haystack = normalise(text)
        found = sum(1 for needle in needles if needle in haystack)
        if found:
            scored.append((-found, index))
    scored.sort()
    return [PageMatch(number=index + 1, snippet=snippet(pages[index], needles)) for _, index in scored[:limit]]


def related_documents(*, page: DocumentPage, limit: int = RELATED_COUNT):
    """Documents that share a subject or the series, most shared subjects first."""
    subject_keys = [subject.translation_key for subject in page.subjects.all()]
    condition = Q(subjects__translation_key__in=subject_keys)
    if page.series_id:
        condition |= Q(series__translation_key=page.series.translation_key)
    candidates = (
        public(DocumentPage.objects.live()).filter(locale_id=page.locale_id).exclude(pk=page.pk)
        .filter(condition).prefetch_related("subjects")
    )
    ranked = sorted(
        set(candidates),
        key=lambda other: (-len({s.translation_key for s in other.subjects.all()} & set(subject_keys)), -other.year, other.title),
    )
    return ranked[:limit]


def citation(page: DocumentPage) -> str:
    """A reference in the style Thai academic writing uses: authors. (year). title. place: publisher."""
    authors = ", ".join(page.author_list) or page.publisher
    series = ""
    if page.series_id:
        series = f" ({page.series.localized.name}{' ' + page.series_number if page.series_number else ''})"
    return f"{authors}. ({page.year}). {page.title}{series}. {page.publisher}."


def document_detail(*, page: DocumentPage, query: str = "") -> dict:
    extraction: ExtractedText | None = page.extraction()
    ready = extraction is not None and extraction.status == ExtractionStatus.DONE
    return {
        "extraction": extraction,
        "page_count": extraction.page_count if extraction else None,
        "matches": locate(extraction.pages, query) if ready and query.strip() else [],
        "query": query.strip(),
        "related": related_documents(page=page),
        "citation": citation(page),
        "subjects": [subject.localized for subject in page.subjects.all()],
        "series": page.series.localized if page.series_id else None,
        "is_pdf": page.file_id is not None and page.file.file_extension.lower() == "pdf",
    }


# --- The academic and legal database ------------------------------------------------------


def database_keys() -> list[str]:
    keys = [DOCUMENT_KEY]
    keys += [t.key for t in registry.registered() if t.model._meta.app_label in DATABASE_APPS]
    return keys


@dataclass
class DatabaseResult:
    outcome: object
    hits: list
    page_obj: object
    facets: list[Facet] = field(default_factory=list)
    total: int = 0
    all_count: int = 0  # before narrowing to one kind


def database_search(query: str, *, kind: str = "", page=1, language: str | None = None) -> DatabaseResult:
    """The site search narrowed to documents, the archive, laws and bills, with a type facet.
    A document hit's snippet comes from the page of the file where the words are, with its number."""
    language = language or (get_language() or "th")[:2]
    outcome = search(query, language=language, per_page=1000, snippets=False)
    keys = set(database_keys())
    hits = [hit for hit in outcome.hits if hit.document.key in keys]
    counts = Counter(hit.document.key for hit in hits)
    facets = [
        Facet(value=value, label=str(registry.label_for(value)), count=count, selected=value == kind)
        for value, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    if kind:
        hits = [hit for hit in hits if hit.document.key == kind]
    page_obj = Paginator(hits, PAGE_SIZE).get_page(page)
    _add_snippets(page_obj.object_list, query)
    return DatabaseResult(
        outcome=outcome, hits=hits, page_obj=page_obj, facets=facets, total=len(hits), all_count=sum(counts.values()),
    )


def _add_snippets(hits, query: str) -> None:
    from search.models import SearchDocument

    parsed = parse(query)
    needles = sorted(set(parsed.phrases) | set(parsed.words), key=len, reverse=True)
    bodies = dict(SearchDocument.objects.filter(pk__in=[hit.document.pk for hit in hits]).values_list("pk", "body"))
    page_ids = [int(hit.document.object_id) for hit in hits if hit.document.key == DOCUMENT_KEY]
    texts = {
        page.pk: page for page in DocumentPage.objects.filter(pk__in=page_ids).select_related("file")
    }
    extractions = {
        row.document_id: row
        for row in ExtractedText.objects.filter(document_id__in=[p.file_id for p in texts.values()], status=ExtractionStatus.DONE)
    }
    for hit in hits:
        hit.page_number = None
        hit.snippet = snippet(bodies.get(hit.document.pk, ""), needles)
        if hit.document.key != DOCUMENT_KEY:
            continue
        document_page = texts.get(int(hit.document.object_id))
        extraction = extractions.get(document_page.file_id) if document_page else None
        if extraction is None:
            continue
        found = locate(extraction.pages, query, limit=1)
        if found:
            hit.page_number = found[0].number
            hit.snippet = found[0].snippet


# --- The archive ------------------------------------------------------------------------------


@dataclass
class ArchiveFilters:
    period: str = ""
    year: int | None = None
    record_type: str = ""
    collection: str = ""
    bill: int | None = None

    @classmethod
    def from_query(cls, params) -> ArchiveFilters:
        period = params.get("period", "")
        record_type = params.get("type", "")
        return cls(
            period=period if period in PERIODS_BY_KEY else "",
            year=_int(params.get("year")),
            record_type=record_type if record_type in RecordType.values else "",
            collection=params.get("collection", ""),
            bill=_int(params.get("bill")),
        )


def archive_records(*, filters: ArchiveFilters | None = None, locale=None):
    filters = filters or ArchiveFilters()
    queryset = (
        ArchiveRecord.objects.published().filter(locale=locale or _locale())
        .select_related("collection", "instrument", "file")
    )
    if filters.period:
        first, last, _label = PERIODS_BY_KEY[filters.period]
        queryset = queryset.filter(year__gte=first, year__lte=last)
    if filters.year:
        queryset = queryset.filter(year=filters.year)
    if filters.record_type:
        queryset = queryset.filter(record_type=filters.record_type)
    if filters.collection:
        queryset = queryset.filter(collection__slug=filters.collection)
    if filters.bill:
        queryset = queryset.of_bill(filters.bill)
    return queryset.order_by("year", "date", "title")


def archive_options(*, locale=None) -> dict:
    locale = locale or _locale()
    records = ArchiveRecord.objects.published().filter(locale=locale)
    years = sorted(set(records.values_list("year", flat=True)))
    types = set(records.values_list("record_type", flat=True))
    return {
        "periods": [(key, label) for key, first, last, label in PERIODS if any(first <= year <= last for year in years)],
        "years": years,
        "types": [(value, label) for value, label in RecordType.choices if value in types],
        "collections": list(ArchiveCollection.objects.filter(locale=locale, records__published=True).distinct()),
    }


def archive_records_of_bill(*, bill, locale=None):
    """The published records of a bill in the reader's language, for the bill page."""
    return archive_records(filters=ArchiveFilters(bill=bill.pk), locale=locale)


def archive_record(*, pk: int) -> ArchiveRecord:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        ArchiveRecord.objects.published().select_related("collection", "instrument", "file", "locale"), pk=pk,
    )
