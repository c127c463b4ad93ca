"""The laws in the Wagtail admin: instruments, provisions, amendments, topics,
mappings and the glossary as snippets (with revisions where editors correct text)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Amendment, Division, GlossaryTerm, Instrument, Provision, SectionMapping, Topic


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "doc-full"
    list_display = ["title", "kind", "promulgated", "dates_verified", "published"]
    list_filter = ["kind", "chamber", "dates_verified", "published"]
    search_fields = ["title", "english_title"]


class ProvisionViewSet(SnippetViewSet):
    model = Provision
    icon = "list-ul"
    list_display = ["__str__", "order", "transitory"]
    list_filter = ["instrument"]
    ordering = ["instrument", "order"]


class DivisionViewSet(SnippetViewSet):
    model = Division
    icon = "folder-open-inverse"
    list_display = ["__str__", "instrument", "kind", "order"]
    list_filter = ["instrument", "kind"]


class AmendmentViewSet(SnippetViewSet):
    model = Amendment
    icon = "edit"
    list_display = ["title", "instrument", "in_force"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name_th", "name_en", "order"]


class MappingViewSet(SnippetViewSet):
    model = SectionMapping
    icon = "resubmit"
    list_display = ["label_th", "topic"]
    list_filter = ["topic"]


class GlossaryViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    list_display = ["term_th", "term_en"]
    search_fields = ["term_th", "term_en"]


class LawsGroup(SnippetViewSetGroup):
    menu_label = _("Laws")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (InstrumentViewSet, ProvisionViewSet, DivisionViewSet, AmendmentViewSet, TopicViewSet, MappingViewSet, GlossaryViewSet)


register_snippet(LawsGroup)
