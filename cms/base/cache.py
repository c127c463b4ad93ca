"""Django's Redis cache with one client per process.

Django keeps a cache object per thread and per asyncio context, and each
``RedisCache`` object builds its own client and connection pool: under ASGI
every request (a new context) opened a new Redis connection for its first
cache operation. This backend shares one client, and so one pool, per
location and options across the whole process."""

import threading

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.utils.functional import cached_property

_clients = {}
_lock = threading.Lock()


class RedisCache(DjangoRedisCache):
    @cached_property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with _lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = self._class(self._servers, **self._options)
        return client
