"""The public pages, the API and the iCalendar feed."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from cms.legislation.models import Ballot, BillStage
from cms.legislation.services import bill_move
from tests.factories import (
    BillFactory, CommitteeFactory, SenatorFactory, SittingFactory, VoteFactory, legislative_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


@pytest.fixture
def clerk(django_user_model):
    return legislative_staff(django_user_model)


@pytest.fixture
def bill_in_committee(clerk):
    committee = CommitteeFactory(name="คณะกรรมาธิการการเกษตรทดสอบ")
    bill = BillFactory(title="ร่างพระราชบัญญัติน้ำบาดาลทดสอบ พ.ศ. ....", kind="money")
    today = timezone.localdate()
    sitting = SittingFactory(date=today - dt.timedelta(days=3))
    vote = VoteFactory(date=sitting.date, sitting=sitting, bill=bill, title="รับหลักการร่างน้ำบาดาล")
    bill_move(bill=bill, transition="receive", by=clerk, on=today - dt.timedelta(days=5))
    bill_move(bill=bill, transition="first_reading", by=clerk, on=sitting.date, sitting=sitting, vote=vote)
    bill_move(bill=bill, transition="refer_to_committee", by=clerk, on=sitting.date, committee=committee)
    return bill


def test_bill_list_filters(client, bill_in_committee):
    other = BillFactory(title="ร่างพระราชบัญญัติอื่น", introduced_on=dt.date(2020, 5, 1))
    url = reverse("legislation:bill_list")
    assert url == "/th/bills/"
    page = client.get(url, {"q": "บาดาล"}).content.decode()
    assert bill_in_committee.title in page and other.title not in page
    page = client.get(url, {"stage": "committee", "kind": "money", "committee": bill_in_committee.committee_id}).content.decode()
    assert bill_in_committee.title in page and other.title not in page
    page = client.get(url, {"year": "2563"}).content.decode()
    assert other.title in page and bill_in_committee.title not in page
    response = client.get(url, {"stage": "nonsense"})
    assert response.status_code == 200 and "ตรวจสอบ" in response.content.decode()


def test_bill_page_shows_timeline_deadline_committee_and_votes(client, bill_in_committee):
    page = client.get(bill_in_committee.get_absolute_url()).content.decode()
    assert "คณะกรรมาธิการการเกษตรทดสอบ" in page and "รับหลักการร่างน้ำบาดาล" in page
    assert "มาตรา ๑๓๖" in page  # the deadline box, Thai digits
    assert 'class="bill-timeline"' in page and "vote-chart" in page
    english = client.get(bill_in_committee.get_absolute_url().replace("/th/", "/en/")).content.decode()
    assert "Deadline under section 136" in english


def test_committee_bills_and_home_lists(client, bill_in_committee):
    page = client.get(reverse("legislation:committee_bill_list")).content.decode()
    assert bill_in_committee.title in page
    page = client.get(bill_in_committee.committee.get_absolute_url()).content.decode()
    assert bill_in_committee.title in page


def test_sitting_and_vote_pages_show_counts_and_ballots(client):
    sitting = SittingFactory()
    vote = VoteFactory(sitting=sitting, title="ญัตติเลือกประธาน", has_ballots=True, origin="wevis")
    senator = SenatorFactory(first_name="สมาชิกหนึ่ง")
    Ballot.objects.create(vote=vote, senator=senator, choice="no")
    page = client.get(sitting.get_absolute_url()).content.decode()
    assert "ญัตติเลือกประธาน" in page and "ข้อมูล: WeVis (CC BY-NC 4.0)" not in page
    page = client.get(vote.get_absolute_url()).content.decode()
    assert "สมาชิกหนึ่ง" in page and "ข้อมูล: WeVis (CC BY-NC 4.0)" in page and "<table" in page
    page = client.get(senator.get_absolute_url()).content.decode()
    assert "ญัตติเลือกประธาน" in page


def test_icalendar_feed_lists_upcoming_sittings_only(client):
    today = timezone.localdate()
    SittingFactory(date=today + dt.timedelta(days=3), number="ครั้งที่ 99", starts_at=dt.time(9, 30))
    SittingFactory(date=today - dt.timedelta(days=3), number="ครั้งที่ 98")
    response = client.get(reverse("legislation:sitting_calendar"))
    body = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))  # folded (RFC 5545)
    body = body.replace("\r\n ", "")
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.count("BEGIN:VEVENT") == 1
    assert "ครั้งที่ 99" in body and "T023000Z" in body  # 09:30 in Bangkok is 02:30 UTC


def test_api_bills_filters_and_detail(client, bill_in_committee):
    BillFactory(title="ร่างอื่น")
    data = client.get("/api/v1/bills/", {"stage": "committee"}).json()
    assert [b["id"] for b in data["results"]] == [bill_in_committee.pk]
    detail = client.get(f"/api/v1/bills/{bill_in_committee.pk}/").json()
    assert detail["stage"] == BillStage.COMMITTEE
    # No session is recorded: no day counts yet, and the last day is not guessed.
    assert detail["deadline"]["section"] == "136" and detail["deadline"]["days"] == 30
    assert detail["deadline"]["counted"] == 0 and detail["deadline"]["due_on"] is None
    assert [c["to_stage"] for c in detail["stage_changes"]] == ["received", "first_reading", "committee"]
    error = client.get("/api/v1/bills/", {"stage": "nope"})
    assert error.status_code == 400 and error.json()["error"]["code"] == "invalid"
    assert client.get("/api/v1/bills/999999/").status_code == 404


def test_api_votes_sittings_committees(client, bill_in_committee):
    vote = bill_in_committee.votes.first()
    assert client.get(f"/api/v1/votes/{vote.pk}/").json()["yes"] == 150
    assert client.get("/api/v1/sittings/").json()["results"][0]["votes"] == [vote.pk]
    assert client.get(f"/api/v1/committees/{bill_in_committee.committee_id}/").json()["bills"] == [bill_in_committee.pk]
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/bills/" in schema and "/api/v1/votes/{id}/" in schema


def test_admin_move_bill_through_the_workflow(client, clerk, django_user_model):
    bill = BillFactory()
    client.force_login(clerk)
    url = reverse("legislation_admin:move_bill", args=[bill.pk])
    response = client.post(url, {"transition": "receive", "on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    bill.refresh_from_db()
    assert bill.stage == BillStage.RECEIVED and bill.chain_length == 1
    response = client.post(url, {"transition": "approve", "on": timezone.localdate().isoformat()})
    assert response.status_code == 200  # not offered now: the form refuses it
    bill.refresh_from_db()
    assert bill.stage == BillStage.RECEIVED
    reader = django_user_model.objects.create_superuser(username="boss", password="x-pass-1234")
    reader.is_superuser = False
    reader.save()
    client.force_login(reader)
    assert client.get(url).status_code in (302, 403)


def test_bills_committees_and_sittings_are_in_the_thai_search(bill_in_committee):
    from search import analysis, selectors as search
    from search.backends import reset

    reset()
    analysis.clear_abbreviation_cache()
    search.clear_vocabulary_cache()
    outcome = search.search("น้ำบาดาล")
    assert bill_in_committee.title in [hit.document.title for hit in outcome.hits]
    outcome = search.search("เกษตรทดสอบ")
    assert bill_in_committee.committee.name in [hit.document.title for hit in outcome.hits]


@pytest.mark.parametrize("path", ["/api/v1/bills/", "/api/v1/sittings/", "/api/v1/votes/"])
def test_api_year_filter_in_either_era_empty_means_any_and_bad_years_are_refused(client, path):
    SittingFactory(date=dt.date(2022, 3, 1))
    BillFactory(introduced_on=dt.date(2022, 3, 1))
    VoteFactory(date=dt.date(2022, 3, 1))
    everything = client.get(path).json()["count"]
    assert everything >= 1
    for year in ("2565", "2022", "๒๕๖๕", "2565.0"):
        assert client.get(path, {"year": year}).json()["count"] >= 1, year
    assert client.get(path, {"year": "2564"}).json()["count"] == 0
    assert client.get(path, {"year": ""}).json()["count"] == everything
    for bad in ("abc", "0.0", "2565.5", "10000", "null"):
        response = client.get(path, {"year": bad})
        assert response.status_code == 400, bad
        assert list(response.json()["error"]["fields"]) == ["year"]


def test_api_schema_documents_the_year_filter_and_empty_filter_values(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    parameters = {p["name"]: p for p in schema["paths"]["/api/v1/sittings/"]["get"]["parameters"]}
    assert parameters["year"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 9999}
    assert parameters["year"]["allowEmptyValue"] and parameters["committee"]["allowEmptyValue"]
    assert "allowEmptyValue" not in parameters["page_size"]


def test_sittings_and_counts_use_the_readers_digits(client):
    sitting = SittingFactory(date=timezone.localdate() + dt.timedelta(days=3), number="ครั้งที่ 99",
                             starts_at=dt.time(9, 30))
    thai = client.get(reverse("legislation:sitting_list")).content.decode()
    assert "ครั้งที่ ๙๙" in thai and "๐๙:๓๐" in thai and "09:30" not in thai
    detail = client.get(sitting.get_absolute_url()).content.decode()
    assert "ครั้งที่ ๙๙" in detail and str(sitting.date.year) not in detail.split("<title>")[1].split("</title>")[0]
    BillFactory(title="ร่างพระราชบัญญัติทดสอบตัวเลข")
    assert "๑ ร่าง" in client.get(reverse("legislation:bill_list"), {"q": "ทดสอบตัวเลข"}).content.decode()
    with translation.override("en"):
        english = client.get(reverse("legislation:sitting_list")).content.decode()
    assert "09:30" in english


def test_a_merged_bill_links_to_the_bill_it_joined_and_unknown_bills_are_404(client, bill_in_committee):
    merged = BillFactory(title="ร่างพระราชบัญญัติที่ถูกรวม", merged_into=bill_in_committee)
    assert bill_in_committee.get_absolute_url() in client.get(merged.get_absolute_url()).content.decode()
    assert client.get(reverse("legislation:bill_detail", kwargs={"pk": merged.pk + 1000})).status_code == 404


def test_bill_page_shows_only_the_committee_meetings_about_the_bill(client, bill_in_committee):
    from tests.factories import AgendaItemFactory

    committee = bill_in_committee.committee
    on_bill = SittingFactory(kind="committee", committee=committee, date=timezone.localdate())
    AgendaItemFactory(sitting=on_bill, bill=bill_in_committee)
    other = SittingFactory(kind="committee", committee=committee, date=timezone.localdate() - dt.timedelta(days=1))
    page = client.get(bill_in_committee.get_absolute_url()).content.decode()
    assert on_bill.get_absolute_url() in page
    assert other.get_absolute_url() not in page


def test_bill_page_shows_the_committee_officers_and_an_edit_at_once(client, bill_in_committee):
    from cms.legislation.models import CommitteeMembership, CommitteeRole, ParliamentSession

    committee = bill_in_committee.committee
    chair = CommitteeMembership.objects.create(committee=committee, senator=SenatorFactory(first_name="ประธานทดสอบ"),
                                               role=CommitteeRole.CHAIR)
    CommitteeMembership.objects.create(committee=committee, senator=SenatorFactory(first_name="สมาชิกทดสอบ"))
    page = client.get(bill_in_committee.get_absolute_url()).content.decode()
    assert "ประธานทดสอบ" in page and "สมาชิกทดสอบ" not in page  # the officers only, as before
    chair.role = CommitteeRole.MEMBER
    chair.save()
    assert "ประธานทดสอบ" not in client.get(bill_in_committee.get_absolute_url()).content.decode()
    # The session calendar is read once per edit too: a session added now counts at once.
    from cms.legislation.deadlines import bill_deadline

    counted = bill_deadline(bill_in_committee).counted
    today = timezone.localdate()
    ParliamentSession.objects.create(name="สมัยทดสอบ", starts_on=today - dt.timedelta(days=30),
                                     ends_on=today - dt.timedelta(days=4))
    assert bill_deadline(bill_in_committee).counted == counted + 2
