"""The officers' case page in the Wagtail admin: only the allowed actions,
transitions through the services, notes vs public replies, the masked and logged
identity (sealed: supervisors only), attachments, related cases, and the
conflict when two officers act at once."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from cases import services
from cases.models import CaseState as S, EventKind

from .factories import PNG, file_case, upload
from .test_inbox import grant_admin, in_progress, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    grant_admin(world["intake"], world["officer"], world["officer2"], world["outsider"], world["supervisor"])
    return world


def page(client, case, **headers):
    return client.get(reverse("cases_admin:case", args=[case.code]), HTTP_ACCEPT_LANGUAGE="th", **headers)


def act(client, case, **data):
    return client.post(reverse("cases_admin:case", args=[case.code]), data, HTTP_ACCEPT_LANGUAGE="th")


def transition_names(response):
    return [t["name"] for t in response.context["transitions"]]


def test_only_the_allowed_transitions_are_offered(staff, client):
    case = file_case(category=staff["category"])
    client.force_login(staff["intake"])
    assert transition_names(page(client, case)) == ["screen"]
    case = walk(staff, case, ("screen", "intake", {}))
    assert set(transition_names(page(client, case))) == {"accept", "reject", "refer"}
    case = in_progress(staff)
    client.force_login(staff["officer"])
    response = page(client, case)
    assert set(transition_names(response)) == {"request_information", "resolve"}
    assert "close" not in transition_names(response)
    html = response.content.decode()
    assert 'data-transition="resolve"' in html and 'data-transition="close"' not in html


def test_the_page_is_in_thai(staff, client):
    case = in_progress(staff, province="84", district="8405", subdistrict="840503")
    client.force_login(staff["officer"])
    html = page(client, case).content.decode()
    assert "เกาะเต่า, เกาะพะงัน, สุราษฎร์ธานี" in html
    assert "กำลังดำเนินการ" in html or "ดำเนินการ" in html


def test_other_departments_cannot_open_the_case(staff, client):
    case = in_progress(staff)
    client.force_login(staff["outsider"])
    assert page(client, case).status_code == 404


def test_screen_accept_assign_start_resolve_close_through_the_page(staff, client):
    case = file_case(category=staff["category"])
    client.force_login(staff["intake"])
    act(client, case, action="transition", transition="screen", seen_state=S.RECEIVED, comment="")
    act(client, case, action="transition", transition="accept", seen_state=S.SCREENING, comment="รับเรื่องไว้พิจารณา",
        public="1")
    case.refresh_from_db()
    assert case.state == S.ACCEPTED and case.department == staff["roads"]
    client.force_login(staff["supervisor"])
    act(client, case, action="transition", transition="assign", seen_state=S.ACCEPTED,
        officer=staff["officer"].pk, comment="")
    client.force_login(staff["officer"])
    act(client, case, action="transition", transition="start", seen_state=S.ASSIGNED)
    act(client, case, action="transition", transition="resolve", seen_state=S.IN_PROGRESS,
        comment="ซ่อมถนนเรียบร้อยแล้ว", public="1")
    client.force_login(staff["supervisor"])
    act(client, case, action="transition", transition="close", seen_state=S.RESOLVED)
    case.refresh_from_db()
    assert case.state == S.CLOSED and case.assignee == staff["officer"]
    events = list(case.events.filter(kind=EventKind.TRANSITION).order_by("seq"))
    assert [e.transition for e in events] == ["screen", "accept", "assign", "start", "resolve", "close"]
    resolve = events[4]
    assert resolve.actor == staff["officer"] and resolve.public and resolve.comment == "ซ่อมถนนเรียบร้อยแล้ว"


def test_a_transition_the_user_may_not_make_is_refused_with_a_message(staff, client):
    case = in_progress(staff)
    client.force_login(staff["officer"])
    response = act(client, case, action="transition", transition="close", seen_state=S.IN_PROGRESS)
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.state == S.IN_PROGRESS


def test_reject_needs_a_reason(staff, client):
    case = walk(staff, file_case(category=staff["category"]), ("screen", "intake", {}))
    client.force_login(staff["intake"])
    response = act(client, case, action="transition", transition="reject", seen_state=S.SCREENING, reason="")
    assert response.status_code == 400
    assert "reason" in response.content.decode() or "เหตุผล" in response.content.decode()
    case.refresh_from_db()
    assert case.state == S.SCREENING
    act(client, case, action="transition", transition="reject", seen_state=S.SCREENING,
        reason="เป็นคดีอยู่ในศาล ไม่อยู่ในอำนาจของวุฒิสภา")
    case.refresh_from_db()
    assert case.state == S.REJECTED and "ศาล" in case.rejection_reason


def test_a_stale_form_gets_a_clear_conflict_message_and_changes_nothing(staff, client):
    case = in_progress(staff)
    # Officer 2's supervisor resolved it meanwhile; officer still has the "in progress" page open.
    services.case_transition(case=case, transition="request_information", by=staff["supervisor"])
    client.force_login(staff["officer"])
    response = client.post(reverse("cases_admin:case", args=[case.code]),
                           {"action": "transition", "transition": "resolve", "seen_state": S.IN_PROGRESS},
                           HTTP_ACCEPT_LANGUAGE="th", follow=True)
    assert response.status_code == 200
    texts = [str(m) for m in response.context["messages"]]
    assert any("Reload" in t or "โหลด" in t or "เปลี่ยน" in t for t in texts), texts
    case.refresh_from_db()
    assert case.state == S.AWAITING_CITIZEN
    assert not case.events.filter(transition="resolve").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_officers_at_once_one_succeeds_the_other_is_told(world, client):
    grant_admin(world["officer"], world["officer2"], world["supervisor"])
    case = in_progress(world)
    barrier = threading.Barrier(2)
    results = {}

    def attempt(username, transition):
        from django.test import Client

        c = Client()
        c.force_login(world[username])
        barrier.wait()
        response = c.post(reverse("cases_admin:case", args=[case.code]),
                          {"action": "transition", "transition": transition, "seen_state": S.IN_PROGRESS},
                          HTTP_ACCEPT_LANGUAGE="th", follow=True)
        results[username] = (response.status_code, [str(m) for m in response.context["messages"]])
        connection.close()

    threads = [threading.Thread(target=attempt, args=("officer", "resolve")),
               threading.Thread(target=attempt, args=("supervisor", "request_information"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(status in (200, 400) for status, _ in results.values()), results
    case.refresh_from_db()
    assert case.state in (S.RESOLVED, S.AWAITING_CITIZEN)
    made = list(case.events.filter(transition__in=["resolve", "request_information"]).values_list("transition",
                                                                                                   flat=True))
    assert len(made) == 1  # one succeeded, nothing lost, nothing doubled
    loser = "supervisor" if made == ["resolve"] else "officer"
    assert results[loser][1], results  # the other was told why


def test_note_is_internal_and_reply_is_public(staff, client):
    case = in_progress(staff)
    client.force_login(staff["officer"])
    act(client, case, action="message", kind="note", text="โทรประสานแขวงทางหลวงแล้ว")
    act(client, case, action="message", kind="reply", text="เจ้าหน้าที่ได้ประสานหน่วยงานแล้ว")
    note = case.events.get(kind=EventKind.NOTE)
    reply = case.events.get(kind=EventKind.PUBLIC_REPLY)
    assert not note.public and reply.public
    response = act(client, case, action="message", kind="note", text="")
    assert response.status_code == 400
    assert case.events.filter(kind=EventKind.NOTE).count() == 1


def test_identity_is_masked_until_asked_and_each_view_is_logged(staff, client):
    case = in_progress(staff, contact_name="สมชาย ใจดี", contact_email="somchai@example.org", contact_phone="0812345678")
    client.force_login(staff["officer"])
    html = page(client, case).content.decode()
    assert "สมชาย ใจดี" not in html and "somchai@example.org" not in html
    assert "ส•" in html  # masked
    assert not case.events.filter(kind=EventKind.IDENTITY_VIEW).exists()
    response = act(client, case, action="identity")
    html = response.content.decode()
    assert "สมชาย ใจดี" in html and "somchai@example.org" in html
    view = case.events.get(kind=EventKind.IDENTITY_VIEW)
    assert view.actor == staff["officer"]


def test_sealed_identity_is_for_supervisors_only(staff, client):
    case = in_progress(staff, contact_name="วิชัย ร้องเรียน", respondent="นายอำเภอ")
    services.case_update(case=case, by=staff["supervisor"], sealed=True)
    client.force_login(staff["officer"])
    response = page(client, case)
    assert not response.context["can_view_identity"]
    response = act(client, case, action="identity")
    assert response.status_code == 400 and "วิชัย ร้องเรียน" not in response.content.decode()
    assert not case.events.filter(kind=EventKind.IDENTITY_VIEW).exists()
    client.force_login(staff["supervisor"])
    response = act(client, case, action="identity")
    assert "วิชัย ร้องเรียน" in response.content.decode()
    assert case.events.filter(kind=EventKind.IDENTITY_VIEW, actor=staff["supervisor"]).count() == 1


def test_attachments_are_added_through_the_service_and_served_to_authorised_users(staff, client):
    case = in_progress(staff)
    client.force_login(staff["officer"])
    act(client, case, action="attachment", file=upload("photo.png", PNG, "image/png"), public="1")
    attachment = case.attachments.get()
    assert attachment.public and attachment.uploaded_by == staff["officer"]
    html = page(client, case).content.decode()
    url = reverse("cases:attachment", args=[attachment.pk])
    assert url in html
    assert client.get(url).status_code == 200
    client.force_login(staff["outsider"])
    assert client.get(url).status_code == 403
    # A disguised file is refused with a message, nothing stored.
    client.force_login(staff["officer"])
    response = act(client, case, action="attachment", file=upload("photo.png", b"MZ\x90\x00 not a png", "image/png"))
    assert response.status_code == 400
    assert case.attachments.count() == 1


def test_link_related_cases_by_code_and_from_the_duplicates(staff, client):
    case = in_progress(staff, province="84", district="8405", subdistrict="840503",
                       subject="ถนนชำรุดหน้าโรงเรียนเกาะเต่า", description="หลุมลึกบนถนนลาดยางหน้าโรงเรียน")
    twin = in_progress(staff, province="84", district="8405", subdistrict="840503",
                       subject="ถนนหน้าโรงเรียนเกาะเต่าชำรุด", description="ถนนลาดยางหน้าโรงเรียนเป็นหลุมลึก")
    other = in_progress(staff, subject="ขอข้อมูล", description="ขอทราบงบประมาณ")
    client.force_login(staff["officer"])
    response = page(client, case)
    assert [c.code for c, _ in response.context["duplicates"]] == [twin.code]
    act(client, case, action="link", code=twin.code)
    act(client, case, action="link", code=other.display_code.lower())
    assert set(case.related_cases.values_list("code", flat=True)) == {twin.code, other.code}
    response = page(client, case)
    assert response.context["duplicates"] == []  # already linked
    response = act(client, case, action="link", code="ZZZZZ-ZZZZZ")
    assert response.status_code == 400


def test_supervisor_can_reassign_officer_cannot(staff, client):
    case = in_progress(staff)
    client.force_login(staff["officer"])
    assert not page(client, case).context["can_reassign"]
    response = act(client, case, action="reassign", seen_state=S.IN_PROGRESS, officer=staff["officer2"].pk)
    assert response.status_code == 400
    client.force_login(staff["supervisor"])
    assert page(client, case).context["can_reassign"]
    act(client, case, action="reassign", seen_state=S.IN_PROGRESS, officer=staff["officer2"].pk)
    case.refresh_from_db()
    assert case.assignee == staff["officer2"]
    assert case.events.filter(kind=EventKind.ASSIGNMENT, actor=staff["supervisor"]).exists()


def test_timeline_shows_every_event_with_public_and_internal_marked(staff, client):
    case = in_progress(staff)
    services.case_add_note(case=case, by=staff["officer"], text="บันทึกภายใน")
    client.force_login(staff["officer"])
    response = page(client, case)
    timeline = response.context["timeline"]
    assert [row["event"].seq for row in timeline] == list(
        case.events.order_by("seq").values_list("seq", flat=True))
    assert "บันทึกภายใน" in response.content.decode()


def test_unknown_code_is_404(staff, client):
    client.force_login(staff["supervisor"])
    assert client.get(reverse("cases_admin:case", args=["ABCDEFGHJK"])).status_code == 404
    assert client.get(reverse("cases_admin:case", args=["not-a-code"])).status_code == 404
