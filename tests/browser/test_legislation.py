"""Following the Senate's work: a citizen finds a bill and reads its timeline and deadline,
reads how the senators voted at a sitting, and a member of the legislative staff moves a
bill to its next stage in the admin."""

import pytest
from playwright.sync_api import expect


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    """The site and accounts, the laws (for the constitution links) and the legislative demo."""
    import io

    from django.db import transaction

    from cms.base import demo as base_demo
    from cms.legislation import demo as legislation_demo

    with django_db_blocker.unblock():
        for module in (base_demo, legislation_demo):
            with transaction.atomic():
                module.load(stdout=io.StringIO())


def _bill(django_db_blocker, key):
    from cms.legislation.models import Bill

    with django_db_blocker.unblock():
        return Bill.objects.get(external_id=f"sample-bill-{key}")


def test_citizen_finds_a_bill_and_reads_its_timeline(phone_tab, server_url):
    tab = phone_tab
    tab.goto(f"{server_url}/th/bills/")
    tab.get_by_label("คำค้น").fill("น้ำบาดาล")
    tab.get_by_role("button", name="แสดงร่างกฎหมาย").click()
    tab.get_by_role("link", name="ร่างพระราชบัญญัติน้ำบาดาลชุมชน").first.click()
    expect(tab.get_by_role("heading", level=1)).to_contain_text("น้ำบาดาลชุมชน")
    expect(tab.get_by_role("heading", name="กำหนดเวลาตามรัฐธรรมนูญ มาตรา ๑๓๖")).to_be_visible()
    expect(tab.locator(".deadline")).to_contain_text("เหลืออีก")
    timeline = tab.locator(".bill-timeline")
    expect(timeline).to_contain_text("รับจากสภาผู้แทนราษฎร")
    expect(timeline).to_contain_text("ชั้นคณะกรรมาธิการ")
    expect(timeline).to_contain_text("การประชุมคณะกรรมาธิการ")
    expect(tab.get_by_text("ตัวอย่าง").first).to_be_visible()
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_citizen_reads_how_senators_voted_at_a_sitting(tab, server_url, django_db_blocker):
    from cms.legislation.models import Vote

    with django_db_blocker.unblock():
        vote = Vote.objects.filter(has_ballots=True, sitting__isnull=False).order_by("date").first()
        sitting_id = vote.sitting_id
    tab.goto(f"{server_url}/th/sittings/")
    tab.goto(f"{server_url}/th/sittings/{sitting_id}/")
    expect(tab.locator(".vote-chart svg[role=img]").first).to_be_visible()
    tab.get_by_role("link", name="การลงมติของสมาชิกแต่ละคน").first.click()
    expect(tab.get_by_role("heading", name="การลงมติของสมาชิกวุฒิสภาแต่ละคน")).to_be_visible()
    expect(tab.locator("table.vote-table")).to_contain_text("เห็นชอบ")
    expect(tab.locator("details.ballots").first.locator("li").first).to_be_visible()
    expect(tab.get_by_text("ข้อมูล: WeVis (CC BY-NC 4.0)")).to_be_visible()


def test_staff_moves_a_bill_to_its_next_stage(tab, server_url, login, django_db_blocker):
    bill = _bill(django_db_blocker, "received")
    login(tab, "clerk")
    tab.goto(f"{server_url}/admin/legislation/bills/{bill.pk}/move/")
    expect(tab.locator("[data-stage]")).to_have_text("รับจากสภาผู้แทนราษฎร")
    tab.get_by_label("เริ่มพิจารณาวาระที่หนึ่ง").check()
    tab.get_by_label("หมายเหตุ").fill("ที่ประชุมรับหลักการ")
    tab.get_by_role("button", name="เปลี่ยนขั้นตอนของร่าง").click()
    expect(tab.locator("[data-stage]")).to_have_text("วุฒิสภาพิจารณาวาระที่หนึ่ง")
    tab.goto(f"{server_url}/th/bills/{bill.pk}/")
    expect(tab.locator(".bill-timeline")).to_contain_text("ที่ประชุมรับหลักการ")
    with django_db_blocker.unblock():
        bill.refresh_from_db()
        assert bill.stage == "first_reading" and bill.events.last().actor.username == "clerk"
