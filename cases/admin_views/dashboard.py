"""The case intake's panels on the Wagtail dashboard: new complaints to screen
and overdue ones, each a short list that links into the inbox."""

from django.db.models import Q
from wagtail.admin.ui.components import Component

from ..models import CaseState
from ..selectors import overdue_cases, visible_cases

PANEL_SIZE = 8


class CasePanel(Component):
    template_name = "cases/admin/panels/cases.html"

    def __init__(self, *, name, heading, empty, cases, order):
        self.name, self.heading, self.empty, self.order = name, heading, empty, order
        self.cases = cases

    def get_context_data(self, parent_context=None):
        return {"panel": self, "cases": list(self.cases[:PANEL_SIZE])}


def intake_panels(user):
    """Panels for an officer who screens new cases (the screen_case permission)."""
    from django.utils.translation import gettext_lazy as _

    if not user.has_perm("cases.screen_case"):
        return []
    mine = visible_cases(user)
    new = mine.filter(state__in=[CaseState.RECEIVED, CaseState.SCREENING]).order_by("acknowledge_due", "pk")
    overdue = mine.filter(Q(pk__in=overdue_cases().values("pk"))).order_by("resolve_due", "acknowledge_due", "pk")
    return [
        CasePanel(name="new_cases", heading=_("New complaints to screen"), empty=_("No new complaints are waiting."), cases=new, order=50),
        CasePanel(name="overdue_cases", heading=_("Overdue complaints"), empty=_("No complaint is overdue."), cases=overdue, order=60),
    ]


