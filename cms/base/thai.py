"""Thai calendar and numeral helpers used by templates, e-mails and the API.

Dates are shown in Asia/Bangkok time: a news item published at 23:30 UTC on
31 December belongs to 1 January in Thailand, and to the next B.E. year.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import get_language

BANGKOK = ZoneInfo("Asia/Bangkok")
BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def thai_digits(value) -> str:
    """'มาตรา 256' -> 'มาตรา ๒๕๖'."""
    return str(value).translate(_TO_THAI)


def localized_digits(value) -> str:
    """The digit rule (README, "Numbers"): Thai digits on Thai pages, Arabic on English ones."""
    if (get_language() or "th").startswith("th"):
        return thai_digits(value)
    return str(value)


def arabic_digits(value) -> str:
    """Accept Thai digits wherever a number is typed: '๒๕๖' -> '256'."""
    return str(value).translate(_TO_ARABIC)


def to_bangkok(value):
    """A date stays a date; an aware datetime is moved to Bangkok time."""
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):
            value = timezone.make_aware(value, timezone.get_default_timezone())
        return value.astimezone(BANGKOK)
    return value


def format_date(value, style="long", language=None) -> str:
    """Format a date or datetime for a reader.

    Thai: Buddhist Era year and Thai month names ('23 พฤศจิกายน 2569');
    English: Gregorian ('23 November 2026'). ``style`` is 'long', 'short'
    ('23 พ.ย. 2569') or 'datetime' ('23 พฤศจิกายน 2569 เวลา 16:05 น.').
    """
    if value in (None, ""):
        return ""
    language = (language or get_language() or "th")[:2]
    local = to_bangkok(value)
    day, month, year = local.day, local.month, local.year
    if language == "th":
        months = THAI_MONTHS_SHORT if style == "short" else THAI_MONTHS
        text = f"{day} {months[month - 1]} {year + BE_OFFSET}"
        if style == "datetime" and isinstance(local, dt.datetime):
            text += f" เวลา {local:%H:%M} น."
        return text
    month_name = EN_MONTHS[month - 1][:3] if style == "short" else EN_MONTHS[month - 1]
    text = f"{day} {month_name} {year}"
    if style == "datetime" and isinstance(local, dt.datetime):
        text += f", {local:%H:%M}"
    return text


def be_year(value) -> int:
    """The Buddhist Era year of a date, a datetime or a Gregorian year."""
    if isinstance(value, int):
        return value + BE_OFFSET
    return to_bangkok(value).year + BE_OFFSET


def text_language(value) -> str:
    """'th' when most letters of ``value`` are Thai, otherwise 'en'."""
    text = str(value)
    thai_letters = sum(1 for char in text if "\u0e01" <= char <= "\u0e5b")
    latin_letters = sum(1 for char in text if char.isascii() and char.isalpha())
    return "th" if thai_letters >= latin_letters and thai_letters else "en"
