"""One error format for the whole API:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"subject": ["…"]}}}

Messages are in the request's language (``?lang=`` or Accept-Language)."""

from django.core.exceptions import (
    PermissionDenied, RequestDataTooBig, SuspiciousOperation, ValidationError as DjangoValidationError,
)
from django.db import InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _, gettext_lazy
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _message(detail):
    if isinstance(detail, list) and detail:
        return _message(detail[0])
    if isinstance(detail, dict):
        return _("The request has errors; see the fields.")
    return str(detail)


class ErrorBodySerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)
    retry_after_seconds = serializers.IntegerField(required=False)


class ErrorSerializer(serializers.Serializer):
    """The schema of every error answer (component ``Error``)."""

    error = ErrorBodySerializer()


# Seconds a client should wait before retrying when the database is unavailable.
RETRY_AFTER_SECONDS = 5


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = gettext_lazy("The request is too large.")


class BadRequest(exceptions.APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_request"
    default_detail = gettext_lazy("The request could not be understood.")


class Unavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "unavailable"
    default_detail = gettext_lazy("The service is briefly unavailable. Try again in a few seconds.")


def api_exception(exc):
    """The API exception for an exception Django or the database raised, or ``exc`` itself."""
    if isinstance(exc, RequestDataTooBig):
        return RequestTooLarge()
    if isinstance(exc, SuspiciousOperation):
        return BadRequest()
    if isinstance(exc, (OperationalError, InterfaceError)):
        return Unavailable()
    return exc


def exception_handler(exc, context):
    exc = api_exception(exc)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
    body = {
        "status": response.status_code,
        "code": _code(exc, detail),
        "message": _message(detail),
    }
    if isinstance(exc, exceptions.ValidationError):
        if isinstance(detail, dict):
            body["fields"] = {key: [str(item) for item in _as_list(value)] for key, value in detail.items()}
            if "non_field_errors" in body["fields"]:
                body["message"] = body["fields"]["non_field_errors"][0]
        else:
            body["message"] = _message(detail)
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        body["retry_after_seconds"] = int(exc.wait)
    if isinstance(exc, Unavailable):
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response.data = {"error": body}
    return response


def _as_list(value):
    if isinstance(value, dict):
        return [f"{key}: {item}" for key, items in value.items() for item in _as_list(items)]
    return value if isinstance(value, list) else [value]


def _code(exc, detail):
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else None
    if isinstance(codes, str):
        return codes
    return getattr(exc, "default_code", "error")


def error_body(*, status_code, code, message, fields=None):
    body = {"status": status_code, "code": code, "message": str(message)}
    if fields:
        body["fields"] = fields
    return {"error": body}


def error_response(*, status_code=status.HTTP_400_BAD_REQUEST, code, message, fields=None, headers=None):
    """For views that answer an error themselves, in the same shape."""
    return Response(error_body(status_code=status_code, code=code, message=message, fields=fields),
                    status=status_code, headers=headers)
