"""Hooks of the OpenAPI schema (drf-spectacular)."""

ERROR_REF = {"$ref": "#/components/schemas/Error"}

# The errors any operation can answer, documented once here rather than on each view:
# a bad parameter (an unknown ?lang=, a malformed value), an unknown object or page,
# the rate limit, and a database that is briefly unreachable.
COMMON_ERRORS = {
    "400": "The request is invalid (see `error.fields`).",
    "404": "No such object or page.",
    "429": "Too many requests: wait `Retry-After` seconds.",
    "503": "Briefly unavailable (the database is restarting): retry after `Retry-After` seconds.",
}
# …and those of an operation that takes a body.
BODY_ERRORS = {
    "413": "The body is larger than the server accepts.",
    "415": "The body's media type is not supported.",
}


def public_api_only(endpoints, **kwargs):
    """The OpenAPI schema documents the public API, not the admin's internal one."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def document_common_errors(result, generator, request, public):
    """Adds the common error answers, in the API's error format, to every operation."""
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            errors = {**COMMON_ERRORS, **(BODY_ERRORS if "requestBody" in operation else {})}
            for status, description in errors.items():
                responses.setdefault(status, {
                    "description": description,
                    "content": {"application/json": {"schema": ERROR_REF}},
                })
    return result
