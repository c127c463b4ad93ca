"""The inbox: the cases an officer may see, filtered, searched, sorted by due date, with bulk assignment."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .. import areas, selectors, services
from ..inbox import InboxFilters, assignee_choices, category_names, inbox_cases, localized_names, user_label
from ..models import Case, CaseKind, CaseState, Category, Department
from .common import require_case_access

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


def _page_size(value):
    try:
        size = int(value)
    except (TypeError, ValueError):
        return DEFAULT_PAGE_SIZE
    return size if size in PAGE_SIZES else DEFAULT_PAGE_SIZE


def inbox_rows(page_cases, *, today=None):
    """What each row shows, computed without further queries per row."""
    today = today or timezone.localdate()
    names = category_names({c.category for c in page_cases})
    departments = localized_names({c.department for c in page_cases if c.department_id})
    rows = []
    for case in page_cases:
        due = case.acknowledge_due if case.state in (CaseState.RECEIVED, CaseState.SCREENING) else case.resolve_due
        rows.append({
            "case": case, "category": names.get(case.category_id, ""),
            "department": departments.get(case.department_id, ""),
            "assignee": user_label(case.assignee) if case.assignee_id else "",
            "province": areas.label(case.province), "due": due if case.is_open else None,
            "overdue": case.is_overdue(today),
        })
    return rows


@require_case_access
def inbox(request):
    filters = InboxFilters.from_query(request.GET)
    cases = inbox_cases(user=request.user, filters=filters)
    paginator = Paginator(cases, _page_size(request.GET.get("per_page")))
    page = paginator.get_page(request.GET.get("p"))
    rows = inbox_rows(list(page.object_list))
    user = request.user
    query = request.GET.copy()
    query.pop("p", None)
    context = {
        "rows": rows, "page_obj": page, "paginator": paginator, "filters": filters,
        "query_string": query.urlencode(), "page_sizes": PAGE_SIZES, "per_page": paginator.per_page,
        "states": CaseState.choices, "kinds": CaseKind.choices,
        "categories": _categories(),
        "departments": _departments(user), "provinces": areas.provinces(),
        "assignees": _assignees(user),
        "can_assign": user.is_superuser or user.has_perm("cases.assign_case"),
        "is_supervisor": selectors.is_supervisor(user),
    }
    return render(request, "cases/admin/inbox.html", context)


def _categories():
    originals = list(Category.objects.filter(locale__language_code="th").order_by("sort_order", "name")) \
        or list(Category.objects.order_by("sort_order", "name"))
    names = category_names(originals)
    return [(c.pk, names[c.pk]) for c in originals]


def _departments(user):
    departments = Department.objects.all()
    if not (user.is_superuser or selectors.is_supervisor(user)):
        profile = selectors.profile_of(user)
        departments = departments.filter(pk=profile.department_id if profile else None)
    originals = list(departments.filter(locale__language_code="th")) or list(departments)
    names = localized_names(originals)
    return [(d.pk, names[d.pk]) for d in originals]


def _assignees(user):
    profiles = assignee_choices(user)
    names = localized_names({p.department for p in profiles if p.department_id})
    return [(p.user_id, user_label(p.user), names.get(p.department_id, "")) for p in profiles]


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
    for case in selectors.visible_cases(request.user).filter(pk__in=ids).order_by("pk"):
        try:
            services.case_assign(case=case, officer=officer, by=request.user)
            done.append(case.display_code)
        except (services.CaseError, ValidationError, PermissionDenied) as error:
            reason = _messages_of(error)
            failed.append(f"{case.display_code}: {reason}")
    if done:
        messages.success(request, ngettext(
            "%(count)d case assigned to %(name)s.", "%(count)d cases assigned to %(name)s.", len(done)
        ) % {"count": len(done), "name": user_label(officer)})
    for line in failed:
        messages.error(request, _("Not assigned: %(reason)s") % {"reason": line})
    missing = len(ids) - len(done) - len(failed)
    if missing > 0:
        messages.error(request, _("Some of the ticked cases cannot be found or are not yours to see."))
    return target


def _messages_of(error):
    from .common import error_messages

    return " ".join(error_messages(error))


__all__ = ["inbox", "bulk_assign", "inbox_rows", "Case"]
