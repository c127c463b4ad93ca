"""How a follower's e-mail reads: the title and summary of each feed event in
the follower's language, with a link back to the site."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .models import FeedEvent
from .outbox import register_renderer


@register_renderer("records.feed")
def render_feed_message(message):
    ids = message.context.get("feed_events", [])
    events = list(FeedEvent.objects.filter(pk__in=ids).order_by("pk"))
    language = message.language or "th"
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    items = [{"title": e.text("title", language), "summary": e.text("summary", language),
              "url": base_url + e.data["url"] if e.data.get("url") else ""} for e in events]
    context = {"items": items, "count": len(items), "base_url": base_url, "language": language}
    with translation.override(language):
        subject = render_to_string("records/email/feed_subject.txt", context)
        body = render_to_string("records/email/feed_body.txt", context)
    return subject.strip(), body
