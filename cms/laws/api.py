"""Laws for the mobile app: instruments, provisions (point in time with ?date=),
topics, section mappings and the glossary."""

from django.utils.translation import gettext as _, gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError

from cms.api.language import LANG_PARAMETER, LanguageMixin
from cms.api.pagination import PageNumberPagination

from . import selectors
from .models import GlossaryTerm, Instrument, InstrumentKind, Provision, ProvisionVersion, SectionMapping, Topic
from .views import parse_date


def _absolute(request, url):
    return request.build_absolute_uri(url) if request else url


class ProvisionRefSerializer(serializers.Serializer):
    instrument = serializers.CharField(source="instrument.slug")
    number = serializers.CharField()
    heading = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, provision) -> str:
        return _absolute(self.context.get("request"), provision.get_absolute_url())


class InstrumentSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text="constitution, interim, regulation or act")
    chamber = serializers.CharField(help_text="parliament, senate, house or empty")
    ended = serializers.SerializerMethodField(help_text="Only once an editor has verified it.")
    end_reason = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Instrument
        fields = ["slug", "kind", "chamber", "title", "english_title", "sequence", "promulgated", "ended",
                  "end_reason", "dates_verified", "provision_word", "url"]

    def get_ended(self, instrument) -> str | None:
        return instrument.public_ended.isoformat() if instrument.public_ended else None

    def get_end_reason(self, instrument) -> str:
        return instrument.public_end_reason

    def get_url(self, instrument) -> str:
        return _absolute(self.context.get("request"), instrument.get_absolute_url())


class DivisionSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    title = serializers.CharField()
    order = serializers.IntegerField()
    parent = serializers.IntegerField(source="parent.order", allow_null=True, default=None)


class InstrumentDetailSerializer(InstrumentSerializer):
    divisions = DivisionSerializer(many=True)
    provisions = serializers.SerializerMethodField()

    class Meta(InstrumentSerializer.Meta):
        fields = InstrumentSerializer.Meta.fields + ["gazette", "preamble", "note", "source", "divisions", "provisions"]

    def get_provisions(self, instrument) -> list[str]:
        return [p.number for p in instrument.provisions.all()]


class VersionSerializer(serializers.ModelSerializer):
    amendment = serializers.CharField(source="amendment.title", allow_null=True, default=None)

    class Meta:
        model = ProvisionVersion
        fields = ["valid_from", "valid_to", "amendment", "paragraphs"]


class ProvisionSerializer(serializers.ModelSerializer):
    instrument = serializers.CharField(source="instrument.slug")
    heading = serializers.CharField()
    division = serializers.SerializerMethodField()
    paragraphs = serializers.SerializerMethodField(help_text="The wording in force on ?date= (today's wording without it); null when the provision was not in force.")
    as_of = serializers.SerializerMethodField()
    versions = VersionSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Provision
        fields = ["instrument", "number", "heading", "order", "division", "transitory", "as_of", "paragraphs", "versions", "url"]

    def _date(self):
        return self.context.get("date")

    def get_division(self, provision) -> str | None:
        return str(provision.division) if provision.division else None

    def get_as_of(self, provision) -> str | None:
        return self._date().isoformat() if self._date() else None

    def get_paragraphs(self, provision) -> list[str] | None:
        paragraphs, _version = selectors.text_at(provision, self._date())
        return paragraphs

    def get_url(self, provision) -> str:
        return _absolute(self.context.get("request"), provision.get_absolute_url())


class TopicSerializer(serializers.ModelSerializer):
    name = serializers.CharField()
    description = serializers.CharField()
    provisions = ProvisionRefSerializer(many=True)

    class Meta:
        model = Topic
        fields = ["slug", "name", "name_th", "name_en", "description", "provisions"]


class MappingSerializer(serializers.ModelSerializer):
    label = serializers.CharField()
    topic = serializers.CharField(source="topic.slug", allow_null=True, default=None)
    provisions = ProvisionRefSerializer(many=True)

    class Meta:
        model = SectionMapping
        fields = ["id", "label", "label_th", "label_en", "topic", "provisions"]


