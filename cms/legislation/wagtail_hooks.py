"""Bills, committees, sittings, votes, senators and sessions in the Wagtail admin.

A bill's stage is not a field of its form: staff move it on the "Move the bill" page, which
goes through the workflow service (permission, dated stage change, chained record)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import (
    AgendaItem, Bill, BillDocument, BillSummary, Committee, CommitteeMembership, CommitteeReport, CourtReferral,
    ParliamentSession, Senator, Sitting, Vote,
)


class BillViewSet(SnippetViewSet):
    model = Bill
    icon = "doc-full"
    list_display = ["title", "kind", "stage", "received_on", "committee"]
    list_filter = ["stage", "kind", "origin", "committee"]
    search_fields = ["title", "short_title", "proposer"]
    panels = [
        FieldPanel("title"), FieldPanel("short_title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("category")]),
        FieldRowPanel([FieldPanel("proposer"), FieldPanel("proposer_type")]),
        MultiFieldPanel([FieldRowPanel([FieldPanel("introduced_on"), FieldPanel("received_on"), FieldPanel("returned_on")]),
                         FieldPanel("extension_days")], heading=_("Dates")),
        FieldPanel("committee"), FieldPanel("merged_into"), FieldPanel("gazette_url"), FieldPanel("provisions"),
        MultiFieldPanel([FieldPanel("status_note"), FieldPanel("status_checked_on"), FieldPanel("origin"),
                         FieldPanel("source")], heading=_("Source")),
    ]


def _viewset(model_, icon_, display, filters=(), search=()):
    return type(f"{model_.__name__}ViewSet", (SnippetViewSet,), {
        "model": model_, "icon": icon_, "list_display": list(display), "list_filter": list(filters),
        "search_fields": list(search) or None,
    })


BillSummaryViewSet = _viewset(BillSummary, "doc-empty", ["bill", "locale"], ["locale"])
BillDocumentViewSet = _viewset(BillDocument, "doc-full-inverse", ["title", "bill", "dated"])
CourtReferralViewSet = _viewset(CourtReferral, "warning", ["bill", "referred_on", "decided_on"])
CommitteeViewSet = _viewset(Committee, "group", ["name", "kind", "term"], ["kind", "term", "origin"], ["name"])
MembershipViewSet = _viewset(CommitteeMembership, "user", ["__str__", "committee", "role"], ["role", "committee"])
ReportViewSet = _viewset(CommitteeReport, "doc-full", ["title", "committee", "bill", "submitted_on"], ["committee"])
SessionViewSet = _viewset(ParliamentSession, "date", ["name", "kind", "starts_on", "ends_on"], ["kind"])
SittingViewSet = _viewset(Sitting, "calendar", ["__str__", "kind", "number", "date"], ["kind", "origin", "committee"])
AgendaItemViewSet = _viewset(AgendaItem, "list-ol", ["title", "sitting", "bill"], [], ["title"])
VoteViewSet = _viewset(Vote, "tasks", ["title", "date", "yes", "no", "abstain", "not_voting"], ["passed", "origin"],
                       ["title"])
SenatorViewSet = _viewset(Senator, "user", ["__str__", "term", "selection_method"], ["term", "selection_method", "origin"],
                          ["first_name", "last_name"])


class LegislationGroup(SnippetViewSetGroup):
    menu_label = _("Legislation")
    menu_icon = "doc-full-inverse"
    menu_order = 260
    items = (BillViewSet, BillSummaryViewSet, BillDocumentViewSet, CourtReferralViewSet, CommitteeViewSet,
             MembershipViewSet, ReportViewSet, SessionViewSet, SittingViewSet, AgendaItemViewSet, VoteViewSet,
             SenatorViewSet)


register_snippet(LegislationGroup)


@hooks.register("register_admin_urls")
def urls():
    return [path("legislation/", include(([path("bills/<int:pk>/move/", admin_views.move_bill, name="move_bill")],
                                          "legislation_admin")))]


@hooks.register("register_snippet_listing_buttons")
def move_button(snippet, user, next_url=None):
    if isinstance(snippet, Bill) and user.has_perm("legislation.move_bill"):
        yield ListingButton(_("Move the bill"), reverse("legislation_admin:move_bill", args=[snippet.pk]),
                            icon_name="resubmit", priority=15)
