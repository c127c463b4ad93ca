"""The public phone book for the mobile app: offices and people marked public."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from wagtail.models import Locale

from cms.api.language import LANG_PARAMETER, LanguageMixin

from . import selectors
from .models import Office, StaffMember


class OfficeSerializer(serializers.ModelSerializer):
    language = serializers.CharField(source="locale.language_code")
    vcard_url = serializers.SerializerMethodField()

    class Meta:
        model = Office
        fields = ["id", "name", "language", "location", "phone", "extension", "fax", "email", "vcard_url"]

    def get_vcard_url(self, office) -> str:
        return self.context["request"].build_absolute_uri(office.get_vcard_url())


class PersonSerializer(serializers.ModelSerializer):
    language = serializers.CharField(source="locale.language_code")
    office = serializers.CharField(source="office.name", allow_null=True, default=None)
    office_id = serializers.IntegerField(allow_null=True)
    vcard_url = serializers.SerializerMethodField()

    class Meta:
        model = StaffMember
        fields = ["id", "name", "language", "position", "office", "office_id", "phone", "extension", "email", "vcard_url"]

    def get_vcard_url(self, person) -> str:
        return self.context["request"].build_absolute_uri(person.get_vcard_url())


class _AnonymousView:
    """The API shows the public phone book only, whoever asks."""

    def directory(self):
        request: Request = self.request
        return selectors.directory(
            user=None, query=request.query_params.get("q", ""),
            locale=Locale.objects.filter(language_code=self.language).first() or Locale.get_default(),
        )


QUERY = OpenApiParameter("q", str, description="Any part of a name, position, office, number or e-mail (Thai)")


@extend_schema_view(
    list=extend_schema(summary=_("List offices"), parameters=[LANG_PARAMETER, QUERY]),
    retrieve=extend_schema(summary=_("One office"), parameters=[LANG_PARAMETER]),
)
class OfficeViewSet(LanguageMixin, _AnonymousView, viewsets.ReadOnlyModelViewSet):
    """Offices of the Secretariat of the Senate."""

    queryset = Office.objects.none()
    serializer_class = OfficeSerializer

    def get_queryset(self):
        if self.action == "list":
            return self.directory().offices
        return Office.objects.public().select_related("locale")


@extend_schema_view(
    list=extend_schema(summary=_("List people in the phone book"), parameters=[LANG_PARAMETER, QUERY]),
    retrieve=extend_schema(summary=_("One person in the phone book"), parameters=[LANG_PARAMETER]),
)
class PersonViewSet(LanguageMixin, _AnonymousView, viewsets.ReadOnlyModelViewSet):
    """Staff of the Secretariat whose entries are public."""

    queryset = StaffMember.objects.none()
    serializer_class = PersonSerializer

    def get_queryset(self):
        if self.action == "list":
            return self.directory().people
        return StaffMember.objects.public().select_related("locale", "office")
