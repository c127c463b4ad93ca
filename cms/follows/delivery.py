"""Delivery in bulk: one feed event to many followers, and the outbox sent in batches.

The rule is the shared core's (cms.records): a subscription's messages are queued and its
cursor moved in ONE transaction, with the dedupe key ``sub:<id>:fe:<id>``, so a crash
resumes from the cursor and never queues twice. This module does it a few thousand
subscriptions per transaction (bulk insert, one cursor update), and sends the outbox in
batches over one SMTP connection per batch, so a bill with 100,000 followers is told in
about a minute.

Exactly once across a killed sender: a worker claims a batch (row locks, then status
``sending``) and holds a PostgreSQL session advisory lock on each claimed message until it
has recorded the message as sent. When a worker dies its session ends and its advisory
locks go with it: :func:`recover_claims` finds messages still ``sending`` whose lock is
free and gives them back, at once, instead of after a timeout. The one window left is
between the SMTP server's acceptance and the database's record of it (well under a
millisecond per message); a message caught in it is sent again with the same Message-ID.
"""

import datetime as dt
import logging
import time
from contextlib import closing

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from cms.records.models import Feed, FeedEvent, OutboxMessage, Subscription
from cms.records.outbox import register_renderer
from cms.records.tasks import max_attempts

from . import tokens
from .describe import describe
from .mime import can_encode, encode_message
from .urls_abs import absolute

logger = logging.getLogger(__name__)

# The shared core's name for a follower's e-mail: this module renders it (with the
# follower's links) for both senders, the core's one-by-one and the batches here.
RENDERER = "records.feed"
DELIVER_CHUNK = 5000
SEND_BATCH = 200
# Advisory lock keys of outbox claims: this base plus the message id ("OB" in the top bits).
ADVISORY_BASE = 0x4F42 << 48
Status = OutboxMessage.Status


def message_headers(*, subscription_id, follower_token, dedupe_key):
    """List-Unsubscribe with its one-click POST (RFC 8058), and a stable Message-ID."""
    link = absolute(reverse("follow_mail:unsubscribe", args=[tokens.unsubscribe_token(
        subscription_id=subscription_id, follower_token=follower_token)]))
    domain = settings.FOLLOWS_MESSAGE_ID_DOMAIN
    return {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"Chandra <follows.{domain}>",
        "Message-ID": f"<{dedupe_key.replace(':', '.')}@{domain}>",
    }


def deliver_feed_event(*, feed_event_id, chunk=DELIVER_CHUNK):
    """Queue ``feed_event_id`` (and anything earlier not yet delivered) for every confirmed,
    active, immediate subscriber of its feeds. Returns the number of messages queued.

    Safe to run twice, or beside cms.records' own per-subscription delivery."""
    feed_ids = list(FeedEvent.feeds.through.objects.filter(feedevent_id=feed_event_id)
                    .values_list("feed_id", flat=True))
    queued, after = 0, 0
    while True:
        with transaction.atomic():
            # Publishers of these feeds hold their rows until commit: every smaller id is in.
            list(Feed.objects.select_for_update().filter(pk__in=feed_ids).order_by("pk"))
            batch = list(
                Subscription.objects.select_for_update(skip_locked=True, of=("self",))
                .filter(feed_id__in=feed_ids, active=True, frequency=Subscription.Frequency.IMMEDIATE,
                        follower__confirmed_at__isnull=False, cursor__lt=feed_event_id, pk__gt=after)
                .select_related("follower").order_by("pk")[:chunk]
            )
            if not batch:
                return queued
            after = batch[-1].pk
            queued += _queue(batch, feed_event_id)


