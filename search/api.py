"""GET /api/v1/search/ and /api/v1/search/autocomplete/ for the mobile app."""

from django.utils.translation import gettext as _, gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api.language import LANG_PARAMETER, LanguageMixin

from . import selectors


class AlsoInSerializer(serializers.Serializer):
    year = serializers.IntegerField(help_text="Year B.E.")
    url = serializers.CharField()


class HitSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="Type key: page, news, provision, instrument, glossary, …")
    type_label = serializers.CharField()
    title = serializers.CharField()
    title_html = serializers.CharField(help_text="The title, HTML-escaped, with matched words in <mark>.")
    url = serializers.CharField()
    snippet_html = serializers.CharField(help_text="An excerpt cut at word boundaries, HTML-escaped, with matches in <mark>.")
    date = serializers.DateField(allow_null=True)
    number = serializers.CharField(allow_blank=True)
    language = serializers.CharField()
    in_force = serializers.BooleanField(help_text="False for a superseded instrument or section.")
    also_in = AlsoInSerializer(many=True, help_text="Earlier versions of this section grouped under it, newest first.")


class FacetSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    types = FacetSerializer(many=True)
    years = FacetSerializer(many=True, help_text="Years A.D. (value); add 543 for B.E.")


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="The query as searched (cut when too long).")
    count = serializers.IntegerField(help_text="Results counted; a lower bound when count_capped.")
    count_capped = serializers.BooleanField(help_text="More documents match than were read: show “more than count”.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = HitSerializer(many=True)
    facets = FacetsSerializer()
    suggestion = serializers.CharField(allow_blank=True, help_text="“Did you mean” query, or empty.")
    notices = serializers.ListField(child=serializers.CharField())


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    title_html = serializers.CharField()
    url = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()


class AutocompleteResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    suggestions = SuggestionSerializer(many=True)


class SearchUnavailable(exceptions.APIException):
    status_code = 503
    default_code = "unavailable"
    default_detail = gettext_lazy("Search is not available at the moment. Please try again in a few minutes.")


def _absolute(request, url):
    return request.build_absolute_uri(url) if url and url.startswith("/") else url


def _int(value, name, default, maximum):
    if value is None:
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise exceptions.ValidationError({name: [_("Enter a whole number.")]}) from None
    if number < 1 or number > maximum:
        raise exceptions.ValidationError({name: [_("Enter a number from 1 to %(max)d.") % {"max": maximum}]})
    return number


class SearchView(LanguageMixin, APIView):
    """Search every public page, news item, law section and glossary term."""

    @extend_schema(
        summary=gettext_lazy("Search"),
        parameters=[
            OpenApiParameter("q", {"type": "string", "minLength": 1}, required=True, description="Words, a \"quoted phrase\", a section number (มาตรา ๒๕๖) or a year (2560 or 2017)."),
            OpenApiParameter("type", OpenApiTypes.STR, description="Only this type (a value of facets.types)."),
            OpenApiParameter("year", {"type": "integer", "minimum": 1, "maximum": 9999}, description="Only this year A.D."),
            OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": 10_000}),
            OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": 50}, description="1–50, default 10"),
            LANG_PARAMETER,
        ],
        responses={200: SearchResponseSerializer},
    )
    def get(self, request):
        params = request.query_params
        page = _int(params.get("page"), "page", 1, 10_000)
        page_size = _int(params.get("page_size"), "page_size", 10, 50)
        year = _int(params.get("year"), "year", None, 9999)
        outcome = selectors.search(
            params.get("q", ""), language=self.language, key=params.get("type") or None, year=year, page=page, per_page=page_size
        )
        if outcome.query.problem == "unavailable":
            raise SearchUnavailable(outcome.problem_message)
        if outcome.query.problem:
            raise exceptions.ValidationError({"q": [outcome.problem_message]})
        page_obj = outcome.page_obj
        data = {
            "query": outcome.query.text,
            "count": selectors.CANDIDATES if outcome.total_capped else outcome.total,
            "count_capped": outcome.total_capped,
            "page": page_obj.number,
            "pages": page_obj.paginator.num_pages,
            "results": [
                {
                    "type": hit.document.key,
                    "type_label": str(hit.type_label),
                    "title": hit.document.title,
                    "title_html": str(hit.title_html),
                    "url": _absolute(request, hit.document.url),
                    "snippet_html": str(hit.snippet),
                    "date": hit.document.date,
                    "number": hit.document.number,
                    "language": hit.document.language,
                    "in_force": hit.document.in_force,
                    "also_in": [{"year": year, "url": _absolute(request, url)} for year, url in hit.also_in],
                }
                for hit in page_obj.object_list
            ],
            "facets": {
                "types": [vars_of(facet) for facet in outcome.type_facets],
                "years": [vars_of(facet) for facet in outcome.year_facets],
            },
            "suggestion": outcome.suggestion,
            "notices": outcome.notices,
        }
        return Response(SearchResponseSerializer(data).data)


def vars_of(facet):
    return {"value": facet.value, "label": facet.label, "count": facet.count, "selected": facet.selected}


class AutocompleteView(LanguageMixin, APIView):
    """Titles for a search box as the user types (at least two characters)."""

    @extend_schema(
        summary=gettext_lazy("Search suggestions"),
        parameters=[OpenApiParameter("q", OpenApiTypes.STR, required=True), LANG_PARAMETER],
        responses={200: AutocompleteResponseSerializer},
    )
    def get(self, request):
        raw = request.query_params.get("q")
        if raw is None:
            raise exceptions.ValidationError({"q": [_("Type a word, a phrase or a section number to search.")]})
        suggestions = selectors.autocomplete(raw, language=self.language)
        for item in suggestions:
            item["url"] = _absolute(request, item["url"])
        return Response({"query": raw[:200], "suggestions": suggestions})
