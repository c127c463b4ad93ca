from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawsConfig(AppConfig):
    name = "cms.laws"
    label = "laws"
    verbose_name = _("Laws")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import GlossaryTerm
        from .services import glossary_changed

        post_save.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid="laws-glossary-saved")
        post_delete.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid="laws-glossary-deleted")
        # Provisions, instruments and glossary terms in the Thai search.
        from .search_types import register_search

        register_search()
