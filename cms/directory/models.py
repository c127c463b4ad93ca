"""The Senate's phone book (offices and people) and the overseas travel guide.

Offices and people are translated snippets kept by the HR group, who may also
import them from a spreadsheet (:mod:`cms.directory.importer`). An entry is
public (everyone sees it) or internal (signed-in staff only)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.base.public import public
from cms.base.routing import KeptViewRestrictionsMixin
from search.analysis import normalise


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    INTERNAL = "internal", _("Internal (staff only)")


class EntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public entries for everyone; internal ones too for signed-in staff."""
        if user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
            return self
        return self.filter(visibility=Visibility.PUBLIC)

    def public(self):
        return self.filter(visibility=Visibility.PUBLIC)


class _Entry(TranslatableMixin, models.Model):
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    visibility = models.CharField(_("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    # Normalised name, position and office (Thai order fixed, digits Arabic) for substring search.
    search_text = models.TextField(editable=False, default="")

    objects = EntryQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = normalise(" ".join(self.searchable_parts()))
        super().save(*args, **kwargs)

    def searchable_parts(self) -> list[str]:
        return [self.phone, self.extension, self.email]

    @property
    def phone_link(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


@register_snippet
class Office(_Entry):
    """A bureau, office or group of the Secretariat, with its switchboard number."""

    name = models.CharField(_("name"), max_length=255)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children", verbose_name=_("part of"))
    location = models.CharField(_("location"), max_length=255, blank=True, help_text=_("Building, floor and room."))
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"), FieldPanel("parent"), FieldPanel("location"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("extension"), FieldPanel("fax")]),
        FieldPanel("email"), FieldPanel("visibility"), FieldPanel("sort_order"),
    ]

    class Meta(_Entry.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")

    def __str__(self):
        return self.name

    def searchable_parts(self):
        return [self.name, self.location, *super().searchable_parts()]

    def get_vcard_url(self):
        return reverse("directory:office_vcard", kwargs={"pk": self.pk})


@register_snippet
class StaffMember(_Entry):
    """A person in the phone book: name, position, office and how to reach them."""

    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    office = models.ForeignKey(Office, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff", verbose_name=_("office"))
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"), FieldPanel("position"), FieldPanel("office"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("extension")]),
        FieldPanel("email"), FieldPanel("visibility"), FieldPanel("sort_order"),
    ]

    class Meta(_Entry.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")

    def __str__(self):
        return self.name

    def searchable_parts(self):
        return [self.name, self.position, *super().searchable_parts()]

    def get_vcard_url(self):
        return reverse("directory:person_vcard", kwargs={"pk": self.pk})


# --- The overseas travel guide -------------------------------------------------------------------


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("step"))
    text = blocks.TextBlock(label=_("what to do"), required=False)
    checklist = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("checklist"), required=False)

    class Meta:
        icon = "list-ol"
        template = "directory/blocks/step.html"
        label = _("Step")


class FormBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("form"))
    description = blocks.CharBlock(label=_("what it is for"), required=False)

    class Meta:
        icon = "doc-full"
        template = "directory/blocks/form.html"
        label = _("Downloadable form")


class GuideStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(icon="title", label=_("heading"), template="directory/blocks/heading.html")
    paragraph = blocks.RichTextBlock(icon="pilcrow", label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul"])
    step = StepBlock()
    form = FormBlock()


class TravelGuidePage(KeptViewRestrictionsMixin, Page):
    """The guide to official travel abroad: steps with checklists, the forms to download,
    and under it one page of notes per country."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(GuideStreamBlock(), verbose_name=_("steps and forms"), blank=True)
    last_checked = models.DateField(_("last checked"), default=timezone.localdate, help_text=_("When this guide was last checked against the current rules."))

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body"), FieldPanel("last_checked")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.CountryNotePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("overseas travel guide")

    def countries(self):
        return public(CountryNotePage.objects.live().child_of(self)).order_by("title")


class CountryNotePage(KeptViewRestrictionsMixin, Page):
    """Notes for travel to one country: the Thai embassy's contacts and visa notes."""

    embassy_name = models.CharField(_("embassy or consulate"), max_length=255)
    embassy_address = models.TextField(_("address"), blank=True)
    embassy_phone = models.CharField(_("telephone"), max_length=80, blank=True)
    embassy_email = models.EmailField(_("e-mail"), blank=True)
    embassy_website = models.URLField(_("web site"), blank=True)
    visa_notes = RichTextField(_("visa notes"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    other_notes = RichTextField(_("other notes"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    last_checked = models.DateField(_("last checked"), default=timezone.localdate)

    content_panels = Page.content_panels + [
        MultiFieldPanel([
            FieldPanel("embassy_name"), FieldPanel("embassy_address"),
            FieldRowPanel([FieldPanel("embassy_phone"), FieldPanel("embassy_email")]),
            FieldPanel("embassy_website"),
        ], heading=_("Thai embassy")),
        FieldPanel("visa_notes"), FieldPanel("other_notes"), FieldPanel("last_checked"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("embassy_name"), index.SearchField("visa_notes"), index.SearchField("other_notes"),
    ]
    parent_page_types = ["directory.TravelGuidePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("country notes")
        verbose_name_plural = _("country notes")
