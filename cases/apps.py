from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Complaints and suggestions")

    def ready(self):
        from . import notifications  # noqa: F401 — registers the renderer of case e-mails
