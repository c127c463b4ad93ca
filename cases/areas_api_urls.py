"""/api/v1/areas/…: Thai administrative areas for cascading selects (provinces → districts →
subdistricts), in Thai or English (?lang=en). Read-only, public, cacheable; the list is static."""

from django.urls import path
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from cms.api.language import LANG_PARAMETER, LanguageMixin

from . import areas


class AreaSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Official DOPA code: 2 digits (province), 4 (district), 6 (subdistrict).")
    name = serializers.CharField(help_text="Name in the requested language.")
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    level = serializers.ChoiceField(choices=["province", "district", "subdistrict"])
    parent_code = serializers.CharField(allow_null=True)


class _AreaView(LanguageMixin, APIView):
    authentication_classes = []
    permission_classes = []
    throttle_classes = []  # static public data, requested on every change of a select

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(response, public=True, max_age=86400)
        response.headers.setdefault("Vary", "Accept-Language")
        return response


class ProvinceListView(_AreaView):
    @extend_schema(summary=_("List the provinces of Thailand"), parameters=[LANG_PARAMETER],
                   responses=AreaSerializer(many=True), tags=["areas"])
    def get(self, request):
        return Response(AreaSerializer(areas.provinces(), many=True).data)


CODE = OpenApiParameter("code", str, OpenApiParameter.PATH)


class DistrictListView(_AreaView):
    @extend_schema(summary=_("List the districts of a province"), parameters=[CODE, LANG_PARAMETER],
                   responses=AreaSerializer(many=True), tags=["areas"])
    def get(self, request, code):
        if areas.get(code) is None or len(code) != 2:
            raise NotFound(_("Unknown province."))
        return Response(AreaSerializer(areas.districts(code), many=True).data)


class SubdistrictListView(_AreaView):
    @extend_schema(summary=_("List the subdistricts of a district"), parameters=[CODE, LANG_PARAMETER],
                   responses=AreaSerializer(many=True), tags=["areas"])
    def get(self, request, code):
        if areas.get(code) is None or len(code) != 4:
            raise NotFound(_("Unknown district."))
        return Response(AreaSerializer(areas.subdistricts(code), many=True).data)


class AreaDetailView(_AreaView):
    @extend_schema(summary=_("One province, district or subdistrict by its code"),
                   parameters=[CODE, LANG_PARAMETER], responses=AreaSerializer, tags=["areas"])
    def get(self, request, code):
        area = areas.get(code)
        if area is None:
            raise NotFound(_("Unknown area code."))
        return Response(AreaSerializer(area).data)


urlpatterns = [
    path("areas/provinces/", ProvinceListView.as_view(), name="area-provinces"),
    path("areas/provinces/<str:code>/districts/", DistrictListView.as_view(), name="area-districts"),
    path("areas/districts/<str:code>/subdistricts/", SubdistrictListView.as_view(), name="area-subdistricts"),
    path("areas/<str:code>/", AreaDetailView.as_view(), name="area-detail"),
]
