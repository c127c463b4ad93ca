from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def thai_admin_font():
    """Sarabun for the admin's Thai text, so editors without a Thai system font can read it."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
