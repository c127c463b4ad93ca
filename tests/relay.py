"""The outbox's relay running in a thread of the test process, as `make serve` runs it
beside the web server, and a listener of PostgreSQL's notifications on a connection of its own."""

import contextlib
import threading

import psycopg
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


def listener(channel):
    """A connection of its own (autocommit) that listens on ``channel`` of the test database."""
    params = connection.get_connection_params()
    params = {key: params[key] for key in ("dbname", "user", "host", "port", "password") if params.get(key)}
    listening = psycopg.connect(**params, autocommit=True)
    listening.execute(f"LISTEN {channel}")
    return listening
