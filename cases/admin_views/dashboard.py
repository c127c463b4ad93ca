"""Case staff's panels on the Wagtail dashboard, each a short list that links
into the inbox: intake sees the new complaints to screen, officers the open
cases assigned to them, and both the overdue ones, within the cases they may
see (:func:`cases.selectors.visible_cases`)."""

from django.utils.translation import gettext_lazy as _
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


def case_panels(user):
    """The panels for a member of case staff; none for anyone else."""
    screens, works = user.has_perm("cases.screen_case"), user.has_perm("cases.work_case")
    if not (screens or works):
        return []
    mine = visible_cases(user)
    panels = []
    if screens:
        new = mine.filter(state__in=AWAITING_ACKNOWLEDGEMENT).order_by("acknowledge_due", "pk")
        panels.append(CasePanel(name="new_cases", heading=_("New complaints to screen"),
                                empty=_("No new complaints are waiting."), cases=new, order=50))
    if works:
        assigned = mine.open().filter(assignee=user).by_due_date()
        panels.append(CasePanel(name="my_cases", heading=_("Your open cases"),
                                empty=_("No open case is assigned to you."), cases=assigned, order=55))
    panels.append(CasePanel(name="overdue_cases", heading=_("Overdue complaints"),
                            empty=_("No complaint is overdue."), cases=mine.overdue().by_due_date(), order=60))
    return panels
