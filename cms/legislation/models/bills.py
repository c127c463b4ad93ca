"""A bill and its one workflow field, ``stage``.

Transitions stay thin (target, permission, a label); the service
``bill_move`` checks the permission, makes the transition, records the
dated stage change linked to the sitting, vote or document that made it,
and writes the chained record, in one transaction."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from wagtail.models import TranslatableMixin
from wagtail.search import index

from cms.records.models import ChainedModel

from .base import Sourced

MOVE_PERMISSION = "legislation.move_bill"


class BillKind(models.TextChoices):
    ACT = "act", _("Bill for an act")
    MONEY = "money", _("Money bill")
    BUDGET = "budget", _("Budget bill")
    ORGANIC = "organic", _("Organic law bill")
    CONSTITUTION = "constitution", _("Constitutional amendment")
    DECREE = "decree", _("Emergency decree for approval")


class BillStage(models.TextChoices):
    IN_HOUSE = "in_house", _("Before the House of Representatives")
    RECEIVED = "received", _("Received from the House")
    FIRST_READING = "first_reading", _("Senate first reading")
    COMMITTEE = "committee", _("In committee")
    FINAL_READINGS = "final_readings", _("Second and third readings")
    APPROVED = "approved", _("Approved by the Senate")
    RETURNED = "returned", _("Amended and returned to the House")
    WITHHELD = "withheld", _("Withheld")
    JOINT_COMMITTEE = "joint_committee", _("Joint committee")
    RECONSIDERATION = "reconsideration", _("House reconsideration")
    ROYAL_ASSENT = "royal_assent", _("Presented for royal assent")
    PUBLISHED = "published", _("Published in the Royal Gazette")
    LAPSED = "lapsed", _("Lapsed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MERGED = "merged", _("Merged into another bill")


S = BillStage
#: The bill is before the Senate: the s.136 / s.143 clock runs.
SENATE_STAGES = (S.RECEIVED, S.FIRST_READING, S.COMMITTEE, S.FINAL_READINGS)
#: Nothing more happens to the bill.
FINAL_STAGES = (S.PUBLISHED, S.LAPSED, S.WITHDRAWN, S.MERGED)
OPEN_STAGES = tuple(stage for stage in S if stage not in FINAL_STAGES)
MONEY_KINDS = (BillKind.MONEY, BillKind.BUDGET)


class BillQuerySet(models.QuerySet):
    def before_senate(self):
        return self.filter(stage__in=SENATE_STAGES)

    def in_committee(self):
        return self.filter(stage=S.COMMITTEE)

    def open(self):
        return self.filter(stage__in=OPEN_STAGES)


class BillEventKind(models.TextChoices):
    """The kinds of events on a bill's chained record (cms.records)."""

    STAGE = "bill_stage", _("Stage changed")
    EXTENSION = "bill_extension", _("Deadline extended")
    IMPORTED = "bill_imported", _("Stage imported from a source")


