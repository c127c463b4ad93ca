import contextlib

import pytest
from django.db import connection, transaction

from cases.models import Case
from cases.models.case import new_code
from cms.records.services import record_event
from tests.cases.factories import CategoryFactory


@pytest.fixture
def make_subject(db):
    """A workflow object with a record (a bare case, written directly)."""
    category = CategoryFactory()

    def make(**fields):
        values = {"code": new_code(), "pin_hash": "-", "category": category, "subject": "ไฟถนนดับ",
                  "description": "ไฟถนนดับทั้งซอย"}
        values.update(fields)
        return Case.objects.create(**values)

    return make


@pytest.fixture
def chained(make_subject):
    """A subject with ``n`` events recorded through the service."""

    def make(n=3):
        subject = make_subject()
        with transaction.atomic():
            for number in range(1, n + 1):
                record_event(subject=subject, kind="note", comment=f"บันทึกที่ {number}", data={"n": number})
        return subject

    return make


@contextlib.contextmanager
def behind_the_application():
    """A cursor with the triggers off (the append-only one included): what
    someone with database access, not the application, can do."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
        try:
            yield cursor
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("SET session_replication_role = DEFAULT")
