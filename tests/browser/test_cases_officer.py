"""The officers' journey in the Wagtail admin, in Thai: the intake officer screens
and accepts a demo case, the supervisor assigns it, the officer works it, replies
to the citizen and resolves it, and the supervisor closes it — each seeing only
what their role allows."""

import pytest
from playwright.sync_api import expect


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    """The site, the accounts and the case system's demo (not the other apps' content)."""
    import io

    from django.db import transaction

    from cases import demo as cases_demo
    from cms.base import demo as base_demo

    with django_db_blocker.unblock():
        with transaction.atomic():
            base_demo.load(stdout=io.StringIO())
        with transaction.atomic():
            cases_demo.load(stdout=io.StringIO())


def a_new_case_for_the_officers_department(django_db_blocker):
    """A demo case just received whose routing leads to the demo officer's department."""
    from cases import services
    from cases.models import Case, CaseState, OfficerProfile

    with django_db_blocker.unblock():
        department = OfficerProfile.objects.get(user__username="officer").department_id
        for case in Case.objects.filter(state=CaseState.RECEIVED, sealed=False, anonymous=False) \
                .exclude(contact_name="").order_by("filed_at"):
            routed = services.route(case)
            if routed is not None and routed.pk == department:
                return case
    pytest.fail("the demo has no received case for the officer's department")


def switch_user(tab, login, username):
    tab.context.clear_cookies()
    return login(tab, username)


def open_case(tab, server_url, code, display_code):
    tab.goto(f"{server_url}/admin/cases/?q={code}")
    tab.get_by_role("link", name=display_code).click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text(f"เรื่อง {display_code}")


def state_is(tab, label):
    expect(tab.get_by_test_id("case-state")).to_have_text(label)


def act(tab, transition, button, *, comment="", public=None):
    """Press the Thai button of one transition, with its comment form."""
    form = tab.locator("form.cases-action", has=tab.locator(f"button[data-transition={transition}]"))
    if comment:
        form.get_by_label("ความเห็น", exact=True).fill(comment)
    if public is not None:
        form.get_by_label("ให้ผู้ร้องเห็นความเห็นนี้", exact=True).set_checked(public)
    form.get_by_role("button", name=button, exact=True).click()


