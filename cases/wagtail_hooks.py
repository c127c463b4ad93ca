"""The case system in the Wagtail admin: the officers' inbox, case pages and
reports (menu "Cases", shown to intake, officers and supervisors), and the
lists the case system runs on as snippets: categories (editors, translatable),
departments, officer profiles, routing rules, service levels and public holidays
(supervisors), each behind its model permissions."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views.case import case_detail
from .admin_views.common import can_use_cases
from .admin_views.inbox import InboxView, bulk_assign
from .admin_views.reports import reports, reports_csv
from .models import SLA, Category, Department, Holiday, OfficerProfile, RoutingRule


class CaseAdminViewSet(ViewSet):
    """The officers' screens under /admin/cases/: the inbox (Wagtail's listing
    with filters and export), bulk assignment, reports and the case page."""

    name = "cases"
    url_namespace = "cases_admin"
    icon = "tasks"

    def get_urlpatterns(self):
        urls = {"index_url_name": "cases_admin:inbox", "index_results_url_name": "cases_admin:inbox_results"}
        return [
            path("", InboxView.as_view(**urls), name="inbox"),
            path("results/", InboxView.as_view(**urls, results_only=True), name="inbox_results"),
            path("assign/", bulk_assign, name="bulk_assign"),
            path("reports/", reports, name="reports"),
            path("reports/export.csv", reports_csv, name="reports_csv"),
            path("<str:code>/", case_detail, name="case"),
        ]


@hooks.register("register_admin_viewset")
def register_case_viewset():
    return CaseAdminViewSet()


class CaseMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_cases(request.user)


@hooks.register("register_admin_menu_item")
def register_case_menu():
    submenu = Menu(items=[
        CaseMenuItem(_("Inbox"), reverse("cases_admin:inbox"), name="case-inbox", icon_name="tasks", order=100),
        CaseMenuItem(_("Reports"), reverse("cases_admin:reports"), name="case-reports", icon_name="table",
                     order=200),
    ])
    return SubmenuMenuItem(_("Complaints"), submenu, name="cases", icon_name="mail", order=150)


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "sort_order", "active"]
    search_fields = ["name"]


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "code", "email"]


class OfficerProfileViewSet(SnippetViewSet):
    model = OfficerProfile
    icon = "user"
    menu_label = _("Officers")
    list_display = ["user", "department", "role"]
    list_filter = ["role", "department"]


class RoutingRuleViewSet(SnippetViewSet):
    model = RoutingRule
    icon = "resubmit"
    menu_label = _("Routing rules")
    list_display = ["__str__", "category", "province", "department"]
    list_filter = ["department"]


class SLAViewSet(SnippetViewSet):
    model = SLA
    icon = "time"
    menu_label = _("Service levels")
    list_display = ["category", "acknowledge_days", "resolve_days"]


class HolidayViewSet(SnippetViewSet):
    model = Holiday
    icon = "date"
    menu_label = _("Extra days off")
    list_display = ["date", "name"]
    ordering = ["-date"]


class CaseSettingsGroup(SnippetViewSetGroup):
    menu_label = _("Case settings")
    menu_icon = "cogs"
    menu_name = "case-settings"
    menu_order = 151
    items = (CategoryViewSet, DepartmentViewSet, OfficerProfileViewSet, RoutingRuleViewSet, SLAViewSet,
             HolidayViewSet)


register_snippet(CaseSettingsGroup)


@hooks.register("construct_homepage_panels")
def case_dashboard_panels(request, panels):
    """Case staff see the cases waiting for them (new, assigned, overdue) first."""
    from .admin_views.dashboard import case_panels

    panels.extend(case_panels(request.user))
