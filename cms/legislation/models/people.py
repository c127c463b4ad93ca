"""Senators and committees, with the members' roles and the committees' reports."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .base import Sourced


class SelectionMethod(models.TextChoices):
    NCPO = "ncpo", _("Selected by the NCPO")
    SELF_SELECTED = "self_selected", _("Selected among candidates")
    EX_OFFICIO = "ex_officio", _("Ex officio")
    GROUP_ELECTION = "group_election", _("Elected among professional groups")
    NOT_RECORDED = "", _("Not recorded")


class Senator(index.Indexed, Sourced):
    """A member of the Senate (one row per person and Senate term)."""

    term = models.PositiveSmallIntegerField(_("Senate term"), db_index=True)
    title = models.CharField(_("title or rank"), max_length=100, blank=True)
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    selection_method = models.CharField(_("how selected"), max_length=20, choices=SelectionMethod.choices,
                                        blank=True, default="")
    occupation_group = models.CharField(_("occupation group"), max_length=100, blank=True)
    active = models.BooleanField(_("in office"), default=True)

    search_fields = [
        index.SearchField("first_name"), index.SearchField("last_name"), index.SearchField("get_selection_method_display"),
        index.SearchField("occupation_group"), index.AutocompleteField("first_name"), index.AutocompleteField("last_name"),
    ]

    class Meta:
        ordering = ["-term", "first_name", "last_name"]
        verbose_name = _("senator")
        verbose_name_plural = _("senators")

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return " ".join(filter(None, [self.title, f"{self.first_name} {self.last_name}".strip()]))

    def get_absolute_url(self):
        return reverse("legislation:senator_detail", kwargs={"pk": self.pk})


class CommitteeKind(models.TextChoices):
    STANDING = "standing", _("Standing committee")
    AD_HOC = "ad_hoc", _("Ad hoc committee")
    JOINT = "joint", _("Joint committee")


class Committee(index.Indexed, Sourced):
    """A committee (คณะกรรมาธิการ): standing, ad hoc (often for one bill) or joint with the House."""

    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=CommitteeKind.choices, default=CommitteeKind.STANDING,
                            db_index=True)
    term = models.PositiveSmallIntegerField(_("Senate term"), null=True, blank=True)
    remit = models.TextField(_("remit"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = [
        index.SearchField("name"), index.SearchField("get_kind_display"), index.SearchField("remit"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("legislation:committee_detail", kwargs={"pk": self.pk})


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    SECRETARY = "secretary", _("Secretary")
    SPOKESPERSON = "spokesperson", _("Spokesperson")
    MEMBER = "member", _("Member")


class CommitteeMembership(models.Model):
    """A member of a committee: a senator, or (joint and ad hoc committees) someone named."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="memberships",
                                  verbose_name=_("committee"))
    senator = models.ForeignKey(Senator, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="memberships", verbose_name=_("senator"))
    name = models.CharField(_("name (if not a senator)"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=15, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["committee", "order", "pk"]
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        constraints = [models.CheckConstraint(condition=~models.Q(senator=None, name=""),
                                              name="legislation_member_named")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.senator.full_name if self.senator_id else self.name


class CommitteeReport(models.Model):
    """A committee's report (on a bill, or on a matter it studied): a milestone on the bill's timeline."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="reports",
                                  verbose_name=_("committee"))
    bill = models.ForeignKey("legislation.Bill", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="committee_reports", verbose_name=_("bill"))
    title = models.CharField(_("title"), max_length=300)
    submitted_on = models.DateField(_("submitted on"))
    url = models.URLField(_("address"), max_length=500, blank=True)
    file = models.ForeignKey("wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("file"))

    class Meta:
        ordering = ["submitted_on", "pk"]
        verbose_name = _("committee report")
        verbose_name_plural = _("committee reports")

    def __str__(self):
        return self.title

    @property
    def href(self):
        return self.file.url if self.file_id else self.url
