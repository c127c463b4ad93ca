"""Template filters for Thai dates and numerals, built into every template
(see TEMPLATES['OPTIONS']['builtins']) so that one filter is used everywhere."""

from django import template
from django.utils.translation import get_language

from cms.base import thai

register = template.Library()


@register.filter
def thaidate(value, style="long"):
    """{{ page.date|thaidate }} -> '23 พฤศจิกายน 2569' on Thai pages,
    '23 November 2026' on English ones. Styles: long, short, datetime."""
    return thai.localized_digits(thai.format_date(value, style))


@register.filter
def thaidigits(value):
    """Thai digits on Thai pages only; English pages keep Arabic digits."""
    return thai.localized_digits(value)


@register.filter
def beyear(value):
    """The year as readers expect it: B.E. in Thai, C.E. in English."""
    if value in (None, ""):
        return ""
    if (get_language() or "th").startswith("th"):
        return thai.be_year(value)
    return value if isinstance(value, int) else thai.to_bangkok(value).year


@register.filter
def textlang(value):
    """The language a piece of content is written in, for its lang attribute:
    'th' when most of its letters are Thai, otherwise 'en'. Marks Thai quotations
    and Thai tags on English pages (and the reverse) for screen readers."""
    return thai.text_language(value)
