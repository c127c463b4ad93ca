"""Reports: counts, the honest on-time rate, the median time to resolve, the CSV
export (UTF-8 with BOM), the admin page, and the public anonymous statistics page."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import reports
from cases.models import Case, CaseState as S

from .factories import CategoryFactory, file_case
from .test_inbox import grant_admin, in_progress, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    grant_admin(world["intake"], world["officer"], world["supervisor"])
    return world


def resolved(world, *, filed_days_ago, took_days, due_in_days, **fields):
    """A resolved case filed ``filed_days_ago``, resolved ``took_days`` later, whose
    deadline was ``due_in_days`` after filing."""
    case = in_progress(world, **fields)
    case = walk(world, case, ("resolve", "officer", {}))
    filed = timezone.now() - dt.timedelta(days=filed_days_ago)
    Case.objects.filter(pk=case.pk).update(
        filed_at=filed, resolved_at=filed + dt.timedelta(days=took_days),
        resolve_due=(filed + dt.timedelta(days=due_in_days)).date())
    return case


def test_on_time_counts_open_cases_past_their_deadline_as_late(staff):
    today = timezone.localdate()
    resolved(staff, filed_days_ago=30, took_days=5, due_in_days=10)   # on time
    resolved(staff, filed_days_ago=30, took_days=20, due_in_days=10)  # late
    still_open_late = in_progress(staff)
    Case.objects.filter(pk=still_open_late.pk).update(resolve_due=today - dt.timedelta(days=1))
    still_open_fine = in_progress(staff)
    Case.objects.filter(pk=still_open_fine.pk).update(resolve_due=today + dt.timedelta(days=3))
    good, late = reports.on_time(Case.objects.all(), today=today)
    assert (good, late) == (1, 2)
    report = reports.build_report(today=today)
    assert report.on_time_rate == pytest.approx(1 / 3)


def test_rejected_and_withdrawn_cases_are_not_measured(staff):
    case = walk(staff, file_case(category=staff["category"]), ("screen", "intake", {}))
    walk(staff, case, ("reject", "intake", {"reason": "อยู่ระหว่างการพิจารณาของศาล"}))
    assert reports.on_time(Case.objects.all()) == (0, 0)
    assert reports.build_report().on_time_rate is None


def test_median_days_to_resolve(staff):
    assert reports.median_days_to_resolve(Case.objects.all()) == (None, 0)
    for took in (2, 4, 10):
        resolved(staff, filed_days_ago=40, took_days=took, due_in_days=30)
    assert reports.median_days_to_resolve(Case.objects.all()) == (4.0, 3)
    resolved(staff, filed_days_ago=40, took_days=6, due_in_days=30)
    assert reports.median_days_to_resolve(Case.objects.all()) == (5.0, 4)


def test_counts_by_state_category_province_and_month(staff):
    roads, schools = staff["category"], CategoryFactory(name="การศึกษา")
    file_case(category=roads, province="84")
    file_case(category=roads, province="84")
    file_case(category=schools, province="10")
    file_case(category=schools)
    in_progress(staff, province="50")
    report = reports.build_report()
    assert report.total == 5 and report.open == 5
    assert {r.key: r.count for r in report.by_state} == {S.RECEIVED: 4, S.IN_PROGRESS: 1}
    assert {r.label: r.count for r in report.by_category} == {"คมนาคม": 3, "การศึกษา": 2}
    provinces = {r.key: (r.label, r.count) for r in report.by_province}
    assert provinces["84"] == ("สุราษฎร์ธานี", 2) and provinces["50"] == ("เชียงใหม่", 1) and provinces[""][1] == 1
    this_month = timezone.localdate().strftime("%Y-%m")
    assert report.by_month[-1].key == this_month and report.by_month[-1].count == 5
    assert len(report.by_month) == 12
    assert report.by_state[0].share == 1.0


def test_public_report_merges_small_provinces(staff):
    for _ in range(reports.PUBLIC_MIN_COUNT):
        file_case(category=staff["category"], province="84")
    file_case(category=staff["category"], province="10")
    rows = {r.key: r.count for r in reports.build_report(public=True).by_province}
    assert rows == {"84": reports.PUBLIC_MIN_COUNT, "other": 1}
    assert reports.build_report(public=True).by_department == []


def test_csv_export_is_utf8_with_bom_and_has_thai(staff, client):
    file_case(category=staff["category"], province="84")
    client.force_login(staff["supervisor"])
    response = client.get(reverse("cases_admin:reports_csv"), HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert any(row[2] == "สุราษฎร์ธานี" and row[3] == "1" for row in rows)
    assert any(row[2] == "คมนาคม" for row in rows)


def test_reports_page_shows_figures_and_charts(staff, client):
    resolved(staff, filed_days_ago=20, took_days=3, due_in_days=10)
    client.force_login(staff["supervisor"])
    response = client.get(reverse("cases_admin:reports"), HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "100.0%" in html
    assert response.context["report"].total == 1
    # A period filter that excludes everything.
    response = client.get(reverse("cases_admin:reports"), {"from": "2001-01-01", "to": "2001-12-31"})
    assert response.context["report"].total == 0


def test_officers_report_only_on_what_they_may_see(staff, client):
    in_progress(staff)
    file_case(category=CategoryFactory(name="อื่น ๆ"))  # not routed: not the officer's
    client.force_login(staff["officer"])
    assert client.get(reverse("cases_admin:reports")).context["report"].total == 1


def test_public_statistics_page_is_anonymous_and_in_thai(staff, client):
    case = in_progress(staff, province="84", contact_name="สมชาย ใจดี")
    response = client.get(reverse("cases:statistics"), HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["report"].total == 1
    assert case.code not in html and case.display_code not in html and "สมชาย" not in html
    assert case.subject not in html
    assert "<svg" in html
    assert 'lang="th"' in html


def test_the_home_tile_links_to_the_statistics_url():
    assert reverse("cases:statistics").endswith("/cases/statistics/")


def test_public_statistics_page_in_english(staff, client):
    in_progress(staff, province="84")
    response = client.get("/en/cases/statistics/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Complaint statistics" in html and "Surat Thani" not in html  # one case: merged into other provinces
    assert "Other provinces" in html
