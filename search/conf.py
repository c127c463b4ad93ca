"""Search settings, from Django settings when present, else the environment.

SEARCH_BACKEND              "database" (default: the inverted index in the site's own database,
                            PostgreSQL or SQLite) or "elasticsearch" (Elasticsearch 7/8 or
                            OpenSearch 1/2, spoken to over their common REST API).
SEARCH_ELASTICSEARCH_URL    e.g. http://search.internal:9200 (user:password@ allowed)
SEARCH_ELASTICSEARCH_INDEX  index name (default "chandra")
SEARCH_ELASTICSEARCH_TIMEOUT seconds (default 5)
SEARCH_MAX_QUERY_LENGTH     longer queries are cut, with a notice (default 200 characters)
"""

from django.conf import settings

from cms.settings.env import Env

_env = Env()


def _get(name, default, kind="str"):
    if hasattr(settings, name):
        return getattr(settings, name)
    reader = getattr(_env, kind)
    return reader(name, default=default)


def backend_name() -> str:
    return str(_get("SEARCH_BACKEND", "database")).lower()


def elasticsearch_url() -> str:
    return str(_get("SEARCH_ELASTICSEARCH_URL", "http://127.0.0.1:9200")).rstrip("/")


def elasticsearch_index() -> str:
    return str(_get("SEARCH_ELASTICSEARCH_INDEX", "chandra"))


def elasticsearch_timeout() -> float:
    return float(_get("SEARCH_ELASTICSEARCH_TIMEOUT", 5, "int"))


def max_query_length() -> int:
    return int(_get("SEARCH_MAX_QUERY_LENGTH", 200, "int"))
