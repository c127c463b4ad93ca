from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "cms.records"
    label = "records"
    verbose_name = _("Records and notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from . import feeds  # noqa: F401 — registers the renderer of feed e-mails
        from .signing import check_keys

        checks.register(check_keys, checks.Tags.security)
