"""The legislative archive's part of other apps' pages: the records of a bill."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("library/_bill_archive.html")
def bill_archive_records(bill):
    """The "In the archive" section of a bill page, empty when no record belongs to the bill."""
    return {"records": list(selectors.archive_records_of_bill(bill=bill))}
