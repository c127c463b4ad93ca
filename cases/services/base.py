"""What every write to a case shares: the errors, the row lock, the audit
event, the notifications, routing and deadlines, and checked uploads."""

import contextlib
import contextvars
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from cms.base.thai import localized_digits
from cms.records import services as records

from ..calendar import WorkingCalendar
from ..conf import conf
from ..models import Attachment, Case, CaseState, Citizen, EventKind, RoutingRule
from ..notifications import NotificationKind, notify

S = CaseState


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


@contextlib.contextmanager
def notifications_suppressed():
    """For bulk loading (the demo): record everything, e-mail nobody."""
    token = _notify.set(False)
    try:
        yield
    finally:
        _notify.reset(token)


def lock(case, *, expect_state=True):
    """The case row, locked for this transaction. A caller holding an older
    copy (another officer changed the state meanwhile) gets a conflict."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expect_state and case.state != locked.state:
        raise CaseConflict(_(
            "Someone else has just changed this case (it is now “%(state)s”). Reload it and try again."
        ) % {"state": locked.get_state_display()})
    return locked


def refresh(original, locked):
    """Let the caller's instance see the saved state."""
    if original is not locked:
        original.refresh_from_db()


def _actor(by):
    if by is None:
        return None, "system"
    if isinstance(by, Citizen):
        return None, "citizen"
    return by, "officer"


def record_event(case, *, by, kind, transition="", from_state="", to_state="", comment="", public=False, data=None,
                 at=None, new_subject=False):
    """Append one audit event to the case's record (in the caller's transaction;
    ``new_subject`` as :func:`cms.records.services.record_event` takes it)."""
    actor, actor_kind = _actor(by)
    return records.record_event(
        subject=case, kind=kind, actor=actor, actor_kind=actor_kind, transition=transition, from_state=from_state,
        to_state=to_state, comment=comment, public=public, data=data, at=at, new_subject=new_subject,
    )


def notify_citizen(case, event, kind=NotificationKind.CITIZEN_UPDATE, payload=None, *, first=False):
    if not _notify.get() or case.anonymous or not case.contact_email:
        return None
    return notify(case=case, event=event, kind=kind, email=case.contact_email, language=case.language,
                  payload=payload, first=first)


def notify_user(user, case, event, kind):
    if not _notify.get() or user is None or not user.email:
        return None
    language = getattr(getattr(user, "wagtail_userprofile", None), "preferred_language", "") or "th"
    return notify(case=case, event=event, kind=kind, email=user.email, language=language)


def required_text(value, field, message):
    """``value`` stripped, or a ValidationError on ``field`` with ``message`` if nothing is left."""
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: [message]})
    return value


def make_transition(locked, name, *, by, comment="", public=False, **args):
    """Make transition ``name`` on the locked case: the change, the deadlines and
    routing that follow it, the save and the audit event (returned)."""
    from_state = locked.state
    getattr(locked, name)(**args)
    after_state_change(locked, from_state)
    locked.save()
    return record_event(locked, by=by, kind=EventKind.TRANSITION, transition=name, from_state=from_state,
                        to_state=locked.state, comment=comment, public=public, data=args)


def refuse(case, method):
    """Why a transition the caller may not make now is refused: not theirs, or not now."""
    if can_proceed(method):
        raise PermissionDenied(_("You may not do this on this case."))
    raise TransitionRefused(_("This action is not possible while the case is “%(state)s”.")
                            % {"state": case.get_state_display()})


def sla_days(category):
    sla = getattr(category, "sla", None)  # read with the category by Category.objects.offered()
    if sla is None:
        return conf.default_acknowledge_days, conf.default_resolve_days
    return sla.acknowledge_days, sla.resolve_days


def route(case):
    """The department for the case by the routing rules: the most specific wins."""
    rules = RoutingRule.objects.filter(category__in=[case.category_id, None]).filter(
        province__in=[case.province, ""]).select_related("department")
    best = sorted(rules, key=lambda r: (r.category_id is None, r.province == ""))
    return best[0].department if best else None


def after_state_change(case, from_state):
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
        _ack, resolve_days = sla_days(case.category)
        case.resolve_due = WorkingCalendar().add_working_days(timezone.localdate(), resolve_days)
        case.escalated_at = None


# Attachments ------------------------------------------------------------------------

class CheckedUpload:
    def __init__(self, *, name, data, content_type, extension):
        self.name, self.data, self.content_type, self.extension = name, data, content_type, extension

    @property
    def sha256(self):
        return hashlib.sha256(self.data).hexdigest()


def check_uploads(attachments):
    """The files of a filing or a reply, checked (:func:`check_upload`) and not
    more than allowed; a ValidationError on ``attachments`` with every problem."""
    errors, checked = [], []
    if len(attachments) > conf.max_attachments:
        errors.append(_("Attach at most %(count)s files.") % {"count": localized_digits(conf.max_attachments)})
    for upload in attachments:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    return checked


def check_upload(upload):
    """Read an uploaded file and check its size and its type by content."""
    import filetype

    name = getattr(upload, "name", "file") or "file"
    size = getattr(upload, "size", None)
    too_large = _("“%(name)s” is too large: the limit is %(mb)s MB.") % {
        "name": name, "mb": localized_digits(conf.max_upload_bytes // (1024 * 1024))}
    if size is not None and size > conf.max_upload_bytes:
        raise ValidationError(too_large)
    upload.seek(0)
    data = upload.read(conf.max_upload_bytes + 1)
    if len(data) > conf.max_upload_bytes:
        raise ValidationError(too_large)
    guess = filetype.guess(data)
    if guess is None or guess.mime not in conf.allowed_types:
        raise ValidationError(_("“%(name)s” is not a photo (JPEG, PNG, WebP) or a PDF.") % {"name": name})
    return CheckedUpload(name=name[:200], data=data, content_type=guess.mime,
                         extension=conf.allowed_types[guess.mime])


def store_attachment(case, checked, *, by, public):
    actor, _kind = _actor(by)
    attachment = Attachment(
        case=case, original_name=checked.name, content_type=checked.content_type, extension=checked.extension,
        size=len(checked.data), sha256=checked.sha256, uploaded_by=actor, public=public,
    )
    attachment.file.save(checked.name, ContentFile(checked.data), save=False)
    attachment.save()
    record_event(case, by=by, kind=EventKind.ATTACHMENT, public=public,
                 data={"attachment": attachment.pk, "name": attachment.original_name, "size": attachment.size})
    return attachment
