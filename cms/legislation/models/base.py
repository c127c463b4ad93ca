"""Where a record comes from: entered by staff, imported from WeVis (with its
licence shown) or a fictional sample of the demo."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Origin(models.TextChoices):
    STAFF = "staff", _("Senate staff")
    WEVIS = "wevis", _("WeVis (CC BY-NC 4.0)")
    PUBLIC = "public", _("Public record")
    SAMPLE = "sample", _("Sample (fictional)")


class Sourced(models.Model):
    """``external_id`` is the importer's key (idempotent imports); ``origin``
    decides the attribution or the 'sample' label shown with the record."""

    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.STAFF, db_index=True)
    external_id = models.CharField(_("source identifier"), max_length=100, null=True, blank=True, unique=True)
    source = models.CharField(_("source"), max_length=500, blank=True,
                              help_text=_("Where the record was taken from (repository, file, page)."))

    class Meta:
        abstract = True

    @property
    def is_sample(self):
        return self.origin == Origin.SAMPLE

    @property
    def is_wevis(self):
        return self.origin == Origin.WEVIS
