"""The site's URLs plus /bench-bare/<name>/: the bytes of a page, saved beforehand, returned
by a view that does nothing else, through the same middleware (pages_bench's yardstick)."""

import os
import pathlib

from django.http import HttpResponse
from django.urls import path

from cms.urls import handler400, handler403, handler404, handler500, urlpatterns as site_urlpatterns  # noqa: F401

_saved = {}


def bare(request, name):
    if name not in _saved:
        _saved[name] = (pathlib.Path(os.environ["BENCH_BARE_DIR"]) / f"{name}.html").read_bytes()
    return HttpResponse(_saved[name])


urlpatterns = [path("bench-bare/<str:name>/", bare), *site_urlpatterns]