def _queue(subscriptions, upto):
    lowest = min(s.cursor for s in subscriptions)
    feed_ids = {s.feed_id for s in subscriptions}
    links = list(FeedEvent.feeds.through.objects.filter(feed_id__in=feed_ids, feedevent_id__gt=lowest,
                                                        feedevent_id__lte=upto)
                 .values_list("feed_id", "feedevent_id").order_by("feedevent_id"))
    now = timezone.now()
    messages = []
    for subscription in subscriptions:
        events = [fe for feed_id, fe in links if feed_id == subscription.feed_id and fe > subscription.cursor]
        for fe in events:
            key = f"sub:{subscription.pk}:fe:{fe}"
            messages.append(OutboxMessage(
                to=subscription.follower.email, language=subscription.follower.language, renderer=RENDERER,
                context={"subscription": subscription.pk, "feed_events": [fe]}, dedupe_key=key,
                headers=message_headers(subscription_id=subscription.pk, follower_token=subscription.follower.token,
                                        dedupe_key=key),
                created_at=now,
            ))
    OutboxMessage.objects.bulk_create(messages, batch_size=2000, ignore_conflicts=True)
    Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(cursor=upto, delivered_at=now)
    return len(messages)


# Sending --------------------------------------------------------------------------------

def _try_lock(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s::bigint + %s)", [ADVISORY_BASE, pk])
        return cursor.fetchone()[0]


def _unlock(pks):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s::bigint + x) FROM unnest(%s::bigint[]) AS x",
                       [ADVISORY_BASE, list(pks)])


def _lock_all(pks):
    """Those of ``pks`` whose advisory lock this session now holds (one round trip)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT x FROM unnest(%s::bigint[]) AS x WHERE pg_try_advisory_lock(%s::bigint + x)",
                       [list(pks), ADVISORY_BASE])
        return [row[0] for row in cursor.fetchall()]


def claim_batch(*, size=SEND_BATCH):
    """Claim up to ``size`` waiting messages for this process; they stay claimed (advisory
    locks of this session) until :func:`send_batch` records them."""
    now = timezone.now()
    with transaction.atomic():
        candidates = list(OutboxMessage.objects.select_for_update(skip_locked=True)
                          .filter(renderer=RENDERER, status=Status.PENDING,
                                  attempts__lt=max_attempts())
                          .order_by("pk").values_list("pk", flat=True)[:size])
        mine = _lock_all(candidates) if candidates else []
        OutboxMessage.objects.filter(pk__in=mine).update(status=Status.SENDING, claimed_at=now,
                                                         attempts=F("attempts") + 1)
    return list(OutboxMessage.objects.filter(pk__in=mine).order_by("pk"))


def recover_claims():
    """Give back the messages claimed by workers that died (their advisory lock is free)."""
    recovered = []
    # A grace period spares the claims of cms.records' own one-by-one sender, which holds no lock.
    claimed = OutboxMessage.objects.filter(renderer=RENDERER, status=Status.SENDING,
                                           claimed_at__lt=timezone.now() - dt.timedelta(
                                               seconds=settings.FOLLOWS_RECOVER_AFTER_S))
    for pk in claimed.values_list("pk", flat=True):
        if _try_lock(pk):
            try:
                if OutboxMessage.objects.filter(pk=pk, status=Status.SENDING).update(status=Status.PENDING):
                    recovered.append(pk)
            finally:
                _unlock([pk])
    if recovered:
        logger.warning("outbox: %d messages of a dead sender given back", len(recovered))
    return len(recovered)


def send_batch(messages):
    """Send claimed messages over one SMTP connection; each is recorded as sent the moment
    the server accepts it. Returns how many were sent."""
    sent = 0
    cache = {}
    subscriptions = _subscriptions(messages)
    sender = settings.DEFAULT_FROM_EMAIL
    with connection.cursor() as cursor:
        # Each "sent" mark is its own commit, made the moment the SMTP server accepts the
        # message, so it must be cheap: a worker's crash loses nothing committed; only a crash
        # of PostgreSQL itself could forget the last marks (and send those again).
        cursor.execute("SET synchronous_commit TO off")
    try:
        with closing(mailers["default"]) as smtp:
            smtp.open()
            for message in messages:
                try:
                    subject, body = _render(message, cache, subscriptions)
                    raw = getattr(smtp, "connection", None)  # an SMTP backend: write the MIME here
                    if raw is not None and can_encode(message.to):
                        raw.sendmail(sender, [message.to], encode_message(
                            sender=sender, to=message.to, subject=subject, body=body, headers=message.headers))
                    else:
                        smtp.send_messages([EmailMessage(subject=subject, body=body, to=[message.to],
                                                         headers=message.headers or None)])
                except Exception as error:  # noqa: BLE001 — recorded and retried
                    status = Status.FAILED if message.attempts >= max_attempts() else Status.PENDING
                    OutboxMessage.objects.filter(pk=message.pk).update(status=status, last_error=str(error)[:1000])
                    logger.warning("outbox message %s failed: %s", message.pk, error)
                else:
                    OutboxMessage.objects.filter(pk=message.pk).update(status=Status.SENT, sent_at=timezone.now(),
                                                                       context={}, last_error="")
                    sent += 1
    finally:
        _unlock([m.pk for m in messages])
    return sent


def _subscriptions(messages):
    ids = {m.context.get("subscription") for m in messages if m.renderer == RENDERER}
    return {s.pk: s for s in Subscription.objects.filter(pk__in=ids).select_related("follower", "feed")}


@register_renderer(RENDERER)
def render_feed_message(message):
    """The same message for cms.records' own sender (one at a time)."""
    return _render(message, {}, _subscriptions([message]))


