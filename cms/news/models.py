"""News of the Senate: an index page per language and the articles under it."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.base.blocks import BaseStreamBlock
from cms.base.public import public
from cms.base.routing import KeptViewRestrictionsMixin


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    """A kind of news (press release, sitting summary, announcement), translated."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsIndexPage(KeptViewRestrictionsMixin, RoutablePageMixin, Page):
    """Lists the news of its language, newest first, with category and tag
    filters, pagination and RSS/Atom feeds."""

    introduction = models.TextField(_("introduction"), blank=True)
    page_size = 12

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def articles(self, *, category=None, tag=None):
        """The live news under this index, newest first."""
        articles = (
            public(NewsPage.objects.live().child_of(self))
            .select_related("category", "featured_image")
            .order_by("-date", "-pk")
        )
        if category:
            articles = articles.filter(category__slug=category)
        if tag:
            articles = articles.filter(tags__name=tag)
        return articles

    def categories(self):
        return NewsCategory.objects.filter(locale_id=self.locale_id)

    def route(self, request, path_components):
        """Wagtail's routing, with an article read in one query with its own fields
        (Wagtail reads the page, then its fields). The index's own views come first."""
        if len(path_components) == 1:
            try:
                self.resolve_subpage(f"/{path_components[0]}/")
            except Http404:
                article = NewsPage.objects.child_of(self).filter(slug=path_components[0]).first()
                if article is not None:
                    return article.route(request, [])
        return super().route(request, path_components)

    @path("")
    def index(self, request):
        category = request.GET.get("category") or None
        tag = request.GET.get("tag") or None
        paginator = Paginator(self.articles(category=category, tag=tag), self.page_size)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "articles": page_obj.object_list,
                "current_category": category,
                "current_tag": tag,
            },
        )

    @path("feed/", name="rss")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(KeptViewRestrictionsMixin, Page):
    """A news article: dated, categorised, tagged, with a featured image."""

    date = models.DateTimeField(_("date"), default=timezone.now)
    summary = models.TextField(_("summary"), max_length=500, help_text=_("One or two sentences shown in lists and feeds."))
    featured_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("featured image"),
    )
    category = models.ForeignKey(
        NewsCategory, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("category"),
    )
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("category"), FieldPanel("tags")], heading=_("About")),
        FieldPanel("summary"),
        FieldPanel("featured_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("category", [index.SearchField("name")]),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
