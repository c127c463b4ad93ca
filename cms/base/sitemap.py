from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Page


class Sitemap(WagtailSitemap):
    """Every live public page in every language (Wagtail's own lists only the
    tree of the active language)."""

    def items(self):
        site = self.get_wagtail_site()
        roots = site.root_page.get_translations(inclusive=True)
        pages = Page.objects.none()
        for root in roots:
            pages |= root.get_descendants(inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific()
