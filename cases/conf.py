"""Settings of the case system, read from Django settings or the environment
with sensible defaults (never edit cms/settings for these)."""

import datetime as dt
from pathlib import Path

from django.conf import settings

from cms.settings.env import Env

_env = Env()


class _Setting:
    """``settings.<name>`` if set, else the environment variable ``<name>``, else
    ``default``; read on every use (tests override settings), then ``convert``ed."""

    def __init__(self, name, default, convert=None):
        self.name, self.default, self.convert = name, default, convert

    def __get__(self, instance, owner=None):
        value = getattr(settings, self.name, None)
        if not value:
            value = (_env.str if isinstance(self.default, str) else _env.int)(self.name, default=self.default)
        return self.convert(value) if self.convert else value


class _Conf:
    allowed_types = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}
    default_acknowledge_days = 3
    default_resolve_days = 30

    private_root = _Setting("CASES_PRIVATE_ROOT", str(Path(settings.BASE_DIR) / "private" / "cases"), Path)
    max_upload_bytes = _Setting("CASES_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
    max_attachments = _Setting("CASES_MAX_ATTACHMENTS", 5)  # files one filing or one reply may carry
    reopen_window = _Setting("CASES_REOPEN_DAYS", 14, lambda days: dt.timedelta(days=days))
    pin_max_failures = _Setting("CASES_PIN_MAX_FAILURES", 5)
    pin_lockout = _Setting("CASES_PIN_LOCKOUT_MINUTES", 30, lambda minutes: dt.timedelta(minutes=minutes))
    pin_rate_per_ip = _Setting("CASES_PIN_RATE_PER_IP", 20)  # wrong PINs from one address per 10 minutes
    retention_years = _Setting("CASES_RETENTION_YEARS", 5)

    @property
    def reopen_days(self) -> int:
        return self.reopen_window.days


conf = _Conf()
