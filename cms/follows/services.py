"""Writes of follows: asking to follow (double opt-in), confirming, changing and ending a
subscription. (Bills announce their own changes: cms.legislation.services publishes them.)"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.records.models import Follower, Subscription
from cms.records.services import follow, outbox_enqueue

from . import tokens
from .topics import resolve
from .urls_abs import absolute

LANGUAGES = ("th", "en")


def follow_request(*, email, feed_key, language="th", frequency=Subscription.Frequency.IMMEDIATE):
    """Follow ``feed_key`` by e-mail. An address not yet confirmed gets a confirmation
    e-mail (once per hour at most, however often the form is sent); nothing else is sent
    to it until it is confirmed. Raises ValidationError on bad input."""
    topic = resolve(feed_key)
    if topic is None:
        raise ValidationError({"feed": [_("There is nothing to follow by that name.")]})
    if language not in LANGUAGES:
        raise ValidationError({"language": [_("Choose Thai or English.")]})
    if frequency not in Subscription.Frequency.values:
        raise ValidationError({"frequency": [_("Choose how often to be told.")]})
    with transaction.atomic():
        subscription = follow(email=email, feed_key=feed_key, language=language, frequency=frequency)
        follower = subscription.follower
        if follower.language != language:
            Follower.objects.filter(pk=follower.pk).update(language=language)
            follower.language = language
        hour = timezone.now().strftime("%Y%m%d%H")
        kind = "welcome" if follower.confirmed_at else "confirm"
        _send(follower=follower, template=kind, dedupe_key=f"follow-{kind}:{subscription.pk}:{hour}",
              context={"topic": topic})
    return subscription


def _send(*, follower, template, dedupe_key, context):
    with translation.override(follower.language):
        context = {
            **context,
            "confirm_url": absolute(reverse("follows:confirm", args=[tokens.confirm_token(follower=follower)])),
            "manage_url": absolute(reverse("follows:manage", args=[tokens.manage_token(follower=follower)])),
        }
        subject = render_to_string(f"follows/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"follows/email/{template}_body.txt", context)
    return outbox_enqueue(to=follower.email, subject=subject, body=body, dedupe_key=dedupe_key,
                          language=follower.language)


def _follower(token):
    follower = Follower.objects.filter(token=token).first()
    if follower is None:
        raise signing.BadSignature("no such follower")
    return follower


def follow_confirm(*, token):
    """Confirm the address of a confirmation link (idempotent). Raises BadSignature."""
    follower = _follower(tokens.read_confirm(token))
    if follower.confirmed_at is None:
        Follower.objects.filter(pk=follower.pk, confirmed_at__isnull=True).update(confirmed_at=timezone.now())
        follower.refresh_from_db()
    return follower


def follower_from_manage(*, token):
    return _follower(tokens.read_manage(token))


def subscription_update(*, follower, subscription_id, frequency=None, active=None):
    """Change one of ``follower``'s own subscriptions."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription_id, follower=follower)
        if frequency is not None:
            if frequency not in Subscription.Frequency.values:
                raise ValidationError({"frequency": [_("Choose how often to be told.")]})
            subscription.frequency = frequency
        if active is not None:
            subscription.active = active
        subscription.save(update_fields=["frequency", "active"])
    return subscription


def check_unsubscribe(*, token):
    """The subscription id of a valid unsubscribe link. Raises BadSignature."""
    def follower_token_of(subscription_id):
        return Subscription.objects.filter(pk=subscription_id).values_list("follower__token", flat=True).first()

    return tokens.check_unsubscribe(token, follower_token_of)


def unsubscribe(*, token):
    """One-click unsubscribe (RFC 8058): idempotent. Raises BadSignature."""
    subscription = Subscription.objects.select_related("follower", "feed").get(
        pk=check_unsubscribe(token=token))
    Subscription.objects.filter(pk=subscription.pk).update(active=False)
    subscription.active = False
    return subscription


def follower_forget(*, follower):
    """Remove the address and every subscription of it (PDPA: the follower asked)."""
    follower.delete()
