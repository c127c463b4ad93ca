"""The outbox's relay running in a thread of the test process, as `make serve` runs it
beside the web server."""

import contextlib
import threading

from django.db import connection

from cms.records import relay


@contextlib.contextmanager
def running_relay(*, poll_s):
    stop = threading.Event()

    def run():
        try:
            relay.listen(poll_s=poll_s, stop=stop.is_set)
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        stop.set()
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {relay.CHANNEL}")  # wakes it to see the stop
        thread.join(10)
