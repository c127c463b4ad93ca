"""The error handlers of the whole site (``handler400`` … ``handler500`` in
cms/urls.py). Under ``/api/`` they answer in the API's JSON error format
(:mod:`cms.api.errors`), in the language of ``?lang=``; elsewhere with the
site's own page in the request's language. A request body over the size limit
is a 413, and a database that is briefly unreachable a 503 with Retry-After."""

import logging
import sys

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import exceptions

from cms.api.errors import RETRY_AFTER_SECONDS, BadRequest, Unavailable, api_exception, error_body
from cms.api.language import requested_language

API_PREFIX = "/api/"
logger = logging.getLogger(__name__)


def _is_api(request):
    return request.path.startswith(API_PREFIX)


def _api_error(request, exception_class):
    with translation.override(requested_language(request) or translation.get_language()):
        exc = exception_class()
        codes = exc.get_codes()
        wait = getattr(exc, "wait", None)
        response = JsonResponse(
            error_body(status_code=exc.status_code, code=codes if isinstance(codes, str) else exc.default_code,
                       message=exc.detail, retry_after_seconds=wait),
            status=exc.status_code, json_dumps_params={"ensure_ascii": False},
        )
    if wait is not None:
        response.headers["Retry-After"] = str(wait)
    return response


def _page(request, *, status, title, message):
    return render(request, "errors/error.html", {"title": title, "message": message}, status=status)


def bad_request(request, exception=None):
    if _is_api(request):
        exc = api_exception(exception)
        return _api_error(request, type(exc) if isinstance(exc, exceptions.APIException) else BadRequest)
    if isinstance(exception, RequestDataTooBig):
        return _page(request, status=413, title=_("What you sent is too large"), message=_(
            "The form you sent is larger than the site accepts. Shorten the text or send fewer or smaller files, "
            "then try again."))
    return _page(request, status=400, title=_("The request could not be understood"), message=_(
        "Something in the request was not right. Go back, reload the page and try again."))


def permission_denied(request, exception=None):
    if _is_api(request):
        return _api_error(request, exceptions.PermissionDenied)
    return _page(request, status=403, title=_("You may not open this page"), message=_(
        "This page is not open to you. If you are an officer, log in with your account first."))


def csrf_failure(request, reason=""):
    """A form sent without its security token (an expired page, cookies refused): CSRF_FAILURE_VIEW."""
    if _is_api(request):
        return _api_error(request, exceptions.PermissionDenied)
    return _page(request, status=403, title=_("The form has expired"), message=_(
        "For your safety the form could not be accepted. Reload the page and send it again; your browser must "
        "accept cookies from this site."))


def page_not_found(request, exception=None):
    if _is_api(request):
        return _api_error(request, exceptions.NotFound)
    return render(request, "404.html", status=404)


def _layout_page(request, status):
    """The site's own page, with its menu and search in the request's language,
    or None when it cannot be drawn (the database may be what failed)."""
    try:
        return render(request, "errors/server_error.html", status=status)
    except Exception:
        logger.exception("The error page could not be drawn with the site's layout; the static page is served")
        return None


def server_error(request):
    """The site's page in the request's language; the static bilingual page,
    which needs no database, when that cannot be drawn. A database that cannot
    be reached is a 503, to be retried."""
    exc = api_exception(sys.exc_info()[1])
    if _is_api(request):
        return _api_error(request, Unavailable if isinstance(exc, Unavailable) else exceptions.APIException)
    status = 503 if isinstance(exc, Unavailable) else 500
    response = None if status == 503 else _layout_page(request, status)
    if response is None:
        response = HttpResponse(loader.get_template("500.html").render({"request": request}), status=status)
    if status == 503:
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
