"""Every write to a case, one function per action (keyword-only arguments).

Each function runs in one database transaction: it locks the case row
(``select_for_update``), checks the permission (``has_transition_perm`` for
transitions), makes the change, saves, appends the audit event to the case's record and queues
the notifications in the shared outbox (:mod:`cms.records`), sent after commit."""

import contextlib
import contextvars
import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, has_transition_perm

from cms.records import services as records

from . import selectors
from .calendar import WorkingCalendar
from .conf import conf
from .models import (
    CITIZEN, SLA, Attachment, Case, CaseState, Citizen, EventKind, OfficerProfile, OfficerRole, RoutingRule,
)
from .models.case import new_code, new_pin
from .notifications import NotificationKind, notify

S = CaseState

# Transitions an officer may ask for by name (citizen ones have their own functions).
STAFF_TRANSITIONS = ("screen", "accept", "reject", "refer", "assign", "start", "request_information", "resume",
                     "resolve", "close")
# State changes the citizen is e-mailed about.
CITIZEN_NOTIFIED = {S.ACCEPTED, S.REJECTED, S.REFERRED, S.AWAITING_CITIZEN, S.RESOLVED, S.CLOSED}


class CaseError(Exception):
    """An action that cannot be done now; ``str()`` is a translated message for the user."""

    code = "case_error"


class CaseConflict(CaseError):
    code = "conflict"


class TransitionRefused(CaseError):
    code = "transition_not_allowed"


class PinLocked(CaseError):
    code = "locked"


class WrongPin(CaseError):
    code = "wrong_pin"


_notify = contextvars.ContextVar("cases_notify", default=True)
# The one PIN of a bulk load (the demo), hashed once: see Case.set_pin.
bulk_pin = contextvars.ContextVar("cases_bulk_pin", default=None)


@contextlib.contextmanager
def notifications_suppressed():
    """For bulk loading (the demo): record everything, e-mail nobody."""
    token = _notify.set(False)
    try:
        yield
    finally:
        _notify.reset(token)


# Internals -------------------------------------------------------------------

