from django import template
from wagtail.models import Locale

from cms.base.models import FooterText

register = template.Library()


@register.simple_tag
def footer_text():
    """The footer address in the reader's language, falling back to Thai."""
    texts = FooterText.objects.all()
    text = texts.filter(locale=Locale.get_active()).first() or texts.filter(locale=Locale.get_default()).first()
    return text.body if text else ""
