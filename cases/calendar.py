"""Thai working days of a government office: Monday to Friday, less Thailand's
public and government holidays (the ``holidays`` package: fixed and lunar
days, substitutes for those on a weekend, the Cabinet's special days off) and
the extra days off that staff enter (:class:`cases.models.Holiday`)."""

import datetime as dt
import functools

import holidays

ONE_DAY = dt.timedelta(days=1)


@functools.cache
def thai_public_holidays():
    """Thailand's holidays for government offices, in Thai; each year is filled
    in when a date of it is first looked up."""
    return holidays.country_holidays("TH", language="th", categories=(holidays.PUBLIC, holidays.GOVERNMENT))


class WorkingCalendar:
    """Working-day arithmetic. ``extra_days`` are days off besides the public
    holidays (by default those staff entered); ``public_holidays`` replaces
    Thailand's (a test may give an empty set)."""

    def __init__(self, extra_days=None, *, public_holidays=None):
        if extra_days is None:
            from cases.models import Holiday

            extra_days = Holiday.days_off()
        self.extra_days = frozenset(extra_days)
        self.public_holidays = thai_public_holidays() if public_holidays is None else public_holidays

    def is_working_day(self, day):
        return day.weekday() < 5 and day not in self.extra_days and day not in self.public_holidays

    def add_working_days(self, start, days):
        """The date ``days`` working days after ``start`` (``start`` itself not counted)."""
        day = start
        remaining = days
        while remaining > 0:
            day += ONE_DAY
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start, end):
        """Working days after ``start`` up to and including ``end`` (0 if end <= start)."""
        return sum(self.is_working_day(start + offset * ONE_DAY) for offset in range(1, (end - start).days + 1))
