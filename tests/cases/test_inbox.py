"""The officers' inbox in the Wagtail admin: who sees what, filters, search, sort,
bulk assignment, and a query count that does not grow with the page size."""

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.inbox import possible_duplicates, similarity
from cases.models import Case, CaseState as S

from .factories import CategoryFactory, file_case

pytestmark = pytest.mark.django_db


def grant_admin(*users):
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for user in users:
        for group in user.groups.all():
            group.permissions.add(access)


def walk(world, case, *steps):
    """Move a case through the services: steps are (transition, who, data)."""
    for transition, who, data in steps:
        case = services.case_transition(case=case, transition=transition, by=world[who], comment="ok", **data)
    return case


def accepted(world, **fields):
    case = file_case(category=world["category"], **fields)
    return walk(world, case, ("screen", "intake", {}), ("accept", "intake", {}))


def in_progress(world, officer="officer", **fields):
    case = accepted(world, **fields)
    return walk(world, case, ("assign", "supervisor", {"officer": world[officer]}), ("start", officer, {}))


@pytest.fixture
def staff(world):
    grant_admin(world["intake"], world["officer"], world["officer2"], world["outsider"], world["supervisor"])
    return world


def codes(response):
    return {case.code for case in response.context["object_list"]}


QUERY_NAMES = {"open_only": "open", "sort": "ordering"}


def inbox_cases(client, *, user, **filters):
    """The codes the inbox lists for ``user`` with these filters, in order."""
    client.force_login(user)
    params = {QUERY_NAMES.get(name, name): "1" if value is True else value for name, value in filters.items()}
    response = client.get(reverse("cases_admin:inbox"), params)
    assert response.status_code == 200
    return [case.code for case in response.context["object_list"]]


def test_officers_see_only_their_departments_cases_and_supervisors_all(staff, client):
    mine = in_progress(staff)
    other_category = CategoryFactory(name="การศึกษา")
    theirs = file_case(category=other_category)
    theirs = walk(staff, theirs, ("screen", "intake", {}), ("accept", "intake", {}))
    services.case_assign(case=theirs, officer=staff["outsider"], by=staff["supervisor"])
    client.force_login(staff["officer"])
    response = client.get(reverse("cases_admin:inbox"))
    assert response.status_code == 200
    assert codes(response) == {mine.code}
    client.force_login(staff["outsider"])
    assert codes(client.get(reverse("cases_admin:inbox"))) == {theirs.code}
    client.force_login(staff["supervisor"])
    assert codes(client.get(reverse("cases_admin:inbox"))) == {mine.code, theirs.code}


def test_intake_sees_new_cases_before_routing(staff, client):
    new = file_case(category=staff["category"])
    client.force_login(staff["intake"])
    assert new.code in codes(client.get(reverse("cases_admin:inbox")))


def test_people_without_the_case_permission_are_refused(staff, client, django_user_model):
    stranger = django_user_model.objects.create_user("editor", password="x")
    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    file_case(category=staff["category"])
    client.force_login(stranger)
    response = client.get(reverse("cases_admin:inbox"))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    assert response.status_code == 302 and response.url == "/admin/"
    client.logout()
    response = client.get(reverse("cases_admin:inbox"))
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_filters_state_kind_category_province_assignee_and_overdue(staff, client):
    sup = staff["supervisor"]
    a = in_progress(staff, province="84", district="8405")
    b = in_progress(staff, officer="officer2", kind="suggestion", province="10")
    c = file_case(category=staff["category"], province="84")
    Case.objects.filter(pk=a.pk).update(resolve_due=timezone.localdate() - dt.timedelta(days=2))

    def found(**kwargs):
        return set(inbox_cases(client, user=sup, **kwargs))

    assert found(state=S.RECEIVED) == {c.code}
    assert found(kind="suggestion") == {b.code}
    assert found(province="84") == {a.code, c.code}
    assert found(assignee=str(staff["officer2"].pk)) == {b.code}
    assert found(assignee="none") == {c.code}
    assert found(overdue=True) == {a.code}
    assert found(category=str(staff["category"].pk)) == {a.code, b.code, c.code}
    assert found(department="none") == {c.code}
    assert found(department=str(staff["roads"].pk)) == {a.code, b.code}
    assert found(open_only=True, state=S.IN_PROGRESS) == {a.code, b.code}


def test_paused_cases_are_not_overdue(staff, client):
    a = in_progress(staff)
    a = walk(staff, a, ("request_information", "officer", {}))
    Case.objects.filter(pk=a.pk).update(resolve_due=timezone.localdate() - dt.timedelta(days=5))
    assert not inbox_cases(client, user=staff["supervisor"], overdue=True)


