"""Moving a bill: permissions, dates, links, the chained record and the feeds."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from cms.legislation.models import BillStage, ParliamentSession
from cms.legislation.services import TransitionRefused, bill_extend_deadline, bill_move
from cms.records.models import Event, FeedEvent
from cms.records.services import verify_chain
from tests.factories import BillFactory, CommitteeFactory, SittingFactory, VoteFactory, legislative_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(django_user_model):
    return legislative_staff(django_user_model)


def test_stage_cannot_be_set_directly():
    bill = BillFactory()
    with pytest.raises(AttributeError):
        bill.stage = BillStage.APPROVED


def test_move_records_dated_linked_change_and_chained_event(clerk):
    bill = BillFactory()
    today = timezone.localdate()
    bill_move(bill=bill, transition="receive", by=clerk, on=today - dt.timedelta(days=5))
    sitting, vote = SittingFactory(date=today), VoteFactory(date=today)
    bill_move(bill=bill, transition="first_reading", by=clerk, on=today, sitting=sitting, vote=vote, comment="วาระแรก")
    bill.refresh_from_db()
    assert bill.stage == BillStage.FIRST_READING and bill.received_on == today - dt.timedelta(days=5)
    change = bill.stage_changes.last()
    assert (change.from_stage, change.to_stage, change.on, change.sitting, change.vote, change.by) == \
        (BillStage.RECEIVED, BillStage.FIRST_READING, today, sitting, vote, clerk)
    events = list(Event.objects.filter(subject_id=bill.pk).order_by("seq"))
    assert [e.to_state for e in events] == ["received", "first_reading"]
    assert events[1].data["sitting"] == sitting.pk and events[1].actor == clerk
    assert bill.chain_length == 2 and verify_chain(subject=bill) == []
    assert FeedEvent.objects.filter(feeds__key=f"bill:{bill.pk}").count() == 2


def test_move_without_permission_is_refused(django_user_model):
    user = django_user_model.objects.create_user(username="reader", password="x-pass-1234")
    bill = BillFactory()
    with pytest.raises(PermissionDenied):
        bill_move(bill=bill, transition="receive", by=user)
    bill.refresh_from_db()
    assert bill.stage == BillStage.IN_HOUSE and not bill.stage_changes.exists()


def test_impossible_transition_is_refused(clerk):
    bill = BillFactory()
    with pytest.raises(TransitionRefused):
        bill_move(bill=bill, transition="approve", by=clerk)
    with pytest.raises(TransitionRefused):
        bill_move(bill=bill, transition="delete", by=clerk)


def test_referral_needs_a_committee_and_dates_cannot_go_back_or_ahead(clerk):
    bill = BillFactory()
    today = timezone.localdate()
    bill_move(bill=bill, transition="receive", by=clerk, on=today - dt.timedelta(days=3))
    with pytest.raises(ValidationError):
        bill_move(bill=bill, transition="first_reading", by=clerk, on=today - dt.timedelta(days=4))
    with pytest.raises(ValidationError):
        bill_move(bill=bill, transition="first_reading", by=clerk, on=today + dt.timedelta(days=1))
    bill_move(bill=bill, transition="first_reading", by=clerk)
    with pytest.raises(ValidationError):
        bill_move(bill=bill, transition="refer_to_committee", by=clerk)
    committee = CommitteeFactory()
    bill_move(bill=bill, transition="refer_to_committee", by=clerk, committee=committee)
    bill.refresh_from_db()
    assert bill.stage == BillStage.COMMITTEE and bill.committee == committee


def test_budget_bill_cannot_be_amended(clerk):
    bill = BillFactory(kind="budget")
    for transition in ("receive", "first_reading", "refer_to_committee"):
        bill_move(bill=bill, transition=transition, by=clerk, committee=CommitteeFactory())
    bill_move(bill=bill, transition="committee_reported", by=clerk)
    with pytest.raises(TransitionRefused):
        bill_move(bill=bill, transition="return_amended", by=clerk)


def test_reconsideration_only_after_s138_wait(clerk):
    bill = BillFactory()
    today = timezone.localdate()
    bill_move(bill=bill, transition="receive", by=clerk, on=today - dt.timedelta(days=200))
    bill_move(bill=bill, transition="first_reading", by=clerk, on=today - dt.timedelta(days=190))
    bill_move(bill=bill, transition="withhold", by=clerk, on=today - dt.timedelta(days=170))
    with pytest.raises(TransitionRefused):
        bill_move(bill=bill, transition="reconsider", by=clerk)
    money = BillFactory(kind="money")
    bill_move(bill=money, transition="receive", by=clerk, on=today - dt.timedelta(days=30))
    bill_move(bill=money, transition="first_reading", by=clerk, on=today - dt.timedelta(days=25))
    bill_move(bill=money, transition="withhold", by=clerk, on=today - dt.timedelta(days=11))
    bill_move(bill=money, transition="reconsider", by=clerk)
    money.refresh_from_db()
    assert money.stage == BillStage.RECONSIDERATION


def test_extension_once_within_thirty_days(clerk):
    bill = BillFactory()
    bill_move(bill=bill, transition="receive", by=clerk)
    with pytest.raises(ValidationError):
        bill_extend_deadline(bill=bill, days=31, by=clerk)
    bill_extend_deadline(bill=bill, days=15, by=clerk)
    with pytest.raises(ValidationError):
        bill_extend_deadline(bill=bill, days=5, by=clerk)
    bill.refresh_from_db()
    assert bill.extension_days == 15 and bill.chain_length == 2


def test_bill_deadline_uses_the_sessions_editors_keep(clerk):
    from cms.legislation.deadlines import bill_deadline

    today = timezone.localdate()
    ParliamentSession.objects.create(name="สมัยที่หนึ่ง", starts_on=today - dt.timedelta(days=100),
                                     ends_on=today - dt.timedelta(days=51))
    ParliamentSession.objects.create(name="สมัยที่สอง", starts_on=today - dt.timedelta(days=9),
                                     ends_on=today + dt.timedelta(days=100))
    bill = BillFactory(kind="money")
    bill_move(bill=bill, transition="receive", by=clerk, on=today - dt.timedelta(days=55))
    deadline = bill_deadline(bill)
    assert deadline.counted == 5 + 10  # five days before the recess, ten since the new session opened
    assert deadline.due_on == today + dt.timedelta(days=15)


def test_deemed_approval_only_once_the_deadline_is_missed(clerk):
    today = timezone.localdate()
    ParliamentSession.objects.create(name="สมัย", starts_on=today - dt.timedelta(days=90), ends_on=today + dt.timedelta(days=30))
    bill = BillFactory(kind="money")
    bill_move(bill=bill, transition="receive", by=clerk, on=today - dt.timedelta(days=10))
    with pytest.raises(TransitionRefused):
        bill_move(bill=bill, transition="deem_approved", by=clerk)
    late = BillFactory(kind="money")
    bill_move(bill=late, transition="receive", by=clerk, on=today - dt.timedelta(days=40))
    bill_move(bill=late, transition="deem_approved", by=clerk)
    late.refresh_from_db()
    assert late.stage == BillStage.APPROVED


def test_transitions_offered_in_the_workflow_order(clerk):
    from cms.legislation.services import available_transitions

    bill = BillFactory()
    bill_move(bill=bill, transition="receive", by=clerk)
    bill_move(bill=bill, transition="first_reading", by=clerk)
    names = [t.name for t in available_transitions(bill=bill, user=clerk)]
    assert names[:3] == ["refer_to_committee", "approve", "withhold"] and "deem_approved" not in names
