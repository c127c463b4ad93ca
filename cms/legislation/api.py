"""Bills, committees, sittings and votes for the mobile app (read-only; staff write in the admin)."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import serializers, viewsets

from cms.api.filters import FilterBackend
from cms.api.language import LANG_PARAMETER, LanguageMixin

from . import deadlines, selectors
from .filters import BillFilter, SittingFilter, VoteFilter
from .models import AgendaItem, Ballot, Bill, Committee, CommitteeMembership, Sitting, StageChange, Vote


def _absolute(serializer, url):
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request else url


class UrlMixin(serializers.Serializer):
    url = serializers.SerializerMethodField()

    def get_url(self, obj) -> str:
        return _absolute(self, obj.get_absolute_url())


class CommitteeRefSerializer(UrlMixin, serializers.ModelSerializer):
    class Meta:
        model = Committee
        fields = ["id", "name", "kind", "url"]


class StageChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageChange
        fields = ["from_stage", "to_stage", "transition", "on", "sitting", "vote", "document", "note", "derived"]


class DeadlineSerializer(serializers.Serializer):
    section = serializers.CharField(help_text="136 or 143 (constitution B.E. 2560)")
    days = serializers.IntegerField()
    session_days = serializers.BooleanField(help_text="Counted in days of parliamentary sessions (s.136).")
    starts_on = serializers.DateField()
    due_on = serializers.DateField(allow_null=True, help_text="Null while it depends on sessions not yet scheduled.")
    counted = serializers.IntegerField()
    days_left = serializers.IntegerField(allow_null=True)
    stopped_on = serializers.DateField(allow_null=True)
    paused = serializers.BooleanField()
    missed = serializers.BooleanField()


class BillSerializer(UrlMixin, serializers.ModelSerializer):
    committee = CommitteeRefSerializer(allow_null=True)
    sample = serializers.BooleanField(source="is_sample", help_text="Fictional demonstration data.")

    class Meta:
        model = Bill
        fields = ["id", "title", "short_title", "kind", "stage", "proposer", "introduced_on", "received_on",
                  "committee", "origin", "sample", "url"]


class BillDetailSerializer(BillSerializer):
    summary = serializers.SerializerMethodField()
    stage_changes = StageChangeSerializer(many=True)
    deadline = serializers.SerializerMethodField()
    reconsideration_allowed_on = serializers.SerializerMethodField(help_text="s.138: first day the House may take a withheld bill up again.")
    votes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(BillSerializer.Meta):
        fields = BillSerializer.Meta.fields + ["proposer_type", "category", "status_note", "status_checked_on",
                                               "extension_days", "returned_on", "gazette_url", "merged_into",
                                               "summary", "stage_changes", "deadline", "reconsideration_allowed_on",
                                               "votes", "source"]

    def get_summary(self, bill) -> str:
        summary = selectors.bill_summary(bill)
        return summary.text if summary else ""

    @extend_schema_field(DeadlineSerializer(allow_null=True))
    def get_deadline(self, bill):
        deadline = deadlines.bill_deadline(bill)
        if deadline is None:
            return None
        return {"section": deadline.section, "days": deadline.days, "session_days": deadline.session_days,
                "starts_on": deadline.starts_on, "due_on": deadline.due_on, "counted": deadline.counted,
                "days_left": deadline.days_left, "stopped_on": deadline.stopped_on, "paused": deadline.paused,
                "missed": deadline.missed}

    def get_reconsideration_allowed_on(self, bill) -> str | None:
        allowed = deadlines.reconsideration_date(bill)
        return allowed.isoformat() if allowed else None


class MemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name")

    class Meta:
        model = CommitteeMembership
        fields = ["senator", "name", "role"]


class CommitteeSerializer(CommitteeRefSerializer):
    members = MemberSerializer(source="memberships", many=True)
    bills = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta(CommitteeRefSerializer.Meta):
        fields = CommitteeRefSerializer.Meta.fields + ["term", "remit", "established_on", "origin", "members", "bills"]


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "order", "number", "title", "bill", "document_url"]


class SittingSerializer(UrlMixin, serializers.ModelSerializer):
    agenda_items = AgendaItemSerializer(many=True)
    votes = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Sitting
        fields = ["id", "kind", "committee", "session", "number", "date", "starts_at", "ends_at", "place", "presiding",
                  "minutes", "minutes_url", "agenda_complete", "agenda_items", "votes", "origin", "url"]


class BallotSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="senator.full_name")

    class Meta:
        model = Ballot
        fields = ["senator", "name", "choice"]


class VoteSerializer(UrlMixin, serializers.ModelSerializer):
    class Meta:
        model = Vote
        fields = ["id", "date", "title", "reading", "passed", "yes", "no", "abstain", "not_voting", "counts_scope",
                  "has_ballots", "sitting", "agenda_item", "bill", "source_url", "origin", "url"]


class VoteDetailSerializer(VoteSerializer):
    ballots = BallotSerializer(many=True)

    class Meta(VoteSerializer.Meta):
        fields = VoteSerializer.Meta.fields + ["ballots"]


@extend_schema_view(list=extend_schema(parameters=[LANG_PARAMETER]), retrieve=extend_schema(parameters=[LANG_PARAMETER]))
class BillViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Bills with their stage; one bill with its timeline and its constitutional deadline."""

    filter_backends = [FilterBackend]
    filterset_class = BillFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return Bill.objects.select_related("committee").prefetch_related(
                "stage_changes", "court_referrals", "summaries__locale", "votes")
        return selectors.bill_list()

    def get_serializer_class(self):
        return BillDetailSerializer if self.action == "retrieve" else BillSerializer


class CommitteeViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CommitteeSerializer
    queryset = Committee.objects.prefetch_related(
        Prefetch("memberships", queryset=CommitteeMembership.objects.select_related("senator")), "bills")


class SittingViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Sittings, newest first, with their agenda items and votes."""

    serializer_class = SittingSerializer
    filter_backends = [FilterBackend]
    filterset_class = SittingFilter
    queryset = Sitting.objects.prefetch_related("agenda_items", "votes")


class VoteViewSet(LanguageMixin, viewsets.ReadOnlyModelViewSet):
    """Votes with their counts; one vote with each member's ballot where recorded."""

    filter_backends = [FilterBackend]
    filterset_class = VoteFilter

    def get_queryset(self):
        if self.action == "retrieve":
            return Vote.objects.prefetch_related(Prefetch("ballots", queryset=Ballot.objects.select_related("senator")))
        return Vote.objects.all()

    def get_serializer_class(self):
        return VoteDetailSerializer if self.action == "retrieve" else VoteSerializer
