from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "cms.library"
    label = "library"
    verbose_name = _("Library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.documents import get_document_model

        from .search_types import register_search
        from .services import document_saved

        post_save.connect(document_saved, sender=get_document_model(), dispatch_uid="library-document-saved")
        register_search()
