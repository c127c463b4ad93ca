from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegislationConfig(AppConfig):
    name = "cms.legislation"
    label = "legislation"
    verbose_name = _("Legislation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .search_types import register_search

        register_search()
