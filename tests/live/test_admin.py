"""An officer changes the live sitting in the Wagtail admin; open pages are told."""

import pytest
from django.urls import reverse

from cms.live.models import LiveSitting
from tests.factories import AgendaItemFactory, LiveSittingFactory

pytestmark = pytest.mark.django_db


def test_saving_in_the_admin_announces_the_change(admin_client, django_capture_on_commit_callbacks):
    live = LiveSittingFactory()
    item = AgendaItemFactory(sitting=live.sitting)
    AgendaItemFactory()  # another sitting's item is not offered
    url = reverse("wagtailsnippets_live_livesitting:edit", args=[live.pk])
    form = admin_client.get(url).context["form"]
    assert list(form.fields["current_item"].queryset) == [item]
    response = admin_client.post(url, {"sitting": live.sitting_id, "on_air": "on", "current_item": item.pk,
                                       "item_status": "voting"})
    assert response.status_code == 302
    live = LiveSitting.objects.get(pk=live.pk)
    assert (live.current_item, live.item_status, live.version) == (item, "voting", 1)
