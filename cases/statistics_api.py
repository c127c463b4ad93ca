"""``GET /api/v1/cases/statistics/``: the public statistics page as JSON, for the
mobile app. Counts only, as on the page (small provinces merged, no departments)."""

from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_page
from django.views.decorators.vary import vary_on_headers
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api.language import LANG_PARAMETER, LanguageMixin

from .reports import build_report


class StatisticsRowSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Stable key: a state, kind, category slug, province code or month (YYYY-MM)")
    label = serializers.CharField(help_text="The label in the requested language")
    count = serializers.IntegerField()


class CaseStatisticsSerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text="Every case filed")
    open = serializers.IntegerField(help_text="Cases still being handled")
    on_time = serializers.IntegerField(help_text="Cases resolved by their deadline")
    late = serializers.IntegerField(help_text="Cases resolved late, or still open past their deadline")
    on_time_rate = serializers.FloatField(allow_null=True, help_text="on_time / (on_time + late), 0..1; null before any is measurable")
    median_days_to_resolve = serializers.FloatField(allow_null=True)
    by_state = StatisticsRowSerializer(many=True)
    by_kind = StatisticsRowSerializer(many=True)
    by_category = StatisticsRowSerializer(many=True)
    by_province = StatisticsRowSerializer(many=True, help_text="Provinces with fewer than five cases are counted together")
    by_month = StatisticsRowSerializer(many=True, help_text="The last twelve months")


@method_decorator([cache_page(300), vary_on_headers("Accept-Language")], name="get")
class CaseStatisticsView(LanguageMixin, APIView):
    """Aggregated, anonymous statistics of complaints and suggestions."""

    permission_classes = [AllowAny]

    @extend_schema(summary="Complaint statistics", parameters=[LANG_PARAMETER], responses=CaseStatisticsSerializer)
    def get(self, request):
        return Response(CaseStatisticsSerializer(build_report(public=True)).data)
