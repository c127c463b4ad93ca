"""Parliamentary sessions, sittings (Senate, joint, committee), agenda items, votes and ballots."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search import index

from .base import Sourced


class SessionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary session")
    EXTRAORDINARY = "extraordinary", _("Extraordinary session")


class ParliamentSessionQuerySet(models.QuerySet):
    def overlapping(self, start, end):
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start), starts_on__lte=end)


class ParliamentSession(models.Model):
    """A session of Parliament (สมัยประชุม). Editors keep them: the s.136 deadline counts only their days.

    ``ends_on`` empty: the session is open and its end not yet known."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=15, choices=SessionKind.choices, default=SessionKind.ORDINARY)
    starts_on = models.DateField(_("opens on"))
    ends_on = models.DateField(_("closes on"), null=True, blank=True)

    objects = ParliamentSessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("parliamentary session")
        verbose_name_plural = _("parliamentary sessions")
        constraints = [models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                                              name="legislation_session_order")]

    def __str__(self):
        return self.name


class SittingKind(models.TextChoices):
    SENATE = "senate", _("Senate sitting")
    JOINT = "joint", _("Joint sitting of Parliament")
    COMMITTEE = "committee", _("Committee meeting")


class SittingQuerySet(models.QuerySet):
    def upcoming(self):
        return self.filter(date__gte=timezone.localdate()).order_by("date", "starts_at")

    def past(self):
        return self.filter(date__lt=timezone.localdate()).order_by("-date", "-starts_at")


class Sitting(index.Indexed, Sourced):
    """A sitting of the Senate, a joint sitting of Parliament or a committee meeting."""

    kind = models.CharField(_("kind"), max_length=10, choices=SittingKind.choices, default=SittingKind.SENATE,
                            db_index=True)
    committee = models.ForeignKey("legislation.Committee", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="meetings", verbose_name=_("committee"))
    session = models.ForeignKey(ParliamentSession, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="sittings", verbose_name=_("session"))
    number = models.CharField(_("number"), max_length=30, blank=True, help_text=_("The number the Senate gives the sitting."))
    date = models.DateField(_("date"), db_index=True)
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    presiding = models.CharField(_("presiding"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_url = models.URLField(_("minutes (document)"), max_length=500, blank=True)
    agenda_complete = models.BooleanField(_("the agenda is complete"), default=True,
                                          help_text=_("Off when only some items are known (e.g. only those voted on)."))

    objects = SittingQuerySet.as_manager()

    search_fields = [
        index.SearchField("get_kind_display"), index.SearchField("presiding"), index.SearchField("agenda_text"),
        index.AutocompleteField("presiding"),
    ]

    class Meta:
        ordering = ["-date", "-starts_at"]
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")
        constraints = [models.CheckConstraint(condition=Q(kind="committee", committee__isnull=False) | ~Q(kind="committee"),
                                              name="legislation_committee_meeting_has_committee")]

    def __str__(self):
        label = self.committee.name if self.committee_id else self.get_kind_display()
        return f"{label} {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("legislation:sitting_detail", kwargs={"pk": self.pk})

    def agenda_text(self) -> list[str]:
        return [item.title for item in self.agenda_items.all()]

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("committee").prefetch_related("agenda_items")


class AgendaItem(models.Model):
    """An item of the order paper (ระเบียบวาระ), possibly about a bill."""

    sitting = models.ForeignKey(Sitting, on_delete=models.CASCADE, related_name="agenda_items",
                                verbose_name=_("sitting"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    number = models.CharField(_("item number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=500)
    bill = models.ForeignKey("legislation.Bill", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="agenda_items", verbose_name=_("bill"))
    document_url = models.URLField(_("document"), max_length=500, blank=True)

    class Meta:
        ordering = ["sitting", "order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class VoteQuerySet(models.QuerySet):
    def with_ballots(self):
        return self.filter(has_ballots=True)


class Vote(Sourced):
    """A division. The counts are the senators' (or, in a joint sitting where only the whole
    assembly's are known, every member's: ``counts_scope``)."""

    class Scope(models.TextChoices):
        SENATORS = "senators", _("Senators")
        ALL_MEMBERS = "all", _("All members present")

    sitting = models.ForeignKey(Sitting, null=True, blank=True, on_delete=models.SET_NULL, related_name="votes",
                                verbose_name=_("sitting"))
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="votes", verbose_name=_("agenda item"))
    bill = models.ForeignKey("legislation.Bill", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="votes", verbose_name=_("bill"))
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("question"), max_length=500)
    reading = models.CharField(_("reading"), max_length=100, blank=True)
    passed = models.BooleanField(_("carried"), null=True)
    yes = models.PositiveIntegerField(_("yes"), default=0)
    no = models.PositiveIntegerField(_("no"), default=0)
    abstain = models.PositiveIntegerField(_("abstain"), default=0)
    not_voting = models.PositiveIntegerField(_("did not vote"), null=True, blank=True,
                                             help_text=_("Empty when the record does not give it."))
    counts_scope = models.CharField(_("counts of"), max_length=10, choices=Scope.choices, default=Scope.SENATORS)
    has_ballots = models.BooleanField(_("per-member votes recorded"), default=False)
    source_url = models.URLField(_("official record"), max_length=500, blank=True)

    objects = VoteQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("legislation:vote_detail", kwargs={"pk": self.pk})

    @property
    def total(self):
        return self.yes + self.no + self.abstain + (self.not_voting or 0)


class BallotChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")
    NOT_VOTING = "not_voting", _("Did not vote")
    ABSENT = "absent", _("Absent")


class Ballot(models.Model):
    """How one senator voted in one division."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots", verbose_name=_("vote"))
    senator = models.ForeignKey("legislation.Senator", on_delete=models.CASCADE, related_name="ballots",
                                verbose_name=_("senator"))
    choice = models.CharField(_("vote"), max_length=12, choices=BallotChoice.choices)

    class Meta:
        ordering = ["vote", "senator__first_name"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [models.UniqueConstraint(fields=["vote", "senator"], name="legislation_one_ballot")]

    def __str__(self):
        return f"{self.senator_id}: {self.choice}"
