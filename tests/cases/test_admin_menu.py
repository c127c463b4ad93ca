"""The case system's place in the Wagtail admin: the "Complaints" menu for case
staff only, and the case settings snippets behind their model permissions."""

import json

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cases.models import Holiday, RoutingRule

from .test_inbox import grant_admin

pytestmark = pytest.mark.django_db


def menu_names(client):
    response = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    return response.content.decode()


def test_case_staff_see_the_complaints_menu_in_thai(world, client):
    grant_admin(world["officer"])
    client.force_login(world["officer"])
    html = menu_names(client)
    assert reverse("cases_admin:inbox") in html and reverse("cases_admin:reports") in html
    label = "เรื่องร้องเรียน"  # the menu is JSON in the sidebar's props
    assert label in html or json.dumps(label)[1:-1] in html


def test_other_admin_users_do_not(world, client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    html = menu_names(client)
    assert reverse("cases_admin:inbox") not in html


def test_supervisors_manage_routing_rules_and_holidays_officers_cannot(world, client):
    grant_admin(world["supervisor"], world["officer"])
    rules = reverse("wagtailsnippets_cases_routingrule:list")
    holidays = reverse("wagtailsnippets_cases_holiday:add")
    client.force_login(world["supervisor"])
    assert client.get(rules).status_code == 200
    response = client.post(holidays, {"date": "2026-12-10", "name": "วันรัฐธรรมนูญ"})
    assert response.status_code == 302
    assert Holiday.objects.filter(name="วันรัฐธรรมนูญ").exists()
    client.force_login(world["officer"])
    assert client.get(rules).status_code in (302, 403)
    assert RoutingRule.objects.count() == 1
