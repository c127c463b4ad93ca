"""Development and the embedded demo (`make demo`).

The demo runs with DEBUG off, so that readers see the site's own error pages;
DEBUG=true turns Django's debug pages on for development."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
INTERNAL_IPS = ["127.0.0.1"]
# The demo serves static files without running collectstatic first: whitenoise
# finds them in the apps' static folders, as runserver does in debug mode.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
