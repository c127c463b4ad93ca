"""The state of a sitting as it happens: what the live page shows, and where the broadcast is."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


def _frame_origins():
    return {source.rstrip("/") for source in settings.SECURE_CSP.get("frame-src", []) if "://" in str(source)}


def validate_embeddable(value):
    """The Content-Security-Policy lets the page frame only the origins it lists."""
    parts = urlsplit(value)
    origin = f"{parts.scheme}://{parts.netloc}"
    if origin not in _frame_origins():
        raise ValidationError(
            _("Pages may only embed a broadcast from %(origins)s (the CSP frame-src; CSP_FRAME_SRC adds more)."),
            params={"origins": ", ".join(sorted(_frame_origins()))},
        )


@register_setting(icon="media")
class LiveSettings(BaseSiteSetting):
    """Where the Senate broadcasts its sittings."""

    broadcast_embed_url = models.URLField(
        _("broadcast embed address"),
        blank=True,
        validators=[validate_embeddable],
        help_text=_("The address of the player to embed, e.g. https://www.youtube.com/embed/live_stream?channel=…"),
    )

    panels = [FieldPanel("broadcast_embed_url")]

    class Meta:
        verbose_name = _("live broadcast")


class ItemStatus(models.TextChoices):
    """Where the item under consideration stands, as the presiding officer announces it."""

    CONSIDERING = "considering", _("Under consideration")
    DEBATING = "debating", _("Debate")
    VOTING = "voting", _("Voting")
    VOTED = "voted", _("Vote taken")
    DEFERRED = "deferred", _("Deferred")


class LiveQuerySet(models.QuerySet):
    def on_air(self):
        return self.filter(on_air=True)


class LiveSitting(models.Model):
    """What the live page of one sitting shows now. Officers change it in the admin; every
    change raises ``version`` by one and is announced to open pages (see services)."""

    sitting = models.OneToOneField("legislation.Sitting", on_delete=models.CASCADE, related_name="live",
                                   verbose_name=_("sitting"))
    on_air = models.BooleanField(_("on air"), default=False, help_text=_("The sitting is in session and broadcast."))
    current_item = models.ForeignKey("legislation.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("item under consideration"))
    item_status = models.CharField(_("status of the item"), max_length=20, choices=ItemStatus.choices, blank=True)
    version = models.PositiveBigIntegerField(_("version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = LiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("live sitting")
        verbose_name_plural = _("live sittings")

    def __str__(self):
        return str(self.sitting)

    def clean(self):
        if self.current_item_id and self.current_item.sitting_id != self.sitting_id:
            raise ValidationError({"current_item": _("The item must be on this sitting's agenda.")})

    @property
    def topic(self):
        return topic_for(self.pk)


def topic_for(pk):
    return f"live:{pk}"


def pk_from_topic(topic):
    prefix, _sep, pk = topic.partition(":")
    return int(pk) if prefix == "live" and pk.isdigit() else None
