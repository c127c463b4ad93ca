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


class _Index:
    __slots__ = ("by_code", "provinces", "children")

    def __init__(self, raw: dict):
        self.by_code: dict[str, Area] = {}
        self.children: dict[str, list[Area]] = {}
        self.provinces: list[Area] = []
        for key, parent_len in (("provinces", 0), ("districts", 2), ("subdistricts", 4)):
            for code, name_th, name_en in raw[key]:
                parent = code[:parent_len] if parent_len else None
                area = Area(code=code, name_th=name_th, name_en=name_en, parent_code=parent)
                self.by_code[code] = area
                if parent is None:
                    self.provinces.append(area)
                else:
                    self.children.setdefault(parent, []).append(area)
        self.provinces.sort(key=lambda a: a.code)
        for items in self.children.values():
            items.sort(key=lambda a: a.code)


@cache
def _index() -> _Index:
    with DATA_FILE.open(encoding="utf-8") as fh:
        return _Index(json.load(fh))


def _code(value) -> str:
    return str(value).strip() if value is not None else ""


def provinces() -> list[Area]:
    """All 77 provinces, by code."""
    return list(_index().provinces)


def districts(province_code) -> list[Area]:
    """The districts of a province, by code; empty for an unknown province."""
    code = _code(province_code)
    if len(code) != 2:
        return []
    return list(_index().children.get(code, ()))


def subdistricts(district_code) -> list[Area]:
    """The subdistricts of a district, by code; empty for an unknown district."""
    code = _code(district_code)
    if len(code) != 4:
        return []
    return list(_index().children.get(code, ()))


def get(code) -> Area | None:
    """The province, district or subdistrict with this code, or None."""
    return _index().by_code.get(_code(code))


def label(code) -> str:
    """The area's name in the active language, or the code itself when unknown ("" for none)."""
    if not code:
        return ""
    area = get(code)
    return area.name if area else str(code)


def full_name(*, province=None, district=None, subdistrict=None) -> str:
    """"subdistrict, district, province" in the active language, skipping what is not given."""
    return ", ".join(label(c) for c in (subdistrict, district, province) if c)


def _known(code, level) -> Area | None:
    area = get(code)
    return area if area is not None and area.level == level else None


def validate_chain(*, province=None, district=None, subdistrict=None) -> None:
    """Check that each given code exists at its level and lies inside the given parent.

    Raises ValidationError with a dict of field → message (translated) for every problem.
    Any part may be left out: a subdistrict alone is fine if it exists.
    """
    province, district, subdistrict = _code(province), _code(district), _code(subdistrict)
    errors: dict[str, ValidationError] = {}
    p = d = s = None
    if province:
        p = _known(province, PROVINCE)
        if p is None:
            errors["province"] = ValidationError(_("Unknown province."), code="unknown_province")
    if district:
        d = _known(district, DISTRICT)
        if d is None:
            errors["district"] = ValidationError(_("Unknown district."), code="unknown_district")
        elif p is not None and d.parent_code != p.code:
            errors["district"] = ValidationError(
                _("This district is not in the chosen province."), code="district_not_in_province"
            )
    if subdistrict:
        s = _known(subdistrict, SUBDISTRICT)
        if s is None:
            errors["subdistrict"] = ValidationError(_("Unknown subdistrict."), code="unknown_subdistrict")
        elif d is not None and s.parent_code != d.code:
            errors["subdistrict"] = ValidationError(
                _("This subdistrict is not in the chosen district."), code="subdistrict_not_in_district"
            )
        elif d is None and p is not None and s.code[:2] != p.code:
            errors["subdistrict"] = ValidationError(
                _("This subdistrict is not in the chosen province."), code="subdistrict_not_in_province"
            )
    if errors:
        raise ValidationError(errors)
