"""Django's and DRF's own validation messages appear in Thai on Thai pages
and in Thai API answers (the project catalogue fills what their Thai
catalogues lack)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import make_site

pytestmark = pytest.mark.django_db

THAI_NULL = "ข้อความต้องไม่มีอักขระว่าง (null)"


def test_api_messages_in_thai():
    response = APIClient().post(reverse("v1:case-list") + "?lang=th", {
        "category": "x", "subject": "ถนน\x00ชำรุด", "description": "ก" * 10_001, "consent": "maybe",
        "attachments": "x",
    }, format="json")
    fields = response.json()["error"]["fields"]
    assert fields["subject"] == [THAI_NULL]
    assert fields["description"] == ["ตรวจสอบฟิลด์ว่ามีความยาวไม่เกิน 10000 ตัวอักษร"]
    assert fields["consent"] == ["ต้องเป็นค่าจริงหรือเท็จ (true/false)"]
    english = APIClient().post(reverse("v1:case-list") + "?lang=en", {"subject": "a\x00b"}, format="json")
    assert english.json()["error"]["fields"]["subject"] == ["Null characters are not allowed."]


def test_page_messages_in_thai(client):
    make_site()
    response = client.post("/th/cases/new/", {"subject": "ถนน\x00ชำรุด", "description": "ก" * 10_001})
    text = response.content.decode()
    assert THAI_NULL in text
    assert "ต้องมีไม่เกิน 10000 ตัวอักษร (ขณะนี้มี 10001 ตัวอักษร)" in text
    assert "Null characters" not in text and "Ensure this value" not in text
