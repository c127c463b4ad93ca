"""Settings of the case system, read from Django settings or the environment
with sensible defaults (never edit cms/settings for these)."""

import datetime as dt
from pathlib import Path

from django.conf import settings

from cms.settings.env import Env

_env = Env()


def _setting(name, default):
    """``settings.<name>`` if set, else the environment variable ``<name>``, else ``default``."""
    value = getattr(settings, name, None)
    if value:
        return value
    cast = _env.str if isinstance(default, str) else _env.int
    return cast(name, default=default)


class _Conf:
    allowed_types = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}
    default_acknowledge_days = 3
    default_resolve_days = 30

    @property
    def private_root(self) -> Path:
        return Path(_setting("CASES_PRIVATE_ROOT", str(Path(settings.BASE_DIR) / "private" / "cases")))

    @property
    def max_upload_bytes(self) -> int:
        return _setting("CASES_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)

    @property
    def max_attachments(self) -> int:
        """Files one filing or one reply may carry."""
        return _setting("CASES_MAX_ATTACHMENTS", 5)

    @property
    def reopen_window(self) -> dt.timedelta:
        return dt.timedelta(days=_setting("CASES_REOPEN_DAYS", 14))

    @property
    def reopen_days(self) -> int:
        return self.reopen_window.days

    @property
    def pin_max_failures(self) -> int:
        return _setting("CASES_PIN_MAX_FAILURES", 5)

    @property
    def pin_lockout(self) -> dt.timedelta:
        return dt.timedelta(minutes=_setting("CASES_PIN_LOCKOUT_MINUTES", 30))

    @property
    def pin_rate_per_ip(self) -> int:
        """Wrong PINs allowed from one address per 10 minutes, over all codes."""
        return _setting("CASES_PIN_RATE_PER_IP", 20)

    @property
    def retention_years(self) -> int:
        return _setting("CASES_RETENTION_YEARS", 5)


conf = _Conf()
