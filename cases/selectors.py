"""Reads: who may see what, the public timeline, overdue cases."""

from django.db.models import Q
from django.utils import timezone

from .models import FINAL_STATES, OPEN_STATES, Case, CaseState, EventKind, OfficerProfile, OfficerRole

S = CaseState


def profile_of(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_cases_profile", False)
    if cached is False:
        cached = OfficerProfile.objects.filter(user=user).first()
        user._cases_profile = cached
    return cached


def is_supervisor(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    profile = profile_of(user)
    return profile is not None and profile.role == OfficerRole.SUPERVISOR and user.has_perm("cases.assign_case")


def visible_cases(user):
    """The cases an officer may see: supervisors all, intake the ones not yet
    routed plus their department's, officers their department's."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Case.objects.none()
    if user.is_superuser or is_supervisor(user):
        return Case.objects.all()
    profile = profile_of(user)
    if profile is None:
        return Case.objects.none()
    scope = Q(department_id=profile.department_id) if profile.department_id else Q(pk__in=[])
    if profile.role == OfficerRole.INTAKE and user.has_perm("cases.screen_case"):
        scope |= Q(state__in=[S.RECEIVED, S.SCREENING]) | Q(department__isnull=True)
    return Case.objects.filter(scope)


def can_see_case(user, case):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return visible_cases(user).filter(pk=case.pk).exists()


def can_work(user, case):
    """May add notes, replies and files: intake while screening, officers of the
    department, supervisors."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or is_supervisor(user):
        return True
    profile = profile_of(user)
    if profile is None:
        return False
    if profile.role == OfficerRole.INTAKE:
        return user.has_perm("cases.screen_case") and case.state in (S.RECEIVED, S.SCREENING)
    return user.has_perm("cases.work_case") and case.department_id is not None \
        and case.department_id == profile.department_id


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


def overdue_cases(*, today=None):
    today = today or timezone.localdate()
    return Case.objects.filter(
        Q(state__in=[S.RECEIVED, S.SCREENING], acknowledge_due__lt=today)
        | Q(state__in=list(OPEN_STATES - {S.RECEIVED, S.SCREENING, S.AWAITING_CITIZEN}), resolve_due__lt=today)
    )


def cases_due_for_anonymisation(*, cutoff):
    return Case.objects.filter(state__in=list(FINAL_STATES), closed_at__lt=cutoff, anonymised_at__isnull=True) \
        .exclude(contact_name="", contact_email="", contact_phone="")


def expected_date(case):
    """The date the citizen may expect an answer by (None once finished)."""
    if case.state in (S.RECEIVED, S.SCREENING):
        return case.acknowledge_due
    if case.state in OPEN_STATES:
        return case.resolve_due
    return None


def citizen_actions(case):
    """What the citizen may do on the case now."""
    recently = case.resolved_recently()
    return {
        "reply": case.state == S.AWAITING_CITIZEN,
        "confirm": case.state == S.RESOLVED and recently,
        "reopen": case.state in (S.RESOLVED, S.CLOSED) and recently and case.assignee_id is not None,
        "withdraw": case.state in {S.RECEIVED, S.SCREENING, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS,
                                   S.AWAITING_CITIZEN, S.REOPENED},
        "rate": case.state in (S.RESOLVED, S.CLOSED) and case.resolved_at is not None and case.rating is None,
    }


def place(case):
    """Where it happened, in the active language ("" if not given)."""
    if not (case.province or case.district or case.subdistrict):
        return ""
    from . import areas

    return areas.full_name(province=case.province or None, district=case.district or None,
                           subdistrict=case.subdistrict or None)