def test_search_by_code_in_any_form_and_by_thai_words(staff, client):
    sup = staff["supervisor"]
    road = file_case(category=staff["category"], subject="ถนนชำรุดหน้าโรงเรียนบ้านหนองบัว",
                     description="หลุมบ่อบนถนนลาดยาง")
    light = file_case(category=staff["category"], subject="ไฟฟ้าส่องสว่างดับทั้งซอย",
                      description="ไฟทางดับมาสองสัปดาห์")

    def found(q):
        return set(inbox_cases(client, user=sup, q=q))

    assert found(road.display_code) == {road.code}
    assert found(road.code.lower()) == {road.code}
    assert found(road.code[:6]) == {road.code}
    assert found("ไฟทางดับ") == {light.code}
    assert found("ถนน หนองบัว") == {road.code}
    assert found("ถนน ไฟฟ้า") == set()
    vaccine = file_case(category=staff["category"], subject="จุดฉีดวัคซีน COVID-19 แออัด",
                        description="ผู้สูงอายุต้องรอคิวนานหลายชั่วโมง", respondent="Bangkok Hospital")
    assert found("covid-19") == {vaccine.code}  # Latin words match in any case
    assert found("bangkok hospital") == {vaccine.code}


def test_sorted_by_due_date_soonest_first(staff, client):
    sup = staff["supervisor"]
    first, second, third = in_progress(staff), in_progress(staff), in_progress(staff)
    today = timezone.localdate()
    Case.objects.filter(pk=first.pk).update(resolve_due=today + dt.timedelta(days=9))
    Case.objects.filter(pk=second.pk).update(resolve_due=today + dt.timedelta(days=1))
    Case.objects.filter(pk=third.pk).update(resolve_due=today + dt.timedelta(days=5))
    ordered = inbox_cases(client, user=sup, sort="due")
    assert ordered == [second.code, third.code, first.code]
    reverse_ordered = inbox_cases(client, user=sup, sort="-due")
    assert reverse_ordered == [first.code, third.code, second.code]


def test_inbox_page_filters_and_shows_thai(staff, client):
    case = in_progress(staff, province="84")
    client.force_login(staff["supervisor"])
    response = client.get(reverse("cases_admin:inbox"), {"province": "84", "state": S.IN_PROGRESS},
                          HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    html = response.content.decode()
    assert case.display_code in html
    assert "สุราษฎร์ธานี" in html  # the province, by name
    assert "กำลังดำเนินการ" in html or "ดำเนินการ" in html  # the state label in Thai


def _inbox_queries(client, django_assert_num_queries, per_page):
    # Warm up (session, permissions, locale caches), then count a second request.
    client.get(reverse("cases_admin:inbox"), {"per_page": per_page})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("cases_admin:inbox"), {"per_page": per_page})
    assert response.status_code == 200
    assert len(response.context["object_list"]) == per_page
    return len(captured.captured_queries)


def test_query_count_does_not_grow_with_the_page_size(staff, client, django_assert_num_queries):
    categories = [staff["category"], CategoryFactory(), CategoryFactory()]
    for i in range(50):
        case = file_case(category=categories[i % 3], province=["10", "84", "50"][i % 3])
        if i % 2:
            case = walk(staff, case, ("screen", "intake", {}), ("accept", "intake", {}))
            if case.department_id:
                services.case_assign(case=case, officer=staff["officer" if i % 4 == 1 else "officer2"],
                                     by=staff["supervisor"])
    client.force_login(staff["supervisor"])
    at_10 = _inbox_queries(client, django_assert_num_queries, 10)
    at_50 = _inbox_queries(client, django_assert_num_queries, 50)
    assert at_10 == at_50
    with django_assert_num_queries(at_10):
        client.get(reverse("cases_admin:inbox"), {"per_page": 50})


def test_bulk_assign_assigns_each_through_the_service(staff, client):
    one, two = accepted(staff), accepted(staff)
    new = file_case(category=staff["category"])  # not accepted yet: cannot be assigned
    client.force_login(staff["supervisor"])
    response = client.post(reverse("cases_admin:bulk_assign"),
                           {"case": [one.pk, two.pk, new.pk], "officer": staff["officer2"].pk}, follow=True)
    assert response.status_code == 200
    one.refresh_from_db(), two.refresh_from_db(), new.refresh_from_db()
    assert one.state == two.state == S.ASSIGNED and one.assignee == two.assignee == staff["officer2"]
    assert new.state == S.RECEIVED and new.assignee is None
    texts = [str(m) for m in response.context["messages"]]
    assert any("2" in t for t in texts) and any(new.display_code in t for t in texts)
    assert one.events.filter(transition="assign", actor=staff["supervisor"]).exists()


