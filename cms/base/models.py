"""Site-wide models: settings editors manage, the footer, and the standard page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import BaseStreamBlock
from .routing import KeptViewRestrictionsMixin


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and the Senate's own channels, shown in every footer."""

    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    senate_website = models.URLField(_("Senate website"), blank=True)
    facebook_url = models.URLField(_("Facebook page of the Senate"), blank=True)
    facebook_secretariat_url = models.URLField(_("Facebook page of the Secretariat"), blank=True)
    youtube_url = models.URLField(_("YouTube channel (live broadcasts)"), blank=True)
    app_store_url = models.URLField(_("Chandra on the App Store"), blank=True)
    google_play_url = models.URLField(_("Chandra on Google Play"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("Contact")),
        MultiFieldPanel(
            [
                FieldPanel("senate_website"),
                FieldPanel("facebook_url"),
                FieldPanel("facebook_secretariat_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Senate channels"),
        ),
        MultiFieldPanel([FieldPanel("app_store_url"), FieldPanel("google_play_url")], heading=_("App downloads")),
    ]

    class Meta:
        verbose_name = _("site settings")


@register_snippet
class FooterText(TranslatableMixin, models.Model):
    """The address block of the footer, translated like any content."""

    body = RichTextField(_("address and office hours"), features=["bold", "italic", "link"])

    panels = [FieldPanel("body")]

    def __str__(self):
        return str(_("Footer text"))

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer text")
        verbose_name_plural = _("footer text")


class StandardPage(KeptViewRestrictionsMixin, Page):
    """A general page of prose: about the Senate, how to visit, privacy notice."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("introduction"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "base.StandardPage"]
    subpage_types = ["base.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

