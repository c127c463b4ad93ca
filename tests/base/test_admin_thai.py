"""The Wagtail admin in Thai for a Thai-preferring user: the server-rendered
screens and both JavaScript catalogues (Wagtail's and wagtail-localize's)."""

import json

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import add_article, make_site

pytestmark = pytest.mark.django_db


def escaped(text):
    return json.dumps(text)[1:-1]


@pytest.fixture
def thai_admin(client, django_user_model):
    user = django_user_model.objects.create_superuser("thai-admin", password="x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "th"
    profile.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize("url_name,english,thai", [
    ("wagtailadmin_javascript_catalog", "Toggle sidebar", "แสดง/ซ่อนแถบด้านข้าง"),
    ("wagtailadmin_javascript_catalog", "Write something or type ‘/’ to insert a block",
     "พิมพ์ข้อความ หรือพิมพ์ ‘/’ เพื่อแทรกบล็อก"),
    ("wagtail_localize:javascript_catalog", "Publish in ", "เผยแพร่เป็นภาษา"),
    ("wagtail_localize:javascript_catalog", "Save", "บันทึก"),
])
def test_the_javascript_catalogues_are_thai(thai_admin, url_name, english, thai):
    script = thai_admin.get(reverse(url_name)).content.decode()
    assert f'"{escaped(english)}": "{escaped(thai)}"' in script


def test_the_page_editor_speaks_thai(thai_admin):
    site = make_site()
    html = thai_admin.get(reverse("wagtailadmin_pages:edit", args=[site["news_th"].pk])).content.decode()
    for english in ("Anyone can edit this", "Visible to all", "View history", "For search engines", "Shortcuts"):
        assert english not in html, english
    for thai in ("ทุกคนแก้ไขหน้านี้ได้", "ดูประวัติ", "สำหรับเครื่องมือค้นหา", "บันทึก"):
        assert thai in html or escaped(thai) in html, thai


def test_content_languages_are_named_in_thai(thai_admin):
    article = add_article(make_site()["news_th"], title="ข่าวยังไม่แปล", slug="untranslated")
    html = thai_admin.get(reverse("wagtail_localize:submit_page_translation", args=[article.pk])).content.decode()
    assert "อังกฤษ" in html and "แปลหน้า" in html and "English" not in html
