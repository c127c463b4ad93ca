"""Vote bars, stage badges and the 'before the Senate now' block of the home page."""

from django import template
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..models import Vote

register = template.Library()

SEGMENTS = (("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstain")), ("not_voting", _("Did not vote")))


@register.simple_tag
def vote_segments(vote: Vote):
    """The counts of a vote as bar segments: key, label, count, percent of the total and x offset."""
    total = vote.total or 1
    segments, offset = [], 0.0
    for key, label in SEGMENTS:
        count = getattr(vote, key)
        if count is None:
            continue
        width = 100 * count / total
        segments.append({"key": key, "label": label, "count": count, "percent": round(width, 1), "x": round(offset, 3),
                         "width": round(width, 3)})
        offset += width
    return segments


@register.inclusion_tag("legislation/_before_senate.html", takes_context=True)
def bills_before_senate(context, limit=5):
    return {"bills": selectors.bills_before_senate(limit=limit), "request": context.get("request"),
            "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}