class Bill(ConcurrentTransitionMixin, ChainedModel, index.Indexed, Sourced):
    """A bill (ร่างกฎหมาย) the Senate considers, or considered."""

    title = models.CharField(_("title"), max_length=500)
    short_title = models.CharField(_("short title"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=BillKind.choices, default=BillKind.ACT, db_index=True)
    proposer = models.CharField(_("proposed by"), max_length=300, blank=True)
    proposer_type = models.CharField(_("kind of proposer"), max_length=100, blank=True)
    category = models.CharField(_("category"), max_length=100, blank=True)
    stage = FSMField(_("stage"), max_length=20, choices=BillStage.choices, default=BillStage.IN_HOUSE,
                     protected=True, db_index=True)
    stage_since = models.DateField(_("in this stage since"), null=True, blank=True)
    introduced_on = models.DateField(_("introduced on"), null=True, blank=True, db_index=True)
    received_on = models.DateField(_("reached the Senate on"), null=True, blank=True,
                                   help_text=_("The s.136 / s.143 deadline counts from this day."))
    extension_days = models.PositiveSmallIntegerField(
        _("extension (days)"), default=0,
        help_text=_("Days the Senate resolved to add to the s.136 deadline (once, at most 30)."))
    returned_on = models.DateField(_("withheld or returned on"), null=True, blank=True,
                                   help_text=_("The s.138 waiting time counts from this day."))
    committee = models.ForeignKey("legislation.Committee", verbose_name=_("committee"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="bills")
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="merged_bills")
    status_note = models.CharField(_("status as the source gives it"), max_length=300, blank=True)
    status_checked_on = models.DateField(_("status checked on"), null=True, blank=True)
    gazette_url = models.URLField(_("Royal Gazette"), max_length=500, blank=True)
    provisions = models.ManyToManyField("laws.Provision", verbose_name=_("constitution sections"), blank=True,
                                        related_name="bills")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BillQuerySet.as_manager()

    search_fields = [
        index.SearchField("title"), index.SearchField("short_title"), index.SearchField("proposer"),
        index.SearchField("category"), index.SearchField("get_stage_display"), index.SearchField("status_note"),
        index.SearchField("summaries_text"), index.AutocompleteField("title"),
    ]

    class Meta:
        ordering = ["-introduced_on", "-pk"]
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        permissions = [("move_bill", _("Can move a bill to its next stage"))]
        indexes = [models.Index(fields=["stage", "kind"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("legislation:bill_detail", kwargs={"pk": self.pk})

    def summaries_text(self) -> str:
        return " ".join(summary.text for summary in self.summaries.all())

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("summaries")

    @property
    def is_money(self):
        return self.kind in MONEY_KINDS

    @property
    def before_senate(self):
        return self.stage in SENATE_STAGES

    @property
    def year_be(self):
        return self.introduced_on.year + 543 if self.introduced_on else None

    # Transitions: thin; the service bill_move does the rest. -----------------------------
    @transition(field=stage, source=S.IN_HOUSE, target=S.RECEIVED, permission=MOVE_PERMISSION,
                custom={"label": _("Received from the House")})
    def receive(self):
        pass

    @transition(field=stage, source=S.RECEIVED, target=S.FIRST_READING, permission=MOVE_PERMISSION,
                custom={"label": _("Start the first reading")})
    def first_reading(self):
        pass

    @transition(field=stage, source=S.FIRST_READING, target=S.COMMITTEE, permission=MOVE_PERMISSION,
                custom={"label": _("Refer to a committee")})
    def refer_to_committee(self):
        pass

    @transition(field=stage, source=S.COMMITTEE, target=S.FINAL_READINGS, permission=MOVE_PERMISSION,
                custom={"label": _("Committee reported: second and third readings")})
    def committee_reported(self):
        pass

    @transition(field=stage, source=[S.FIRST_READING, S.FINAL_READINGS], target=S.APPROVED,
                permission=MOVE_PERMISSION, custom={"label": _("Approved")})
    def approve(self):
        pass

    @transition(field=stage, source=SENATE_STAGES, target=S.APPROVED, permission=MOVE_PERMISSION,
                conditions=[lambda bill: bill.deadline_missed()],
                custom={"label": _("Deemed approved (deadline passed)")})
    def deem_approved(self):
        pass

    @transition(field=stage, source=S.FINAL_READINGS, target=S.RETURNED, permission=MOVE_PERMISSION,
                conditions=[lambda bill: bill.kind != BillKind.BUDGET],
                custom={"label": _("Amended: return to the House")})
    def return_amended(self):
        pass

    @transition(field=stage, source=[S.FIRST_READING, S.FINAL_READINGS, S.JOINT_COMMITTEE], target=S.WITHHELD,
                permission=MOVE_PERMISSION, custom={"label": _("Withhold")})
    def withhold(self):
        pass

    @transition(field=stage, source=S.RETURNED, target=S.JOINT_COMMITTEE, permission=MOVE_PERMISSION,
                custom={"label": _("House disagreed: joint committee")})
    def form_joint_committee(self):
        pass

    @transition(field=stage, source=S.WITHHELD, target=S.RECONSIDERATION, permission=MOVE_PERMISSION,
                conditions=[lambda bill: bill.reconsideration_allowed()],
                custom={"label": _("House takes the bill up again")})
    def reconsider(self):
        pass

    @transition(field=stage, source=[S.APPROVED, S.RETURNED, S.JOINT_COMMITTEE, S.RECONSIDERATION],
                target=S.ROYAL_ASSENT, permission=MOVE_PERMISSION,
                custom={"label": _("Present for royal assent")})
    def present_for_assent(self):
        pass

    @transition(field=stage, source=S.ROYAL_ASSENT, target=S.PUBLISHED, permission=MOVE_PERMISSION,
                custom={"label": _("Published in the Royal Gazette")})
    def publish(self):
        pass

    @transition(field=stage, source=OPEN_STAGES, target=S.LAPSED, permission=MOVE_PERMISSION,
                custom={"label": _("Lapsed")})
    def lapse(self):
        pass

    @transition(field=stage, source=OPEN_STAGES, target=S.WITHDRAWN, permission=MOVE_PERMISSION,
                custom={"label": _("Withdrawn")})
    def withdraw(self):
        pass

    @transition(field=stage, source=OPEN_STAGES, target=S.MERGED, permission=MOVE_PERMISSION,
                custom={"label": _("Merged into another bill")})
    def merge(self):
        pass

    def deadline_missed(self):
        from ..deadlines import bill_deadline

        deadline = bill_deadline(self)
        return deadline is not None and deadline.missed

    def reconsideration_allowed(self, today=None):
        from ..deadlines import reconsideration_date

        allowed = reconsideration_date(self)
        return allowed is not None and allowed <= (today or timezone.localdate())


class StageChange(models.Model):
    """One dated step of a bill, linked to what made it. ``derived`` marks a
    date or step that the source does not state but that follows from it."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="stage_changes", verbose_name=_("bill"))
    from_stage = models.CharField(_("from"), max_length=20, choices=BillStage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=BillStage.choices)
    transition = models.CharField(_("transition"), max_length=40, blank=True)
    on = models.DateField(_("date"), null=True, blank=True)
    sitting = models.ForeignKey("legislation.Sitting", verbose_name=_("sitting"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="stage_changes")
    vote = models.ForeignKey("legislation.Vote", verbose_name=_("vote"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="stage_changes")
    document = models.ForeignKey("legislation.BillDocument", verbose_name=_("document"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="stage_changes")
    note = models.CharField(_("note"), max_length=500, blank=True)
    derived = models.BooleanField(_("derived"), default=False,
                                  help_text=_("The source does not give this step; it follows from what it gives."))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["bill", "on", "recorded_at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self):
        return f"{self.bill_id}: {self.from_stage} → {self.to_stage}"


class CourtReferral(models.Model):
    """Time the bill spent before the Constitutional Court (s.139 / s.144): it does not count."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="court_referrals", verbose_name=_("bill"))
    referred_on = models.DateField(_("referred on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["referred_on"]
        verbose_name = _("Constitutional Court referral")
        verbose_name_plural = _("Constitutional Court referrals")

    def __str__(self):
        return f"{self.bill_id}: {self.referred_on}–{self.decided_on or ''}"


class BillDocument(models.Model):
    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="documents", verbose_name=_("bill"))
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=500, blank=True)
    file = models.ForeignKey("wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("file"))
    dated = models.DateField(_("date"), null=True, blank=True)

    class Meta:
        ordering = ["dated", "pk"]
        verbose_name = _("bill document")
        verbose_name_plural = _("bill documents")

    def __str__(self):
        return self.title

    @property
    def href(self):
        return self.file.url if self.file_id else self.url


class BillSummary(TranslatableMixin, models.Model):
    """What the bill does, in plain words: one per language (wagtail-localize)."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="summaries", verbose_name=_("bill"))
    text = models.TextField(_("summary"))

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("bill summary")
        verbose_name_plural = _("bill summaries")

    def __str__(self):
        return str(self.bill)



