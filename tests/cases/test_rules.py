"""Each case rule written once and agreeing wherever it is read: the due date and
"overdue" on a case and in a query, the department scope of the selectors and of
the transitions' permissions, the citizen's actions from the workflow, and the
one validation of a filing behind the form, the API and the service."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django_fsm import has_transition_perm

from cases import selectors, services
from cases.models import Case, CaseState as S
from cases.models.case import OFFICER_STATE_LABELS, department_scope, officer_state_label

from .factories import file_case
from .test_transitions import to_state

pytestmark = pytest.mark.django_db


def test_due_date_is_the_deadline_of_the_stage(world):
    new = file_case(category=world["category"])
    assert new.awaiting_acknowledgement and new.due_date == new.acknowledge_due
    working = to_state(world, S.IN_PROGRESS)
    assert not working.awaiting_acknowledgement and working.due_date == working.resolve_due
    done = to_state(world, S.RESOLVED)
    assert done.due_date is None and not done.is_overdue(timezone.localdate() + dt.timedelta(days=400))


@pytest.mark.parametrize("target", [S.RECEIVED, S.SCREENING, S.IN_PROGRESS, S.AWAITING_CITIZEN, S.RESOLVED])
def test_overdue_on_the_case_and_in_the_query_agree(world, target):
    case = to_state(world, target) if target != S.RECEIVED else file_case(category=world["category"])
    today = timezone.localdate()
    Case.objects.filter(pk=case.pk).update(acknowledge_due=today - dt.timedelta(days=1),
                                           resolve_due=today - dt.timedelta(days=1))
    case.refresh_from_db()
    in_query = Case.objects.overdue(today).filter(pk=case.pk).exists()
    assert case.is_overdue(today) == in_query
    assert in_query == (target in (S.RECEIVED, S.SCREENING, S.IN_PROGRESS))  # paused and resolved are not


def test_one_department_scope_for_the_inbox_and_the_permissions(world):
    case = to_state(world, S.IN_PROGRESS)
    for who, sees in [("officer", True), ("officer2", True), ("outsider", False), ("supervisor", True)]:
        user = world[who]
        assert selectors.visible_cases(user).filter(pk=case.pk).exists() is sees
        assert has_transition_perm(case.resolve, user) is (sees and user.has_perm("cases.work_case"))
    assert department_scope(world["supervisor"]) is None  # every case


def test_officers_read_states_in_their_own_voice():
    with translation.override("th"):
        assert str(officer_state_label(S.AWAITING_CITIZEN)) == "รอข้อมูลจากผู้ร้อง"
        assert str(S.AWAITING_CITIZEN.label) == "รอข้อมูลเพิ่มเติมจากคุณ"  # the citizen's
    with translation.override("en"):
        assert str(officer_state_label(S.AWAITING_CITIZEN)) == "Awaiting the complainant"
    assert officer_state_label(S.RESOLVED) == S.RESOLVED.label
    assert set(OFFICER_STATE_LABELS) <= set(S)


def test_the_citizens_actions_come_from_the_workflow(world):
    new = file_case(category=world["category"])
    assert new.citizen_actions() == {"confirm": False, "reopen": False, "reply": False, "withdraw": True,
                                     "rate": False}
    asked = to_state(world, S.AWAITING_CITIZEN)
    assert asked.citizen_actions()["reply"] and asked.citizen_actions()["withdraw"]
    resolved = to_state(world, S.RESOLVED)
    actions = resolved.citizen_actions()
    assert actions["confirm"] and actions["reopen"] and actions["rate"] and not actions["withdraw"]
    services.case_citizen_rate(case=resolved, rating=5)
    resolved.refresh_from_db()
    assert resolved.citizen_actions()["rate"] is False


def test_one_validation_of_a_filing(world):
    fields = {"category": world["category"], "subject": "ถนนชำรุด", "description": "ถนนหน้าโรงเรียนเป็นหลุมลึกมาก",
              "contact_name": "มาลี", "contact_phone": "๐๘๑ ๒๓๔ ๕๖๗๘", "consent": True}
    filing = services.validate_filing(**fields)
    assert filing.contact_phone == "081 234 5678"  # Thai digits, as the form and the API accept them
    with pytest.raises(ValidationError) as error:
        services.validate_filing(**{**fields, "contact_phone": "12", "consent": False})
    assert set(error.value.message_dict) == {"contact_phone", "consent"}
    with pytest.raises(ValidationError) as error:
        services.validate_filing(**{**fields, "contact_phone": ""})
    assert set(error.value.message_dict) == {"contact_email"}
    assert services.validate_filing(**{**fields, "contact_phone": "", "anonymous": True}).contact_name == ""


def test_the_fingerprint_tells_a_retry_from_another_filing(world):
    fields = {"category": world["category"], "subject": "ถนนชำรุด", "description": "ถนนหน้าโรงเรียนเป็นหลุมลึกมาก",
              "anonymous": True, "consent": True}
    first, retry = services.validate_filing(**fields), services.validate_filing(**fields)
    assert first.fingerprint() == retry.fingerprint()
    assert services.validate_filing(**{**fields, "subject": "ไฟดับ"}).fingerprint() != first.fingerprint()
