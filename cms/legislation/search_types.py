"""Bills, committees, sittings and senators in the Thai search."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _thai(function):
    """Index titles as the Thai pages show them."""
    def wrapped(obj):
        with translation.override("th"):
            return str(function(obj))
    return wrapped


# The record of law-making (bills, sittings, committees, senators) counts below the
# constitution in force when a query names no year: a citizen's question about the law
# is answered by the law, and a bill's short text would otherwise outrank it
# (bench/search_dev.py). A query that only these records match still finds them.
RECORD_STANDING = 0.25


def register_search() -> None:
    from search.registry import register

    from .models import Bill, Committee, Senator, Sitting

    register(
        Bill, key="bill", label=_("Bill"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: obj.title,
        date=lambda obj: obj.introduced_on, language=lambda obj: "th",
        queryset=lambda: Bill.objects.prefetch_related("summaries"), standing=lambda obj: RECORD_STANDING,
    )
    register(
        Committee, key="committee", label=_("Committee"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: obj.name,
        date=lambda obj: obj.established_on, language=lambda obj: "th",
        queryset=lambda: Committee.objects.all(), standing=lambda obj: RECORD_STANDING,
    )
    register(
        Sitting, key="sitting", label=_("Sitting"),
        url=lambda obj: obj.get_absolute_url(), title=_thai(str),
        date=lambda obj: obj.date, number=lambda obj: obj.number or None, language=lambda obj: "th",
        queryset=lambda: Sitting.objects.select_related("committee").prefetch_related("agenda_items"),
        standing=lambda obj: RECORD_STANDING,
    )
    register(
        Senator, key="senator", label=_("Senator"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: obj.full_name,
        language=lambda obj: "th", queryset=lambda: Senator.objects.all(), standing=lambda obj: RECORD_STANDING,
    )
