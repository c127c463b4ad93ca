"""Legal instruments: constitutions and charters, meeting regulations and acts.

Why snippets (plain Django models registered with Wagtail) rather than pages:
an instrument is data-heavy (the 2540 constitution has 336 sections) and is
read as one document. As rows of ordinary tables, a whole constitution is
imported with a handful of ``bulk_create`` calls and rendered with a constant
number of queries; as pages it would be 336 tree nodes, each with its own
revision on import, and the tree would have to be walked to render it.
Editors still create and correct instruments, provisions and glossary terms in
the Wagtail admin, with revisions (``RevisionMixin``) for each change.

The structure of an instrument is a small tree of ``Division`` rows (หมวด,
ส่วน, numbered sub-parts) and an ordered list of ``Provision`` rows (มาตรา or
ข้อ) with their paragraphs (วรรค). The wording of a provision over time is in
``ProvisionVersion`` rows, each valid from one date to the next; an
``Amendment`` says which provisions it changed and when.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from django.contrib.contenttypes.fields import GenericRelation
from django import forms
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from cms.base.thai import localized_digits, thai_digits

from .forms import ProvisionRefsForm


class ParagraphsFormField(forms.CharField):
    """Paragraphs (วรรค) edited as plain text, one paragraph per block separated by a blank line."""

    widget = forms.Textarea(attrs={"rows": 12})

    def prepare_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return "\n\n".join(value or [])

    def to_python(self, value):
        if isinstance(value, list):
            return value
        text = (value or "").replace("\r\n", "\n")
        return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text) if block.strip()]

    def has_changed(self, initial, data):
        return self.to_python(data) != (initial or [])


class ParagraphsField(models.JSONField):
    """A list of paragraphs stored as JSON, edited in the admin as plain text."""

    def formfield(self, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        return ParagraphsFormField(required=not self.blank, label=self.verbose_name, help_text=self.help_text)


class InstrumentKind(models.TextChoices):
    CONSTITUTION = "constitution", _("Constitution")
    INTERIM = "interim", _("Interim constitution or charter")
    REGULATION = "regulation", _("Meeting regulation")
    ACT = "act", _("Act")


class Chamber(models.TextChoices):
    NONE = "", _("Not applicable")
    PARLIAMENT = "parliament", _("National Assembly (joint sitting)")
    SENATE = "senate", _("Senate")
    HOUSE = "house", _("House of Representatives")


CONSTITUTION_KINDS = (InstrumentKind.CONSTITUTION, InstrumentKind.INTERIM)


class EndKind(models.TextChoices):
    """How a constitution ceased to be in force."""

    NONE = "", _("In force, or not recorded")
    REPLACED = "replaced", _("Replaced by the next constitution")
    COUP = "coup", _("Abrogated by a coup d'état")


class InstrumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def constitutions(self):
        return self.published().filter(kind__in=CONSTITUTION_KINDS).order_by("sequence", "promulgated")

    def regulations(self):
        return self.published().filter(kind=InstrumentKind.REGULATION).order_by("chamber", "title")

    def acts(self):
        return self.published().filter(kind=InstrumentKind.ACT).order_by("-promulgated", "title")


class Instrument(RevisionMixin, index.Indexed, models.Model):
    """One legal instrument: a constitution or charter, a meeting regulation or an act.

    Titles are kept as the instrument cites itself (Thai) plus the usual English
    citation; the text itself exists in Thai only."""

    slug = models.SlugField(_("identifier"), max_length=80, unique=True, help_text=_("Stable identifier used in links, e.g. constitution-2560."))
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    chamber = models.CharField(_("chamber"), max_length=20, choices=Chamber.choices, blank=True, default="")
    title = models.CharField(_("Thai title"), max_length=400)
    english_title = models.CharField(_("English citation"), max_length=400, blank=True)
    sequence = models.PositiveSmallIntegerField(_("number in the series"), null=True, blank=True, help_text=_("For constitutions: 1 for the first charter of B.E. 2475."))
    promulgated = models.DateField(_("promulgated on"), null=True, blank=True)
    ended = models.DateField(_("in force until"), null=True, blank=True)
    end_kind = models.CharField(_("how it ended"), max_length=20, choices=EndKind.choices, blank=True, default="")
    end_reason = models.CharField(_("editorial note on the end"), max_length=400, blank=True, help_text=_("For editors; readers see how it ended."))
    dates_verified = models.BooleanField(
        _("end date verified"), default=False,
        help_text=_("The end date and reason are shown to the public only once an editor has checked them."),
    )
    gazette = models.CharField(_("Royal Gazette reference"), max_length=400, blank=True)
    preamble = models.TextField(_("preamble"), blank=True)
    note = models.TextField(_("editorial note"), blank=True, help_text=_("Shown to readers, e.g. that the text is an excerpt."))
    source = models.CharField(_("source of the text"), max_length=500, blank=True)
    provision_word = models.CharField(
        _("word for a provision"), max_length=20, default="มาตรา", help_text=_("มาตรา for constitutions and acts, ข้อ for regulations."),
    )
    published = models.BooleanField(_("published"), default=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="laws_instrument")

    objects = InstrumentQuerySet.as_manager()

    panels = [
        MultiFieldPanel([
            FieldPanel("title"), FieldPanel("english_title"), FieldPanel("slug"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("chamber"), FieldPanel("sequence")]),
            FieldPanel("provision_word"),
        ], heading=_("Identity")),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("promulgated"), FieldPanel("ended")]),
            FieldPanel("end_kind"), FieldPanel("end_reason"), FieldPanel("dates_verified"), FieldPanel("gazette"),
        ], heading=_("Dates")),
        FieldPanel("preamble"), FieldPanel("note"), FieldPanel("source"), FieldPanel("published"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("english_title"),
        index.SearchField("gazette"),
        index.SearchField("note"),
        index.AutocompleteField("title"),
        index.AutocompleteField("english_title"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["sequence", "promulgated", "title"]
        verbose_name = _("legal instrument")
        verbose_name_plural = _("legal instruments")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("laws:instrument", kwargs={"slug": self.slug})

    @property
    def is_constitution(self):
        return self.kind in CONSTITUTION_KINDS

    @property
    def is_regulation(self):
        return self.kind == InstrumentKind.REGULATION

    @property
    def is_interim(self):
        return self.kind == InstrumentKind.INTERIM

    @property
    def public_ended(self):
        """The end date only once an editor has verified it."""
        return self.ended if self.dates_verified else None

    @property
    def public_end_reason(self):
        """How it ended, in the reader's language, once an editor has verified it."""
        if not self.dates_verified or not self.ended:
            return ""
        if self.end_kind == EndKind.REPLACED and self.sequence:
            return _("Replaced by constitution no. %(number)s") % {"number": localized_digits(self.sequence + 1)}
        if self.end_kind == EndKind.COUP:
            return _("Abrogated by a coup d'état")
        return ""


