"""The shipped list of Thai administrative areas, its validation and its API."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from cases import areas


def test_the_real_list_has_77_provinces_with_their_dopa_codes():
    provinces = areas.provinces()
    assert len(provinces) == 77
    assert provinces[0].code == "10" and provinces[0].name_th == "กรุงเทพมหานคร"
    assert areas.get("38").name_th == "บึงกาฬ"  # the newest province (2554)
    assert sum(len(areas.districts(p.code)) for p in provinces) == 928


def test_children_are_inside_their_parent():
    districts = areas.districts("84")
    assert len(districts) == 19 and all(d.parent_code == "84" for d in districts)
    assert [s.name_th for s in areas.subdistricts("8405")] == ["เกาะพะงัน", "บ้านใต้", "เกาะเต่า"]
    assert areas.districts("99") == [] and areas.subdistricts("84") == [] and areas.get("nope") is None


def test_name_follows_the_active_language():
    area = areas.get("840503")
    with translation.override("th"):
        assert area.name == "เกาะเต่า"
    with translation.override("en"):
        assert area.name == "Ko Tao"
        assert areas.full_name(province="84", district="8405", subdistrict="840503") == "Ko Tao, Ko Pha-ngan, Surat Thani"


def test_validate_chain_accepts_a_consistent_chain_and_parts_of_it():
    areas.validate_chain(province="84", district="8405", subdistrict="840503")
    areas.validate_chain(province="10")
    areas.validate_chain(subdistrict="100101")
    areas.validate_chain()


@pytest.mark.parametrize(
    "kwargs, field, code",
    [
        ({"province": "99"}, "province", "unknown_province"),
        ({"province": "8405"}, "province", "unknown_province"),  # a district code is not a province
        ({"province": "10", "district": "8405"}, "district", "district_not_in_province"),
        ({"district": "9999"}, "district", "unknown_district"),
        ({"province": "84", "district": "8405", "subdistrict": "840101"}, "subdistrict", "subdistrict_not_in_district"),
        ({"province": "10", "subdistrict": "840503"}, "subdistrict", "subdistrict_not_in_province"),
        ({"subdistrict": "999999"}, "subdistrict", "unknown_subdistrict"),
    ],
)
def test_validate_chain_refuses_unknown_or_misplaced_codes(kwargs, field, code):
    with pytest.raises(ValidationError) as raised:
        areas.validate_chain(**kwargs)
    assert field in raised.value.error_dict
    assert raised.value.error_dict[field][0].code == code


def test_validation_messages_are_in_thai_on_thai_pages():
    with translation.override("th"):
        with pytest.raises(ValidationError) as raised:
            areas.validate_chain(province="10", district="8405")
        message = raised.value.message_dict["district"][0]  # lazy: rendered in the active language
    assert message == "อำเภอ/เขตนี้ไม่อยู่ในจังหวัดที่เลือก"


@pytest.mark.django_db
def test_api_lists_provinces_districts_subdistricts(client):
    response = client.get(reverse("v1:area-provinces"))
    assert response.status_code == 200
    assert len(response.json()) == 77
    assert response.json()[0] == {"code": "10", "name": "กรุงเทพมหานคร", "name_th": "กรุงเทพมหานคร",
                                  "name_en": "Bangkok", "level": "province", "parent_code": None}
    assert "max-age" in response.headers["Cache-Control"]
    response = client.get(reverse("v1:area-districts", args=["84"]), {"lang": "en"})
    assert [d["name"] for d in response.json()][:2] == ["Mueang Surat Thani", "Kanchanadit"]
    response = client.get(reverse("v1:area-subdistricts", args=["8405"]))
    assert [s["code"] for s in response.json()] == ["840501", "840502", "840503"]
    assert client.get(reverse("v1:area-detail", args=["840503"])).json()["parent_code"] == "8405"


@pytest.mark.django_db
def test_api_answers_404_in_the_common_format_for_unknown_codes(client):
    for url in (reverse("v1:area-districts", args=["99"]), reverse("v1:area-districts", args=["8405"]),
                reverse("v1:area-subdistricts", args=["84"]), reverse("v1:area-detail", args=["123"])):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["status"] == 404


@pytest.mark.django_db
def test_area_endpoints_are_in_the_schema(client):
    schema = client.get(reverse("v1:schema"), {"format": "json"}).json()
    for path in ("/api/v1/areas/provinces/", "/api/v1/areas/provinces/{code}/districts/",
                 "/api/v1/areas/districts/{code}/subdistricts/", "/api/v1/areas/{code}/"):
        assert path in schema["paths"]
