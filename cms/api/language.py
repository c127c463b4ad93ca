from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

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
        lang = requested_language(request)
        if lang:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        elif "lang" in request.query_params:
            raise ValidationError({"lang": [_("Choose one of: %(choices)s.") % {
                "choices": ", ".join(code for code, _name in settings.LANGUAGES)}]})
        super().initial(request, *args, **kwargs)

    @property
    def language(self):
        return translation.get_language() or settings.LANGUAGE_CODE
