"""One stage change of a bill followed by 100,000 people, told by e-mail, on PostgreSQL.

1. Setup: a bill and 100,000 confirmed followers of it (bulk inserted).
2. Enqueue: an officer moves the bill through the bill service (the stage change, its
   record and its feed event in one transaction), then the bulk delivery turns the feed
   event into 100,000 outbox messages and moves each follower's cursor
   (``enqueue_s`` = both, in a process that has moved another bill before, as a running
   web worker has).
3. Deliver: several sender processes (``manage.py send_follow_mail``) send the outbox to a
   local SMTP sink (bench/smtp_sink.py, two processes on one port); one sender is killed (SIGKILL)
   midway, and the others take over its claimed messages. ``deliver_s`` = until every
   sender has finished.
4. Count at the sink, by Message-ID: ``duplicates`` = messages received more than once,
   ``lost`` = followers who received nothing.

It creates and drops its own database (``chandra_bench_notify``). As a script it prints::

    notify: followers=100000 enqueue_s=… deliver_s=… duplicates=… lost=…
"""

import json
import os
import pathlib
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from bench.support import PYTHON, ROOT, admin, database_urls, free_port, run_helper  # noqa: E402

DB_NAME = "chandra_bench_notify"
FOLLOWERS = int(os.environ.get("NOTIFY_BENCH_FOLLOWERS", 100_000))
SENDERS = int(os.environ.get("NOTIFY_BENCH_SENDERS", 4))
SINKS = int(os.environ.get("NOTIFY_BENCH_SINKS", 2))

LINE = "notify: followers={followers} enqueue_s={enqueue_s} deliver_s={deliver_s} duplicates={duplicates} lost={lost}"


def _log(message):
    print(f"[notify bench] {message}", file=sys.stderr, flush=True)





def _env(db_url, smtp_port):
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update({"DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DEBUG": "false",
                "TASK_BACKEND": "database", "PYTHONPATH": str(ROOT), "LOG_LEVEL": "WARNING",
                "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(smtp_port), "EMAIL_USE_TLS": "false"})
    return env



def _wait_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")


def _count(paths, expected):
    received = Counter()
    for path in paths:
        with open(path) as lines:
            for line in lines:
                message_id, _tab, recipient = line.rstrip("\n").partition("\t")
                received[(message_id, recipient)] += 1
    duplicates = sum(count - 1 for count in received.values() if count > 1)
    recipients = {recipient for _message_id, recipient in received}
    lost = len(expected - recipients)
    return duplicates, lost


def run():
    _, db_url = database_urls(DB_NAME)
    smtp_port = free_port()
    env = _env(db_url, smtp_port)
    admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(f"CREATE DATABASE {DB_NAME}")
    sinks, senders = [], []
    with tempfile.TemporaryDirectory(prefix="chandra-notify-") as tmp:
        try:
            _log("migrating")
            subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
            _log(f"creating {FOLLOWERS} followers")
            setup = run_helper(__file__, env, "setup", str(FOLLOWERS), timeout=1200)
            sink_files = [os.path.join(tmp, f"sink-{n}.txt") for n in range(SINKS)]
            sinks = [subprocess.Popen([PYTHON, str(ROOT / "bench" / "smtp_sink.py"), str(smtp_port), path],
                                      cwd=ROOT, start_new_session=True) for path in sink_files]
            _wait_port(smtp_port)
            _log("moving the bill")
            enqueue = run_helper(__file__, env, "move", str(setup["bill"]), str(setup["warm_up"]), timeout=1200)
            _log(f"queued {enqueue['queued']} messages in {enqueue['enqueue_s']} s; sending with {SENDERS} senders")
            started = time.monotonic()
            senders = [subprocess.Popen([PYTHON, "manage.py", "send_follow_mail"], cwd=ROOT, env=env,
                                        stdout=subprocess.DEVNULL, start_new_session=True) for _ in range(SENDERS)]
            victim = senders[0]
            _wait_sent(env, FOLLOWERS // 3)
            os.killpg(victim.pid, signal.SIGKILL)
            _log("killed one sender")
            for sender in senders[1:]:
                sender.wait(timeout=1200)
            deliver_s = time.monotonic() - started
            victim.wait()
            for sink in sinks:
                os.killpg(sink.pid, signal.SIGTERM)
                sink.wait(timeout=30)
            expected = {f"follower{n}@bench.invalid" for n in range(FOLLOWERS)}
            duplicates, lost = _count(sink_files, expected)
        finally:
            for process in senders + sinks:
                if process.poll() is None:
                    os.killpg(process.pid, signal.SIGKILL)
            admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    return {"followers": FOLLOWERS, "enqueue_s": enqueue["enqueue_s"], "deliver_s": round(deliver_s, 1),
            "duplicates": duplicates, "lost": lost}


def _wait_sent(env, count):
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        while True:
            sent = connection.execute("SELECT count(*) FROM records_outboxmessage WHERE status = 'sent'").fetchone()[0]
            if sent >= count:
                return
            time.sleep(0.2)


def _helper_main(args):
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.utils import timezone

    from cms.follows import delivery
    from cms.follows.topics import bill_key
    from cms.legislation.models import Bill, BillKind
    from cms.legislation.services import bill_move
    from cms.records.models import Feed, FeedEvent, Follower, Subscription

    if args[0] == "setup":
        count = int(args[1])
        bill = Bill.objects.create(title="ร่างพระราชบัญญัติงบประมาณรายจ่ายประจำปี (ชุดทดสอบ)", kind=BillKind.ACT)
        warm_up = Bill.objects.create(title="ร่างพระราชบัญญัติทดลองระบบ (ชุดทดสอบ)", kind=BillKind.ACT)
        feed = Feed.objects.create(key=bill_key(bill.pk))
        now = timezone.now()
        Follower.objects.bulk_create(
            [Follower(email=f"follower{n}@bench.invalid", language="th" if n % 4 else "en", confirmed_at=now)
             for n in range(count)], batch_size=5000)
        followers = Follower.objects.values_list("pk", flat=True)
        Subscription.objects.bulk_create([Subscription(follower_id=pk, feed=feed) for pk in followers.iterator()],
                                         batch_size=5000)
        get_user_model().objects.create_superuser("bench-officer", "officer@bench.invalid", "x")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as in a database that grew to this size over time
        print(json.dumps({"bill": bill.pk, "warm_up": warm_up.pk}))
    elif args[0] == "move":
        bill = Bill.objects.get(pk=int(args[1]))
        officer = get_user_model().objects.get(username="bench-officer")
        bill_move(bill=Bill.objects.get(pk=int(args[2])), transition="receive", by=officer)
        started = time.monotonic()
        bill_move(bill=bill, transition="receive", by=officer)
        feed_event = FeedEvent.objects.latest("pk")
        queued = delivery.deliver_feed_event(feed_event_id=feed_event.pk)
        print(json.dumps({"queued": queued, "enqueue_s": round(time.monotonic() - started, 1)}))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--helper"]:
        _helper_main(sys.argv[2:])
    else:
        print(LINE.format(**run()))
