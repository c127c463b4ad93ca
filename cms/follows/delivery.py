"""Delivery in bulk: one feed event to many followers, and the outbox sent in batches.

The rule is the shared core's (cms.records): a subscription's messages are queued and its
cursor moved in ONE transaction, with the dedupe key ``sub:<id>:fe:<id>``, so a crash
resumes from the cursor and never queues twice. Here it is one set-based statement for
every follower of the event's feeds (the database moves the cursors and inserts the
messages; no follower passes through Python), so 100,000 followers are queued in seconds.

Sending: several senders (``manage.py send_follow_mail`` or the ``send_follow_mail`` task)
claim batches with ``FOR UPDATE SKIP LOCKED``, render the news once per event and
language (only the follower's links and unsubscribe headers differ), and send over one
SMTP connection per batch, pipelined (RFC 2920) when the server offers it.

The guarantee, exactly: nothing is lost, and a message is sent twice only if its sender
dies in the instant between the SMTP server's acceptance and the database's record of it.
A sender claims a batch (row locks, then status ``sending``) and holds a PostgreSQL
session advisory lock on each claimed message; each message is marked ``sent`` in its own
commit the moment the server accepts it (the UPDATE is on the wire a few microseconds
after the 250 reply). When a sender dies its session ends and its advisory locks go with
it: :func:`recover_claims` gives its unsent claims to the others at once. A message caught
in that instant is sent again with the same Message-ID, so a receiver can drop the repeat.
"""

import datetime as dt
import functools
import logging
import time
from contextlib import closing

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from psycopg import pq

from cms.records.models import Feed, FeedEvent, Follower, OutboxMessage, Subscription
from cms.records.outbox import register_renderer
from cms.records.services import FEED_RENDERER, deliver_subscription
from cms.records.relay import max_attempts

from . import mime, tokens
from .describe import describe
from .urls_abs import absolute

logger = logging.getLogger(__name__)

# The shared core's name for a follower's e-mail: this module renders it (with the
# follower's links) for both senders, the core's relay (one by one) and the batches here.
RENDERER = FEED_RENDERER
SEND_BATCH = 500
# A fan-out this large updates the planner's statistics of the outbox.
ANALYZE_AFTER = 10_000
# Advisory lock keys of outbox claims: this base plus the message id ("OB" in the top bits).
ADVISORY_BASE = 0x4F42 << 48
Status = OutboxMessage.Status
TOKEN_PLACEHOLDER = "--token--"


def message_headers(*, subscription_id, follower_token, dedupe_key):
    """List-Unsubscribe with its one-click POST (RFC 8058), and a stable Message-ID."""
    link = _token_link("follow_mail:unsubscribe", tokens.unsubscribe_token(
        subscription_id=subscription_id, follower_token=follower_token))
    domain = settings.FOLLOWS_MESSAGE_ID_DOMAIN
    return {
        "List-Unsubscribe": f"<{link}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"Chandra <follows.{domain}>",
        "Message-ID": f"<{dedupe_key.replace(':', '.')}@{domain}>",
    }


def _token_link(name, token, language=None):
    """The absolute address of the URL ``name`` whose one argument is ``token``."""
    before, after = _reversed_around_token(name, language)
    return absolute(before + token + after)


@functools.lru_cache(maxsize=32)
def _reversed_around_token(name, language):
    """The path of ``name`` (in ``language``) before and after its token, reversed once for
    all the messages: signed tokens are URL-safe, so reversing each one would give the same."""
    with translation.override(language):
        path = reverse(name, args=[TOKEN_PLACEHOLDER])
    before, _placeholder, after = path.partition(TOKEN_PLACEHOLDER)
    return before, after


