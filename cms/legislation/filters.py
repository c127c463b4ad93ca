"""The filters of the bill, sitting and vote lists, shared by the pages and the API."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.utils import extend_schema_field

from .models import Bill, BillKind, BillStage, Committee, Sitting, SittingKind, Vote


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 9999,
                      "description": "Year, Buddhist Era (2568) or Common Era (2025)"})
class YearFilter(django_filters.NumberFilter):
    """The year of a date field, in either era: 2565 (B.E.) or 2022 (C.E.). A whole number
    (Thai digits too); anything else is a form error, which the API answers with a 400."""

    field_class = forms.IntegerField

    def __init__(self, field_name, **kwargs):
        super().__init__(field_name=field_name, label=_("Year (B.E.)"), min_value=1, max_value=9999, **kwargs)

    def filter(self, queryset, value):
        if value in EMPTY_VALUES:
            return queryset
        year = value - 543 if value > 2400 else value
        return queryset.filter(**{f"{self.field_name}__year": year})


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
    year = YearFilter("introduced_on")
    committee = django_filters.ModelChoiceFilter(label=_("Committee"), queryset=Committee.objects.all())

    class Meta:
        model = Bill
        fields = ["q", "stage", "kind", "year", "committee"]

    def filter_words(self, queryset, name, value):
        return _words(queryset, ["title", "short_title", "proposer", "summaries__text"], value).distinct()


class SittingFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=SittingKind.choices)
    year = YearFilter("date")
    committee = django_filters.ModelChoiceFilter(label=_("Committee"), queryset=Committee.objects.all())

    class Meta:
        model = Sitting
        fields = ["kind", "year", "committee"]


class VoteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Words"), method="filter_words")
    bill = django_filters.NumberFilter(label=_("Bill"), field_name="bill_id")
    sitting = django_filters.NumberFilter(label=_("Sitting"), field_name="sitting_id")
    year = YearFilter("date")

    class Meta:
        model = Vote
        fields = ["q", "bill", "sitting", "year"]

    def filter_words(self, queryset, name, value):
        return _words(queryset, ["title"], value)
