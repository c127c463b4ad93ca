"""The inbox: Wagtail's listing of the cases an officer may see, with the
filters of :class:`cases.inbox.InboxFilterSet`, search by code or words, open
cases first by due date, CSV/XLSX export, and bulk assignment."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import BaseColumn, Column, TitleColumn
from wagtail.admin.views.generic import IndexView

from .. import areas, services
from ..inbox import InboxFilterSet, assignee_choices, search_q, user_label
from ..models import Case
from .common import error_messages, require_case_access

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


class SelectColumn(BaseColumn):
    """A tick box per case, for the bulk assignment form below the table."""

    header_template_name = "cases/admin/cells/select_header.html"
    cell_template_name = "cases/admin/cells/select.html"


class TemplateColumn(Column):
    """A column drawn by its own template from the case (``instance``)."""

    def __init__(self, name, template, **kwargs):
        super().__init__(name, **kwargs)
        self.cell_template_name = template


class InboxView(IndexView):
    model = Case
    any_permission_required = ["view"]
    page_title = gettext_lazy("Case inbox")
    header_icon = "tasks"
    template_name = "cases/admin/inbox.html"
    results_template_name = "cases/admin/inbox_results.html"
    filterset_class = InboxFilterSet
    search_fields = ["subject"]
    default_ordering = "due"
    list_export = ["display_code", "subject", "officer_state_label", "get_kind_display", "category_label",
                   "province_label", "department_label", "assignee_label", "filed_at", "due_date", "overdue"]
    export_headings = {
        "display_code": gettext_lazy("Code"), "subject": gettext_lazy("Subject"),
        "officer_state_label": gettext_lazy("State"), "get_kind_display": gettext_lazy("Kind"),
        "category_label": gettext_lazy("Category"), "province_label": gettext_lazy("Province"),
        "department_label": gettext_lazy("Department"), "assignee_label": gettext_lazy("Assignee"),
        "filed_at": gettext_lazy("Filed at"), "due_date": gettext_lazy("Due"), "overdue": gettext_lazy("Overdue"),
    }
    export_filename = "cases"

    @cached_property
    def can_assign(self):
        user = self.request.user
        return user.is_superuser or user.has_perm("cases.assign_case")

    @cached_property
    def columns(self):
        columns = [
            TitleColumn("code", label=_("Code"), accessor="display_code", classname="cases-code",
                        get_url=lambda case: reverse("cases_admin:case", args=[case.code])),
            TemplateColumn("subject", "cases/admin/cells/subject.html", label=_("Subject")),
            TemplateColumn("state", "cases/admin/cells/state.html", label=_("State")),
            Column("category", label=_("Category"), accessor="category_label"),
            Column("province", label=_("Province"), accessor="province_label"),
            Column("department", label=_("Department"), accessor="department_label"),
            Column("assignee", label=_("Assignee"), accessor="assignee_label"),
            TemplateColumn("filed", "cases/admin/cells/filed.html", label=_("Filed"), sort_key="filed"),
            TemplateColumn("due", "cases/admin/cells/due.html", label=_("Due"), sort_key="due"),
        ]
        for column in columns:
            column.empty_value_display = "—"
        return [SelectColumn("select", label=_("Select")), *columns] if self.can_assign else columns

    def get_base_queryset(self):
        return Case.objects.visible_to(self.request.user).select_related("category", "department", "assignee")

    def search_queryset(self, queryset):
        return queryset.filter(search_q(self.search_query)) if self.is_searching else queryset

    def order_queryset(self, queryset):
        if self.ordering in ("filed", "-filed"):
            return queryset.order_by(self.ordering.replace("filed", "filed_at"), "pk")
        return queryset.by_due_date(descending=self.ordering == "-due")

    def get_paginate_by(self, queryset):
        if self.is_export:
            return None
        size = self.request.GET.get("per_page", "")
        return int(size) if size.isdigit() and int(size) in PAGE_SIZES else DEFAULT_PAGE_SIZE

    def with_labels(self, cases):
        """Each case with its names in the active language (those of the filters' choices)."""
        today = timezone.localdate()
        for case in cases:
            case.category_label = self.filters.category_names.get(case.category_id, case.category.name)
            case.department_label = self.filters.department_names.get(
                case.department_id, case.department.name if case.department_id else "")
            case.assignee_label = user_label(case.assignee) if case.assignee_id else ""
            case.province_label = areas.label(case.province) if case.province else ""
            case.overdue = case.is_overdue(today)
        return cases

    def paginate_queryset(self, queryset, page_size):
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        return paginator, page, self.with_labels(list(object_list)), is_paginated

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(self.with_labels(list(queryset)), spreadsheet_format)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_assign"] = self.can_assign
        context["assignees"] = assignee_choices(self.request.user) if self.can_assign else []
        return context


@require_POST
@require_case_access
def bulk_assign(request):
    """Assign (or, for supervisors, reassign) the ticked cases to one officer; each through the service."""
    back = request.POST.get("next") or ""
    target = redirect(back if back.startswith("/admin/") else "cases_admin:inbox")
    ids = [int(v) for v in request.POST.getlist("case") if v.isdigit()]
    officer_id = request.POST.get("officer", "")
    if not ids:
        messages.error(request, _("Tick the cases to assign."))
        return target
    officer = get_user_model().objects.filter(pk=officer_id).first() if officer_id.isdigit() else None
    if officer is None:
        messages.error(request, _("Choose the officer to assign the cases to."))
        return target
    done, failed = [], []
    for case in Case.objects.visible_to(request.user).filter(pk__in=ids).order_by("pk"):
        try:
            services.case_assign(case=case, officer=officer, by=request.user)
            done.append(case.display_code)
        except (services.CaseError, ValidationError, PermissionDenied) as error:
            failed.append(f"{case.display_code}: {' '.join(error_messages(error))}")
    if done:
        messages.success(request, ngettext(
            "%(count)d case assigned to %(name)s.", "%(count)d cases assigned to %(name)s.", len(done)
        ) % {"count": len(done), "name": user_label(officer)})
    for line in failed:
        messages.error(request, _("Not assigned: %(reason)s") % {"reason": line})
    if len(ids) > len(done) + len(failed):
        messages.error(request, _("Some of the ticked cases cannot be found or are not yours to see."))
    return target
