"""One place where configuration is read from the environment.

Every setting that differs between machines comes through here, so a missing
value in production fails at start-up with a message naming the variable,
rather than as a confusing error on the first request.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_MISSING = object()


class Env:
    def __init__(self, environ=None, *, strict=False):
        self.environ = os.environ if environ is None else environ
        # strict: production refuses to fall back to development defaults.
        self.strict = strict

    def str(self, name, default=_MISSING, *, dev_default=_MISSING):
        """Return the variable, or a default.

        ``default`` applies everywhere; ``dev_default`` only outside production,
        so that secrets and hosts must be given explicitly in production.
        """
        value = self.environ.get(name)
        if value not in (None, ""):
            return value
        if default is not _MISSING:
            return default
        if dev_default is not _MISSING and not self.strict:
            return dev_default
        raise ImproperlyConfigured(
            f"The environment variable {name} is required"
            + (" in production" if self.strict else "")
            + ". See README.md, section 'Configuration'."
        )

    def bool(self, name, default=False):
        value = self.environ.get(name)
        if value in (None, ""):
            return default
        lowered = value.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")

    def int(self, name, default=_MISSING):
        raw = self.str(name, default=None)
        if raw is None:
            if default is _MISSING:
                raise ImproperlyConfigured(f"The environment variable {name} is required.")
            return default
        try:
            return int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None

    def list(self, name, default=_MISSING, *, dev_default=_MISSING):
        raw = self.str(name, default=default, dev_default=dev_default)
        if isinstance(raw, (list, tuple)):
            return list(raw)
        return [item.strip() for item in raw.split(",") if item.strip()]
