import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from cms.settings.env import Env
from tests.factories import add_article, make_site


def test_env_helper_reads_types_and_fails_clearly():
    env = Env({"DEBUG": "yes", "WORKERS": "4", "HOSTS": "a.example, b.example"})
    assert env.bool("DEBUG") is True
    assert env.int("WORKERS") == 4
    assert env.list("HOSTS") == ["a.example", "b.example"]
    assert Env({}).str("SECRET_KEY", dev_default="dev") == "dev"
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is required in production"):
        Env({}, strict=True).str("SECRET_KEY", dev_default="dev")
    with pytest.raises(ImproperlyConfigured, match="WORKERS must be a whole number"):
        Env({"WORKERS": "four"}).int("WORKERS")


def _run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env,
        capture_output=True, text=True, timeout=120,
    )


def test_production_refuses_to_start_without_its_secrets():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.production"
    result = _run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is required in production" in result.stderr


def test_production_refuses_to_start_without_the_record_keys():
    env = {k: v for k, v in os.environ.items() if k != "RECORDS_HMAC_KEYS"}
    env.update({"DJANGO_SETTINGS_MODULE": "cms.settings.production", "SECRET_KEY": "s" * 50,
                "ALLOWED_HOSTS": "chandra.example", "EMAIL_HOST": "smtp.chandra.example"})
    env.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chandra")
    result = _run_manage("check", env=env)
    assert result.returncode != 0
    assert "RECORDS_HMAC_KEYS is required in production" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-for-the-check-only",
        "RECORDS_HMAC_KEYS": "2026:a-long-random-record-key-for-the-check-only",
        "ALLOWED_HOSTS": "chandra.example",
        "EMAIL_HOST": "smtp.chandra.example",
        "DATABASE_URL": os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chandra"),
    })
    result = _run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_models_and_migrations_agree():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.django_db
def test_public_pages_carry_a_strict_content_security_policy(client):
    make_site()
    response = client.get("/th/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    admin = client.get("/admin/login/")["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in admin
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_sitemap_lists_both_languages_and_robots_points_to_it(client):
    site = make_site()
    add_article(site["news_th"], title="ข่าว", slug="item")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/th/news/item/" in sitemap
    assert "http://testserver/en/news/" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots
