"""Writes of the shared core (keyword-only arguments): recording an event,
queueing a message, publishing to feeds and delivering a subscription."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from .chain import Problem, check_events
from .models import ActorKind, Event, Feed, FeedEvent, Follower, OutboxMessage, Subscription
from .models.events import ChainedModel
from .outbox import is_registered

FEED_RENDERER = "records.feed"


def _require_atomic():
    if not transaction.get_connection().in_atomic_block:
        raise TransactionManagementError("This must run inside transaction.atomic().")


def subject_label(subject_type):
    return f"{subject_type.app_label}.{subject_type.model}"


# Events --------------------------------------------------------------------------

def record_event(*, subject, kind, actor=None, actor_kind=ActorKind.OFFICER, transition="", from_state="",
                 to_state="", comment="", public=False, data=None, at=None, new_subject=False) -> Event:
    """Append one event to ``subject``'s chain and move its chain head, in the
    caller's transaction. The subject row is locked, so events of one subject
    are numbered and chained one after another; a ``new_subject``, inserted in
    this same transaction, is seen by no one else and its chain is the one in
    memory, so it is neither locked nor read again."""
    _require_atomic()
    if not isinstance(subject, ChainedModel):
        raise TypeError(f"{type(subject).__name__} is not a ChainedModel")
    model = type(subject)
    if new_subject:
        length, head = subject.chain_length, subject.chain_head
    else:
        length, head = model._base_manager.select_for_update().filter(pk=subject.pk) \
            .values_list("chain_length", "chain_head").get()
    event = Event(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk, seq=length + 1,
        at=at or timezone.now(), actor=actor, actor_kind=actor_kind, kind=kind, transition=transition,
        from_state=from_state, to_state=to_state, comment=comment, public=public, data=data or {},
        prev_hash=head,
    )
    event.save()
    model._base_manager.filter(pk=subject.pk).update(chain_length=event.seq, chain_head=event.hash)
    subject.chain_length, subject.chain_head = event.seq, event.hash
    return event


def verify_chain(*, subject) -> list[Problem]:
    """Every problem of ``subject``'s chain, read from the database."""
    subject_type = ContentType.objects.get_for_model(subject)
    head = type(subject)._base_manager.filter(pk=subject.pk).values_list("chain_length", "chain_head").get()
    events = Event.objects.filter(subject_type=subject_type, subject_id=subject.pk).order_by("seq")
    return check_events(subject_label(subject_type), subject.pk, events.iterator(), head)


# Outbox --------------------------------------------------------------------------

def outbox_enqueue(*, to, subject="", body="", dedupe_key, headers=None, language="th", subject_object=None,
                   event=None, renderer="", context=None, new_key=False) -> OutboxMessage:
    """Queue one e-mail, once per ``dedupe_key``: queueing the same key again
    returns the first message. The insert wakes the outbox's relays, which send it
    once the transaction commits (:mod:`cms.records.relay`).

    ``new_key`` is for a caller that knows no message has this key yet (the
    first message about an event recorded in its own transaction): the insert
    then needs no savepoint, and a clash fails the caller's transaction."""
    if renderer:
        if not is_registered(renderer):
            raise ValueError(f"no outbox renderer named {renderer!r}")
    elif not (subject and body):
        raise ValueError("an outbox message needs a subject and a body, or a renderer")
    defaults = {
        "to": to, "subject": subject, "body": body, "headers": headers or {}, "language": language,
        "renderer": renderer, "context": context or {}, "event": event,
    }
    if subject_object is not None:
        defaults["subject_type"] = ContentType.objects.get_for_model(subject_object)
        defaults["subject_id"] = subject_object.pk
    if new_key:
        _require_atomic()
        message = OutboxMessage.objects.create(dedupe_key=dedupe_key, **defaults)
    else:
        try:
            # Inserted first: a new message (the usual case) costs one statement, not a look-up too.
            with transaction.atomic():
                message = OutboxMessage.objects.create(dedupe_key=dedupe_key, **defaults)
        except IntegrityError:
            existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
            if existing is None:
                raise
            return existing
    return message


