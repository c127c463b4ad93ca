from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .forms import LiveSittingForm
from .models import LiveSitting
from .services import live_announce


class LiveSittingViewSet(SnippetViewSet):
    model = LiveSitting
    icon = "media"
    menu_label = _("Live sitting")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["sitting", "on_air", "current_item", "item_status", "updated_at"]
    list_filter = ["on_air"]
    edit_handler = ObjectList(
        [FieldPanel("sitting"), FieldPanel("on_air"), FieldPanel("current_item"), FieldPanel("item_status")],
        base_form_class=LiveSittingForm,
    )


register_snippet(LiveSittingViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def announce_live_change(request, instance):
    """Every open page of the sitting shows what the officer saved."""
    if isinstance(instance, LiveSitting):
        live_announce(live=instance)