def deliver_feed_event(*, feed_event_id):
    """Queue ``feed_event_id`` (and anything earlier not yet delivered) for every confirmed,
    active, immediate subscriber of its feeds, and move their cursors to it. Returns the
    number of messages queued.

    One transaction, one statement: the subscriptions' cursors are moved and their messages
    inserted together, set-based in the database (no row reaches Python), so 100,000
    followers take a few seconds. The unsubscribe headers are written at send time.
    Safe to run twice, or beside cms.records' periodic per-subscription delivery: a cursor
    only moves in the statement that queues its messages, and a dedupe key already taken is
    skipped. On a database other than PostgreSQL (the SQLite demo) the subscriptions are
    delivered one by one by cms.records, whose outbox sends each message."""
    feed_ids = list(FeedEvent.feeds.through.objects.filter(feedevent_id=feed_event_id)
                    .values_list("feed_id", flat=True))
    if not feed_ids:
        return 0
    if connection.vendor != "postgresql":
        behind = Subscription.objects.filter(
            feed_id__in=feed_ids, active=True, frequency=Subscription.Frequency.IMMEDIATE,
            follower__confirmed_at__isnull=False, cursor__lt=feed_event_id)
        return sum(deliver_subscription(subscription=s) for s in behind.order_by("pk"))
    with transaction.atomic():
        # Publishers of these feeds hold their rows until commit: every smaller id is in.
        list(Feed.objects.select_for_update().filter(pk__in=feed_ids).order_by("pk"))
        with connection.cursor() as cursor:
            cursor.execute(_queue_sql(), {
                "upto": feed_event_id, "feeds": feed_ids, "now": timezone.now(), "renderer": RENDERER,
                "immediate": Subscription.Frequency.IMMEDIATE, "pending": Status.PENDING,
            })
            queued = cursor.rowcount
    if queued >= ANALYZE_AFTER:
        # The senders' claims must find the waiting messages by index at once, not after
        # autovacuum has noticed that the outbox grew (up to a minute of full scans).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(OutboxMessage._meta.db_table)}")
    return queued


