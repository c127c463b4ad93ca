from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    name = "cms.base"
    label = "base"
    verbose_name = _("Site")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished

        from . import purge

        post_save.connect(purge.on_save, dispatch_uid="chandra_purge_save")
        post_delete.connect(purge.on_save, dispatch_uid="chandra_purge_delete")
        page_published.connect(purge.on_page_event, dispatch_uid="chandra_purge_publish")
        page_unpublished.connect(purge.on_page_event, dispatch_uid="chandra_purge_unpublish")
