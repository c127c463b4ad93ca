"""The officers' actions on a case: workflow transitions, assignment, notes
and public replies, corrections, related cases, files, and seeing the
complainant's identity. Each runs in one transaction on the locked case row."""

from functools import cache

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import has_transition_perm

from .. import areas, selectors
from ..models import Case, CaseState, Citizen, EventKind, OfficerRole
from ..models.reference import is_supervisor, officer_profile
from ..notifications import NotificationKind
from .base import (
    TransitionRefused, check_upload, lock, make_transition, notify_citizen, notify_user, record_event, refresh, refuse,
    required_text, store_attachment,
)

S = CaseState
# State changes the citizen is e-mailed about.
CITIZEN_NOTIFIED = {S.ACCEPTED, S.REJECTED, S.REFERRED, S.AWAITING_CITIZEN, S.RESOLVED, S.CLOSED}


@cache
def staff_transitions():
    """The transitions officers make by name: all but the citizen's and the system's."""
    return frozenset(t.name for t in Case._meta.get_field("state").get_all_transitions(Case)
                     if not (t.custom.get("citizen") or t.custom.get("system")))


def available_transitions(case, user):
    """The transitions ``user`` may make on ``case`` now, with their labels."""
    return [t for t in case.get_available_user_state_transitions(user) if t.name in staff_transitions()]


def case_transition(*, case, transition, by, comment="", public=False, **data):
    """Make a workflow transition as an officer.

    ``data``: ``reason`` (reject), ``agency`` (refer), ``officer`` (assign).
    Raises :class:`CaseConflict` when the case changed under the caller,
    :class:`TransitionRefused` when the transition is not possible now, and
    ``PermissionDenied`` when ``by`` may not make it."""
    if transition not in staff_transitions():
        raise TransitionRefused(_("Unknown action."))
    if transition == "assign":
        return case_assign(case=case, officer=data.get("officer"), by=by, comment=comment)
    with transaction.atomic():
        locked = lock(case)
        method = getattr(locked, transition)
        if not has_transition_perm(method, by):
            refuse(locked, method)
        args = {}
        if transition == "reject":
            args["reason"] = required_text(data.get("reason") or comment, "reason",
                                           _("Give the reason for rejecting the case."))
            public = True
        elif transition == "refer":
            args["agency"] = required_text(data.get("agency"), "agency", _("Name the agency the case is referred to."))
        event = make_transition(locked, transition, by=by, comment=comment, public=public, **args)
        if locked.state in CITIZEN_NOTIFIED:
            notify_citizen(locked, event)
    refresh(case, locked)
    return locked


def case_assign(*, case, officer, by, comment=""):
    """Assign an accepted case to an officer of its department, or (supervisors)
    reassign a case already being worked."""
    if officer is None:
        raise ValidationError({"officer": [_("Choose an officer.")]})
    with transaction.atomic():
        locked = lock(case)
        profile = officer_profile(officer)
        if profile is None or profile.role == OfficerRole.INTAKE:
            raise ValidationError({"officer": [_("This person is not a case officer.")]})
        if locked.department_id is None:
            locked.department = profile.department
        elif profile.department_id != locked.department_id:
            raise ValidationError({"officer": [_("The officer must belong to the case's department.")]})
        from_state = locked.state
        if locked.state == S.ACCEPTED:
            if not has_transition_perm(locked.assign, by):
                refuse(locked, locked.assign)
            locked.assign(officer)
            kind, transition_name = EventKind.TRANSITION, "assign"
        elif locked.reassignable:
            if not is_supervisor(by):
                raise PermissionDenied(_("Only a supervisor may reassign a case."))
            if locked.assignee_id == officer.pk:
                raise ValidationError({"officer": [_("The case is already assigned to this officer.")]})
            locked.assignee = officer
            kind, transition_name = EventKind.ASSIGNMENT, ""
        else:
            refuse(locked, locked.assign)
        locked.save()
        event = record_event(locked, by=by, kind=kind, transition=transition_name, from_state=from_state,
                             to_state=locked.state, comment=comment,
                             data={"assignee": officer.pk,
                                   "assignee_name": officer.get_full_name() or officer.get_username()})
        notify_user(officer, locked, event, NotificationKind.ASSIGNED)
    refresh(case, locked)
    return locked


