"""Documents of the library as Wagtail pages: academic papers, research reports,
Senate publications and legal documents, each with its file (PDF or Word).

Pages, so that editors write them through the review workflow and translate
their titles and abstracts with wagtail-localize like any other content. The
file's text is extracted in the background (:mod:`cms.library.tasks`) and fed
to the Thai search through ``search_fields``."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.base.routing import KeptViewRestrictionsMixin

from .text import ExtractionStatus

BE_OFFSET = 543
SENATE_SECRETARIAT = "สำนักงานเลขาธิการวุฒิสภา"


class DocumentType(models.TextChoices):
    ACADEMIC_PAPER = "academic_paper", _("Academic paper")
    RESEARCH_REPORT = "research_report", _("Research report")
    PUBLICATION = "publication", _("Senate publication")
    LEGAL = "legal", _("Legal document")


# What the academic and legal database lists when nobody has typed a query.
ACADEMIC_TYPES = (DocumentType.ACADEMIC_PAPER, DocumentType.RESEARCH_REPORT, DocumentType.LEGAL)


class DocumentLanguage(models.TextChoices):
    THAI = "th", _("Thai")
    ENGLISH = "en", _("English")
    BOTH = "th-en", _("Thai and English")


class _Term(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_snippet
class Subject(_Term):
    """A subject heading (constitutional law, budget, human rights…), translated."""

    class Meta(_Term.Meta):
        verbose_name = _("subject")
        verbose_name_plural = _("subjects")


@register_snippet
class Series(_Term):
    """A publication series of the Secretariat (academic papers, research series…), translated."""

    class Meta(_Term.Meta):
        verbose_name = _("series")
        verbose_name_plural = _("series")


class DocumentIndexPage(KeptViewRestrictionsMixin, Page):
    """Where editors add documents. Readers are sent to the listing with its filters."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.DocumentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("document library")

    def serve(self, request, *args, **kwargs):
        return redirect("library:document_list")


class DocumentPage(KeptViewRestrictionsMixin, Page):
    """One document: its file, who wrote it, when (B.E. year), what kind, about what."""

    document_type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices)
    file = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=False, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("file"), help_text=_("PDF or Word. Its text is extracted for the search after upload."),
    )
    authors = models.TextField(_("authors"), blank=True, help_text=_("One author or organisation per line."))
    year = models.PositiveSmallIntegerField(
        _("year (B.E.)"), validators=[MinValueValidator(2400), MaxValueValidator(2700)],
        help_text=_("Year of publication in the Buddhist Era, e.g. 2567."),
    )
    publisher = models.CharField(_("publisher"), max_length=255, default=SENATE_SECRETARIAT)
    language = models.CharField(_("language of the document"), max_length=5, choices=DocumentLanguage.choices, default=DocumentLanguage.THAI)
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("series"))
    series_number = models.CharField(_("number in the series"), max_length=30, blank=True)
    subjects = ParentalManyToManyField(Subject, blank=True, related_name="+", verbose_name=_("subjects"))
    abstract = models.TextField(_("abstract"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("file"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("document_type"), FieldPanel("year"), FieldPanel("language")]),
            FieldPanel("authors"),
            FieldPanel("publisher"),
            FieldRowPanel([FieldPanel("series"), FieldPanel("series_number")]),
            FieldPanel("subjects"),
        ], heading=_("Bibliographic details")),
        FieldPanel("abstract"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("abstract"),
        index.SearchField("authors"),
        index.SearchField("full_text"),
        index.FilterField("document_type"),
        index.FilterField("year"),
    ]

    parent_page_types = ["library.DocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    # --- What the pages and the search read -----------------------------------------------

    @property
    def date(self) -> dt.date:
        """The publication year as a date, for the search's year facet and ordering."""
        return dt.date(self.year - BE_OFFSET, 1, 1)

    @property
    def author_list(self) -> list[str]:
        return [line.strip() for line in (self.authors or "").splitlines() if line.strip()]

    def extraction(self):
        """The file's extracted text row, or None before the first extraction ran."""
        if not self.file_id:
            return None
        from .text import ExtractedText

        return ExtractedText.objects.filter(document_id=self.file_id).first()

    def full_text(self) -> str:
        extraction = self.extraction()
        if extraction is None or extraction.status != ExtractionStatus.DONE:
            return ""
        return extraction.text

    def get_file_url(self) -> str:
        return reverse("library:document_file", kwargs={"page_id": self.pk})

    def get_download_url(self) -> str:
        return self.file.url if self.file_id else ""

    def get_context(self, request, *args, **kwargs):
        from ..selectors import document_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(document_detail(page=self, query=request.GET.get("q", "")))
        requested = request.GET.get("page", "")
        context["viewer_page"] = int(requested) if requested.isdecimal() and 0 < int(requested) < 100_000 else 1
        return context
