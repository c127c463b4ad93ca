from django.utils.csp import CSP, build_policy

# Wagtail's admin (and wagtail-localize's editor) rely on inline scripts and
# styles, so it gets its own, looser policy; the public site keeps the strict
# SECURE_CSP. Only logged-in staff ever load these pages.
ADMIN_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE, CSP.UNSAFE_EVAL],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
ADMIN_PREFIXES = ("/admin/", "/api/v1/docs/")


class AdminContentSecurityPolicyMiddleware:
    """Sets the admin policy before Django's CSP middleware sees the response
    (it leaves a header that is already there alone). Must come after
    ``django.middleware.csp.ContentSecurityPolicyMiddleware`` in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = build_policy(ADMIN_CSP)

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(ADMIN_PREFIXES):
            response.headers["Content-Security-Policy"] = self.policy
        return response
