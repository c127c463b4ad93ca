"""Point-in-time text: sections 83, 86 and 91 of 2560 before and after the 2564 amendment."""

import datetime as dt

import pytest
from django.urls import reverse

from cms.laws import selectors

ORIGINAL_83 = "(๑) สมาชิกซึ่งมาจากการเลือกตั้งแบบแบ่งเขตเลือกตั้งจำนวนสามร้อยห้าสิบคน"
AMENDED_83 = "จำนวนสี่ร้อยคน"


def test_the_amendment_and_its_dates(c2560):
    amendment = c2560.amendments.get()
    assert amendment.signed == dt.date(2021, 11, 7)
    assert amendment.in_force == dt.date(2021, 11, 22)  # the day after the Gazette of 21 Nov 2564
    assert sorted(v.provision.number for v in amendment.versions.select_related("provision")) == ["83", "86", "91"]


@pytest.mark.parametrize(("date", "expected", "absent"), [
    (dt.date(2019, 3, 24), ORIGINAL_83, AMENDED_83),
    (dt.date(2021, 11, 21), ORIGINAL_83, AMENDED_83),
    (dt.date(2021, 11, 22), AMENDED_83, ORIGINAL_83),
    (None, AMENDED_83, ORIGINAL_83),
])
def test_text_of_section_83_at_a_date(c2560, date, expected, absent):
    provision = selectors.provision_get(slug="constitution-2560", number="83")
    paragraphs, _version = selectors.text_at(provision, date)
    text = "\n".join(paragraphs)
    assert expected in text and absent not in text


def test_before_promulgation_there_is_no_text(c2560):
    provision = selectors.provision_get(slug="constitution-2560", number="83")
    assert selectors.text_at(provision, dt.date(2010, 1, 1)) == (None, None)
    unamended = selectors.provision_get(slug="constitution-2560", number="107")
    assert selectors.text_at(unamended, dt.date(2018, 1, 1))[0] == unamended.paragraphs


def test_section_page_shows_both_wordings_with_dates(client, c2560):
    url = reverse("laws:provision", kwargs={"slug": "constitution-2560", "number": "83"})
    page = client.get(url).content.decode()
    assert AMENDED_83 in page and "ถ้อยคำเดิม" in page
    assert "๖ เมษายน ๒๕๖๐" in page or "6 เมษายน 2560" in page
    old = client.get(url, {"date": "2020-01-01"}).content.decode()
    assert ORIGINAL_83 in old and AMENDED_83 not in old
    be = client.get(url, {"date": "2563-01-01"}).content.decode()  # a B.E. year is understood
    assert ORIGINAL_83 in be


def test_bad_date_is_reported(client, c2560):
    url = reverse("laws:provision", kwargs={"slug": "constitution-2560", "number": "83"})
    page = client.get(url, {"date": "yesterday"}).content.decode()
    assert 'aria-invalid="true"' in page and AMENDED_83 in page


def test_history_page_diffs_the_wordings(client, c2560):
    page = client.get(reverse("laws:provision_history", kwargs={"slug": "constitution-2560", "number": "83"})).content.decode()
    assert "<del>สามร้อยห้าสิบ</del><ins>สี่ร้อย</ins>" in page
    unamended = client.get(reverse("laws:provision_history", kwargs={"slug": "constitution-2560", "number": "107"}))
    assert unamended.status_code == 200 and "<del>" not in unamended.content.decode()