class DivisionKind(models.TextChoices):
    CHAPTER = "chapter", _("Chapter (หมวด)")
    PART = "part", _("Part (ส่วน)")
    SUBPART = "subpart", _("Sub-part")


class Division(models.Model):
    """A heading of the structure: a chapter (หมวด), a part (ส่วน) or a numbered sub-part."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="divisions")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children")
    kind = models.CharField(max_length=10, choices=DivisionKind.choices)
    label = models.CharField(_("label"), max_length=100, blank=True, help_text=_("e.g. หมวด ๗ or ส่วนที่ ๒"))
    title = models.CharField(_("title"), max_length=400, blank=True)
    order = models.PositiveIntegerField(default=0)
    transitory = models.BooleanField(_("transitory provisions"), default=False)

    panels = [FieldPanel("instrument"), FieldPanel("parent"), FieldPanel("kind"), FieldPanel("label"), FieldPanel("title"), FieldPanel("order"), FieldPanel("transitory")]

    class Meta:
        ordering = ["instrument", "order"]
        verbose_name = _("division")
        verbose_name_plural = _("divisions")

    def __str__(self):
        return " ".join(part for part in (self.label, self.title) if part)

    @property
    def anchor(self):
        return f"d{self.order}"


def number_sort_key(number: str) -> tuple[int, int]:
    """'83' -> (83, 0); '141/1' -> (141, 1)."""
    main, _sep, sub = str(number).partition("/")
    try:
        return int(main), int(sub or 0)
    except ValueError:
        return 10**6, 0


class ProvisionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(instrument__published=True)


class Provision(RevisionMixin, index.Indexed, models.Model):
    """One provision (มาตรา or ข้อ): its current wording, as paragraphs (วรรค).

    ``html`` is the rendered text (cross-references and glossary terms linked),
    kept with the row so that a 300-section page renders without re-analysing
    Thai text; services.provision_render() rebuilds it on every change."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="provisions", verbose_name=_("instrument"))
    division = models.ForeignKey(Division, on_delete=models.SET_NULL, null=True, blank=True, related_name="provisions", verbose_name=_("division"))
    number = models.CharField(_("number"), max_length=20, help_text=_("Arabic digits; an inserted provision is 17/1."))
    order = models.PositiveIntegerField(_("order"), default=0)
    transitory = models.BooleanField(_("transitory provision"), default=False)
    paragraphs = ParagraphsField(_("paragraphs"), default=list, help_text=_("One paragraph (วรรค) per block; leave an empty line between paragraphs."))
    footnotes = models.JSONField(_("footnotes"), default=list, blank=True)
    html = models.TextField(editable=False, blank=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="laws_provision")

    objects = ProvisionQuerySet.as_manager()

    panels = [
        FieldPanel("instrument"), FieldRowPanel([FieldPanel("number"), FieldPanel("order")]),
        FieldPanel("division"), FieldPanel("transitory"), FieldPanel("paragraphs"), FieldPanel("footnotes"),
    ]
    search_fields = [index.SearchField("text")]

    class Meta:
        ordering = ["instrument", "order"]
        constraints = [models.UniqueConstraint(fields=["instrument", "number"], name="laws_provision_unique_number")]
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")

    def __str__(self):
        return f"{self.instrument.provision_word} {self.number} {self.instrument.title}"

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs or [])

    @property
    def url_number(self) -> str:
        return self.number.replace("/", "-")

    @property
    def anchor(self) -> str:
        return "s" + self.url_number

    @property
    def heading(self) -> str:
        """'มาตรา ๘๓' on Thai pages, 'Section 83' (or 'Clause 5' for ข้อ) on English ones."""
        word = self.instrument.provision_word
        if (get_language() or "th").startswith("en"):
            label = _("Clause") if word == "ข้อ" else _("Section")
            return f"{label} {self.number}"
        return f"{word} {thai_digits(self.number)}"

    def get_absolute_url(self):
        return reverse("laws:provision", kwargs={"slug": self.instrument.slug, "number": self.url_number})

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("instrument", "division__parent")

    def save(self, *args, **kwargs):
        from .services import provision_render

        self.html = provision_render(provision=self)
        super().save(*args, **kwargs)

    @cached_property
    def sorted_versions(self):
        return sorted(self.versions.all(), key=lambda v: v.valid_from or dt.date.min)