@pytest.mark.browser
def test_screen_assign_work_resolve_close_in_thai(tab, server_url, login, axe_violations, django_db_blocker):
    case = a_new_case_for_the_officers_department(django_db_blocker)
    code, display_code = case.code, case.display_code

    # Intake: the inbox in Thai, the case among the new ones; screening and accepting.
    login(tab, "intake")
    tab.goto(f"{server_url}/admin/cases/?state=received")
    expect(tab.get_by_role("heading", level=1)).to_have_text("กล่องเรื่องร้องเรียน")
    expect(tab.get_by_role("link", name=display_code)).to_be_visible()
    assert axe_violations(tab) == []
    tab.get_by_role("link", name=display_code).click()
    state_is(tab, "ได้รับเรื่องแล้ว")
    # Intake may see who filed (masked until asked; the view is recorded).
    expect(tab.get_by_test_id("identity-masked")).to_be_visible()
    expect(tab.get_by_text(case.contact_name, exact=True)).to_have_count(0)
    tab.get_by_role("button", name="แสดงตัวตนผู้ร้อง (การเปิดดูจะถูกบันทึก)").click()
    expect(tab.get_by_test_id("identity")).to_contain_text(case.contact_name)
    # Only screening is offered while the case is new.
    expect(tab.locator("button[data-transition]")).to_have_count(1)
    act(tab, "screen", "เริ่มตรวจสอบเรื่อง")
    expect(tab.locator(".messages")).to_contain_text("ดำเนินการแล้ว")
    state_is(tab, "กำลังตรวจสอบเรื่อง")
    act(tab, "accept", "รับเรื่อง", comment="เรื่องอยู่ในอำนาจหน้าที่ รับไว้พิจารณา", public=True)
    # Accepted, the case is routed to its department: it leaves intake's hands (back to the inbox).
    expect(tab.locator(".messages")).to_contain_text("ขณะนี้เรื่องมีสถานะ “รับเรื่องไว้พิจารณา”")
    expect(tab.get_by_role("heading", level=1)).to_have_text("กล่องเรื่องร้องเรียน")
    tab.reload()  # without Wagtail's own success message, whose green fails axe's contrast check
    assert axe_violations(tab) == []

    # Supervisor: assigns it to the officer.
    switch_user(tab, login, "supervisor")
    open_case(tab, server_url, code, display_code)
    state_is(tab, "รับเรื่องไว้พิจารณา")
    form = tab.locator("form.cases-action", has=tab.locator("button[data-transition=assign]"))
    select = form.get_by_label("เจ้าหน้าที่", exact=True)
    label = select.locator("option", has_text="สุดา ดำเนินการ").text_content()
    select.select_option(label=label)
    form.get_by_role("button", name="มอบหมาย", exact=True).click()
    state_is(tab, "มอบหมายเจ้าหน้าที่แล้ว")
    expect(tab.get_by_test_id("case-assignee")).to_have_text("สุดา ดำเนินการ")

    # Officer: finds it among their own cases, starts, replies publicly, resolves.
    switch_user(tab, login, "officer")
    tab.goto(f"{server_url}/admin/cases/?assignee=me&state=assigned&per_page=100")
    expect(tab.get_by_role("link", name=display_code)).to_be_visible()
    tab.get_by_role("link", name=display_code).click()
    expect(tab.locator("button[data-transition=close]")).to_have_count(0)
    act(tab, "start", "เริ่มดำเนินการ")
    state_is(tab, "อยู่ระหว่างดำเนินการ")
    tab.get_by_label("ตอบกลับผู้ร้อง (ผู้ร้องเห็นและได้รับอีเมล)").check()
    tab.get_by_label("ข้อความ", exact=True).fill("เจ้าหน้าที่ได้ประสานหน่วยงานที่รับผิดชอบแล้ว จะแจ้งผลให้ทราบโดยเร็ว")
    tab.get_by_role("button", name="เพิ่ม", exact=True).click()
    expect(tab.locator(".messages")).to_contain_text("ส่งคำตอบถึงผู้ร้องแล้ว")
    expect(tab.locator(".cases-timeline")).to_contain_text("เจ้าหน้าที่ได้ประสานหน่วยงานที่รับผิดชอบแล้ว")
    act(tab, "resolve", "ดำเนินการแล้วเสร็จ", comment="หน่วยงานแก้ไขเรียบร้อยแล้ว", public=True)
    state_is(tab, "ดำเนินการแล้วเสร็จ")
    expect(tab.locator("button[data-transition]")).to_have_count(0)  # closing is the supervisor's

    # Supervisor: closes it; the timeline holds every step.
    switch_user(tab, login, "supervisor")
    open_case(tab, server_url, code, display_code)
    act(tab, "close", "ปิดเรื่อง")
    state_is(tab, "ปิดเรื่อง")
    timeline = tab.locator(".cases-timeline")
    for text in ("กำลังตรวจสอบเรื่อง", "รับเรื่องไว้พิจารณา", "มอบหมายเจ้าหน้าที่แล้ว", "อยู่ระหว่างดำเนินการ",
                 "หน่วยงานแก้ไขเรียบร้อยแล้ว", "ปิดเรื่อง"):
        expect(timeline).to_contain_text(text)

    with django_db_blocker.unblock():
        from cases.models import Case, EventKind

        case = Case.objects.get(code=code)
        assert case.state == "closed"
        transitions = list(case.events.filter(kind=EventKind.TRANSITION).order_by("seq")
                           .values_list("transition", "actor__username"))
        assert transitions[-6:] == [("screen", "intake"), ("accept", "intake"), ("assign", "supervisor"),
                                    ("start", "officer"), ("resolve", "officer"), ("close", "supervisor")]
        assert case.events.filter(kind=EventKind.IDENTITY_VIEW, actor__username="intake").exists()


@pytest.mark.browser
def test_reports_and_public_statistics_in_thai(tab, server_url, login, axe_violations):
    login(tab, "supervisor")
    tab.goto(f"{server_url}/admin/cases/reports/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("รายงานเรื่องร้องเรียน")
    expect(tab.locator(".bar-chart").first).to_be_visible()
    with tab.expect_download() as download:
        tab.get_by_role("link", name="ดาวน์โหลด CSV").click()
    content = open(download.value.path(), "rb").read()
    assert content.startswith(b"\xef\xbb\xbf") and "สถานะ".encode() in content
    tab.goto(f"{server_url}/th/cases/statistics/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("สถิติเรื่องร้องเรียน")
    expect(tab.locator(".bar-chart").first).to_be_visible()
    assert axe_violations(tab) == []