def _lock(case, *, expect_state=True):
    """The case row, locked for this transaction. A caller holding an older
    copy (another officer changed the state meanwhile) gets a conflict."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expect_state and case.state != locked.state:
        raise CaseConflict(_(
            "Someone else has just changed this case (it is now “%(state)s”). Reload it and try again."
        ) % {"state": locked.get_state_display()})
    return locked


def _actor(by):
    if by is None:
        return None, "system"
    if isinstance(by, Citizen):
        return None, "citizen"
    return by, "officer"


def record_event(case, *, by, kind, transition="", from_state="", to_state="", comment="", public=False, data=None,
                 at=None):
    """Append one audit event to the case's record (in the caller's transaction)."""
    actor, actor_kind = _actor(by)
    return records.record_event(
        subject=case, kind=kind, actor=actor, actor_kind=actor_kind, transition=transition, from_state=from_state,
        to_state=to_state, comment=comment, public=public, data=data, at=at,
    )


def _citizen_notification(case, event, kind=NotificationKind.CITIZEN_UPDATE, payload=None):
    if not _notify.get() or case.anonymous or not case.contact_email:
        return None
    return notify(case=case, event=event, kind=kind, email=case.contact_email, language=case.language,
                  payload=payload)


def _user_notification(user, case, event, kind):
    if not _notify.get() or user is None or not user.email:
        return None
    language = getattr(getattr(user, "wagtail_userprofile", None), "preferred_language", "") or "th"
    return notify(case=case, event=event, kind=kind, email=user.email, language=language)


def _sla_days(category):
    sla = SLA.objects.filter(category_id=category.pk).first()
    if sla is None:
        return conf.default_acknowledge_days, conf.default_resolve_days
    return sla.acknowledge_days, sla.resolve_days


def _validate_areas(province, district, subdistrict):
    if not (province or district or subdistrict):
        return
    from . import areas

    areas.validate_chain(province=province or None, district=district or None, subdistrict=subdistrict or None)


def route(case):
    """The department for the case by the routing rules: the most specific wins."""
    rules = RoutingRule.objects.filter(category__in=[case.category_id, None]).filter(
        province__in=[case.province, ""]).select_related("department")
    best = sorted(rules, key=lambda r: (r.category_id is None, r.province == ""))
    return best[0].department if best else None


def _profile(user):
    return OfficerProfile.objects.filter(user=user).select_related("department").first()


# Filing ---------------------------------------------------------------------------

def case_file(*, kind, category, subject, description, province="", district="", subdistrict="", respondent="",
              anonymous=False, contact_name="", contact_email="", contact_phone="", consent=False, language="th",
              attachments=(), channel="web", filed_at=None, pin=None):
    """File a new case. Returns ``(case, pin)``: the PIN is shown once and stored hashed.

    ``pin`` is for bulk loading only (the demo gives every demo case one known PIN)."""
    errors = {}
    if not category.active:
        errors["category"] = [_("Choose a category from the list.")]
    if not consent:
        errors["consent"] = [_("Please agree to the personal data notice to file your case.")]
    if anonymous:
        contact_name = contact_email = contact_phone = ""
    elif not (contact_name.strip() and (contact_email or contact_phone)):
        errors["contact_name"] = [_("Give your name and an e-mail address or phone number, or file anonymously.")]
    try:
        _validate_areas(province, district, subdistrict)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                errors.setdefault(field if field in ("province", "district", "subdistrict") else "province",
                                  []).extend(messages)
        else:
            errors.setdefault("province", []).extend(error.messages)
    if len(attachments) > conf.max_attachments:
        errors["attachments"] = [_("Attach at most %(count)d files.") % {"count": conf.max_attachments}]
    checked = []
    for upload in attachments:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.setdefault("attachments", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)

    filed_at = filed_at or timezone.now()
    ack_days, resolve_days = _sla_days(category)
    calendar = WorkingCalendar()
    filed_day = timezone.localtime(filed_at).date()
    pin = pin or new_pin()
    with transaction.atomic():
        case = Case(
            kind=kind, category=category, subject=subject.strip(), description=description.strip(),
            province=province or "", district=district or "", subdistrict=subdistrict or "", respondent=respondent,
            anonymous=anonymous, contact_name=contact_name.strip(), contact_email=contact_email.strip(),
            contact_phone=contact_phone.strip(), consent_at=filed_at, language=language, channel=channel,
            filed_at=filed_at, acknowledge_due=calendar.add_working_days(filed_day, ack_days),
            resolve_due=calendar.add_working_days(filed_day, resolve_days),
        )
        case.set_pin(pin)
        for _attempt in range(5):
            case.code = new_code()
            try:
                with transaction.atomic():
                    case.save()
                break
            except IntegrityError:
                if Case.objects.filter(code=case.code).exists():
                    case.pk = None
                    case._state.adding = True
                    continue
                raise
        event = record_event(case, by=CITIZEN, kind=EventKind.FILED, to_state=case.state, public=True,
                             data={"kind": kind, "channel": channel}, at=filed_at)
        for content in checked:
            _store_attachment(case, content, by=CITIZEN, public=True)
        _citizen_notification(case, event, NotificationKind.CITIZEN_FILED, {"pin": pin})
    return case, pin


# Attachments ------------------------------------------------------------------------

class CheckedUpload:
    def __init__(self, *, name, data, content_type, extension):
        self.name, self.data, self.content_type, self.extension = name, data, content_type, extension


def check_upload(upload):
    """Read an uploaded file and check its size and its type by content."""
    import filetype

    name = getattr(upload, "name", "file") or "file"
    size = getattr(upload, "size", None)
    if size is not None and size > conf.max_upload_bytes:
        raise ValidationError(_("“%(name)s” is too large: the limit is %(mb)s MB.")
                              % {"name": name, "mb": conf.max_upload_bytes // (1024 * 1024)})
    upload.seek(0)
    data = upload.read(conf.max_upload_bytes + 1)
    if len(data) > conf.max_upload_bytes:
        raise ValidationError(_("“%(name)s” is too large: the limit is %(mb)s MB.")
                              % {"name": name, "mb": conf.max_upload_bytes // (1024 * 1024)})
    guess = filetype.guess(data)
    if guess is None or guess.mime not in conf.allowed_types:
        raise ValidationError(_("“%(name)s” is not a photo (JPEG, PNG, WebP) or a PDF.") % {"name": name})
    return CheckedUpload(name=name[:200], data=data, content_type=guess.mime,
                         extension=conf.allowed_types[guess.mime])


def _store_attachment(case, checked, *, by, public):
    actor, _kind = _actor(by)
    attachment = Attachment(
        case=case, original_name=checked.name, content_type=checked.content_type, extension=checked.extension,
        size=len(checked.data), sha256=hashlib.sha256(checked.data).hexdigest(), uploaded_by=actor, public=public,
    )
    attachment.file.save(checked.name, ContentFile(checked.data), save=False)
    attachment.save()
    record_event(case, by=by, kind=EventKind.ATTACHMENT, public=public,
                 data={"attachment": attachment.pk, "name": attachment.original_name, "size": attachment.size})
    return attachment


def case_add_attachment(*, case, file, by, public=False):
    """An officer (or the citizen, through their own functions) adds a file."""
    checked = check_upload(file)
    with transaction.atomic():
        locked = _lock(case, expect_state=False)
        if not isinstance(by, Citizen) and not selectors.can_work(by, locked):
            raise PermissionDenied
        return _store_attachment(locked, checked, by=by, public=public)


def case_open_attachment(*, attachment, by):
    """Check that ``by`` may see the file and log that they did. Returns the attachment."""
    with transaction.atomic():
        case = _lock(attachment.case, expect_state=False)
        if not selectors.can_see_case(by, case):
            raise PermissionDenied
        record_event(case, by=by, kind=EventKind.ATTACHMENT_VIEW, data={"attachment": attachment.pk})
    return attachment


# Officers --------------------------------------------------------------------------

def available_transitions(case, user):
    """The transitions ``user`` may make on ``case`` now, with their labels."""
    return [t for t in case.get_available_user_state_transitions(user) if t.name in STAFF_TRANSITIONS]


def case_transition(*, case, transition, by, comment="", public=False, **data):
    """Make a workflow transition as an officer.

    ``data``: ``reason`` (reject), ``agency`` (refer), ``officer`` (assign).
    Raises :class:`CaseConflict` when the case changed under the caller,
    :class:`TransitionRefused` when the transition is not possible now, and
    ``PermissionDenied`` when ``by`` may not make it."""
    if transition not in STAFF_TRANSITIONS:
        raise TransitionRefused(_("Unknown action."))
    if transition == "assign":
        return case_assign(case=case, officer=data.get("officer"), by=by, comment=comment)
    try:
        with transaction.atomic():
            locked = _lock(case)
            method = getattr(locked, transition)
            if not has_transition_perm(method, by):
                _refuse(locked, method, by)
            args = {}
            if transition == "reject":
                reason = (data.get("reason") or comment or "").strip()
                if not reason:
                    raise ValidationError({"reason": [_("Give the reason for rejecting the case.")]})
                args["reason"] = reason
                public = True
            elif transition == "refer":
                agency = (data.get("agency") or "").strip()
                if not agency:
                    raise ValidationError({"agency": [_("Name the agency the case is referred to.")]})
                args["agency"] = agency
            from_state = locked.state
            method(**args)
            _after_state_change(locked, from_state)
            locked.save()
            event = record_event(locked, by=by, kind=EventKind.TRANSITION, transition=transition,
                                 from_state=from_state, to_state=locked.state, comment=comment, public=public,
                                 data={k: v for k, v in args.items()})
            if locked.state in CITIZEN_NOTIFIED:
                _citizen_notification(locked, event)
    except ConcurrentTransition as error:
        raise CaseConflict(_("Someone else has just changed this case. Reload it and try again.")) from error
    _refresh(case, locked)
    return locked


def _refuse(case, method, by):
    from django_fsm import can_proceed

    if can_proceed(method):
        raise PermissionDenied(_("You may not do this on this case."))
    raise TransitionRefused(_("This action is not possible while the case is “%(state)s”.")
                            % {"state": case.get_state_display()})


def _after_state_change(case, from_state):
    """Deadlines and routing that follow a state change (the transitions stay thin)."""
    if case.state == S.ACCEPTED and case.department_id is None:
        case.department = route(case)
    if from_state == S.AWAITING_CITIZEN and case.state != S.AWAITING_CITIZEN and case.paused_since:
        # The clock stopped while the citizen had the case: move the deadline.
        calendar = WorkingCalendar()
        paused = calendar.working_days_between(case.paused_since, timezone.localdate())
        if case.resolve_due and paused:
            case.resolve_due = calendar.add_working_days(case.resolve_due, paused)
        case.paused_since = None
    if case.state == S.REOPENED:
        calendar = WorkingCalendar()
        _ack, resolve_days = _sla_days(case.category)
        case.resolve_due = calendar.add_working_days(timezone.localdate(), resolve_days)
        case.escalated_at = None


def _refresh(original, locked):
    """Let the caller's instance see the saved state."""
    if original is not locked:
        original.refresh_from_db()


