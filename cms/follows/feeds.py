"""Atom feeds of a bill and of a committee (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from cms.legislation.models import Bill, Committee

from .describe import describe
from .selectors import latest_feed_events
from .topics import bill_key, committee_key


class _EventsFeed(Feed):
    feed_type = Atom1Feed
    model = None

    def get_object(self, request, pk):
        return get_object_or_404(self.model, pk=pk)

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return latest_feed_events(key=self.key(obj.pk))

    def item_title(self, item):
        return describe(item, translation.get_language()).title

    def item_description(self, item):
        return describe(item, translation.get_language()).summary

    def item_link(self, item):
        return describe(item, translation.get_language()).url or "/"

    def item_guid(self, item):
        return f"chandra-feed-event-{item.pk}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.created_at


class BillFeed(_EventsFeed):
    model = Bill
    key = staticmethod(bill_key)

    def title(self, obj):
        return _("%(bill)s — Chandra") % {"bill": obj}

    def subtitle(self, obj):
        return _("Every stage of the bill as the Senate considers it.")


class CommitteeFeed(_EventsFeed):
    model = Committee
    key = staticmethod(committee_key)

    def title(self, obj):
        return _("%(committee)s — Chandra") % {"committee": obj}

    def subtitle(self, obj):
        return _("The bills before the committee, as they move.")
