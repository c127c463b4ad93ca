"""The legislative archive: historical collections (earlier constitutions and
their drafting records, past sittings' records, Royal Gazette references).

Records are translated snippets: many small rows that an archivist catalogues
in bulk, browsable by period, year and type. A record may point to the legal
instrument it belongs to (cms.laws) and to the bills it records (cms.legislation),
and carry a scanned file whose text is
extracted like any document's."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet


class RecordType(models.TextChoices):
    CONSTITUTION = "constitution", _("Constitution")
    DRAFTING = "drafting", _("Drafting record")
    SITTING = "sitting", _("Record of a sitting")
    GAZETTE = "gazette", _("Royal Gazette reference")
    OTHER = "other", _("Other record")


# Periods of Thai constitutional history, by Buddhist Era year (first, last).
PERIODS = [
    ("2475-2489", 2475, 2489, _("B.E. 2475–2489: the first constitutions")),
    ("2490-2516", 2490, 2516, _("B.E. 2490–2516: charters and interim constitutions")),
    ("2517-2539", 2517, 2539, _("B.E. 2517–2539: from 14 October to the reform movement")),
    ("2540-2559", 2540, 2559, _("B.E. 2540–2559: the people's constitution and after")),
    ("2560-2700", 2560, 2700, _("B.E. 2560 onwards: the current constitution")),
]
PERIODS_BY_KEY = {key: (first, last, label) for key, first, last, label in PERIODS}


def period_of(year: int | None):
    """The (key, label) of the period a B.E. year falls in, or None."""
    for key, first, last, label in PERIODS:
        if year is not None and first <= year <= last:
            return key, label
    return None


@register_snippet
class ArchiveCollection(TranslatableMixin, models.Model):
    """A collection of the archive, e.g. the drafting records of the 2540 constitution."""

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(_("slug"), max_length=120, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["title"]
        verbose_name = _("archive collection")
        verbose_name_plural = _("archive collections")

    def __str__(self):
        return self.title


class ArchiveRecordQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def of_bill(self, bill):
        """The records linked to a bill (an instance or its pk), in every language: the link
        may be set on any translation of a record, so it is followed through the translation key."""
        return self.filter(translation_key__in=self.model.objects.filter(bills=bill).values("translation_key"))


@register_snippet
class ArchiveRecord(TranslatableMixin, index.Indexed, models.Model):
    """One record of the archive: what it is, when, where it was published, and
    which instrument and bills it belongs to."""

    title = models.CharField(_("title"), max_length=400)
    record_type = models.CharField(_("type"), max_length=20, choices=RecordType.choices)
    year = models.PositiveSmallIntegerField(_("year (B.E.)"), validators=[MinValueValidator(2400), MaxValueValidator(2700)])
    date = models.DateField(_("date"), null=True, blank=True)
    collection = models.ForeignKey(
        ArchiveCollection, null=True, blank=True, on_delete=models.SET_NULL, related_name="records", verbose_name=_("collection"),
    )
    description = models.TextField(_("description"), blank=True)
    gazette_reference = models.CharField(
        _("Royal Gazette reference"), max_length=255, blank=True, help_text=_("Volume, section and page, e.g. เล่ม ๔๙ หน้า ๕๒๙"),
    )
    gazette_url = models.URLField(_("link to the Royal Gazette"), blank=True)
    instrument = models.ForeignKey(
        "laws.Instrument", null=True, blank=True, on_delete=models.SET_NULL, related_name="archive_records",
        verbose_name=_("instrument"), help_text=_("The constitution or law this record belongs to."),
    )
    bills = models.ManyToManyField(
        "legislation.Bill", blank=True, related_name="archive_records", verbose_name=_("bills"),
        help_text=_("The bills this record belongs to, e.g. the sitting that debated them or the Royal Gazette issue that published them."),
    )
    file = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("file"),
    )
    published = models.BooleanField(_("published"), default=True)

    objects = ArchiveRecordQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("record_type"), FieldPanel("year"), FieldPanel("date")]),
            FieldPanel("collection"),
            FieldPanel("instrument"),
            FieldPanel("bills"),
        ], heading=_("Classification")),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("gazette_reference"), FieldPanel("gazette_url")], heading=_("Royal Gazette")),
        FieldPanel("file"),
        FieldPanel("published"),
    ]
    search_fields = [
        index.SearchField("title"), index.SearchField("description"), index.SearchField("gazette_reference"),
        index.SearchField("collection_title"), index.SearchField("file_text"), index.AutocompleteField("title"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["year", "date", "title"]
        verbose_name = _("archive record")
        verbose_name_plural = _("archive records")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:archive_record", kwargs={"pk": self.pk})

    def collection_title(self) -> str:
        return self.collection.title if self.collection_id else ""

    def file_text(self) -> str:
        """The text read from the attached file, once it has been read."""
        extraction = getattr(self.file, "extracted_text", None) if self.file_id else None
        return extraction.text if extraction is not None and extraction.status == "done" else ""

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("locale", "collection", "file")

    def linked_bills(self):
        """The bills of this record or of any of its translations."""
        return self.bills.model.objects.filter(archive_records__translation_key=self.translation_key).distinct().order_by("-introduced_on", "-pk")

    @property
    def period(self):
        found = period_of(self.year)
        return found[1] if found else ""