def case_assign(*, case, officer, by, comment=""):
    """Assign an accepted case to an officer of its department, or (supervisors)
    reassign a case already being worked."""
    if officer is None:
        raise ValidationError({"officer": [_("Choose an officer.")]})
    try:
        with transaction.atomic():
            locked = _lock(case)
            profile = _profile(officer)
            if profile is None or profile.role == OfficerRole.INTAKE:
                raise ValidationError({"officer": [_("This person is not a case officer.")]})
            if locked.department_id is None:
                locked.department = profile.department
            elif profile.department_id != locked.department_id:
                raise ValidationError({"officer": [_("The officer must belong to the case's department.")]})
            from_state = locked.state
            if locked.state == S.ACCEPTED:
                if not has_transition_perm(locked.assign, by):
                    _refuse(locked, locked.assign, by)
                locked.assign(officer)
                kind, transition_name = EventKind.TRANSITION, "assign"
            elif locked.state in (S.ASSIGNED, S.IN_PROGRESS, S.AWAITING_CITIZEN, S.REOPENED):
                if not selectors.is_supervisor(by):
                    raise PermissionDenied(_("Only a supervisor may reassign a case."))
                if locked.assignee_id == officer.pk:
                    raise ValidationError({"officer": [_("The case is already assigned to this officer.")]})
                locked.assignee = officer
                kind, transition_name = EventKind.ASSIGNMENT, ""
            else:
                raise TransitionRefused(_("This action is not possible while the case is “%(state)s”.")
                                        % {"state": locked.get_state_display()})
            locked.save()
            event = record_event(locked, by=by, kind=kind, transition=transition_name, from_state=from_state,
                                 to_state=locked.state, comment=comment,
                                 data={"assignee": officer.pk, "assignee_name": officer.get_full_name() or officer.get_username()})
            _user_notification(officer, locked, event, NotificationKind.ASSIGNED)
    except ConcurrentTransition as error:
        raise CaseConflict(_("Someone else has just changed this case. Reload it and try again.")) from error
    _refresh(case, locked)
    return locked