def outbox_redact(*, subject_object, to="redacted@invalid"):
    """Remove the recipients and contexts of the messages about ``subject_object``
    (a subject whose personal data is being removed). Returns how many."""
    return OutboxMessage.objects.for_subject(subject_object).update(to=to, context={}, headers={})


# Follows -------------------------------------------------------------------------

def follow(*, email, feed_key, language="th", frequency=Subscription.Frequency.IMMEDIATE) -> Subscription:
    """Subscribe ``email`` to a feed from now on (nothing published before is
    sent). The follower still has to confirm the address."""
    with transaction.atomic():
        follower, _created = Follower.objects.get_or_create(email=email.strip().lower(),
                                                            defaults={"language": language})
        feed = _feeds([feed_key])[0]
        latest = FeedEvent.objects.filter(feeds=feed).order_by("-pk").values_list("pk", flat=True).first() or 0
        subscription, created = Subscription.objects.get_or_create(
            follower=follower, feed=feed, defaults={"frequency": frequency, "cursor": latest})
        if not created and (not subscription.active or subscription.frequency != frequency):
            if not subscription.active:
                subscription.cursor = latest
            subscription.active, subscription.frequency = True, frequency
            subscription.save(update_fields=["active", "frequency", "cursor"])
    return subscription


def _feeds(keys):
    """The feeds of ``keys``, created if new, locked in a fixed order: publishers
    of one feed take its id one after another, so a feed's events commit in
    the order of their ids and a cursor never skips one."""
    for key in sorted(set(keys)):
        try:
            with transaction.atomic():
                Feed.objects.get_or_create(key=key)
        except IntegrityError:  # created by a concurrent publisher meanwhile
            pass
    return list(Feed.objects.select_for_update().filter(key__in=keys).order_by("pk"))


def feed_publish(*, feeds, kind, subject=None, event=None, data=None) -> FeedEvent:
    """Publish one piece of news to ``feeds`` (keys), in the transaction of the
    change it announces. The core only records it: the app that tells followers
    (cms.follows) delivers each new feed event after commit, and :func:`deliver_subscription`
    catches up any subscription left behind its feed."""
    _require_atomic()
    if not feeds:
        raise ValueError("publish to at least one feed")
    locked = _feeds(feeds)
    feed_event = FeedEvent(kind=kind, event=event, data=data or {})
    if subject is not None:
        feed_event.subject_type = ContentType.objects.get_for_model(subject)
        feed_event.subject_id = subject.pk
    feed_event.save()
    feed_event.feeds.set(locked)
    return feed_event


def deliver_subscription(*, subscription, batch=200) -> int:
    """Turn the feed events after the subscription's cursor into outbox
    messages and move the cursor, in one transaction: a crash before the
    commit leaves both undone, a retry after it finds nothing new, and the
    dedupe key ``sub:<id>:fe:<id>`` makes a repeat harmless. Returns the number
    of messages queued (one per event, or one digest for a daily subscription)."""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update(of=("self",)).select_related("follower") \
            .get(pk=subscription.pk)
        follower = subscription.follower
        if not subscription.active or follower.confirmed_at is None:
            return 0
        # Wait for publishers holding this feed, so every smaller id is committed.
        Feed.objects.select_for_update().filter(pk=subscription.feed_id).get()
        events = list(FeedEvent.objects.filter(feeds=subscription.feed_id, pk__gt=subscription.cursor)
                      .order_by("pk")[:batch])
        if not events:
            return 0
        if subscription.frequency == Subscription.Frequency.DAILY:
            groups = [events]
        else:
            groups = [[feed_event] for feed_event in events]
        for group in groups:
            outbox_enqueue(
                to=follower.email, language=follower.language, renderer=FEED_RENDERER,
                context={"subscription": subscription.pk, "feed_events": [fe.pk for fe in group]},
                dedupe_key=f"sub:{subscription.pk}:fe:{group[-1].pk}",
                event=group[0].event if len(group) == 1 else None,
            )
        subscription.cursor = events[-1].pk
        subscription.delivered_at = timezone.now()
        subscription.save(update_fields=["cursor", "delivered_at"])
    return len(groups)
