"""The search backend chosen by configuration (see :mod:`search.conf`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import conf


@dataclass
class ConceptTests:
    """Annotations for a query on ``SearchDocument`` that tell which of a search's concepts
    each row holds, one a concept; none when the backend cannot tell (every concept held)."""

    annotations: dict = field(default_factory=dict)
    concepts: int = 0

    def held(self, flags) -> tuple[bool, ...]:
        """Whether the row of these annotations' ``flags`` holds each concept."""
        if not self.annotations:
            return (True,) * self.concepts
        return tuple(map(bool, flags))


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
