"""Thai administrative areas: 77 provinces (จังหวัด), 928 districts (อำเภอ/เขต) and 7,436
subdistricts (ตำบล/แขวง) with the official codes of the Department of Provincial Administration.

The list ships with the project in ``cases/data/thai_areas.json`` (taken from the ``geothai``
package on PyPI, data under CC BY 4.0, see ``cases/data/NOTICE-geothai.txt``). It is read once, on
first use, and kept in memory. A district's code starts with its province's code (2 digits + 2),
a subdistrict's with its district's (4 digits + 2).
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DATA_FILE = Path(__file__).resolve().parent / "data" / "thai_areas.json"

PROVINCE, DISTRICT, SUBDISTRICT = "province", "district", "subdistrict"
_LEVEL_BY_LENGTH = {2: PROVINCE, 4: DISTRICT, 6: SUBDISTRICT}


@dataclass(frozen=True, slots=True)
class Area:
    code: str
    name_th: str
    name_en: str
    parent_code: str | None

    @property
    def level(self) -> str:
        return _LEVEL_BY_LENGTH[len(self.code)]

    @property
    def name(self) -> str:
        """The name in the active language (Thai unless the page is English)."""
        language = (get_language() or "th").split("-")[0]
        return self.name_en if language == "en" and self.name_en else self.name_th

    def __str__(self) -> str:
        return self.name


@cache
def _index() -> tuple[dict[str, Area], dict[str, list[Area]]]:
    """The areas by code, and each area's children by code (the provinces under ""), in code order."""
    with DATA_FILE.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    by_code, children = {}, {}
    for key, parent_length in (("provinces", 0), ("districts", 2), ("subdistricts", 4)):
        for code, name_th, name_en in sorted(raw[key]):
            area = Area(code=code, name_th=name_th, name_en=name_en, parent_code=code[:parent_length] or None)
            by_code[code] = area
            children.setdefault(area.parent_code or "", []).append(area)
    return by_code, children


def _code(value) -> str:
    return str(value).strip() if value is not None else ""


def _children(code, length) -> list[Area]:
    code = _code(code)
    return list(_index()[1].get(code, ())) if len(code) == length else []


def provinces() -> list[Area]:
    """All 77 provinces, by code."""
    return _children("", 0)


def districts(province_code) -> list[Area]:
    """The districts of a province, by code; empty for an unknown province."""
    return _children(province_code, 2)


def subdistricts(district_code) -> list[Area]:
    """The subdistricts of a district, by code; empty for an unknown district."""
    return _children(district_code, 4)


def get(code) -> Area | None:
    """The province, district or subdistrict with this code, or None."""
    return _index()[0].get(_code(code))


def label(code) -> str:
    """The area's name in the active language, or the code itself when unknown ("" for none)."""
    if not code:
        return ""
    area = get(code)
    return area.name if area else str(code)


def full_name(*, province=None, district=None, subdistrict=None) -> str:
    """"subdistrict, district, province" in the active language, skipping what is not given."""
    return ", ".join(label(c) for c in (subdistrict, district, province) if c)


UNKNOWN = {PROVINCE: _("Unknown province."), DISTRICT: _("Unknown district."), SUBDISTRICT: _("Unknown subdistrict.")}
NOT_INSIDE = {
    (DISTRICT, PROVINCE): _("This district is not in the chosen province."),
    (SUBDISTRICT, DISTRICT): _("This subdistrict is not in the chosen district."),
    (SUBDISTRICT, PROVINCE): _("This subdistrict is not in the chosen province."),
}


def validate_chain(*, province=None, district=None, subdistrict=None) -> None:
    """Check that each given code exists at its level and lies inside the nearest
    known area given above it.

    Raises ValidationError with a dict of field → message (translated) for every problem.
    Any part may be left out: a subdistrict alone is fine if it exists.
    """
    errors: dict[str, ValidationError] = {}
    parent = None
    for level, code in ((PROVINCE, province), (DISTRICT, district), (SUBDISTRICT, subdistrict)):
        if not _code(code):
            continue
        area = get(code)
        if area is None or area.level != level:
            errors[level] = ValidationError(UNKNOWN[level], code=f"unknown_{level}")
            continue
        if parent is not None and not area.code.startswith(parent.code):
            errors[level] = ValidationError(NOT_INSIDE[level, parent.level], code=f"{level}_not_in_{parent.level}")
        parent = area
    if errors:
        raise ValidationError(errors)