def case_add_note(*, case, by, text):
    """An internal note: never shown to the citizen."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write the note.")]})
    with transaction.atomic():
        locked = _lock(case, expect_state=False)
        if not selectors.can_work(by, locked):
            raise PermissionDenied
        return record_event(locked, by=by, kind=EventKind.NOTE, comment=text, public=False)


def case_reply_public(*, case, by, text):
    """A reply the citizen sees on the tracking page and receives by e-mail."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": [_("Write the reply.")]})
    with transaction.atomic():
        locked = _lock(case, expect_state=False)
        if not selectors.can_work(by, locked):
            raise PermissionDenied
        event = record_event(locked, by=by, kind=EventKind.PUBLIC_REPLY, comment=text, public=True)
        _citizen_notification(locked, event)
        return event


EDITABLE_FIELDS = ("kind", "category", "subject", "province", "district", "subdistrict", "respondent", "sealed")


def case_update(*, case, by, **changes):
    """Correct the details of a case (not the complainant's identity); each change is logged."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock(case, expect_state=False)
        if not selectors.can_work(by, locked):
            raise PermissionDenied
        if "sealed" in changes and not selectors.is_supervisor(by) and not by.has_perm("cases.screen_case"):
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
            _validate_areas(locked.province, locked.district, locked.subdistrict)
        locked.save()
        record_event(locked, by=by, kind=EventKind.FIELD_CHANGE, data={"changes": diff})
    _refresh(case, locked)
    return locked


def _plain(value):
    return value.pk if hasattr(value, "pk") else value


def case_link(*, case, other, by):
    """Mark two cases as related (for instance a duplicate)."""
    if case.pk == other.pk:
        raise ValidationError(_("A case cannot be related to itself."))
    with transaction.atomic():
        locked = _lock(case, expect_state=False)
        if not selectors.can_work(by, locked):
            raise PermissionDenied
        locked.related_cases.add(other)
        record_event(locked, by=by, kind=EventKind.LINK, data={"related": other.code})
        Case.objects.select_for_update().get(pk=other.pk)
        record_event(other, by=by, kind=EventKind.LINK, data={"related": locked.code})


def case_view_identity(*, case, by):
    """The complainant's identity for an officer allowed to see it; the view is logged."""
    with transaction.atomic():
        locked = _lock(case, expect_state=False)
        if not selectors.can_view_identity(by, locked):
            raise PermissionDenied(_("You may not see the identity of this complainant."))
        record_event(locked, by=by, kind=EventKind.IDENTITY_VIEW)
    return {"name": locked.contact_name, "email": locked.contact_email, "phone": locked.contact_phone,
            "anonymous": locked.anonymous}