class Amendment(models.Model):
    """An amending instrument: when it was signed and took effect, and what it changed."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="amendments", verbose_name=_("amended instrument"))
    title = models.CharField(_("title"), max_length=400)
    signed = models.DateField(_("signed on"), null=True, blank=True)
    in_force = models.DateField(_("in force from"))
    gazette = models.CharField(_("Royal Gazette reference"), max_length=400, blank=True)
    note = models.TextField(_("note"), blank=True)

    panels = [FieldPanel("instrument"), FieldPanel("title"), FieldRowPanel([FieldPanel("signed"), FieldPanel("in_force")]), FieldPanel("gazette"), FieldPanel("note")]

    class Meta:
        ordering = ["instrument", "in_force"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self):
        return self.title


class ProvisionVersion(models.Model):
    """The wording of a provision from ``valid_from`` until the day before ``valid_to``.

    A provision that was never amended has no versions: its current wording has
    applied since the instrument was promulgated."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="versions")
    amendment = models.ForeignKey(Amendment, on_delete=models.SET_NULL, null=True, blank=True, related_name="versions", help_text=_("Empty for the original wording."))
    paragraphs = models.JSONField(default=list)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until (exclusive)"), null=True, blank=True)

    class Meta:
        ordering = ["provision", "valid_from"]
        verbose_name = _("provision version")
        verbose_name_plural = _("provision versions")

    def __str__(self):
        return f"{self.provision} ({self.valid_from}–{self.valid_to or ''})"

    @property
    def text(self):
        return "\n".join(self.paragraphs or [])

    @property
    def is_original(self):
        return self.amendment_id is None

    @property
    def last_day(self):
        return self.valid_to - dt.timedelta(days=1) if self.valid_to else None


