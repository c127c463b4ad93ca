"""Reads: who may see what, the public timeline."""

from django.db.models import Q

from .models import Case, CaseState, EventKind
from .models.case import in_department_scope
from .models.reference import is_supervisor


def visible_cases(user):
    """The cases an officer may see: supervisors all, intake the ones not yet
    routed plus their department's, officers their department's."""
    return Case.objects.visible_to(user)


can_see_case = in_department_scope


def can_work(user, case):
    """May add notes, replies and files: intake while screening, officers of the
    department, supervisors."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    may = user.has_perm("cases.work_case") or (user.has_perm("cases.screen_case") and case.awaiting_acknowledgement)
    return may and in_department_scope(user, case)


def can_view_identity(user, case):
    """Identity: sealed cases to supervisors only; otherwise to officers with
    the permission who may see the case (their department, or intake while screening)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if case.sealed:
        return is_supervisor(user) and user.has_perm("cases.view_sealed_identity")
    return user.has_perm("cases.view_identity") and can_see_case(user, case)


def masked(value):
    """'Somchai Jaidee' → 'S••••• J•••••'; e-mail and phone keep only their shape."""
    if not value:
        return ""
    return " ".join(word[:1] + "•" * max(len(word) - 1, 2) for word in value.split())


def public_timeline(case):
    """What the citizen sees: state changes (without internal comments), public
    replies and their own messages, oldest first."""
    events = case.events.filter(
        Q(public=True) | Q(kind=EventKind.TRANSITION)).exclude(transition="screen").order_by("seq")
    return [
        {"at": e.at, "kind": e.kind, "to_state": e.to_state, "actor_kind": e.actor_kind,
         "state_label": CaseState(e.to_state).label if e.to_state in CaseState.values else "",
         "comment": e.comment if e.public else "", "event": e}
        for e in events
    ]
