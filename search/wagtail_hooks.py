from wagtail.snippets.models import register_snippet

from .models import Abbreviation

register_snippet(Abbreviation)
