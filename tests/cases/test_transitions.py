"""Every transition of the workflow and who may make it."""

import pytest
from django.utils import translation
from django.core.exceptions import PermissionDenied, ValidationError
from django_fsm import TransitionNotAllowed, has_transition_perm

from cases import services
from cases.models import CITIZEN, Case, CaseState as S, EventKind

from .factories import file_case

pytestmark = pytest.mark.django_db


def to_state(world, target):
    """A case walked through the services up to ``target``."""
    case = file_case(category=world["category"])
    steps = {
        S.SCREENING: [("screen", "intake", {})],
        S.ACCEPTED: [("screen", "intake", {}), ("accept", "intake", {})],
        S.ASSIGNED: [("screen", "intake", {}), ("accept", "intake", {}),
                     ("assign", "supervisor", {"officer": world["officer"]})],
        S.IN_PROGRESS: [("screen", "intake", {}), ("accept", "intake", {}),
                        ("assign", "supervisor", {"officer": world["officer"]}), ("start", "officer", {})],
        S.AWAITING_CITIZEN: [("screen", "intake", {}), ("accept", "intake", {}),
                             ("assign", "supervisor", {"officer": world["officer"]}), ("start", "officer", {}),
                             ("request_information", "officer", {})],
        S.RESOLVED: [("screen", "intake", {}), ("accept", "intake", {}),
                     ("assign", "supervisor", {"officer": world["officer"]}), ("start", "officer", {}),
                     ("resolve", "officer", {})],
    }
    for transition, who, data in steps.get(target, []):
        case = services.case_transition(case=case, transition=transition, by=world[who], comment="ok", **data)
    assert case.state == target
    return case


# (transition, from state, who may, who may not, extra data)
MATRIX = [
    ("screen", S.RECEIVED, "intake", "officer", {}),
    ("screen", S.RECEIVED, "supervisor", "outsider", {}),
    ("accept", S.SCREENING, "intake", "officer", {}),
    ("reject", S.SCREENING, "intake", "officer", {"reason": "เป็นเรื่องในศาล ไม่อยู่ในอำนาจวุฒิสภา"}),
    ("refer", S.SCREENING, "intake", "officer", {"agency": "กรมทางหลวงชนบท"}),
    ("assign", S.ACCEPTED, "supervisor", "officer", {"officer": "officer2"}),
    ("assign", S.ACCEPTED, "supervisor", "intake", {"officer": "officer2"}),
    ("start", S.ASSIGNED, "officer", "outsider", {}),
    ("start", S.ASSIGNED, "officer", "intake", {}),
    ("request_information", S.IN_PROGRESS, "officer", "outsider", {}),
    ("resume", S.AWAITING_CITIZEN, "officer", "outsider", {}),
    ("resolve", S.IN_PROGRESS, "officer", "intake", {}),
    ("resolve", S.IN_PROGRESS, "supervisor", "outsider", {}),
    ("close", S.RESOLVED, "supervisor", "officer", {}),
]
TARGETS = {"screen": S.SCREENING, "accept": S.ACCEPTED, "reject": S.REJECTED, "refer": S.REFERRED,
           "assign": S.ASSIGNED, "start": S.IN_PROGRESS, "request_information": S.AWAITING_CITIZEN,
           "resume": S.IN_PROGRESS, "resolve": S.RESOLVED, "close": S.CLOSED}


@pytest.mark.parametrize(("transition", "source", "allowed", "refused", "data"), MATRIX)
def test_transition_and_its_permission(world, transition, source, allowed, refused, data):
    data = {k: world[v] if k == "officer" else v for k, v in data.items()}
    case = to_state(world, source)
    events_before = case.events.count()

    with pytest.raises(PermissionDenied):
        services.case_transition(case=case, transition=transition, by=world[refused], comment="no", **data)
    case.refresh_from_db()
    assert case.state == source
    assert case.events.count() == events_before

    case = services.case_transition(case=case, transition=transition, by=world[allowed], comment="yes", **data)
    assert case.state == TARGETS[transition]
    event = case.events.order_by("-seq").first()
    assert (event.from_state, event.to_state, event.actor) == (source, TARGETS[transition], world[allowed])
    assert event.kind == EventKind.TRANSITION and event.transition == transition


def test_officers_see_only_the_transitions_they_may_make(world):
    case = to_state(world, S.SCREENING)
    assert {t.name for t in services.available_transitions(case, world["intake"])} == {"accept", "reject", "refer"}
    assert services.available_transitions(case, world["officer"]) == []
    case = to_state(world, S.IN_PROGRESS)
    assert {t.name for t in services.available_transitions(case, world["officer"])} == {"request_information", "resolve"}
    assert services.available_transitions(case, world["outsider"]) == []
    with translation.override("en"):
        assert "Resolve" in {str(t.custom["label"]) for t in services.available_transitions(case, world["officer"])}
    with translation.override("th"):
        assert "ดำเนินการแล้วเสร็จ" in {str(t.custom["label"]) for t in services.available_transitions(case, world["officer"])}


