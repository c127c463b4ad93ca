"""Bills, committees, sittings and senators in the Thai search."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _thai(function):
    """Index titles as the Thai pages show them."""
    def wrapped(obj):
        with translation.override("th"):
            return str(function(obj))
    return wrapped


def register_search() -> None:
    from search.registry import register

    from .models import Bill, Committee, Senator, Sitting

    register(
        Bill, key="bill", label=_("Bill"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: obj.title,
        date=lambda obj: obj.introduced_on, language=lambda obj: "th",
        queryset=lambda: Bill.objects.prefetch_related("summaries"),
    )
    register(
        Committee, key="committee", label=_("Committee"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: obj.name,
        date=lambda obj: obj.established_on, language=lambda obj: "th",
        queryset=lambda: Committee.objects.all(),
    )
    register(
        Sitting, key="sitting", label=_("Sitting"),
        url=lambda obj: obj.get_absolute_url(), title=_thai(str),
        date=lambda obj: obj.date, number=lambda obj: obj.number or None, language=lambda obj: "th",
        queryset=lambda: Sitting.objects.select_related("committee").prefetch_related("agenda_items"),
    )
    register(
        Senator, key="senator", label=_("Senator"),
        url=lambda obj: obj.get_absolute_url(), title=lambda obj: obj.full_name,
        language=lambda obj: "th", queryset=lambda: Senator.objects.all(),
    )
