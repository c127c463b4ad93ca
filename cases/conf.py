"""Settings of the case system, read from Django settings or the environment
with sensible defaults (never edit cms/settings for these)."""

import datetime as dt
from pathlib import Path

from django.conf import settings

from cms.settings.env import Env

_env = Env()


class _Conf:
    @property
    def private_root(self) -> Path:
        default = Path(settings.BASE_DIR) / "private" / "cases"
        return Path(getattr(settings, "CASES_PRIVATE_ROOT", None) or _env.str("CASES_PRIVATE_ROOT", default=str(default)))

    @property
    def max_upload_bytes(self) -> int:
        return getattr(settings, "CASES_MAX_UPLOAD_BYTES", None) or _env.int("CASES_MAX_UPLOAD_BYTES", default=5 * 1024 * 1024)

    @property
    def max_attachments(self) -> int:
        """Files one filing or one reply may carry."""
        return getattr(settings, "CASES_MAX_ATTACHMENTS", None) or _env.int("CASES_MAX_ATTACHMENTS", default=5)

    @property
    def allowed_types(self) -> dict:
        return {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp", "application/pdf": ".pdf"}

    @property
    def reopen_window(self) -> dt.timedelta:
        return dt.timedelta(days=getattr(settings, "CASES_REOPEN_DAYS", None) or _env.int("CASES_REOPEN_DAYS", default=14))

    @property
    def reopen_days(self) -> int:
        return self.reopen_window.days

    @property
    def pin_max_failures(self) -> int:
        return getattr(settings, "CASES_PIN_MAX_FAILURES", None) or _env.int("CASES_PIN_MAX_FAILURES", default=5)

    @property
    def pin_lockout(self) -> dt.timedelta:
        return dt.timedelta(minutes=getattr(settings, "CASES_PIN_LOCKOUT_MINUTES", None)
                            or _env.int("CASES_PIN_LOCKOUT_MINUTES", default=30))

    @property
    def pin_rate_per_ip(self) -> int:
        """Wrong PINs allowed from one address per 10 minutes, over all codes."""
        return getattr(settings, "CASES_PIN_RATE_PER_IP", None) or _env.int("CASES_PIN_RATE_PER_IP", default=20)

    @property
    def retention_years(self) -> int:
        return getattr(settings, "CASES_RETENTION_YEARS", None) or _env.int("CASES_RETENTION_YEARS", default=5)

    @property
    def default_acknowledge_days(self) -> int:
        return 3

    @property
    def default_resolve_days(self) -> int:
        return 30


conf = _Conf()
