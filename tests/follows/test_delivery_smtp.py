"""Exactly once through a real SMTP server, with a sender killed in the middle of a message."""

import os
import pathlib
import signal
import subprocess
import sys
import threading

import pytest
from django.db import connection

from cms.follows import delivery
from cms.legislation.services import bill_move
from cms.records.models import FeedEvent, OutboxMessage, Subscription
from tests.factories import BillFactory, SubscriptionFactory, legislative_staff

ROOT = pathlib.Path(__file__).resolve().parents[2]
FOLLOWERS = 40

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _sender(port):
    """``manage.py send_follow_mail`` in a process of its own, on the test database."""
    db = connection.settings_dict
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_USE_TLS": "false",
           "FOLLOWS_RECOVER_AFTER_S": "0", "TASK_BACKEND": "database"}
    return subprocess.Popen([sys.executable, "manage.py", "send_follow_mail", "--batch", "10"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


@pytest.fixture
def queued(settings, django_user_model):
    """A stage change of a bill with FOLLOWERS confirmed followers, queued in bulk, not sent."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    bill = BillFactory()
    for _ in range(FOLLOWERS):
        SubscriptionFactory(feed_key=f"bill:{bill.pk}")
    bill_move(bill=bill, transition="receive", by=legislative_staff(django_user_model))
    feed_event = FeedEvent.objects.get()
    assert delivery.deliver_feed_event(feed_event_id=feed_event.pk) == FOLLOWERS
    assert delivery.deliver_feed_event(feed_event_id=feed_event.pk) == 0  # again: nothing new
    assert set(Subscription.objects.values_list("cursor", flat=True)) == {feed_event.pk}
    return feed_event


def test_a_killed_sender_loses_nothing_and_sends_nothing_twice(queued, smtp_server):
    release = threading.Event()
    # Hold the answer to a message once some are through, and kill the sender while it waits.
    smtp_server.hold, smtp_server.hold_after = release, 15
    victim = _sender(smtp_server.port)
    assert smtp_server.holding.wait(120)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait()
    release.set()
    assert OutboxMessage.objects.filter(status="sending").exists()  # claimed by the dead sender

    survivor = _sender(smtp_server.port)
    assert survivor.wait(timeout=180) == 0, survivor.stderr.read().decode()[-2000:]

    received = smtp_server.by_message_id()
    assert len(received) == FOLLOWERS
    assert set(received.values()) == {1}
    assert OutboxMessage.objects.filter(status="sent").count() == FOLLOWERS


def test_each_message_carries_one_click_unsubscribe(queued, smtp_server):
    import email

    sender = _sender(smtp_server.port)
    assert sender.wait(timeout=180) == 0
    parsed = [email.message_from_bytes(raw) for raw in smtp_server.messages]
    assert len(parsed) == FOLLOWERS
    for message in parsed:
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Unsubscribe"].strip().startswith("<http")
        assert "/u/" in message.get_payload(decode=True).decode()


def test_refused_content_is_retried_then_failed_and_the_batch_around_it_sent_once(queued, smtp_server):
    from cms.records.relay import max_attempts

    refused = OutboxMessage.objects.order_by("pk")[FOLLOWERS // 2]
    smtp_server.refuse = {refused.to}
    sender = _sender(smtp_server.port)
    assert sender.wait(timeout=180) == 0, sender.stderr.read().decode()[-2000:]

    received = smtp_server.by_message_id()
    assert len(received) == FOLLOWERS - 1 and set(received.values()) == {1}
    refused.refresh_from_db()
    assert refused.status == "failed" and refused.attempts == max_attempts() and "554" in refused.last_error
    assert OutboxMessage.objects.filter(status="sent").count() == FOLLOWERS - 1
