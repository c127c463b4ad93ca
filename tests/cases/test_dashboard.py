"""Case staff's dashboard panels: intake sees new and overdue complaints,
officers their open cases and their department's overdue ones, and people
outside case work see no case at all."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, RoutingRule

from .factories import CategoryFactory, file_case
from .test_inbox import grant_admin, in_progress, walk

pytestmark = pytest.mark.django_db


def panels(client, user):
    """{panel id: its HTML} on the user's dashboard, in Thai."""
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    html = response.content.decode()
    return {name: body for name, body in re.findall(r'aria-labelledby="panel-(\w+)">(.*?)</section>', html, re.S)}


def overdue(case, field="resolve_due"):
    Case.objects.filter(pk=case.pk).update(**{field: timezone.localdate() - dt.timedelta(days=3)})
    return case


@pytest.fixture
def staff(world):
    education = CategoryFactory(name="การศึกษา", slug="education")
    RoutingRule.objects.create(category=education, province="", department=world["other"])
    world["education"] = education
    grant_admin(world["intake"], world["officer"], world["outsider"], world["supervisor"])
    return world


def test_intake_sees_new_complaints_and_overdue_ones(staff, client):
    fresh = file_case(category=staff["category"], subject="ไฟถนนดับทั้งซอย")
    late = overdue(file_case(category=staff["category"], subject="ท่อระบายน้ำอุดตัน"), "acknowledge_due")
    found = panels(client, staff["intake"])
    assert "เรื่องร้องเรียนใหม่ที่รอคัดกรอง" in found["new_cases"]
    assert fresh.display_code in found["new_cases"] and late.display_code in found["new_cases"]
    assert late.display_code in found["overdue_cases"] and fresh.display_code not in found["overdue_cases"]
    assert "my_cases" not in found


def test_an_officer_sees_their_cases_and_only_their_departments_overdue_ones(staff, client):
    mine = overdue(in_progress(staff))
    elsewhere_case = file_case(category=staff["education"])
    elsewhere = overdue(walk(staff, elsewhere_case, ("screen", "intake", {}), ("accept", "intake", {}),
                             ("assign", "supervisor", {"officer": staff["outsider"]}), ("start", "outsider", {})))
    found = panels(client, staff["officer"])
    assert "new_cases" not in found
    assert mine.display_code in found["my_cases"]
    assert mine.display_code in found["overdue_cases"]
    assert elsewhere.display_code not in found["overdue_cases"] + found["my_cases"]
    # The other department's officer sees the reverse.
    found = panels(client, staff["outsider"])
    assert elsewhere.display_code in found["overdue_cases"] and mine.display_code not in found["overdue_cases"]


def test_with_nothing_waiting_the_panels_say_so(staff, client):
    found = panels(client, staff["officer"])
    assert "ไม่มีเรื่องค้างที่มอบหมายให้คุณ" in found["my_cases"]
    assert "ไม่มีเรื่องร้องเรียนที่เกินกำหนด" in found["overdue_cases"]


def test_an_editor_sees_no_case(staff, client, django_user_model):
    overdue(file_case(category=staff["category"]), "acknowledge_due")
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))  # Wagtail's own editors' group
    found = panels(client, editor)
    assert not {"new_cases", "my_cases", "overdue_cases"} & found.keys()
