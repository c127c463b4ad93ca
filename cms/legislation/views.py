"""Public pages: bills, committees, sittings, votes and senators. Reads go through selectors."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .calendar import sittings_ics
from .filters import BillFilter, SittingFilter
from .models import SittingKind

PER_PAGE = 20


def _page(request, queryset):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
def bill_list(request):
    filterset = BillFilter(request.GET, queryset=selectors.bill_list())
    bills = filterset.qs if filterset.is_valid() else selectors.bill_list().none()
    return render(request, "legislation/bill_list.html", {
        "filter": filterset, "page_obj": _page(request, bills), "query": _query_without_page(request),
    })


@require_GET
def bill_detail(request, pk):
    return render(request, "legislation/bill_detail.html", selectors.bill_context(selectors.bill_detail(pk=pk)))


@require_GET
def committee_bill_list(request):
    bills = list(selectors.bills_in_committee())
    return render(request, "legislation/committee_bill_list.html", {"bills": bills})


@require_GET
def committee_list(request):
    return render(request, "legislation/committee_list.html", {"committees": selectors.committee_list()})


@require_GET
def committee_detail(request, pk):
    return render(request, "legislation/committee_detail.html", {"committee": selectors.committee_detail(pk=pk)})


@require_GET
def sitting_list(request):
    filterset = SittingFilter(request.GET, queryset=selectors.Sitting.objects.select_related("committee"))
    sittings = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    return render(request, "legislation/sitting_list.html", {
        "filter": filterset, "upcoming": selectors.upcoming_sittings(limit=10),
        "page_obj": _page(request, sittings.past()),
        "query": _query_without_page(request), "kinds": SittingKind.choices,
    })


@require_GET
def sitting_detail(request, pk):
    sitting = selectors.sitting_detail(pk=pk)
    return render(request, "legislation/sitting_detail.html", {"sitting": sitting})


@require_GET
def sittings_calendar(request):
    body = sittings_ics(selectors.upcoming_sittings(), host=request.get_host().split(":")[0],
                        url_for=lambda sitting: request.build_absolute_uri(sitting.get_absolute_url()))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="senate-sittings.ics"'
    return response


@require_GET
def vote_detail(request, pk):
    vote = selectors.vote_detail(pk=pk)
    return render(request, "legislation/vote_detail.html", {"vote": vote, "groups": selectors.vote_ballots(vote)})


@require_GET
def senator_list(request):
    term = request.GET.get("term")
    term = int(term) if term in ("12", "13") else None
    q = request.GET.get("q", "").strip()
    return render(request, "legislation/senator_list.html", {
        "page_obj": _page(request, selectors.senator_list(term=term, q=q)), "term": term, "q": q,
        "query": _query_without_page(request),
    })


@require_GET
def senator_detail(request, pk):
    senator, memberships, ballots = selectors.senator_detail(pk=pk)
    return render(request, "legislation/senator_detail.html",
                  {"senator": senator, "memberships": memberships, "ballots": ballots})
