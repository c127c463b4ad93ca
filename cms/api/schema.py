def public_api_only(endpoints, **kwargs):
    """The OpenAPI schema documents the public API, not the admin's internal one."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