class GlossarySerializer(serializers.ModelSerializer):
    initial = serializers.CharField()
    related = ProvisionRefSerializer(many=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = GlossaryTerm
        fields = ["slug", "term_th", "term_en", "aliases_th", "initial", "definition_th", "definition_en", "related", "url"]

    def get_url(self, term) -> str:
        return _absolute(self.context.get("request"), term.get_absolute_url())


_PROVISION_REFS = Provision.objects.select_related("instrument").order_by("instrument__sequence", "order")


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("List legal instruments"), parameters=[
        LANG_PARAMETER, OpenApiParameter("kind", str, enum=[k.value for k in InstrumentKind]),
    ]),
    retrieve=extend_schema(summary=gettext_lazy("One legal instrument with its structure"), parameters=[LANG_PARAMETER]),
)
class InstrumentViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Constitutions and charters, meeting regulations and acts."""

    lookup_field = "slug"
    pagination_class = PageNumberPagination
    queryset = Instrument.objects.none()

    def get_queryset(self):
        queryset = Instrument.objects.published().order_by("kind", "sequence", "promulgated", "pk")
        if self.action == "retrieve":
            return queryset.prefetch_related("divisions__parent", "provisions")
        if kind := self.request.query_params.get("kind"):
            if kind not in InstrumentKind.values:
                raise ValidationError({"kind": [_("Choose one of: %(choices)s.") % {
                    "choices": ", ".join(InstrumentKind.values)}]})
            queryset = queryset.filter(kind=kind)
        return queryset

    def get_serializer_class(self):
        return InstrumentDetailSerializer if self.action == "retrieve" else InstrumentSerializer


DATE_PARAMETER = OpenApiParameter("date", OpenApiTypes.DATE, description="Point in time: the wording in force on this date (YYYY-MM-DD).")


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("The provisions of an instrument"), parameters=[LANG_PARAMETER, DATE_PARAMETER]),
    retrieve=extend_schema(summary=gettext_lazy("One provision, as of a date"), parameters=[LANG_PARAMETER, DATE_PARAMETER]),
)
class ProvisionViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Provisions (มาตรา or ข้อ); ``number`` is 83 or, for an inserted one, 141-1."""

    serializer_class = ProvisionSerializer
    pagination_class = PageNumberPagination
    lookup_field = "number"
    lookup_value_regex = r"[0-9๐-๙]+(?:-[0-9๐-๙]+)?"
    queryset = Provision.objects.none()

    def get_queryset(self):
        instrument = selectors.instrument_get(slug=self.kwargs["instrument_slug"])
        return (
            Provision.objects.filter(instrument=instrument)
            .select_related("instrument", "division")
            .prefetch_related("versions__amendment")
            .order_by("order")
        )

    def get_object(self):
        number = selectors.number_from_url(self.kwargs["number"])
        return selectors.provision_get(slug=self.kwargs["instrument_slug"], number=number)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        raw = self.request.query_params.get("date")
        date = parse_date(raw)
        if raw and date is None:
            raise ValidationError({"date": [_("Enter a date as YYYY-MM-DD.")]})
        context["date"] = date
        return context


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Topics for comparing constitutions"), parameters=[LANG_PARAMETER]),
    retrieve=extend_schema(summary=gettext_lazy("One topic with its tagged provisions"), parameters=[LANG_PARAMETER]),
)
class TopicViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = TopicSerializer
    lookup_field = "slug"
    queryset = Topic.objects.none()

    def get_queryset(self):
        from django.db.models import Prefetch

        return Topic.objects.order_by("order", "slug").prefetch_related(Prefetch("provisions", queryset=_PROVISION_REFS))


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("Corresponding sections of several constitutions"), parameters=[
        LANG_PARAMETER, OpenApiParameter("topic", str, description="Topic slug"),
    ]),
    retrieve=extend_schema(summary=gettext_lazy("One section mapping"), parameters=[LANG_PARAMETER]),
)
class MappingViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = MappingSerializer
    queryset = SectionMapping.objects.none()

    def get_queryset(self):
        from django.db.models import Prefetch

        queryset = SectionMapping.objects.select_related("topic").prefetch_related(Prefetch("provisions", queryset=_PROVISION_REFS))
        if topic := self.request.query_params.get("topic"):
            queryset = queryset.filter(topic__slug=topic)
        return queryset


@extend_schema_view(
    list=extend_schema(summary=gettext_lazy("The glossary of constitutional terms"), parameters=[
        LANG_PARAMETER, OpenApiParameter("letter", str, description="Only terms under this Thai initial (ก–ฮ)"),
    ]),
    retrieve=extend_schema(summary=gettext_lazy("One glossary term"), parameters=[LANG_PARAMETER]),
)
class GlossaryViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = GlossarySerializer
    lookup_field = "slug"
    pagination_class = PageNumberPagination
    queryset = GlossaryTerm.objects.none()

    def get_queryset(self):
        from django.db.models import Prefetch

        return GlossaryTerm.objects.order_by("term_th").prefetch_related(Prefetch("related", queryset=_PROVISION_REFS))

    def filter_queryset(self, queryset):
        letter = self.request.query_params.get("letter") if self.action == "list" else None
        if letter:
            return [term for term in queryset if term.initial == letter]
        return queryset
