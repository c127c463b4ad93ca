"""The filters of the bill, sitting and vote lists, shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Bill, BillKind, BillStage, Committee, Sitting, SittingKind, Vote


def _year_be(queryset, field_name, value):
    """A year in either era: 2565 (B.E.) or 2022 (C.E.)."""
    year = value - 543 if value > 2400 else value
    return queryset.filter(**{f"{field_name}__year": year})


def _words(queryset, fields, value):
    condition = Q()
    for word in value.split():
        term = Q()
        for field in fields:
            term |= Q(**{f"{field}__icontains": word})
        condition &= term
    return queryset.filter(condition)


class BillFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Words"), method="filter_words")
    stage = django_filters.ChoiceFilter(label=_("Stage"), choices=BillStage.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=BillKind.choices)
    year = django_filters.NumberFilter(label=_("Year (B.E.)"), method="filter_year")
    committee = django_filters.ModelChoiceFilter(label=_("Committee"), queryset=Committee.objects.all())

    class Meta:
        model = Bill
        fields = ["q", "stage", "kind", "year", "committee"]

    def filter_words(self, queryset, name, value):
        return _words(queryset, ["title", "short_title", "proposer", "summaries__text"], value).distinct()

    def filter_year(self, queryset, name, value):
        return _year_be(queryset, "introduced_on", int(value))


class SittingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SittingKind.choices)
    year = django_filters.NumberFilter(label=_("Year (B.E.)"), method="filter_year")
    committee = django_filters.ModelChoiceFilter(label=_("Committee"), queryset=Committee.objects.all())

    class Meta:
        model = Sitting
        fields = ["kind", "year", "committee"]

    def filter_year(self, queryset, name, value):
        return _year_be(queryset, "date", int(value))


class VoteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Words"), method="filter_words")
    bill = django_filters.NumberFilter(label=_("Bill"), field_name="bill_id")
    sitting = django_filters.NumberFilter(label=_("Sitting"), field_name="sitting_id")
    year = django_filters.NumberFilter(label=_("Year (B.E.)"), method="filter_year")

    class Meta:
        model = Vote
        fields = ["q", "bill", "sitting", "year"]

    def filter_words(self, queryset, name, value):
        return _words(queryset, ["title"], value)

    def filter_year(self, queryset, name, value):
        return _year_be(queryset, "date", int(value))
