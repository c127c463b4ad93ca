"""Documents and the legislative archive for the mobile app, in Thai or English."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets
from wagtail.models import Locale

from cms.api.language import LANG_PARAMETER, LanguageMixin
from cms.base.thai import arabic_digits

from . import selectors
from .models import ArchiveRecord, DocumentPage

YEAR_SCHEMA = {"type": "integer", "minimum": 1, "maximum": 9999}


def _query(request):
    """The list's query, whose year the pages read leniently but the API checks: a year that is
    not a whole number from 1 to 9999 (Thai digits accepted) is refused with a 400."""
    params = request.query_params
    if params.get("year", "").strip():
        try:
            serializers.IntegerField(min_value=1, max_value=9999).run_validation(arabic_digits(params["year"]))
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"year": error.detail}) from None
    return params


def _absolute(request, url):
    return request.build_absolute_uri(url) if request and url else url or ""


class TermSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class DocumentSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    language = serializers.CharField(source="locale.language_code")
    document_language = serializers.CharField(source="language")
    type = serializers.CharField(source="document_type")
    type_label = serializers.CharField(source="get_document_type_display")
    year = serializers.IntegerField(help_text="Year of publication, Buddhist Era.")
    authors = serializers.ListField(source="author_list", child=serializers.CharField())
    subjects = serializers.SerializerMethodField()
    series = serializers.SerializerMethodField()

    class Meta:
        model = DocumentPage
        fields = [
            "id", "title", "url", "language", "type", "type_label", "year", "authors", "publisher",
            "document_language", "series", "series_number", "subjects", "abstract",
        ]

    def get_url(self, page) -> str:
        return _absolute(self.context.get("request"), page.get_url())

    @extend_schema_field(TermSerializer(many=True))
    def get_subjects(self, page):
        return [{"name": s.localized.name, "slug": s.slug} for s in page.subjects.all()]

    @extend_schema_field(TermSerializer(allow_null=True))
    def get_series(self, page):
        return {"name": page.series.localized.name, "slug": page.series.slug} if page.series_id else None


class DocumentDetailSerializer(DocumentSummarySerializer):
    file_url = serializers.SerializerMethodField()
    file_size = serializers.IntegerField(source="file.get_file_size", allow_null=True)
    file_type = serializers.CharField(source="file.file_extension")
    page_count = serializers.SerializerMethodField()
    text_status = serializers.SerializerMethodField()
    citation = serializers.SerializerMethodField()

    class Meta(DocumentSummarySerializer.Meta):
        fields = DocumentSummarySerializer.Meta.fields + [
            "file_url", "file_size", "file_type", "page_count", "text_status", "citation",
        ]

    def get_file_url(self, page) -> str:
        return _absolute(self.context.get("request"), page.get_download_url())

    def get_page_count(self, page) -> int | None:
        extraction = page.extraction()
        return extraction.page_count if extraction else None

    def get_text_status(self, page) -> str:
        extraction = page.extraction()
        return extraction.status if extraction else "pending"

    def get_citation(self, page) -> str:
        return selectors.citation(page)


@extend_schema_view(
    list=extend_schema(
        summary=_("List documents"),
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("type", str, description="academic_paper, research_report, publication or legal"),
            OpenApiParameter("subject", str, description="Subject slug"),
            OpenApiParameter("series", str, description="Series slug"),
            OpenApiParameter("year", YEAR_SCHEMA, description="Year, Buddhist Era (Thai digits accepted)"),
            OpenApiParameter("language", str, description="Language of the document: th, en or th-en"),
        ],
    ),
    retrieve=extend_schema(summary=_("One document"), parameters=[LANG_PARAMETER]),
)
class DocumentViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Academic papers, research reports, Senate publications and legal documents."""

    queryset = DocumentPage.objects.none()

    def get_queryset(self):
        if self.action == "list":
            filters = selectors.DocumentFilters.from_query(_query(self.request))
            return selectors.documents(filters=filters, locale=Locale.objects.filter(language_code=self.language).first() or Locale.get_default())
        return DocumentPage.objects.live().public().select_related("file", "series", "locale").prefetch_related("subjects")

    def get_serializer_class(self):
        return DocumentDetailSerializer if self.action == "retrieve" else DocumentSummarySerializer


class ArchiveBillSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, bill) -> str:
        return _absolute(self.context.get("request"), bill.get_absolute_url())


class ArchiveRecordSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    language = serializers.CharField(source="locale.language_code")
    type = serializers.CharField(source="record_type")
    type_label = serializers.CharField(source="get_record_type_display")
    year = serializers.IntegerField(help_text="Buddhist Era.")
    period = serializers.CharField()
    collection = serializers.CharField(source="collection.title", allow_null=True, default=None)
    instrument_url = serializers.SerializerMethodField()
    file_url = serializers.SerializerMethodField()
    bills = serializers.SerializerMethodField()

    class Meta:
        model = ArchiveRecord
        fields = [
            "id", "title", "url", "language", "type", "type_label", "year", "date", "period", "collection",
            "description", "gazette_reference", "gazette_url", "instrument_url", "file_url", "bills",
        ]

    def get_url(self, record) -> str:
        return _absolute(self.context.get("request"), record.get_absolute_url())

    def get_instrument_url(self, record) -> str | None:
        return _absolute(self.context.get("request"), record.instrument.get_absolute_url()) if record.instrument_id else None

    def get_file_url(self, record) -> str | None:
        return _absolute(self.context.get("request"), record.file.url) if record.file_id else None

    @extend_schema_field(ArchiveBillSerializer(many=True))
    def get_bills(self, record) -> list:
        return ArchiveBillSerializer(record.linked_bills(), many=True, context=self.context).data


class ArchiveQuerySerializer(serializers.Serializer):
    """The archive listing's bill: a wrong one is a 400, not an empty list (the year is checked by
    :func:`_query`, which also reads Thai digits)."""

    bill = serializers.IntegerField(required=False, min_value=1)


@extend_schema_view(
    list=extend_schema(
        summary=_("List archive records"),
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("period", str, description="Period key, e.g. 2475-2489"),
            OpenApiParameter("year", YEAR_SCHEMA, description="Year, Buddhist Era"),
            OpenApiParameter("type", str, description="constitution, drafting, sitting, gazette or other"),
            OpenApiParameter("collection", str, description="Collection slug"),
            OpenApiParameter("bill", int, description="Only the records of this bill (its id in /api/v1/legislation/bills/)"),
        ],
    ),
    retrieve=extend_schema(summary=_("One archive record"), parameters=[LANG_PARAMETER]),
)
class ArchiveRecordViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """The legislative archive: earlier constitutions, drafting records, sittings, Royal Gazette references."""

    queryset = ArchiveRecord.objects.none()
    serializer_class = ArchiveRecordSerializer

    def get_queryset(self):
        if self.action == "list":
            ArchiveQuerySerializer(data=self.request.query_params.dict()).is_valid(raise_exception=True)
            filters = selectors.ArchiveFilters.from_query(_query(self.request))
            return selectors.archive_records(filters=filters, locale=Locale.objects.filter(language_code=self.language).first() or Locale.get_default())
        return ArchiveRecord.objects.published().select_related("collection", "instrument", "file", "locale")
