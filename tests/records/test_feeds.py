"""Follows: news published to feeds reaches each confirmed follower once,
in their language, from where their cursor stands."""

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from cms.records import services, tasks
from cms.records.models import OutboxMessage, Subscription
from cms.records.services import deliver_subscription, feed_publish, follow

pytestmark = pytest.mark.django_db


def publish(feeds, n, **data):
    with transaction.atomic():
        return feed_publish(feeds=feeds, kind="bill_stage", data={
            "title": {"th": f"ร่าง พ.ร.บ. ฉบับที่ {n} เข้าสู่วาระที่สอง", "en": f"Bill {n} enters its second reading"},
            "summary": {"th": "คณะกรรมาธิการรายงานแล้ว"}, "url": f"/th/bills/{n}/", **data})


def confirmed(email="somying@example.org", feed="bill:42", language="th", **kwargs):
    subscription = follow(email=email, feed_key=feed, language=language, **kwargs)
    subscription.follower.confirmed_at = timezone.now()
    subscription.follower.save()
    return subscription


def test_a_follower_is_told_once_per_event_from_their_cursor(django_capture_on_commit_callbacks):
    publish(["bill:42"], 0)  # before following: never sent
    subscription = confirmed()
    with django_capture_on_commit_callbacks(execute=True):
        first = publish(["bill:42", "bills:kind:money"], 1)
        publish(["bill:7"], 2)  # another feed
    assert [m.subject for m in mail.outbox] == ["ร่าง พ.ร.บ. ฉบับที่ 1 เข้าสู่วาระที่สอง"]
    assert "http://127.0.0.1:8000/th/bills/1/" in mail.outbox[0].body
    subscription.refresh_from_db()
    assert subscription.cursor == first.pk
    assert OutboxMessage.objects.get().dedupe_key == f"sub:{subscription.pk}:fe:{first.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        assert deliver_subscription(subscription=subscription) == 0  # nothing new, nothing repeated
        assert tasks.deliver_due() == 0
    assert len(mail.outbox) == 1


def test_an_english_follower_reads_english_and_thai_fills_the_gaps(django_capture_on_commit_callbacks):
    confirmed(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        publish(["bill:42"], 3)
    assert mail.outbox[0].subject == "Bill 3 enters its second reading"
    assert "คณะกรรมาธิการรายงานแล้ว" in mail.outbox[0].body and "You receive this" in mail.outbox[0].body


def test_unconfirmed_or_stopped_followers_get_nothing(django_capture_on_commit_callbacks):
    follow(email="new@example.org", feed_key="bill:42")
    stopped = confirmed(email="stopped@example.org")
    Subscription.objects.filter(pk=stopped.pk).update(active=False)
    with django_capture_on_commit_callbacks(execute=True):
        publish(["bill:42"], 4)
    assert mail.outbox == [] and not OutboxMessage.objects.exists()


def test_a_crash_during_delivery_leaves_the_cursor_and_sends_nothing_then_resumes(
        monkeypatch, django_capture_on_commit_callbacks, sent_mail):
    subscription = confirmed()
    with django_capture_on_commit_callbacks(execute=False):
        publish(["bill:42"], 5)
        publish(["bill:42"], 6)
    calls = []
    real_enqueue = services.outbox_enqueue

    def dies_on_second(**kwargs):
        calls.append(kwargs["dedupe_key"])
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real_enqueue(**kwargs)

    monkeypatch.setattr(services, "outbox_enqueue", dies_on_second)
    cursor = subscription.cursor
    with pytest.raises(RuntimeError):
        deliver_subscription(subscription=subscription)
    subscription.refresh_from_db()
    assert subscription.cursor == cursor and not OutboxMessage.objects.exists()
    monkeypatch.setattr(services, "outbox_enqueue", real_enqueue)
    assert tasks.deliver_due() == 2
    assert tasks.deliver_due() == 0
    assert len(sent_mail()) == 2 and len({m.subject for m in mail.outbox}) == 2


def test_a_daily_follower_gets_one_digest(django_capture_on_commit_callbacks, sent_mail):
    subscription = confirmed(frequency=Subscription.Frequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        publish(["bill:42"], 8)
        last = publish(["bill:42"], 9)
    assert sent_mail() == []  # not as it happens
    assert tasks.deliver_due() == 1
    assert tasks.deliver_due() == 0  # delivered less than a day ago
    assert len(sent_mail()) == 1 and "2" in mail.outbox[0].subject  # one digest naming both changes
    assert "ฉบับที่ 8" in mail.outbox[0].body and "ฉบับที่ 9" in mail.outbox[0].body
    assert OutboxMessage.objects.get().dedupe_key == f"sub:{subscription.pk}:fe:{last.pk}"


def test_following_again_resumes_from_now(django_capture_on_commit_callbacks):
    subscription = confirmed()
    Subscription.objects.filter(pk=subscription.pk).update(active=False)
    with django_capture_on_commit_callbacks(execute=False):
        published = publish(["bill:42"], 10)
    again = follow(email="SOMYING@example.org ", feed_key="bill:42")
    assert again.pk == subscription.pk and again.active and again.cursor == published.pk


def test_publishing_needs_a_transaction_and_a_feed():
    with pytest.raises(ValueError), transaction.atomic():
        feed_publish(feeds=[], kind="x")


def test_the_periodic_command_delivers_and_sends(django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    confirmed(frequency=Subscription.Frequency.DAILY)
    with django_capture_on_commit_callbacks(execute=True):
        publish(["bill:42"], 11)
    out = io.StringIO()
    call_command("send_outbox", stdout=out)
    assert "1 new from follows; sent 1" in out.getvalue() and len(mail.outbox) == 1


def test_a_publication_is_delivered_by_one_task(django_capture_on_commit_callbacks):
    confirmed()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(["bill:42", "bills:kind:money"], 12)
    assert len(callbacks) == 1  # the follows delivery; the core only records the event
    with django_capture_on_commit_callbacks(execute=True):
        callbacks[0]()
    assert len(mail.outbox) == 1 and OutboxMessage.objects.count() == 1


def test_without_postgresql_followers_are_told_one_subscription_at_a_time(
        monkeypatch, django_capture_on_commit_callbacks, sent_mail):
    from django.db import connection

    subscription = confirmed()
    confirmed(email="daily@example.org", frequency=Subscription.Frequency.DAILY)
    monkeypatch.setattr(connection, "vendor", "sqlite")  # the demo's database has no bulk statement
    with django_capture_on_commit_callbacks(execute=True):
        published = publish(["bill:42"], 13)
    assert [m.to for m in sent_mail()] == [["somying@example.org"]]
    assert OutboxMessage.objects.get().dedupe_key == f"sub:{subscription.pk}:fe:{published.pk}"
