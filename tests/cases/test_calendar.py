"""Thai working days: weekends, public holidays, and the clock paused while awaiting the citizen."""

import datetime as dt

import pytest
from django.utils import timezone

from cases import services
from cases.calendar import WorkingCalendar
from cases.models import SLA, Case, CaseState as S, Holiday

from .factories import file_case

D = dt.date


def test_weekends_are_not_working_days():
    calendar = WorkingCalendar(extra_days=[], public_holidays=set())
    friday = D(2026, 11, 20)
    assert calendar.add_working_days(friday, 1) == D(2026, 11, 23)  # Monday
    assert calendar.working_days_between(friday, D(2026, 11, 23)) == 1
    assert calendar.working_days_between(D(2026, 11, 23), friday) == 0


def test_thai_public_holidays_are_skipped_including_lunar_and_substitute_days():
    calendar = WorkingCalendar(extra_days=[])
    # Chakri Day (6 April) 2026 is a Monday.
    assert calendar.add_working_days(D(2026, 4, 3), 1) == D(2026, 4, 7)
    # Songkran 13–15 April 2026 (Monday to Wednesday).
    assert calendar.add_working_days(D(2026, 4, 10), 3) == D(2026, 4, 20)
    assert not calendar.is_working_day(D(2026, 4, 14))
    # Lunar: Makha Bucha 2026 on Tuesday 3 March; Visakha Bucha on Sunday 31 May, its substitute Monday 1 June;
    # Asarnha Bucha and Khao Phansa 2027 on their own dates, computed, not typed in.
    assert not calendar.is_working_day(D(2026, 3, 3)) and not calendar.is_working_day(D(2026, 6, 1))
    assert calendar.is_working_day(D(2026, 6, 2))
    assert not calendar.is_working_day(D(2027, 7, 19)) and not calendar.is_working_day(D(2027, 7, 20))
    # A government holiday (Royal Ploughing Ceremony 2026) closes the offices too.
    assert not calendar.is_working_day(D(2026, 5, 13))


def test_extra_days_off_entered_by_staff_are_skipped_too():
    calendar = WorkingCalendar(extra_days=[D(2026, 11, 23)])
    assert calendar.add_working_days(D(2026, 11, 20), 1) == D(2026, 11, 24)


@pytest.mark.django_db
def test_deadlines_use_the_category_sla_and_the_holiday_calendar(world):
    Holiday.objects.create(date=D(2026, 12, 11), name="วันหยุดราชการเพิ่มเติม")
    SLA.objects.create(category=world["category"], acknowledge_days=2, resolve_days=5)
    friday = dt.datetime(2026, 12, 4, 10, 0, tzinfo=timezone.get_current_timezone())
    case = file_case(category=world["category"], filed_at=friday)
    assert case.acknowledge_due == D(2026, 12, 9)  # Mon 7 is the substitute for 5 December: Tue 8, Wed 9
    assert case.resolve_due == D(2026, 12, 16)  # 8, 9, (10 Constitution Day), (11 extra day off), 14, 15, 16


@pytest.mark.django_db
def test_the_cached_days_off_follow_every_change_staff_make(world):
    friday = dt.datetime(2026, 12, 4, 10, 0, tzinfo=timezone.get_current_timezone())
    SLA.objects.create(category=world["category"], acknowledge_days=2, resolve_days=5)
    assert file_case(category=world["category"], filed_at=friday).resolve_due == D(2026, 12, 15)
    day_off = Holiday.objects.create(date=D(2026, 12, 11), name="วันหยุดราชการเพิ่มเติม")
    assert file_case(category=world["category"], filed_at=friday).resolve_due == D(2026, 12, 16)
    day_off.date = D(2026, 12, 14)
    day_off.save()
    assert file_case(category=world["category"], filed_at=friday).resolve_due == D(2026, 12, 16)
    assert WorkingCalendar().is_working_day(D(2026, 12, 11)) and not WorkingCalendar().is_working_day(D(2026, 12, 14))
    day_off.delete()
    assert file_case(category=world["category"], filed_at=friday).resolve_due == D(2026, 12, 15)


@pytest.mark.django_db
def test_the_clock_stops_while_awaiting_the_citizen(world, monkeypatch):
    from .test_transitions import to_state

    case = to_state(world, S.IN_PROGRESS)
    Case.objects.filter(pk=case.pk).update(resolve_due=D(2026, 12, 18))
    case.refresh_from_db()
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 12, 1))  # Tuesday
    case = services.case_transition(case=case, transition="request_information", by=world["officer"])
    assert case.paused_since == D(2026, 12, 1)
    assert not case.is_overdue(D(2027, 1, 30))  # no deadline runs while the citizen has the case
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: D(2026, 12, 8))  # a week later
    case = services.case_citizen_reply(case=case, message="ข้อมูลเพิ่มเติม")
    # 2, 3, 4 and 8 December (7 is the substitute for 5 December): four working days paused move the
    # deadline from Friday 18 December by four.
    assert case.resolve_due == D(2026, 12, 24) and case.paused_since is None


@pytest.mark.django_db
def test_a_case_still_open_past_its_deadline_is_overdue(world):
    case = file_case(category=world["category"])
    assert not case.is_overdue(case.acknowledge_due)
    assert case.is_overdue(case.acknowledge_due + dt.timedelta(days=1))
