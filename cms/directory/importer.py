"""Importing the phone book from the spreadsheet an HR office already keeps (CSV or
XLSX): read, check every row, show the result, then write all rows in one
transaction or none of them.

The first row names the columns, in Thai or English (any order; extra columns
are ignored): หน่วยงาน/office, ชื่อ-สกุล/name, ตำแหน่ง/position,
โทรศัพท์/phone, ต่อ/extension, อีเมล/email, การเผยแพร่/visibility.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale

from cms.base.thai import arabic_digits

from .models import Office, StaffMember, Visibility

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
COLUMNS = {
    "office": ("office", "หน่วยงาน", "สำนัก", "สังกัด"),
    "name": ("name", "ชื่อ-สกุล", "ชื่อ - สกุล", "ชื่อ", "ชื่อสกุล"),
    "position": ("position", "ตำแหน่ง"),
    "phone": ("phone", "telephone", "โทรศัพท์", "เบอร์โทรศัพท์"),
    "extension": ("extension", "ext", "ต่อ", "เบอร์ภายใน", "หมายเลขภายใน"),
    "email": ("email", "e-mail", "อีเมล", "อีเมล์"),
    "visibility": ("visibility", "การเผยแพร่", "เผยแพร่"),
}
REQUIRED = ("office", "name")
VISIBILITY_WORDS = {
    "": Visibility.PUBLIC, "public": Visibility.PUBLIC, "สาธารณะ": Visibility.PUBLIC, "เปิดเผย": Visibility.PUBLIC,
    "internal": Visibility.INTERNAL, "ภายใน": Visibility.INTERNAL, "staff": Visibility.INTERNAL,
}
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{2,30}$")
_EXTENSION = re.compile(r"^[0-9]{1,8}(?:[,/ ][0-9]{1,8})*$")


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong type, no header, too large)."""


@dataclass
class Row:
    number: int  # as the spreadsheet numbers it: the header is row 1
    values: dict
    errors: list[str] = field(default_factory=list)
    action: str = ""  # "create" or "update"


@dataclass
class Preview:
    rows: list[Row]

    @property
    def errors(self) -> list[Row]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def offices(self) -> list[str]:
        return sorted({row.values["office"] for row in self.rows if row.values.get("office")})


def _header_key(cell) -> str | None:
    text = " ".join(str(cell or "").strip().lower().split())
    for key, names in COLUMNS.items():
        if text in names:
            return key
    return None


def read(upload) -> list[dict]:
    """The rows of an uploaded CSV or XLSX file as dicts keyed by column."""
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file is larger than 5 MB."))
    data = upload.read()
    if name.endswith(".csv"):
        table = _csv_rows(data)
    elif name.endswith(".xlsx"):
        table = _xlsx_rows(data)
    else:
        raise ImportFileError(_("Choose a CSV or Excel (.xlsx) file."))
    if not table:
        raise ImportFileError(_("The file is empty."))
    header = [_header_key(cell) for cell in table[0]]
    missing = [key for key in REQUIRED if key not in header]
    if missing:
        raise ImportFileError(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(f"{COLUMNS[key][1]} ({key})" for key in missing)}
        )
    rows = []
    for cells in table[1:]:
        if not any(str(cell or "").strip() for cell in cells):
            rows.append(None)
            continue
        rows.append({key: _cell(cells[i]) if i < len(cells) else "" for i, key in enumerate(header) if key})
    if len([row for row in rows if row]) > MAX_ROWS:
        raise ImportFileError(_("The file has more than %(max)d rows.") % {"max": MAX_ROWS})
    return rows


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _csv_rows(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The CSV file is not in UTF-8 or Thai Windows encoding."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _xlsx_rows(data: bytes) -> list[list]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, OSError, KeyError, ValueError) as error:
        raise ImportFileError(_("The Excel file cannot be read.")) from error
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def check(rows: list[dict | None]) -> Preview:
    """Every row checked; nothing written. Row numbers are the spreadsheet's."""
    default = Locale.get_default()
    checked = []
    emails: dict[str, int] = {}
    for index, values in enumerate(rows, start=2):
        if values is None:
            continue
        row = Row(number=index, values=_cleaned(values))
        _check_row(row, emails)
        if not row.errors:
            row.action = "update" if _existing_person(row.values, default) else "create"
        checked.append(row)
    return Preview(rows=checked)


def _cleaned(values: dict) -> dict:
    cleaned = {key: values.get(key, "") for key in COLUMNS}
    cleaned["phone"] = arabic_digits(cleaned["phone"])
    cleaned["extension"] = arabic_digits(cleaned["extension"])
    cleaned["email"] = cleaned["email"].lower()
    return cleaned


def _check_row(row: Row, emails: dict[str, int]) -> None:
    values = row.values
    if not values["name"]:
        row.errors.append(_("The name is missing."))
    if not values["office"]:
        row.errors.append(_("The office is missing."))
    for key, limit in (("name", 255), ("position", 255), ("office", 255)):
        if len(values[key]) > limit:
            row.errors.append(_("%(column)s is longer than %(limit)d characters.") % {"column": COLUMNS[key][1], "limit": limit})
    if values["phone"] and not _PHONE.match(values["phone"]):
        row.errors.append(_("“%(value)s” is not a telephone number.") % {"value": values["phone"]})
    if values["extension"] and not _EXTENSION.match(values["extension"]):
        row.errors.append(_("“%(value)s” is not an extension number (digits only).") % {"value": values["extension"]})
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            row.errors.append(_("“%(value)s” is not an e-mail address.") % {"value": values["email"]})
        else:
            if values["email"] in emails:
                row.errors.append(_("The e-mail address is also on row %(row)d.") % {"row": emails[values["email"]]})
            else:
                emails[values["email"]] = row.number
    visibility = VISIBILITY_WORDS.get(values["visibility"].lower())
    if visibility is None:
        row.errors.append(
            _("“%(value)s” is not a visibility; write สาธารณะ (public) or ภายใน (internal).") % {"value": values["visibility"]}
        )
    else:
        values["visibility"] = str(visibility)


def _existing_person(values: dict, locale) -> StaffMember | None:
    people = StaffMember.objects.filter(locale=locale)
    if values["email"]:
        found = people.filter(email__iexact=values["email"]).first()
        if found:
            return found
    return people.filter(name=values["name"], office__name=values["office"]).first()


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    offices_created: int = 0


def apply(rows: list[dict | None]) -> Outcome:
    """Check the rows again and write them all in one transaction. Raises ValueError (and
    writes nothing) if any row has an error."""
    preview = check(rows)
    if not preview.ok:
        raise ValueError("the rows have errors")
    default = Locale.get_default()
    outcome = Outcome()
    with transaction.atomic():
        offices: dict[str, Office] = {}
        for name in preview.offices:
            office = Office.objects.select_for_update().filter(locale=default, name=name).first()
            if office is None:
                office = Office.objects.create(locale=default, name=name)
                outcome.offices_created += 1
            offices[name] = office
        for row in preview.rows:
            values = row.values
            person = _existing_person(values, default) or StaffMember(locale=default)
            if person.pk:
                outcome.updated += 1
            else:
                outcome.created += 1
            person.name = values["name"]
            person.position = values["position"]
            person.office = offices[values["office"]]
            person.phone = values["phone"]
            person.extension = values["extension"]
            person.email = values["email"]
            person.visibility = values["visibility"]
            person.save()
    return outcome
