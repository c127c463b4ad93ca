from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page


@hooks.register("insert_global_admin_css")
def thai_admin_font():
    """Sarabun for the admin's Thai text, so editors without a Thai system font can read it."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


class DraftsPanel(Component):
    """An editor's own pages that have changes not yet published: drafts to finish
    or to submit for review (Wagtail's own panels show what awaits their review)."""

    name = "chandra_drafts"
    order = 90
    template_name = "base/admin/drafts_panel.html"
    size = 8

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        pages = (
            Page.objects.filter(owner=self.user, has_unpublished_changes=True)
            .exclude(depth=1).select_related("locale").order_by("-latest_revision_created_at")[: self.size]
        )
        return {"pages": pages}


@hooks.register("construct_homepage_panels")
def editor_dashboard_panels(request, panels):
    if request.user.has_perm("wagtailadmin.access_admin") and Page.objects.filter(owner=request.user).exists():
        panels.append(DraftsPanel(request.user))


@hooks.register("before_serve_page")
def page_cache_tags(page, request, serve_args, serve_kwargs):
    """A kept page goes when it, or what it declares it shows (``page_cache_tags``), changes."""
    from .pagecache import add_tags

    add_tags(request, f"page:{page.pk}", *getattr(page, "page_cache_tags", ()))
