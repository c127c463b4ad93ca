"""The 500 page: the site's layout (menu, search) in the reader's language, and
the static bilingual page when even that cannot be drawn."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.factories import make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(settings):
    settings.ROOT_URLCONF = "tests.base.error_urls"
    make_site()
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("language,heading,search,other", [
    ("th", "ขออภัย ระบบขัดข้องชั่วคราว", "ค้นหาในจันทรา", "Sorry, something went wrong"),
    ("en", "Sorry, something went wrong", "Search Chandra", "ขออภัย"),
])
def test_a_failing_page_shows_the_sites_layout_in_its_language(client, language, heading, search, other):
    response = client.get(f"/{language}/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert heading in html and search in html and other not in html
    assert 'class="site-nav' in html and f'href="/{language}/search/"' in html


def test_without_a_database_the_static_bilingual_page_is_served(client):
    def database_down(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(database_down):
        response = client.get("/th/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "ขออภัย ระบบขัดข้องชั่วคราว" in html and "Sorry, something went wrong" in html
    assert 'class="site-nav' not in html
