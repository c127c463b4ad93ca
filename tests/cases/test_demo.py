"""The demo content: every state, valid audit chains, idempotent."""

import io

import pytest
from django.core.management import call_command

from cases import demo
from cases.models import Case, CaseState, OfficerProfile
from cms.records.models import Event
from cms.base import demo as base_demo

pytestmark = pytest.mark.django_db


def _accounts():
    """The demo accounts of the case groups, as cms.base.demo makes them."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    for username in ["intake", "officer", "officer2", "supervisor"]:
        account = base_demo.DEMO_ACCOUNTS[username]
        user = get_user_model().objects.create_user(username=username, password=account["password"])
        user.groups.add(Group.objects.get_or_create(name=account["groups"][0])[0])


def test_demo_cases_cover_every_state_with_valid_chains_and_load_once():
    _accounts()
    demo.load(stdout=io.StringIO())
    counts = {state: Case.objects.filter(state=state).count() for state in CaseState}
    assert all(counts.values()), counts
    assert sum(counts.values()) >= 300
    assert OfficerProfile.objects.filter(user__username__in=["intake", "officer", "officer2", "supervisor"]).count() == 4
    events = Event.objects.count()
    demo.load(stdout=io.StringIO())
    assert Case.objects.count() == sum(counts.values()) and Event.objects.count() == events
    call_command("verify_audit", stdout=io.StringIO())
    # a demo case can be tracked with the demo PIN
    case = Case.objects.filter(state=CaseState.IN_PROGRESS).first()
    assert case.check_pin(demo.DEMO_PIN)


