"""The home page: the portal that leads to every service of Chandra."""

from django.db import models
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.search import index

from cms.base import pagecache
from cms.base.public import public
from cms.base.routing import KeptViewRestrictionsMixin
from cms.base.services import SERVICES_BY_KEY, service_choices

ICON_CHOICES = [
    ("link", _("Link")),
    ("facebook", "Facebook"),
    ("youtube", "YouTube"),
    ("senate", _("Senate")),
    ("app", _("Mobile app")),
]


class ServiceTileBlock(blocks.StructBlock):
    service = blocks.ChoiceBlock(choices=service_choices, label=_("Service"))
    title = blocks.CharBlock(required=False, label=_("Title"), help_text=_("Leave empty to use the service's name."))
    description = blocks.CharBlock(required=False, label=_("Description"))

    class Meta:
        icon = "pick"
        label = _("Chandra service")


class LinkTileBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    description = blocks.CharBlock(required=False, label=_("Description"))
    url = blocks.URLBlock(label=_("Address"))
    icon = blocks.ChoiceBlock(choices=ICON_CHOICES, default="link", label=_("Icon"))

    class Meta:
        icon = "link-external"
        label = _("External link")


class BannerBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(label=_("Alternative text"))
    url = blocks.URLBlock(required=False, label=_("Link"))

    class Meta:
        icon = "image"
        label = _("Banner")


class HomePage(KeptViewRestrictionsMixin, Page):
    """The portal. Editors choose and order the tiles; a tile for a service
    that is not built yet, or has no page in the reader's language, is hidden."""

    introduction = models.TextField(_("introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("hero image"),
    )
    tiles = StreamField(
        [("service", ServiceTileBlock()), ("link", LinkTileBlock())],
        blank=True,
        verbose_name=_("tiles"),
    )
    banners = StreamField([("banner", BannerBlock())], blank=True, verbose_name=_("banners"))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("tiles"),
        FieldPanel("banners"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    # The latest news and the bills before the Senate are shown here: a kept home
    # page and its sections go when news or bills change.
    page_cache_tags = ("app:news", "app:legislation")

    class Meta:
        verbose_name = _("home page")

    def visible_tiles(self, service_urls=None):
        """The tiles to show, resolved to titles and addresses, in editor order.
        ``service_urls`` ({service key: address}, the navigation's) spares resolving them again."""
        tiles = []
        for block in self.tiles:
            value = block.value
            if block.block_type == "service":
                service = SERVICES_BY_KEY.get(value["service"])
                if service is None:
                    continue
                url = service_urls.get(service.key) if service_urls is not None else service.url(self.locale)
                if not url:
                    continue
                tiles.append({
                    "key": service.key,
                    "title": value["title"] or service.title,
                    "description": value["description"] or service.description,
                    "url": url,
                    "icon": service.icon,
                    "external": False,
                })
            else:
                tiles.append({
                    "key": "",
                    "title": value["title"],
                    "description": value["description"],
                    "url": value["url"],
                    "icon": value["icon"],
                    "external": True,
                })
        return tiles

    def latest_news(self, count=3):
        from cms.news.models import NewsPage

        return (
            public(NewsPage.objects.live()).filter(locale_id=self.locale_id)
            .select_related("featured_image", "category")
            .order_by("-date", "-pk")[:count]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):  # an editor's draft: never the kept sections, never kept
            context["sections"] = self.render_sections(request)
        else:
            context["sections"] = pagecache.fragment(
                f"home:sections:{self.pk}:{get_language()}", tags={f"page:{self.pk}", "all", *self.page_cache_tags},
                render=lambda: self.render_sections(request))
        return context

    def render_sections(self, request):
        """The hero, the tiles, the bills before the Senate, the latest news and the
        banners: alike for every reader of the page in one language."""
        from cms.base import navigation

        return render_to_string("home/home_sections.html", {
            "page": self,
            "tiles": self.visible_tiles(dict(navigation.for_request(request).services)),
            "news": self.latest_news(),
        }, request=request)