def add_unsubscribe_headers(message):
    """A follower's e-mail queued by cms.records' own delivery gets the same headers."""
    subscription_id = message.context.get("subscription")
    if message.renderer != RENDERER or message.headers or subscription_id is None:
        return
    token = Subscription.objects.filter(pk=subscription_id).values_list("follower__token", flat=True).first()
    if token:
        message.headers = message_headers(subscription_id=subscription_id, follower_token=token,
                                          dedupe_key=message.dedupe_key)


def _render(message, cache, subscriptions):
    """Subject and body: the feed events' text, rendered once per batch and language,
    with the follower's own manage and unsubscribe links."""
    ids = tuple(message.context.get("feed_events", ()))
    key = (ids, message.language)
    if key not in cache:
        events = list(FeedEvent.objects.filter(pk__in=ids).select_related("subject_type").order_by("pk"))
        items = []
        for event in events:
            described = describe(event, message.language)
            items.append({"title": described.title, "summary": described.summary,
                          "url": absolute(described.url) if described.url else ""})
        context = {"items": items}
        with translation.override(message.language):
            cache[key] = (render_to_string("follows/email/feed_subject.txt", context).strip(),
                          render_to_string("follows/email/feed_body.txt", context))
    subject, body = cache[key]
    subscription = subscriptions.get(message.context.get("subscription"))
    if subscription is None:
        return subject, body
    footer_key = ("footer", message.language)
    if footer_key not in cache:
        with translation.override(message.language):
            # Rendered once per language; the follower's own links go in place of the markers.
            cache[footer_key] = render_to_string("follows/email/feed_footer.txt", {
                "manage_url": "\x00manage\x00", "unsubscribe_url": "\x00unsubscribe\x00"})
    with translation.override(message.language):
        manage = absolute(reverse("follows:manage", args=[tokens.manage_token(follower=subscription.follower)]))
    unsubscribe = message.headers.get("List-Unsubscribe", "").strip("<>")
    footer = cache[footer_key].replace("\x00manage\x00", manage).replace("\x00unsubscribe\x00", unsubscribe)
    return subject, body + footer


def send_until_empty(*, batch=SEND_BATCH):
    """Claim and send batches until nothing is waiting and nothing is claimed by another
    sender (whose claims come back here if it dies). Returns how many this one sent."""
    total = 0
    while True:
        recover_claims()
        messages = claim_batch(size=batch)
        if messages:
            total += send_batch(messages)
        elif OutboxMessage.objects.filter(renderer=RENDERER, status=Status.SENDING).exists():
            time.sleep(0.5)
        else:
            return total

