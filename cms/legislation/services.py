"""Writes: every change of a bill's stage goes through ``bill_move``.

One service per action: inside ``transaction.atomic()`` it locks the bill, checks the
permission (``has_transition_perm``), makes the transition, saves, records the dated stage
change linked to the sitting / vote / document that made it, and writes the chained record."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed, has_transition_perm

from .deadlines import MAX_EXTENSION_DAYS
from cms.records.models import ActorKind
from cms.records.services import feed_publish, record_event

from .models import Bill, BillEventKind, BillKind, BillStage, StageChange

#: The transitions staff make, in the order the admin offers them.
TRANSITIONS = (
    "receive", "first_reading", "refer_to_committee", "committee_reported", "approve", "return_amended",
    "withhold", "deem_approved", "form_joint_committee", "reconsider", "present_for_assent", "publish",
    "lapse", "withdraw", "merge",
)


class BillConflict(Exception):
    """Someone else changed the bill meanwhile."""


class TransitionRefused(Exception):
    """The transition is not possible in the bill's stage."""


def available_transitions(*, bill, user):
    """The transitions ``user`` may make on ``bill`` now, with their labels."""
    available = [t for t in bill.get_available_user_stage_transitions(user) if t.name in TRANSITIONS]
    return sorted(available, key=lambda t: TRANSITIONS.index(t.name))


def _lock(bill):
    return Bill.objects.select_for_update().get(pk=bill.pk)


def bill_move(*, bill, transition, by, on=None, sitting=None, vote=None, document=None, committee=None,
              merged_into=None, comment="", derived=False):
    """Move ``bill`` by ``transition`` on the date ``on`` (today if not given).

    ``sitting``, ``vote`` and ``document`` say what made the move; ``committee`` is required
    to refer a bill to one, ``merged_into`` to merge it. Raises ``PermissionDenied``,
    ``TransitionRefused``, ``ValidationError`` (bad data) or ``BillConflict``."""
    if transition not in TRANSITIONS:
        raise TransitionRefused(_("Unknown action."))
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": [_("The date of a stage change cannot be in the future.")]})
    try:
        with transaction.atomic():
            locked = _lock(bill)
            method = getattr(locked, transition)
            if not has_transition_perm(method, by):
                if can_proceed(method):
                    raise PermissionDenied(_("You may not move bills."))
                raise TransitionRefused(_("This action is not possible while the bill is “%(stage)s”.")
                                        % {"stage": locked.get_stage_display()})
            if locked.stage_since and on < locked.stage_since:
                raise ValidationError({"on": [_("The date is before the bill's current stage began.")]})
            if transition == "refer_to_committee":
                if committee is None:
                    raise ValidationError({"committee": [_("Choose the committee the bill is referred to.")]})
                locked.committee = committee
            if transition == "merge":
                if merged_into is None or merged_into.pk == locked.pk:
                    raise ValidationError({"merged_into": [_("Choose the bill this one is merged into.")]})
                locked.merged_into = merged_into
            from_stage = locked.stage
            method()
            if locked.stage == BillStage.RECEIVED:
                locked.received_on = on
            if locked.stage in (BillStage.WITHHELD, BillStage.RETURNED):
                locked.returned_on = on
            locked.stage_since = on
            locked.save()
            change = StageChange.objects.create(
                bill=locked, from_stage=from_stage, to_stage=locked.stage, transition=transition, on=on,
                sitting=sitting, vote=vote, document=document, note=comment, derived=derived, by=by,
            )
            event = _record(locked, change=change, by=by, comment=comment, kind=BillEventKind.STAGE)
            _publish(locked, event=event, change=change)
    except ConcurrentTransition as error:
        raise BillConflict(_("Someone else has just changed this bill. Reload it and try again.")) from error
    if bill is not locked:
        bill.refresh_from_db()
    return locked


def bill_extend_deadline(*, bill, days, by, on=None, sitting=None, vote=None, comment=""):
    """s.136: the Senate resolves once to extend its time, by at most 30 days."""
    if not by or not by.has_perm("legislation.move_bill"):
        raise PermissionDenied(_("You may not move bills."))
    if not 1 <= days <= MAX_EXTENSION_DAYS:
        raise ValidationError({"days": [_("An extension is from 1 to 30 days (s.136).")]})
    with transaction.atomic():
        locked = _lock(bill)
        if locked.kind == BillKind.BUDGET:
            raise ValidationError({"days": [_("A budget bill's 20 days cannot be extended (s.143).")]})
        if locked.extension_days:
            raise ValidationError({"days": [_("The Senate has already extended its time once (s.136).")]})
        if locked.stage not in (BillStage.RECEIVED, BillStage.FIRST_READING, BillStage.COMMITTEE,
                                BillStage.FINAL_READINGS):
            raise ValidationError({"days": [_("Only a bill before the Senate has a deadline to extend.")]})
        locked.extension_days = days
        locked.save(update_fields=["extension_days", "updated_at"])
        change = StageChange.objects.create(
            bill=locked, from_stage=locked.stage, to_stage=locked.stage, transition="extend",
            on=on or timezone.localdate(), sitting=sitting, vote=vote, by=by,
            note=comment or _("Deadline extended by %(days)s days") % {"days": days},
        )
        event = _record(locked, change=change, by=by, comment=comment, kind=BillEventKind.EXTENSION,
                        data={"extension_days": days})
        _publish(locked, event=event, change=change)
    bill.refresh_from_db()
    return locked


def import_stage_change(*, bill, to_stage, on, note="", derived=True, vote=None):
    """The importer's way in: set the stage a source reports, recorded as a (derived) stage change.

    Bypasses the transitions because a source reports where a bill got to, not each step;
    the stage change and the chained record say so (``derived``)."""
    with transaction.atomic():
        locked = _lock(bill)
        if locked.stage == to_stage:
            return locked
        from_stage = locked.stage
        Bill.objects.filter(pk=locked.pk).update(stage=to_stage, stage_since=on)
        locked.refresh_from_db()
        change = StageChange.objects.create(bill=locked, from_stage=from_stage, to_stage=to_stage,
                                            transition="import", on=on, note=note, derived=derived, vote=vote)
        _record(locked, change=change, by=None, comment=note, kind=BillEventKind.IMPORTED, actor_kind=ActorKind.SYSTEM)
    return locked


def _record(bill, *, change, by, kind, comment="", actor_kind=ActorKind.STAFF, data=None):
    """The chained record of the change (cms.records), in the caller's transaction."""
    links = {"stage_change": change.pk, "on": change.on.isoformat() if change.on else None, "derived": change.derived,
             "sitting": change.sitting_id, "vote": change.vote_id, "document": change.document_id}
    return record_event(subject=bill, kind=kind, actor=by, actor_kind=actor_kind, transition=change.transition,
                        from_state=change.from_stage, to_state=change.to_stage, comment=comment, public=True,
                        data={**links, **(data or {})})


def _publish(bill, *, event, change):
    """Tell the followers of the bill, of its kind and of its committee (cms.records feeds)."""
    feeds = [f"bill:{bill.pk}", f"bills:kind:{bill.kind}"]
    if bill.committee_id:
        feeds.append(f"committee:{bill.committee_id}")
    feed_publish(feeds=feeds, kind=event.kind, subject=bill, event=event,
                 data={"from": change.from_stage, "to": change.to_stage, "on": change.on.isoformat() if change.on else None})
