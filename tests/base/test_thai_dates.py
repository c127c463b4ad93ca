import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from cms.base import thai

UTC = dt.timezone.utc


def render(source, **context):
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    "value, expected",
    [
        (dt.date(2026, 11, 23), "23 พฤศจิกายน 2569"),
        (dt.date(2017, 4, 6), "6 เมษายน 2560"),
        (dt.date(1932, 6, 27), "27 มิถุนายน 2475"),
        # 31 Dec 23:30 UTC is already New Year's Day in Bangkok (UTC+7): next B.E. year.
        (dt.datetime(2025, 12, 31, 23, 30, tzinfo=UTC), "1 มกราคม 2569"),
        # 31 Dec 16:59 UTC is still 31 Dec in Bangkok.
        (dt.datetime(2025, 12, 31, 16, 59, tzinfo=UTC), "31 ธันวาคม 2568"),
        (dt.datetime(2025, 12, 31, 17, 0, tzinfo=UTC), "1 มกราคม 2569"),
    ],
)
def test_thai_dates_use_buddhist_era_in_bangkok_time(value, expected):
    assert thai.format_date(value, language="th") == expected
    with translation.override("th"):  # on a Thai page, in Thai digits (the digit rule)
        assert render("{{ value|thaidate }}", value=value) == thai.thai_digits(expected)


def test_english_pages_keep_the_gregorian_year():
    with translation.override("en"):
        assert render("{{ value|thaidate }}", value=dt.date(2026, 11, 23)) == "23 November 2026"


def test_styles():
    moment = dt.datetime(2026, 2, 3, 9, 5, tzinfo=ZoneInfo("Asia/Bangkok"))
    with translation.override("th"):
        assert render('{{ v|thaidate:"short" }}', v=moment) == "๓ ก.พ. ๒๕๖๙"
        assert render('{{ v|thaidate:"datetime" }}', v=moment) == "๓ กุมภาพันธ์ ๒๕๖๙ เวลา ๐๙:๐๕ น."
    with translation.override("en"):
        assert render('{{ v|thaidate:"datetime" }}', v=moment) == "3 February 2026, 09:05"


def test_empty_values_render_nothing():
    assert render("{{ v|thaidate }}", v=None) == ""


def test_thai_digits_on_thai_pages_only():
    with translation.override("th"):
        assert render("{{ v|thaidigits }}", v="มาตรา 256") == "มาตรา ๒๕๖"
    with translation.override("en"):
        assert render("{{ v|thaidigits }}", v="Section 256") == "Section 256"


def test_thai_digits_round_trip():
    assert thai.arabic_digits("๒๕๖๐") == "2560"
    assert thai.thai_digits(2560) == "๒๕๖๐"


def test_be_year():
    assert thai.be_year(2017) == 2560
    with translation.override("th"):
        assert render("{{ v|beyear }}", v=dt.date(2024, 1, 1)) == "2567"
    with translation.override("en"):
        assert render("{{ v|beyear }}", v=dt.date(2024, 1, 1)) == "2024"
