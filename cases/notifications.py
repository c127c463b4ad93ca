"""The e-mails of the case system, through the shared outbox: who is told of
what, and how the message reads (rendered when it is sent, in the
recipient's language)."""

from django.conf import settings
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from cms.records.outbox import register_renderer
from cms.records.services import outbox_enqueue

RENDERER = "cases.notification"


class NotificationKind(models.TextChoices):
    CITIZEN_UPDATE = "citizen_update", _("Update to the citizen")
    CITIZEN_FILED = "citizen_filed", _("Confirmation to the citizen")
    ASSIGNED = "assigned", _("Case assigned")
    OVERDUE = "overdue", _("Case overdue")


def notify(*, case, event, kind, email, language, payload=None, first=False):
    """Queue one e-mail about ``event`` to ``email``, once (sent after commit).
    ``first``: the caller recorded ``event`` in its transaction and queues no
    other message about it (:func:`cms.records.services.outbox_enqueue`'s ``new_key``)."""
    return outbox_enqueue(
        to=email, language=language or "th", renderer=RENDERER, context={"kind": kind, **(payload or {})},
        dedupe_key=f"cases:event:{event.pk}:{email}", subject_object=case, event=event, new_key=first,
    )


@register_renderer(RENDERER)
def render(message):
    case = message.subject_object
    context = {"notification": {"kind": message.context.get("kind", ""), "language": message.language},
               "case": case, "event": message.event, "pin": message.context.get("pin", ""),
               "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")}
    with translation.override(message.language or "th"):
        subject = render_to_string("cases/email/subject.txt", context).strip().replace("\n", " ")
        body = render_to_string("cases/email/body.txt", context)
    return subject, body
