"""Follows, as GovTrack does them: a feed per thing worth following, the
events published to it, and each follower's subscription with a cursor (the id
of the last feed event delivered), so "what has this person been told" is a
query and a crashed sender resumes without repeating itself."""

import secrets

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


class Feed(models.Model):
    """Something to follow, by a stable key: ``bill:42``, ``committee:7``, ``bills:kind:money``."""

    key = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["key"]
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")

    def __str__(self):
        return self.key


class FeedEvent(models.Model):
    """One piece of news for the feeds it was published to. The id only grows."""

    feeds = models.ManyToManyField(Feed, related_name="events")
    kind = models.CharField(max_length=30)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    event = models.ForeignKey("records.Event", on_delete=models.PROTECT, null=True, blank=True,
                              related_name="feed_events")
    # {"title": {"th": …, "en": …}, "summary": {"th": …, "en": …}, "url": "/th/…"} and whatever else a renderer needs
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("feed event")
        verbose_name_plural = _("feed events")

    def __str__(self):
        return f"{self.pk} {self.kind}"

    def text(self, name, language):
        """``data[name]`` in ``language`` (Thai when missing)."""
        value = self.data.get(name, "")
        if isinstance(value, dict):
            return value.get(language) or value.get("th") or ""
        return value


class Follower(models.Model):
    """Someone who follows by e-mail, without an account. ``token`` is the
    secret in their confirmation and unsubscribe links."""

    email = models.EmailField(_("e-mail"), unique=True)
    language = models.CharField(_("language"), max_length=5, default="th")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self):
        return self.email


class Subscription(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As it happens")
        DAILY = "daily", _("Once a day")

    # Indexed by records_subscription_once, which starts with it.
    follower = models.ForeignKey(Follower, on_delete=models.CASCADE, related_name="subscriptions", db_index=False)
    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="subscriptions")
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.IMMEDIATE)
    cursor = models.PositiveBigIntegerField(default=0, help_text="id of the last feed event delivered")
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(fields=["follower", "feed"], name="records_subscription_once")]

    def __str__(self):
        return f"{self.follower} → {self.feed}"
