"""RSS and Atom feeds of a news index, in the index's language."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed


class NewsRssFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.url

    def description(self):
        return self.index_page.introduction

    def items(self):
        return self.index_page.articles()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.date

    def item_categories(self, item):
        return [item.category.name] if item.category_id else []


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
