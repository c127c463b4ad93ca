"""Public pages in the query that lists them.

Wagtail's ``PageQuerySet.public()`` first reads every view restriction, in a
query of its own, to build its filter; listings read on every uncached page, so
the same rule is written here as a subquery of the listing's own query."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Left, Length
from wagtail.models import PageViewRestriction


def public(pages):
    """The pages that no view restriction covers: none on the page nor on an ancestor."""
    covering = PageViewRestriction.objects.filter(page__path=Left(OuterRef("path"), Length("page__path")))
    return pages.exclude(Exists(covering))