def _worked(case, by):
    """The case locked for a change by ``by``, who must be allowed to work it (in a transaction)."""
    locked = lock(case, expect_state=False)
    if not selectors.can_work(by, locked):
        raise PermissionDenied
    return locked


def case_add_note(*, case, by, text):
    """An internal note: never shown to the citizen."""
    text = required_text(text, "text", _("Write the note."))
    with transaction.atomic():
        return record_event(_worked(case, by), by=by, kind=EventKind.NOTE, comment=text, public=False)


def case_reply_public(*, case, by, text):
    """A reply the citizen sees on the tracking page and receives by e-mail."""
    text = required_text(text, "text", _("Write the reply."))
    with transaction.atomic():
        locked = _worked(case, by)
        event = record_event(locked, by=by, kind=EventKind.PUBLIC_REPLY, comment=text, public=True)
        notify_citizen(locked, event)
        return event


EDITABLE_FIELDS = ("kind", "category", "subject", "province", "district", "subdistrict", "respondent", "sealed")


def case_update(*, case, by, **changes):
    """Correct the details of a case (not the complainant's identity); each change is logged."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = _worked(case, by)
        if "sealed" in changes and not is_supervisor(by) and not by.has_perm("cases.screen_case"):
            raise PermissionDenied
        diff = {}
        for name, value in changes.items():
            old = getattr(locked, name)
            if old != value:
                setattr(locked, name, value)
                diff[name] = [_plain(old), _plain(value)]
        if not diff:
            return locked
        if {"province", "district", "subdistrict"} & set(diff):
            areas.validate_chain(province=locked.province, district=locked.district, subdistrict=locked.subdistrict)
        locked.save()
        record_event(locked, by=by, kind=EventKind.FIELD_CHANGE, data={"changes": diff})
    refresh(case, locked)
    return locked


def _plain(value):
    return value.pk if hasattr(value, "pk") else value


def case_link(*, case, other, by):
    """Mark two cases as related (for instance a duplicate)."""
    if case.pk == other.pk:
        raise ValidationError(_("A case cannot be related to itself."))
    with transaction.atomic():
        locked = _worked(case, by)
        locked.related_cases.add(other)
        record_event(locked, by=by, kind=EventKind.LINK, data={"related": other.code})
        Case.objects.select_for_update().get(pk=other.pk)
        record_event(other, by=by, kind=EventKind.LINK, data={"related": locked.code})


def case_view_identity(*, case, by):
    """The complainant's identity for an officer allowed to see it; the view is logged."""
    with transaction.atomic():
        locked = lock(case, expect_state=False)
        if not selectors.can_view_identity(by, locked):
            raise PermissionDenied(_("You may not see the identity of this complainant."))
        record_event(locked, by=by, kind=EventKind.IDENTITY_VIEW)
    return {"name": locked.contact_name, "email": locked.contact_email, "phone": locked.contact_phone,
            "anonymous": locked.anonymous}


def case_add_attachment(*, case, file, by, public=False):
    """An officer (or the citizen, through their own functions) adds a file."""
    checked = check_upload(file)
    with transaction.atomic():
        locked = lock(case, expect_state=False)
        if not isinstance(by, Citizen) and not selectors.can_work(by, locked):
            raise PermissionDenied
        return store_attachment(locked, checked, by=by, public=public)


def case_open_attachment(*, attachment, by):
    """Check that ``by`` may see the file and log that they did. Returns the attachment."""
    with transaction.atomic():
        case = lock(attachment.case, expect_state=False)
        if not selectors.can_see_case(by, case):
            raise PermissionDenied
        record_event(case, by=by, kind=EventKind.ATTACHMENT_VIEW, data={"attachment": attachment.pk})
    return attachment