def test_bulk_assign_needs_cases_and_an_officer(staff, client):
    one = accepted(staff)
    client.force_login(staff["supervisor"])
    client.post(reverse("cases_admin:bulk_assign"), {"case": [one.pk], "officer": ""})
    client.post(reverse("cases_admin:bulk_assign"), {"officer": staff["officer"].pk})
    one.refresh_from_db()
    assert one.state == S.ACCEPTED


def test_an_officer_cannot_bulk_assign(staff, client):
    one = accepted(staff)
    client.force_login(staff["officer"])
    response = client.post(reverse("cases_admin:bulk_assign"), {"case": [one.pk], "officer": staff["officer"].pk},
                           follow=True)
    one.refresh_from_db()
    assert one.state == S.ACCEPTED and one.assignee is None
    assert any("ไม่ได้มอบหมาย" in str(m) or "Not assigned" in str(m) for m in response.context["messages"]) \
        or not response.context["object_list"]


def test_possible_duplicates_match_thai_words_in_the_same_area(staff):
    sup = staff["supervisor"]
    original = file_case(category=staff["category"], province="84", district="8405", subdistrict="840503",
                         subject="ถนนชำรุดหน้าโรงเรียนบ้านเกาะเต่า",
                         description="ถนนลาดยางหน้าโรงเรียนเป็นหลุมลึก นักเรียนเดินลำบาก")
    again = file_case(category=staff["category"], province="84", district="8405", subdistrict="840503",
                      subject="ถนนหน้าโรงเรียนเกาะเต่าชำรุด",
                      description="หลุมลึกบนถนนลาดยางหน้าโรงเรียน นักเรียนเดินลำบากมาก")
    elsewhere = file_case(category=staff["category"], province="10", district="1001", subdistrict="100101",
                          subject="ถนนชำรุดหน้าโรงเรียนบ้านเกาะเต่า",
                          description="ถนนลาดยางหน้าโรงเรียนเป็นหลุมลึก นักเรียนเดินลำบาก")
    unrelated = file_case(category=staff["category"], province="84", district="8405", subdistrict="840503",
                          subject="ขอข้อมูลงบประมาณ", description="ขอทราบงบประมาณของคณะกรรมาธิการ")
    found = [c.code for c, score in possible_duplicates(original, user=sup)]
    assert found == [again.code]
    assert elsewhere.code not in found and unrelated.code not in found


def test_similarity_is_word_overlap():
    assert similarity({"ถนน", "ชำรุด"}, {"ถนน", "ชำรุด"}) == 1
    assert similarity({"ถนน"}, {"ไฟฟ้า"}) == 0
    assert similarity(set(), {"ถนน"}) == 0
    assert similarity({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3)


def test_open_cases_come_first_by_due_date_and_finished_ones_last(staff, client):
    sup = staff["supervisor"]
    later, sooner = in_progress(staff), in_progress(staff)
    new = file_case(category=staff["category"])
    rejected = walk(staff, file_case(category=staff["category"]), ("screen", "intake", {}),
                    ("reject", "intake", {"reason": "นอกอำนาจหน้าที่"}))
    today = timezone.localdate()
    Case.objects.filter(pk=later.pk).update(resolve_due=today + dt.timedelta(days=20))
    Case.objects.filter(pk=sooner.pk).update(resolve_due=today + dt.timedelta(days=2))
    Case.objects.filter(pk=new.pk).update(acknowledge_due=today + dt.timedelta(days=1), resolve_due=today)
    assert inbox_cases(client, user=sup) == [new.code, sooner.code, later.code, rejected.code]


def test_the_listing_exports_as_csv_and_xlsx_with_its_filters(staff, client):
    mine = in_progress(staff, province="84")
    file_case(category=staff["category"], province="10")
    client.force_login(staff["supervisor"])
    response = client.get(reverse("cases_admin:inbox"), {"province": "84", "export": "csv"},
                          HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == 2 and mine.display_code in rows[1] and "สุราษฎร์ธานี" in rows[1]
    assert "รหัส" in rows[0]  # the headings in the officer's language
    xlsx = client.get(reverse("cases_admin:inbox"), {"export": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_officers_see_states_in_their_own_voice(staff, client):
    case = walk(staff, in_progress(staff), ("request_information", "officer", {}))
    client.force_login(staff["officer"])
    html = client.get(reverse("cases_admin:inbox"), HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert case.display_code in html and "รอข้อมูลจากผู้ร้อง" in html and "รอข้อมูลเพิ่มเติมจากคุณ" not in html
