"""The search backend chosen by configuration (see :mod:`search.conf`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import conf


@dataclass
class Scan:
    """A backend's best documents for a query's terms, and what reading them told: the
    terms whose postings were read whole, and which of those each document holds."""

    scores: dict[int, float]  # document id -> score, best first
    read_whole: frozenset[str] = frozenset()
    held: dict[int, frozenset[str]] = field(default_factory=dict)

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
