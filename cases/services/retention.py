"""Retention (PDPA): removing the complainant's personal data from cases
finished longer ago than the retention period."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from cms.records.services import outbox_redact

from ..conf import conf
from ..models import Case, EventKind
from .base import lock, record_event


def case_anonymise(*, case, now=None):
    """Remove the complainant's personal data from a finished case."""
    with transaction.atomic():
        locked = lock(case, expect_state=False)
        if locked.anonymised_at:
            return locked
        Case.objects.filter(pk=locked.pk).update(
            contact_name="", contact_email="", contact_phone="", anonymised_at=now or timezone.now())
        outbox_redact(subject_object=locked, to="anonymised@invalid")
        record_event(locked, by=None, kind=EventKind.ANONYMISED)
    locked.refresh_from_db()
    return locked


def anonymise_closed_cases(*, years=None, now=None):
    now = now or timezone.now()
    years = conf.retention_years if years is None else years
    cutoff = now - dt.timedelta(days=round(365.25 * years))
    count = 0
    for case in Case.objects.due_for_anonymisation(cutoff=cutoff):
        case_anonymise(case=case, now=now)
        count += 1
    return count
