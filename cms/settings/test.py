"""The test suite: PostgreSQL (DATABASE_URL, default the local server), tasks
run immediately, fast password hashing."""

import os
import tempfile

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chandra")

from .base import *  # noqa: E402,F403
from .base import DATABASES  # noqa: E402

DEBUG = False
SECRET_KEY = "chandra-tests-only"
RECORDS_HMAC_KEYS = ["test:chandra-tests-only-records-key"]
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "chandra-tests"}}
# Tests that read a page, change its data behind the signals and read it again
# stay true; tests/base/test_pagecache.py turns the page cache on.
PAGE_CACHE_ENABLED = False
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {  # noqa: F405
    "anon": "10000/minute",
    "user": "10000/minute",
    "case_filing": "10000/minute",
    "case_pin": "10000/minute",
    "follow": "10000/minute",
}
DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"].setdefault("TEST", {})
# Uploaded files of tests (case attachments, images) never land in the working tree.
MEDIA_ROOT = tempfile.mkdtemp(prefix="chandra-test-media-")
CASES_PRIVATE_ROOT = tempfile.mkdtemp(prefix="chandra-test-private-")
