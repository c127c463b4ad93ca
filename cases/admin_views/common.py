from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


def can_use_cases(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.has_perm("cases.view_case")))


def require_case_access(view):
    """The case views are for users with the case permission (intake, officers, supervisors)."""

    def wrapped(request, *args, **kwargs):
        if not can_use_cases(request.user):
            raise PermissionDenied(_("You do not have access to the cases."))
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def error_messages(error) -> list[str]:
    """The user-facing messages of a ValidationError, PermissionDenied or CaseError."""
    from django.core.exceptions import ValidationError

    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return [str(m) for messages in error.message_dict.values() for m in messages]
        return [str(m) for m in error.messages]
    text = str(error)
    return [text] if text else [str(_("You may not do this on this case."))]
