import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _


def can_use_cases(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.has_perm("cases.view_case")))


def require_case_access(view):
    """The case views are for users with the case permission (intake, officers, supervisors)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_use_cases(request.user):
            raise PermissionDenied(_("You do not have access to the cases."))
        return view(request, *args, **kwargs)

    return wrapped


def error_messages(error) -> list[str]:
    """The user-facing messages of a ValidationError, PermissionDenied or CaseError."""
    if isinstance(error, ValidationError):
        return [str(m) for m in error.messages]
    return [str(error) or str(_("You may not do this on this case."))]