class Topic(RevisionMixin, models.Model):
    """A subject for comparing constitutions (the Senate, rights and liberties…): editors tag provisions."""

    slug = models.SlugField(max_length=100, unique=True)
    name_th = models.CharField(_("name (Thai)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_th = models.TextField(_("description (Thai)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    provisions = models.ManyToManyField(Provision, blank=True, related_name="topics", verbose_name=_("tagged provisions"))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="laws_topic")

    panels = [
        FieldPanel("name_th"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("description_th"),
        FieldPanel("description_en"), FieldPanel("order"), FieldPanel("provision_refs"),
    ]
    base_form_class = ProvisionRefsForm

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if (get_language() or "th").startswith("en") else self.name_th

    @property
    def description(self):
        return self.description_en if (get_language() or "th").startswith("en") else self.description_th


class SectionMapping(models.Model):
    """Corresponding provisions of several constitutions (e.g. the Senate's composition:
    2540 s.121, 2550 s.111, 2560 s.107)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="mappings")
    label_th = models.CharField(_("label (Thai)"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300)
    order = models.PositiveSmallIntegerField(default=0)
    provisions = models.ManyToManyField(Provision, related_name="mappings")

    panels = [FieldPanel("topic"), FieldPanel("label_th"), FieldPanel("label_en"), FieldPanel("order"), FieldPanel("provision_refs")]
    base_form_class = ProvisionRefsForm

    class Meta:
        ordering = ["topic__order", "order", "pk"]
        verbose_name = _("section mapping")
        verbose_name_plural = _("section mappings")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.label_en if (get_language() or "th").startswith("en") else self.label_th


class GlossaryTerm(RevisionMixin, index.Indexed, models.Model):
    """A term of the glossary of constitutional terms and expressions.

    The headword exists in both languages by nature (a bilingual glossary), so
    the Thai and English headwords and definitions are fields of one row."""

    slug = models.SlugField(max_length=100, unique=True)
    term_th = models.CharField(_("Thai headword"), max_length=200)
    term_en = models.CharField(_("English headword"), max_length=200, blank=True)
    aliases_th = models.JSONField(_("other Thai forms"), default=list, blank=True)
    definition_th = models.TextField(_("definition (Thai)"))
    definition_en = models.TextField(_("definition (English)"), blank=True)
    related = models.ManyToManyField(Provision, blank=True, related_name="glossary_terms", verbose_name=_("related provisions"))
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="laws_glossaryterm")

    panels = [FieldPanel("term_th"), FieldPanel("term_en"), FieldPanel("slug"), FieldPanel("aliases_th"), FieldPanel("definition_th"), FieldPanel("definition_en")]
    # The admin's search asks the autocomplete fields (a headword as it is being typed).
    search_fields = [
        index.SearchField("term_th"),
        index.SearchField("term_en"),
        index.SearchField("definition_th"),
        index.SearchField("definition_en"),
        index.SearchField("aliases_th"),
        index.AutocompleteField("term_th"),
        index.AutocompleteField("term_en"),
    ]

    class Meta:
        ordering = ["term_th"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")

    def __str__(self):
        return self.term_th

    def get_absolute_url(self):
        return reverse("laws:glossary_term", kwargs={"slug": self.slug})

    @property
    def initial(self) -> str:
        """The index letter: the first consonant, skipping leading vowels (เ แ โ ใ ไ)."""
        for char in self.term_th:
            if "ก" <= char <= "ฮ":
                return char
        return self.term_th[:1]

    @property
    def definition(self):
        if (get_language() or "th").startswith("en") and self.definition_en:
            return self.definition_en
        return self.definition_th

    @property
    def forms(self) -> list[str]:
        return [self.term_th, *[alias for alias in self.aliases_th or [] if alias]]