# Citizens ---------------------------------------------------------------------------

def case_check_pin(*, code, pin, client_ip=""):
    """The case for a code and PIN, or an error: wrong PINs count against the
    code (it locks after ``conf.pin_max_failures``) and against the address."""
    from django.core.cache import cache

    from .models.case import normalise_code

    ip_key = f"cases:pin-ip:{client_ip}"
    if client_ip and cache.get(ip_key, 0) >= conf.pin_rate_per_ip:
        raise PinLocked(_("Too many wrong PINs from your connection. Try again in a few minutes."))
    code = normalise_code(code)
    failure = None
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(code=code).first()
        now = timezone.now()
        if case is None or not case.check_pin(pin):
            if client_ip:
                cache.add(ip_key, 0, 600)
                cache.incr(ip_key)
            failure = WrongPin(_("The tracking code or PIN is not right. Check them and try again."))
            if case is not None:
                if case.locked_until and case.locked_until > now:
                    failure = PinLocked(_locked_message(case))
                else:
                    failures = case.pin_failures + 1
                    locked_until = None
                    if failures >= conf.pin_max_failures:
                        failures, locked_until = 0, now + conf.pin_lockout
                        case.locked_until = locked_until
                        failure = PinLocked(_locked_message(case))
                    # Saved (the transaction commits) before the error is raised.
                    Case.objects.filter(pk=case.pk).update(pin_failures=failures, locked_until=locked_until)
        elif case.locked_until and case.locked_until > now:
            failure = PinLocked(_locked_message(case))
        elif case.pin_failures or case.locked_until:
            Case.objects.filter(pk=case.pk).update(pin_failures=0, locked_until=None)
            case.pin_failures, case.locked_until = 0, None
    if failure is not None:
        raise failure
    return case