def test_a_transition_not_possible_from_this_state_is_refused(world):
    case = to_state(world, S.RECEIVED)
    with pytest.raises(services.TransitionRefused):
        services.case_transition(case=case, transition="resolve", by=world["supervisor"])
    with pytest.raises(services.TransitionRefused):
        services.case_transition(case=case, transition="drop_table", by=world["supervisor"])


def test_reject_needs_a_reason_and_refer_an_agency(world):
    case = to_state(world, S.SCREENING)
    with pytest.raises(ValidationError) as error:
        services.case_transition(case=case, transition="reject", by=world["intake"])
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.case_transition(case=case, transition="refer", by=world["intake"], agency="  ")
    assert "agency" in error.value.message_dict
    case = services.case_transition(case=case, transition="refer", by=world["intake"], agency="กรมทางหลวงชนบท")
    assert case.referred_to == "กรมทางหลวงชนบท" and case.closed_at is not None


def test_the_state_field_is_protected(world):
    case = to_state(world, S.RECEIVED)
    with pytest.raises(AttributeError):
        case.state = S.CLOSED
    with pytest.raises(TransitionNotAllowed):
        case.resolve()


def test_acceptance_routes_by_rule_and_assignment_stays_in_the_department(world):
    case = to_state(world, S.ACCEPTED)
    assert case.department == world["roads"]
    with pytest.raises(ValidationError):
        services.case_assign(case=case, officer=world["outsider"], by=world["supervisor"])
    case = services.case_assign(case=case, officer=world["officer"], by=world["supervisor"])
    assert case.state == S.ASSIGNED and case.assignee == world["officer"]


def test_only_a_supervisor_reassigns(world):
    case = to_state(world, S.IN_PROGRESS)
    with pytest.raises(PermissionDenied):
        services.case_assign(case=case, officer=world["officer2"], by=world["officer"])
    case = services.case_assign(case=case, officer=world["officer2"], by=world["supervisor"])
    assert case.assignee == world["officer2"] and case.state == S.IN_PROGRESS
    assert case.events.order_by("-seq").first().kind == EventKind.ASSIGNMENT


def test_citizen_journey_reply_confirm_and_rate(world):
    case = to_state(world, S.AWAITING_CITIZEN)
    # The citizen's transitions are the citizen's only.
    assert not has_transition_perm(case.citizen_reply, world["officer"])
    assert has_transition_perm(case.citizen_reply, CITIZEN)
    with pytest.raises(services.TransitionRefused):
        services.case_transition(case=case, transition="citizen_reply", by=world["officer"])
    case = services.case_citizen_reply(case=case, message="ภาพถ่ายเพิ่มเติมส่งทางไปรษณีย์แล้ว")
    assert case.state == S.IN_PROGRESS
    case = services.case_transition(case=case, transition="resolve", by=world["officer"], comment="ซ่อมแล้ว", public=True)
    case = services.case_citizen_confirm(case=case)
    assert case.state == S.CLOSED and case.closed_at
    case = services.case_citizen_rate(case=case, rating=5, comment="รวดเร็ว")
    assert case.rating == 5
    with pytest.raises(services.TransitionRefused):
        services.case_citizen_rate(case=case, rating=4)


def test_citizen_reopen_within_the_window_only(world, settings):
    case = to_state(world, S.RESOLVED)
    with pytest.raises(ValidationError):
        services.case_citizen_reopen(case=case, reason="")
    case = services.case_citizen_reopen(case=case, reason="ยังมีหลุมอีกสองจุด")
    assert case.state == S.REOPENED and case.reopen_count == 1
    case = services.case_transition(case=case, transition="start", by=world["officer"])
    case = services.case_transition(case=case, transition="resolve", by=world["officer"])
    Case.objects.filter(pk=case.pk).update(resolved_at=case.resolved_at.replace(year=case.resolved_at.year - 1))
    case.refresh_from_db()
    with pytest.raises(services.TransitionRefused):
        services.case_citizen_reopen(case=case, reason="อีกครั้ง")
    with pytest.raises(services.TransitionRefused):
        services.case_citizen_confirm(case=case)


def test_citizen_withdraws_an_open_case_but_not_a_finished_one(world):
    case = to_state(world, S.ASSIGNED)
    case = services.case_citizen_withdraw(case=case, reason="แก้ไขได้เองแล้ว")
    assert case.state == S.WITHDRAWN
    with pytest.raises(services.TransitionRefused):
        services.case_citizen_withdraw(case=case)


def test_citizen_cannot_reply_unless_asked(world):
    case = to_state(world, S.IN_PROGRESS)
    with pytest.raises(services.TransitionRefused):
        services.case_citizen_reply(case=case, message="เพิ่มเติม")


def test_events_carry_the_citizen_as_actor_kind(world):
    case = to_state(world, S.RESOLVED)
    services.case_citizen_confirm(case=case)
    last = case.events.order_by("-seq").first()
    assert last.actor is None and last.actor_kind == "citizen" and last.public
    assert str(CITIZEN) == "citizen"
