"""What a feed event says, in a language: for e-mails, the Atom feeds and the API.

Bills publish ``{"from", "to", "on"}`` (cms.legislation.services); an event whose data
carries its own ``title``/``summary`` (per language) says them itself."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from cms.legislation.models import Bill, BillEventKind, BillStage


@dataclass(frozen=True)
class Described:
    title: str
    summary: str
    url: str


def _stage(value):
    return str(BillStage(value).label) if value in BillStage.values else value or ""


def describe(feed_event, language, *, bills=None):
    """``bills``: {pk: Bill} already loaded, to describe many events without a query each."""
    data = feed_event.data or {}
    with translation.override(language):
        if data.get("title"):
            return Described(feed_event.text("title", language), feed_event.text("summary", language),
                             data.get("url", ""))
        bill = None
        if feed_event.subject_type_id and feed_event.subject_type.model_class() is Bill:
            bill = (bills or {}).get(feed_event.subject_id) or Bill.objects.filter(pk=feed_event.subject_id).first()
        name = (bill.short_title or bill.title) if bill else _("A bill")
        url = bill.get_absolute_url() if bill else ""
        if feed_event.kind == BillEventKind.EXTENSION:
            return Described(_("%(bill)s: deadline extended") % {"bill": name},
                             _("The Senate extended its time to consider the bill (s.136)."), url)
        return Described(
            _("%(bill)s: %(stage)s") % {"bill": name, "stage": _stage(data.get("to"))},
            _("The bill moved from “%(from)s” to “%(to)s”.") % {"from": _stage(data.get("from")),
                                                              "to": _stage(data.get("to"))},
            url,
        )