def _locked_message(case):
    minutes = max(1, int((case.locked_until - timezone.now()).total_seconds() // 60) + 1)
    return _("Too many wrong PINs for this code: it is locked for %(minutes)d minutes.") % {"minutes": minutes}


def _citizen_transition(case, name, *, comment="", event_data=None, refuse_message):
    try:
        with transaction.atomic():
            locked = _lock(case, expect_state=False)
            method = getattr(locked, name)
            if not has_transition_perm(method, CITIZEN):
                raise TransitionRefused(refuse_message)
            from_state = locked.state
            method()
            _after_state_change(locked, from_state)
            locked.save()
            event = record_event(locked, by=CITIZEN, kind=EventKind.TRANSITION, transition=name,
                                 from_state=from_state, to_state=locked.state, comment=comment, public=True,
                                 data=event_data or {})
            _citizen_notification(locked, event)
            if locked.assignee_id:
                _user_notification(locked.assignee, locked, event, NotificationKind.CITIZEN_UPDATE)
    except ConcurrentTransition as error:
        raise CaseConflict(_("The case has just changed. Reload the page and try again.")) from error
    _refresh(case, locked)
    return locked


def case_citizen_reply(*, case, message, attachments=()):
    """The citizen answers a request for information; work resumes."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": [_("Write the information you want to add.")]})
    checked = []
    for upload in attachments:
        checked.append(check_upload(upload))
    with transaction.atomic():
        locked = _lock(case, expect_state=False)
        if locked.state != S.AWAITING_CITIZEN:
            raise TransitionRefused(_("The officers have not asked you for more information."))
        record_event(locked, by=CITIZEN, kind=EventKind.CITIZEN_MESSAGE, comment=message, public=True)
        for content in checked:
            _store_attachment(locked, content, by=CITIZEN, public=True)
        return _citizen_transition(locked, "citizen_reply",
                                   refuse_message=_("The officers have not asked you for more information."))


def case_citizen_confirm(*, case, comment=""):
    return _citizen_transition(case, "citizen_confirm", comment=comment, refuse_message=_(
        "You can confirm only a resolved case, within %(days)d days of its resolution.") % {"days": conf.reopen_days})


def case_citizen_reopen(*, case, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Tell us why the case should be reopened.")]})
    return _citizen_transition(case, "citizen_reopen", comment=reason, refuse_message=_(
        "You can reopen a case only within %(days)d days of its resolution.") % {"days": conf.reopen_days})


def case_citizen_withdraw(*, case, reason=""):
    return _citizen_transition(case, "citizen_withdraw", comment=(reason or "").strip(),
                               refuse_message=_("This case can no longer be withdrawn."))


def case_citizen_rate(*, case, rating, comment=""):
    """Rate the handling, 1 to 5, once the case is resolved or closed."""
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("Choose a rating from 1 to 5.")]})
    with transaction.atomic():
        locked = _lock(case, expect_state=False)
        if locked.state not in (S.RESOLVED, S.CLOSED) or locked.resolved_at is None:
            raise TransitionRefused(_("You can rate the handling once the case is resolved."))
        if locked.rating is not None:
            raise TransitionRefused(_("You have already rated this case. Thank you."))
        locked.rating, locked.rating_comment = rating, (comment or "").strip()
        locked.save(update_fields=["rating", "rating_comment", "updated_at"])
        record_event(locked, by=CITIZEN, kind=EventKind.RATING, comment=locked.rating_comment,
                     data={"rating": rating})
    _refresh(case, locked)
    return locked


# Periodic work ----------------------------------------------------------------------

def case_flag_overdue(*, today=None):
    """Flag open cases past their deadline once, and tell the supervisors and the assignee."""
    from django.contrib.auth import get_user_model

    today = today or timezone.localdate()
    flagged = 0
    candidates = selectors.overdue_cases(today=today).filter(escalated_at__isnull=True).values_list("pk", flat=True)
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
                _user_notification(user, case, event, NotificationKind.OVERDUE)
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
            case.close_unconfirmed()
            case.save()
            event = record_event(case, by=None, kind=EventKind.TRANSITION, transition="close_unconfirmed",
                                 from_state=S.RESOLVED, to_state=S.CLOSED, public=True)
            _citizen_notification(case, event)
            closed += 1
    return closed


def purge_idempotency_keys(*, older_than=dt.timedelta(hours=24)):
    """Forget old Idempotency-Keys (their stored answer holds a PIN)."""
    from .models import IdempotencyKey

    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted


def case_anonymise(*, case, now=None):
    """Remove the complainant's personal data from a finished case."""
    with transaction.atomic():
        locked = _lock(case, expect_state=False)
        if locked.anonymised_at:
            return locked
        Case.objects.filter(pk=locked.pk).update(
            contact_name="", contact_email="", contact_phone="", anonymised_at=now or timezone.now())
        records.outbox_redact(subject_object=locked, to="anonymised@invalid")
        record_event(locked, by=None, kind=EventKind.ANONYMISED)
    locked.refresh_from_db()
    return locked


def anonymise_closed_cases(*, years=None, now=None):
    now = now or timezone.now()
    years = conf.retention_years if years is None else years
    cutoff = now - dt.timedelta(days=round(365.25 * years))
    count = 0
    for case in selectors.cases_due_for_anonymisation(cutoff=cutoff):
        case_anonymise(case=case, now=now)
        count += 1
    return count
