from wagtail.admin.forms import WagtailAdminModelForm

from cms.legislation.models import AgendaItem


class LiveSittingForm(WagtailAdminModelForm):
    """The officer picks the item under consideration from the sitting's own agenda."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        items = AgendaItem.objects.select_related("sitting")
        sitting_id = self.instance.sitting_id or self.data.get("sitting") or None
        self.fields["current_item"].queryset = items.filter(sitting_id=sitting_id) if sitting_id else items.none()
