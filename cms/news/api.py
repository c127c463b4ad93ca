"""News for the mobile app: list and detail, in Thai or English."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from cms.api.language import LANG_PARAMETER, LanguageMixin

from .models import NewsPage


class CategorySerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class ImageSerializer(serializers.Serializer):
    url = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    alt = serializers.CharField()


class NewsSummarySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    language = serializers.CharField(source="locale.language_code")
    category = CategorySerializer(allow_null=True)
    tags = serializers.SerializerMethodField()
    featured_image = serializers.SerializerMethodField()

    class Meta:
        model = NewsPage
        fields = ["id", "title", "slug", "url", "language", "date", "summary", "category", "tags", "featured_image"]

    def get_url(self, page) -> str:
        request = self.context.get("request")
        url = page.get_url(request=request)
        return request.build_absolute_uri(url) if request and url else url or ""

    def get_tags(self, page) -> list[str]:
        return sorted(tag.name for tag in page.tags.all())

    @extend_schema_field(ImageSerializer(allow_null=True))
    def get_featured_image(self, page):
        image = page.featured_image
        if image is None:
            return None
        rendition = image.get_rendition("fill-800x450")
        request = self.context.get("request")
        url = rendition.url
        return {
            "url": request.build_absolute_uri(url) if request else url,
            "width": rendition.width,
            "height": rendition.height,
            "alt": image.title,
        }


class NewsDetailSerializer(NewsSummarySerializer):
    body_html = serializers.SerializerMethodField()
    translations = serializers.SerializerMethodField()

    class Meta(NewsSummarySerializer.Meta):
        fields = NewsSummarySerializer.Meta.fields + ["body_html", "translations", "last_published_at"]

    def get_body_html(self, page) -> str:
        return str(page.body)

    def get_translations(self, page) -> dict[str, int]:
        """The ids of this article in the other languages, for a language switch."""
        return {
            translation.locale.language_code: translation.pk
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }


@extend_schema_view(
    list=extend_schema(
        summary=_("List news"),
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("category", str, description="Category slug"),
            OpenApiParameter("tag", str, description="Tag name"),
        ],
    ),
    retrieve=extend_schema(summary=_("One news article"), parameters=[LANG_PARAMETER]),
)
class NewsViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """News of the Senate, newest first."""

    queryset = NewsPage.objects.none()  # lets the schema know the id is an integer

    def get_queryset(self):
        queryset = (
            NewsPage.objects.live().public()
            .select_related("locale", "category", "featured_image")
            .prefetch_related("tags")
            .order_by("-date", "-pk")
        )
        if self.action == "list":
            queryset = queryset.filter(locale__language_code=self.language)
            if category := self.request.query_params.get("category"):
                queryset = queryset.filter(category__slug=category)
            if tag := self.request.query_params.get("tag"):
                queryset = queryset.filter(tags__name=tag)
        return queryset

    def get_serializer_class(self):
        return NewsDetailSerializer if self.action == "retrieve" else NewsSummarySerializer
