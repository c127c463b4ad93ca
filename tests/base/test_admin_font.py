import pytest
from django.contrib.auth import get_user_model


@pytest.mark.django_db
def test_the_admin_loads_the_shipped_thai_font(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "pw"))
    html = client.get("/admin/").content.decode()
    assert "css/admin.css" in html
