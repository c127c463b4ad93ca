"""The search backend chosen by configuration (see :mod:`search.conf`)."""

from __future__ import annotations

from .. import conf

_backends: dict[str, object] = {}


def get_backend():
    name = conf.backend_name()
    backend = _backends.get(name)
    if backend is None:
        if name in ("elasticsearch", "opensearch"):
            from .elasticsearch import ElasticsearchBackend

            backend = ElasticsearchBackend()
        elif name == "database":
            from .database import DatabaseBackend

            backend = DatabaseBackend()
        else:
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(f"SEARCH_BACKEND must be 'database' or 'elasticsearch', not {name!r}.")
        _backends[name] = backend
    return backend


def reset() -> None:
    """Forget backend instances (and their caches); tests call this between databases."""
    _backends.clear()
