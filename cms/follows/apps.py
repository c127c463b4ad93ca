from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    name = "cms.follows"
    label = "follows"
    verbose_name = _("Follows")

    def ready(self):
        from . import signals  # noqa: F401
