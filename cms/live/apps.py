from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "cms.live"
    label = "live"
    verbose_name = _("Live sitting")

    def ready(self):
        from . import signals  # noqa: F401