@functools.cache
def _queue_sql():
    """Move the cursors of the subscriptions behind ``upto`` and queue one message per
    subscription and feed event they had not had (``old`` is the row before the update)."""
    quote = connection.ops.quote_name
    subscription, follower = quote(Subscription._meta.db_table), quote(Follower._meta.db_table)
    links, outbox = quote(FeedEvent.feeds.through._meta.db_table), quote(OutboxMessage._meta.db_table)
    return f"""
        WITH moved AS (
            UPDATE {subscription} AS s SET "cursor" = %(upto)s, delivered_at = %(now)s
            FROM {subscription} AS old, {follower} AS f
            WHERE old.id = s.id AND f.id = s.follower_id AND s.feed_id = ANY(%(feeds)s)
              AND s.active AND s.frequency = %(immediate)s AND f.confirmed_at IS NOT NULL
              AND s."cursor" < %(upto)s
            RETURNING s.id, s.feed_id, old."cursor" AS was, f.email, f.language
        )
        INSERT INTO {outbox} ("to", language, subject, body, renderer, context, headers, dedupe_key,
                              status, attempts, last_error, created_at)
        SELECT moved.email, moved.language, '', '', %(renderer)s,
               jsonb_build_object('subscription', moved.id, 'feed_events', jsonb_build_array(l.feedevent_id)),
               '{{}}'::jsonb, 'sub:' || moved.id || ':fe:' || l.feedevent_id, %(pending)s, 0, '', %(now)s
        FROM moved JOIN {links} AS l ON l.feed_id = moved.feed_id
             AND l.feedevent_id > moved.was AND l.feedevent_id <= %(upto)s
        ON CONFLICT (dedupe_key) DO NOTHING"""


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
    locks of this session) until :func:`send_batch` records them. Each comes with the
    ``follower_token`` of its subscription (``None`` when the follower has gone since)."""
    now = timezone.now()
    with transaction.atomic():
        candidates = list(OutboxMessage.objects.select_for_update(skip_locked=True)
                          .filter(renderer=RENDERER, status=Status.PENDING,
                                  attempts__lt=max_attempts())
                          .order_by("created_at").values_list("pk", flat=True)[:size])
        mine = _lock_all(candidates) if candidates else []
        if not mine:
            return []
        claimed = list(OutboxMessage.objects.raw(_claim_sql(), [Status.SENDING, now, mine]))
    return sorted(claimed, key=lambda message: message.pk)


@functools.cache
def _claim_sql():
    quote = connection.ops.quote_name
    outbox, subscription = quote(OutboxMessage._meta.db_table), quote(Subscription._meta.db_table)
    follower = quote(Follower._meta.db_table)
    return f"""
        UPDATE {outbox} AS o SET status = %s, claimed_at = %s, attempts = o.attempts + 1
        WHERE o.id = ANY(%s)
        RETURNING o.*, (SELECT f.token FROM {subscription} AS s JOIN {follower} AS f ON f.id = s.follower_id
                        WHERE s.id = (o.context ->> 'subscription')::bigint) AS follower_token"""


def recover_claims():
    """Give back the messages claimed by workers that died (their advisory lock is free)."""
    recovered = []
    # A grace period spares the claims of cms.records' relay (one message at a time), which holds no lock.
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


def send_batch(messages, *, cache=None):
    """Send claimed messages over one SMTP connection; each is recorded as sent the moment
    the server accepts it. ``cache`` keeps what is shared by many messages (the rendered
    news of an event per language) from one batch to the next. Returns how many were sent."""
    cache = {} if cache is None else cache
    answered, sent = set(), 0
    try:
        with closing(mailers["default"]) as smtp:
            try:
                smtp.open()
                with SentMarks(apart=_writes_mime(smtp, messages)) as marks:
                    for message, error in _send(smtp, messages, cache, marks):
                        answered.add(message.pk)
                        if error is None:
                            marks.add(message.pk)
                            sent += 1
                        else:
                            _failed(message, error)
            except Exception as error:  # noqa: BLE001 — the connection failed: the rest wait for a retry
                for message in messages:
                    if message.pk not in answered:
                        _failed(message, error)
    finally:
        # Only once every mark is in: a message must not look abandoned while its mark is on its way.
        _unlock([m.pk for m in messages])
    return sent


class SentMarks:
    """Records messages as sent, each in its own commit the moment the server has accepted it.

    ``apart``: on a database connection of its own: a mark is on the wire at once and its
    answer is read while the next message is prepared, just before that message may be
    accepted (a sender killed while a message waits for its answer from the SMTP server
    leaves at most that one message in doubt). PostgreSQL commits a mark it has received
    even if the sender dies at once. Otherwise (messages handed to a mail
    backend one by one) each mark is made and awaited on the sender's own connection.
    ``synchronous_commit`` is off for these cheap commits: only a crash of PostgreSQL itself
    could forget the last few marks, and those messages are sent again."""

    def __init__(self, *, apart):
        self.apart = apart

    def __enter__(self):
        self.database = connections.create_connection(DEFAULT_DB_ALIAS) if self.apart else connection
        with self.database.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off")
        self.statement = (f"UPDATE {self.database.ops.quote_name(OutboxMessage._meta.db_table)} "
                          "SET status = $1, sent_at = now(), context = '{}', last_error = '' WHERE id = $2").encode()
        self.pgconn = self.database.connection.pgconn
        self.waiting = False
        return self

    def add(self, pk):
        """Write the mark of message ``pk`` (after reading the answer to the previous one)."""
        self.wait()
        self.pgconn.send_query_params(self.statement, [Status.SENT.encode(), str(pk).encode()])
        self.waiting = True
        if not self.apart:
            self.wait()

    def wait(self):
        """Read the answer to the mark on its way, if any; raise if it failed."""
        if not self.waiting:
            return
        self.waiting = False
        failed = None
        while (result := self.pgconn.get_result()) is not None:
            if result.status != pq.ExecStatus.COMMAND_OK:
                failed = result.get_error_message()
            elif result.command_tuples != 1:
                failed = "a sent message was not found to mark"
        if failed is not None:
            raise DatabaseError(failed)

    def __exit__(self, *exc_info):
        try:
            self.wait()
        finally:
            if self.apart:
                self.database.close()


def _send(smtp, messages, cache, marks):
    """``(message, error)`` for each message, as the SMTP server answers it."""
    sender = settings.DEFAULT_FROM_EMAIL

    def encoded():
        for message in messages:
            try:
                subject, body = _render_with_headers(message, cache)
            except Exception as error:  # noqa: BLE001 — recorded and retried
                _failed(message, error)
                continue
            yield message, message.to, mime.encode_message(sender=sender, to=message.to, subject=subject,
                                                           body=body, headers=message.headers)

    if _writes_mime(smtp, messages):
        # The answer to the last mark is read before the next message may be accepted: the
        # moment between a message's acceptance and its mark holds no wait for the database.
        yield from mime.send_many(smtp.connection, sender=sender, messages=encoded(),
                                  before_end=lambda message: marks.wait())
        return
    for message in messages:
        try:
            subject, body = _render_with_headers(message, cache)
            smtp.send_messages([EmailMessage(subject=subject, body=body, to=[message.to],
                                             headers=message.headers or None)])
        except Exception as error:  # noqa: BLE001 — recorded and retried
            yield message, error
        else:
            yield message, None


def _writes_mime(smtp, messages):
    """Whether the MIME of ``messages`` is written here, straight to the SMTP connection of
    the open mail backend ``smtp`` (any other backend is handed EmailMessages)."""
    return getattr(smtp, "connection", None) is not None and all(mime.can_encode(m.to) for m in messages)


def _render_with_headers(message, cache):
    _complete_headers(message)
    return _render(message, cache)


def _failed(message, error):
    status = Status.FAILED if message.attempts >= max_attempts() else Status.PENDING
    OutboxMessage.objects.filter(pk=message.pk).update(status=status, last_error=str(error)[:1000])
    logger.warning("outbox message %s failed: %s", message.pk, error)


def _complete_headers(message):
    """Bulk-queued messages get their unsubscribe headers when they are sent."""
    subscription_id = message.context.get("subscription")
    if message.renderer == RENDERER and not message.headers and message.follower_token:
        message.headers = message_headers(subscription_id=subscription_id, follower_token=message.follower_token,
                                          dedupe_key=message.dedupe_key)


@register_renderer(RENDERER)
def render_feed_message(message):
    """The same message for cms.records' own sender (one at a time), which sends
    ``message.headers``: they are completed here when the message has none yet."""
    message.follower_token = Subscription.objects.filter(pk=message.context.get("subscription")) \
        .values_list("follower__token", flat=True).first()
    return _render_with_headers(message, {})


def _render(message, cache):
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
    if not message.follower_token:
        return subject, body
    footer_key = ("footer", message.language)
    if footer_key not in cache:
        with translation.override(message.language):
            # Rendered once per language; the follower's own links go in place of the markers.
            cache[footer_key] = render_to_string("follows/email/feed_footer.txt", {
                "manage_url": "\x00manage\x00", "unsubscribe_url": "\x00unsubscribe\x00"})
    manage = _token_link("follows:manage", tokens.manage_token_for(follower_token=message.follower_token),
                         message.language)
    unsubscribe = message.headers.get("List-Unsubscribe", "").strip("<>")
    footer = cache[footer_key].replace("\x00manage\x00", manage).replace("\x00unsubscribe\x00", unsubscribe)
    return subject, body + footer


def send_until_empty(*, batch=SEND_BATCH):
    """Claim and send batches until nothing is waiting and nothing is claimed by another
    sender (whose claims come back here if it dies). Returns how many this one sent."""
    total, cache = 0, {}
    while True:
        recover_claims()
        messages = claim_batch(size=batch)
        if messages:
            total += send_batch(messages, cache=cache)
        elif OutboxMessage.objects.filter(renderer=RENDERER, status=Status.SENDING).exists():
            time.sleep(0.5)
        else:
            return total

