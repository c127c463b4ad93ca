"""What a fresh worker would otherwise do on its first requests, done when the
server loads the application (``cms/wsgi.py``, ``cms/asgi.py``): Django builds
its URL reverse index (about a second with Wagtail's admin), compiles the
e-mail validator's expressions, and the ``holidays`` package loads every
country it knows for Thailand's calendar (over a second). Without it, the
first filing each worker served took 3 s. Nothing here opens a database
connection, so a server that loads the application before forking its
workers (``gunicorn --preload``) shares the result."""

import datetime as dt

from django.core.validators import validate_email
from django.urls import get_resolver


def warm_up():
    from cases.calendar import thai_public_holidays

    get_resolver().reverse_dict  # noqa: B018 (built on first access)
    validate_email("warm-up@example.com")
    dt.date.today() in thai_public_holidays()  # noqa: B018 (fills in this year)
