"""Periodic work run by the scheduler: flagging overdue cases, closing resolved
cases nobody confirmed in time, forgetting old Idempotency-Keys."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_fsm import has_transition_perm

from ..conf import conf
from ..models import Case, CaseState, EventKind, IdempotencyKey, OfficerRole
from ..notifications import NotificationKind
from .base import make_transition, notify_citizen, notify_user, record_event

S = CaseState


def case_flag_overdue(*, today=None):
    """Flag open cases past their deadline once, and tell the supervisors and the assignee."""
    today = today or timezone.localdate()
    flagged = 0
    candidates = Case.objects.overdue(today).filter(escalated_at__isnull=True).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=pk)
            if case.escalated_at is not None or not case.is_overdue(today):
                continue
            Case.objects.filter(pk=pk).update(escalated_at=timezone.now())
            event = record_event(case, by=None, kind=EventKind.OVERDUE,
                                 data={"acknowledge_due": str(case.acknowledge_due), "resolve_due": str(case.resolve_due)})
            supervisors = get_user_model().objects.filter(
                case_profile__role=OfficerRole.SUPERVISOR, is_active=True)
            if case.department_id:
                in_department = supervisors.filter(case_profile__department_id=case.department_id)
                supervisors = in_department if in_department.exists() else supervisors
            recipients = list(supervisors)
            if case.assignee_id and case.assignee not in recipients:
                recipients.append(case.assignee)
            for user in recipients:
                notify_user(user, case, event, NotificationKind.OVERDUE)
            flagged += 1
    return flagged


def case_close_unconfirmed(*, now=None):
    """Close resolved cases the citizen neither confirmed nor reopened in time."""
    now = now or timezone.now()
    closed = 0
    candidates = Case.objects.filter(state=S.RESOLVED, resolved_at__lt=now - conf.reopen_window)
    for pk in list(candidates.values_list("pk", flat=True)):
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=pk)
            if not has_transition_perm(case.close_unconfirmed, None):
                continue
            event = make_transition(case, "close_unconfirmed", by=None, public=True)
            notify_citizen(case, event)
            closed += 1
    return closed


def purge_idempotency_keys(*, older_than=dt.timedelta(hours=24)):
    """Forget old Idempotency-Keys (their stored answer holds a PIN)."""
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
