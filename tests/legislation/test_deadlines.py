"""The constitutional deadlines: s.136 (session days, money bills, extension, court time, recess),
s.143 (budget bills) and s.138 (reconsideration of a withheld bill)."""

import datetime as dt

import pytest
from django.utils import translation

from cms.legislation.deadlines import reconsideration_allowed_on, senate_deadline
from cms.legislation.models import BillKind

D = dt.date
SESSION = [(D(2026, 1, 1), D(2026, 4, 30))]


def test_s136_ordinary_bill_has_sixty_session_days_counting_the_day_of_arrival():
    deadline = senate_deadline(kind=BillKind.ACT, received_on=D(2026, 1, 10), sessions=SESSION, today=D(2026, 1, 10))
    assert deadline.section == "136" and deadline.days == 60 and deadline.session_days
    assert deadline.due_on == D(2026, 3, 10)  # 10 Jan is day 1, so day 60 is 10 March
    assert deadline.counted == 1 and deadline.days_left == 59


def test_s136_money_bill_has_thirty_days():
    deadline = senate_deadline(kind=BillKind.MONEY, received_on=D(2026, 1, 10), sessions=SESSION, today=D(2026, 1, 20))
    assert deadline.days == 30 and deadline.due_on == D(2026, 2, 8)
    assert deadline.counted == 11


def test_s136_extension_adds_days_once_and_at_most_thirty():
    deadline = senate_deadline(kind=BillKind.ACT, received_on=D(2026, 1, 10), extension_days=30, sessions=SESSION,
                               today=D(2026, 1, 10))
    assert deadline.days == 90 and deadline.due_on == D(2026, 4, 9)
    with pytest.raises(ValueError):
        senate_deadline(kind=BillKind.ACT, received_on=D(2026, 1, 10), extension_days=31, sessions=SESSION)


def test_s136_deadline_crossing_a_recess_counts_only_session_days():
    sessions = [(D(2026, 1, 1), D(2026, 1, 20)), (D(2026, 3, 1), D(2026, 6, 30))]
    deadline = senate_deadline(kind=BillKind.MONEY, received_on=D(2026, 1, 11), sessions=sessions,
                               today=D(2026, 2, 15))
    # 11–20 Jan: 10 days; the recess does not count; 20 more from 1 March: due 20 March.
    assert deadline.due_on == D(2026, 3, 20)
    assert deadline.counted == 10 and deadline.days_left == 20 and not deadline.missed


def test_s136_deadline_beyond_the_known_sessions_is_not_guessed():
    deadline = senate_deadline(kind=BillKind.ACT, received_on=D(2026, 4, 20), sessions=SESSION, today=D(2026, 4, 25))
    assert deadline.due_on is None and deadline.counted == 6


def test_s136_constitutional_court_time_does_not_count():
    court = [(D(2026, 1, 15), D(2026, 1, 24))]
    deadline = senate_deadline(kind=BillKind.MONEY, received_on=D(2026, 1, 10), sessions=SESSION, court=court,
                               today=D(2026, 1, 20))
    assert deadline.due_on == D(2026, 2, 18)  # ten days later than without the referral
    assert deadline.paused and deadline.counted == 5


def test_s136_pending_court_referral_stops_the_clock_until_decided():
    deadline = senate_deadline(kind=BillKind.ACT, received_on=D(2026, 1, 10), sessions=SESSION,
                               court=[(D(2026, 1, 12), None)], today=D(2026, 2, 1))
    assert deadline.due_on is None and deadline.paused and deadline.counted == 2


def test_s136_missed_deadline_means_deemed_approved():
    deadline = senate_deadline(kind=BillKind.MONEY, received_on=D(2026, 1, 10), sessions=SESSION, today=D(2026, 3, 1))
    assert deadline.missed and deadline.days_left == 0
    with translation.override("en"):
        assert "deemed" in str(deadline.consequence)


def test_s136_stops_when_the_senate_finished():
    deadline = senate_deadline(kind=BillKind.ACT, received_on=D(2026, 1, 10), sessions=SESSION,
                               stopped_on=D(2026, 1, 29), today=D(2026, 4, 1))
    assert deadline.met and deadline.counted == 20 and deadline.days_left is None and not deadline.missed


def test_s143_budget_bill_twenty_calendar_days_even_in_recess():
    deadline = senate_deadline(kind=BillKind.BUDGET, received_on=D(2026, 8, 25), sessions=[], today=D(2026, 8, 30))
    assert deadline.section == "143" and not deadline.session_days
    assert deadline.due_on == D(2026, 9, 13) and deadline.counted == 6


def test_s143_court_time_does_not_count():
    deadline = senate_deadline(kind=BillKind.BUDGET, received_on=D(2026, 8, 25), court=[(D(2026, 8, 26), D(2026, 8, 30))],
                               today=D(2026, 8, 25))
    assert deadline.due_on == D(2026, 9, 18)


@pytest.mark.parametrize("kind", [BillKind.ORGANIC, BillKind.CONSTITUTION, BillKind.DECREE])
def test_no_s136_deadline_for_other_kinds(kind):
    assert senate_deadline(kind=kind, received_on=D(2026, 1, 10), sessions=SESSION) is None


def test_no_deadline_without_the_day_of_arrival():
    assert senate_deadline(kind=BillKind.ACT, received_on=None, sessions=SESSION) is None


def test_s138_withheld_bill_waits_180_days_10_for_money_none_for_budget():
    returned = D(2026, 1, 1)
    assert reconsideration_allowed_on(kind=BillKind.ACT, returned_on=returned) == D(2026, 7, 1)  # 2 Jan–30 Jun are the 180 days
    assert reconsideration_allowed_on(kind=BillKind.MONEY, returned_on=returned) == D(2026, 1, 12)
    assert reconsideration_allowed_on(kind=BillKind.BUDGET, returned_on=returned) == returned
    assert reconsideration_allowed_on(kind=BillKind.ACT, returned_on=None) is None
