from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "cms.directory"
    label = "directory"
    verbose_name = _("Directory")
    default_auto_field = "django.db.models.BigAutoField"
