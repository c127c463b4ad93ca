from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "chandra_search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals
        from .lookups import AnyOf
        from .models import Posting, SearchDocument

        signals.connect_builtin()
        SearchDocument._meta.pk.register_lookup(AnyOf)
        Posting._meta.get_field("document").register_lookup(AnyOf)
