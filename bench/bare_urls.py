"""The site's URLs plus two yardsticks that do nothing but what every request does, through
the same middleware: /bench-bare/<name>/ returns the bytes of a page, saved beforehand
(pages_bench's), and /bench-bare-filing/ answers a filing without filing it (cases_bench's)."""

import os
import pathlib

from django.http import HttpResponse
from django.urls import path
from rest_framework import status
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from cms.urls import handler400, handler403, handler404, handler500, urlpatterns as site_urlpatterns  # noqa: F401

_saved = {}


def bare(request, name):
    if name not in _saved:
        _saved[name] = (pathlib.Path(os.environ["BENCH_BARE_DIR"]) / f"{name}.html").read_bytes()
    return HttpResponse(_saved[name])


class BareFiling(APIView):
    """A filing's request parsed, throttled and answered in the filing answer's shape by DRF, as
    ``POST /api/v1/cases/`` is, without checking it or touching the database."""

    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "case_filing"

    def post(self, request):
        if not isinstance(request.data, dict):
            return Response({"detail": "a JSON object"}, status=status.HTTP_400_BAD_REQUEST)
        code = request.headers.get("Idempotency-Key", "")
        return Response({"code": code, "display_code": code, "pin": "000000", "state": "received",
                         "state_label": "", "expected_date": None, "url": ""}, status=status.HTTP_201_CREATED)


urlpatterns = [path("bench-bare/<str:name>/", bare), path("bench-bare-filing/", BareFiling.as_view()),
               *site_urlpatterns]
