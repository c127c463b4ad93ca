from django.conf import settings
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

LANG_PARAMETER = OpenApiParameter(
    "lang", OpenApiTypes.STR, enum=[code for code, _ in settings.LANGUAGES],
    description="Language of the content and messages (default: Accept-Language, then th).",
)


def requested_language(request):
    """The language asked for with ?lang=, if it is one of the site's."""
    lang = request.GET.get("lang")
    return lang if lang in dict(settings.LANGUAGES) else None


class LanguageMixin:
    """Lets a mobile app choose the language with ?lang=en, overriding
    Accept-Language, for both the content and the error messages."""

    def initial(self, request, *args, **kwargs):
        lang = request.query_params.get("lang")
        if lang in dict(settings.LANGUAGES):
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        super().initial(request, *args, **kwargs)

    @property
    def language(self):
        return translation.get_language() or settings.LANGUAGE_CODE
