"""The case intake's panels on the Wagtail dashboard: new complaints to screen
and overdue ones, each a short list that links into the inbox."""

from wagtail.admin.ui.components import Component

from ..models.case import AWAITING_ACKNOWLEDGEMENT
from ..selectors import visible_cases

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
    new = mine.filter(state__in=AWAITING_ACKNOWLEDGEMENT).order_by("acknowledge_due", "pk")
    overdue = mine.overdue().by_due_date()
    return [
        CasePanel(name="new_cases", heading=_("New complaints to screen"), empty=_("No new complaints are waiting."), cases=new, order=50),
        CasePanel(name="overdue_cases", heading=_("Overdue complaints"), empty=_("No complaint is overdue."), cases=overdue, order=60),
    ]


