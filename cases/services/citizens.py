"""The citizen's actions, known by the case's code and PIN: checking the PIN
(with its lockout), answering a request for information, confirming,
reopening, withdrawing and rating."""

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import has_transition_perm

from cms.base.thai import localized_digits

from ..conf import conf
from ..models import CITIZEN, Case, EventKind
from ..models.case import normalise_code
from ..notifications import NotificationKind
from .base import (
    PinLocked, TransitionRefused, WrongPin, check_uploads, lock, make_transition, notify_citizen, notify_user,
    record_event, refresh, required_text, store_attachment,
)


def case_check_pin(*, code, pin, client_ip=""):
    """The case for a code and PIN, or an error: wrong PINs count against the
    code (it locks after ``conf.pin_max_failures``) and against the address."""
    ip_key = f"cases:pin-ip:{client_ip}"
    if client_ip and cache.get(ip_key, 0) >= conf.pin_rate_per_ip:
        raise PinLocked(_("Too many wrong PINs from your connection. Try again in a few minutes."))
    wrong = WrongPin(_("The tracking code or PIN is not right. Check them and try again."))
    failure = None
    with transaction.atomic():
        case = Case.objects.select_for_update().filter(code=normalise_code(code)).first()
        right = case is not None and case.check_pin(pin)
        if not right and client_ip:
            cache.add(ip_key, 0, 600)
            cache.incr(ip_key)
        now = timezone.now()
        if case is None:
            raise wrong
        if case.locked_until and case.locked_until > now:
            failure = PinLocked(_locked_message(case))
        elif not right:
            failures = case.pin_failures + 1
            case.locked_until = now + conf.pin_lockout if failures >= conf.pin_max_failures else None
            failure = PinLocked(_locked_message(case)) if case.locked_until else wrong
            # Saved (the transaction commits) before the error is raised.
            Case.objects.filter(pk=case.pk).update(pin_failures=0 if case.locked_until else failures,
                                                   locked_until=case.locked_until)
        elif case.pin_failures or case.locked_until:
            Case.objects.filter(pk=case.pk).update(pin_failures=0, locked_until=None)
            case.pin_failures, case.locked_until = 0, None
    if failure is not None:
        raise failure
    return case


def _locked_message(case):
    minutes = max(1, int((case.locked_until - timezone.now()).total_seconds() // 60) + 1)
    return _("Too many wrong PINs for this code: it is locked for %(minutes)s minutes.") % {"minutes": localized_digits(minutes)}


def _citizen_transition(case, name, *, comment="", refuse_message):
    with transaction.atomic():
        locked = lock(case, expect_state=False)
        if not has_transition_perm(getattr(locked, name), CITIZEN):
            raise TransitionRefused(refuse_message)
        event = make_transition(locked, name, by=CITIZEN, comment=comment, public=True)
        notify_citizen(locked, event)
        if locked.assignee_id:
            notify_user(locked.assignee, locked, event, NotificationKind.CITIZEN_UPDATE)
    refresh(case, locked)
    return locked


def case_citizen_reply(*, case, message, attachments=()):
    """The citizen answers a request for information; work resumes."""
    message = required_text(message, "message", _("Write the information you want to add."))
    checked = check_uploads(attachments)
    not_asked = _("The officers have not asked you for more information.")
    with transaction.atomic():
        locked = lock(case, expect_state=False)
        if not has_transition_perm(locked.citizen_reply, CITIZEN):
            raise TransitionRefused(not_asked)
        record_event(locked, by=CITIZEN, kind=EventKind.CITIZEN_MESSAGE, comment=message, public=True)
        for content in checked:
            store_attachment(locked, content, by=CITIZEN, public=True)
        return _citizen_transition(locked, "citizen_reply", refuse_message=not_asked)


def case_citizen_confirm(*, case, comment=""):
    return _citizen_transition(case, "citizen_confirm", comment=comment, refuse_message=_(
        "You can confirm only a resolved case, within %(days)s days of its resolution.") % {"days": localized_digits(conf.reopen_days)})


def case_citizen_reopen(*, case, reason):
    reason = required_text(reason, "reason", _("Tell us why the case should be reopened."))
    return _citizen_transition(case, "citizen_reopen", comment=reason, refuse_message=_(
        "You can reopen a case only within %(days)s days of its resolution.") % {"days": localized_digits(conf.reopen_days)})


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
        locked = lock(case, expect_state=False)
        if locked.rating is not None:
            raise TransitionRefused(_("You have already rated this case. Thank you."))
        if not locked.can_be_rated:
            raise TransitionRefused(_("You can rate the handling once the case is resolved."))
        locked.rating, locked.rating_comment = rating, (comment or "").strip()
        locked.save(update_fields=["rating", "rating_comment", "updated_at"])
        record_event(locked, by=CITIZEN, kind=EventKind.RATING, comment=locked.rating_comment,
                     data={"rating": rating})
    refresh(case, locked)
    return locked


# The citizen's actions by the name the tracking page and the API use (the
# ``custom["citizen"]`` of the transitions, and rating); each takes the case
# and its form's or serializer's fields.
CITIZEN_ACTIONS = {"reply": case_citizen_reply, "confirm": case_citizen_confirm, "reopen": case_citizen_reopen,
                   "withdraw": case_citizen_withdraw, "rate": case_citizen_rate}
