"""Between processes: a change to a live sitting reaches every process that holds open
viewer connections, and each process fans it out to its own viewers.

One listener per process (started on the first subscription) feeds in-process queues:

* ``redis``: Redis pub/sub (``REDIS_URL``), when several machines serve viewers;
* ``postgres``: PostgreSQL ``LISTEN``/``NOTIFY`` over one psycopg 3 async connection; the
  notification is sent by the transaction that made the change, so viewers hear of a change
  only once it is committed, and never of one that was rolled back;
* ``poll``: the embedded SQLite demo, which has neither; the listener reads the versions of
  the live sittings once a second (one query per process, whatever the number of viewers).

``settings.LIVE_BUS`` chooses; by default Redis when ``REDIS_URL`` is set, else PostgreSQL
when the database is PostgreSQL, else polling.
"""

import asyncio
import contextlib
import json
import logging
import weakref

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connection, transaction

logger = logging.getLogger(__name__)

CHANNEL = "chandra_live"
# PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; larger states are loaded by the
# receiving process instead of travelling in the message.
MAX_INLINE_PAYLOAD = 7000
POLL_SECONDS = 1.0
RECONNECT_SECONDS = 1.0
QUEUE_SIZE = 16


def backend_name():
    return settings.LIVE_BUS


def publish(*, topic, version, state):
    """Announce ``state`` (a JSON-able dict) of ``topic`` at ``version``.

    Call it inside the transaction that made the change: it is heard after the commit."""
    message = {"topic": topic, "version": version, "state": state}
    data = json.dumps(message, ensure_ascii=False, separators=(",", ":"))
    if len(data.encode()) > MAX_INLINE_PAYLOAD:
        data = json.dumps({"topic": topic, "version": version}, separators=(",", ":"))
    name = backend_name()
    if name == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, data])
    elif name == "redis":
        transaction.on_commit(lambda: _redis_sync().publish(CHANNEL, data))
    else:
        transaction.on_commit(lambda: [hub.deliver_threadsafe(data) for hub in list(_hubs.values())])


_redis_client = None


def _redis_sync():
    global _redis_client
    if _redis_client is None:
        import redis

        _redis_client = redis.Redis.from_url(settings.REDIS_URL)
    return _redis_client


class Hub:
    """The viewers of one event loop, by topic, and the one listener that feeds them (under an
    ASGI server, one per process; under the WSGI development server, one per open stream)."""

    def __init__(self):
        self._queues = {}
        self._versions = {}
        self._listener = None
        self._loop = None

    @contextlib.asynccontextmanager
    async def subscribe(self, topic):
        """An asyncio queue that receives every new state of ``topic`` while open.

        A viewer too slow to keep up loses intermediate states, never the latest one."""
        self._ensure_listener()
        queue = asyncio.Queue(maxsize=QUEUE_SIZE)
        self._queues.setdefault(topic, set()).add(queue)
        try:
            yield queue
        finally:
            viewers = self._queues.get(topic)
            if viewers is not None:
                viewers.discard(queue)
                if not viewers:
                    del self._queues[topic]

    def viewer_count(self):
        return sum(len(queues) for queues in self._queues.values())

    def _ensure_listener(self):
        loop = asyncio.get_running_loop()
        if self._listener is not None and not self._listener.done():
            return
        self._loop = loop
        listen = {"postgres": self._listen_postgres, "redis": self._listen_redis}.get(backend_name(), self._poll)
        self._listener = loop.create_task(listen(), name="chandra-live-listener")

    def deliver_threadsafe(self, data):
        """Hand a message to the listener's loop from any thread (the in-process bus)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(lambda: self._loop.create_task(self._receive(data)))

    async def _receive(self, data):
        try:
            message = json.loads(data)
            topic, version = message["topic"], int(message["version"])
        except (ValueError, KeyError, TypeError):
            logger.warning("live: ignored a malformed message %r", data[:200])
            return
        if topic not in self._queues or version <= self._versions.get(topic, -1):
            return
        self._versions[topic] = version
        state = message.get("state")
        if state is None:
            from .selectors import live_state_for_topic

            state = await sync_to_async(live_state_for_topic)(topic=topic)
            if state is None:
                return
        self._fan_out(topic, version, state)

    def _fan_out(self, topic, version, state):
        event = (version, state)
        for queue in list(self._queues.get(topic, ())):
            if queue.full():
                with contextlib.suppress(asyncio.QueueEmpty):
                    queue.get_nowait()
            queue.put_nowait(event)

    async def _listen_postgres(self):
        import psycopg

        while True:
            try:
                params = connection.get_connection_params()
                params.pop("cursor_factory", None)
                params.pop("context", None)
                params.pop("prepare_threshold", None)
                params.pop("server_side_binding", None)
                async with await psycopg.AsyncConnection.connect(**params, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    async for notify in conn.notifies():
                        await self._receive(notify.payload)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live: the PostgreSQL listener lost its connection; reconnecting")
                await asyncio.sleep(RECONNECT_SECONDS)

    async def _listen_redis(self):
        import redis.asyncio

        while True:
            try:
                client = redis.asyncio.Redis.from_url(settings.REDIS_URL)
                async with client.pubsub() as pubsub:
                    await pubsub.subscribe(CHANNEL)
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            await self._receive(message["data"].decode())
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live: the Redis listener lost its connection; reconnecting")
                await asyncio.sleep(RECONNECT_SECONDS)

    async def _poll(self):
        from .selectors import live_versions

        while True:
            try:
                versions = await sync_to_async(live_versions)(topics=list(self._queues))
                for topic, version in versions.items():
                    if version > self._versions.get(topic, -1):
                        await self._receive(json.dumps({"topic": topic, "version": version}))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live: polling the live sittings failed")
            await asyncio.sleep(POLL_SECONDS)


_hubs = weakref.WeakKeyDictionary()


def current_hub():
    """The hub of the running event loop."""
    loop = asyncio.get_running_loop()
    if loop not in _hubs:
        _hubs[loop] = Hub()
    return _hubs[loop]
