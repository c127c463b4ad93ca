"""Thai working days: Monday to Friday, less the public holidays in
:class:`cases.models.Holiday`."""

import datetime as dt

from django.utils import timezone

ONE_DAY = dt.timedelta(days=1)


class WorkingCalendar:
    """Working-day arithmetic over a set of holidays (loaded once for a span)."""

    def __init__(self, holidays=None):
        if holidays is None:
            from cases.models import Holiday

            holidays = Holiday.objects.values_list("date", flat=True)
        self.holidays = frozenset(holidays)

    def is_working_day(self, day):
        return day.weekday() < 5 and day not in self.holidays

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
        count = 0
        day = start
        while day < end:
            day += ONE_DAY
            if self.is_working_day(day):
                count += 1
        return count


def today():
    return timezone.localdate()
