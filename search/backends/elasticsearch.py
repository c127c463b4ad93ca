"""Elasticsearch (7/8) or OpenSearch (1/2), for when one machine is not enough.

Chosen with ``SEARCH_BACKEND=elasticsearch`` and ``SEARCH_ELASTICSEARCH_URL``.
Texts are analysed by Chandra's own analyser (:func:`search.analysis.analyse`)
before they are sent, and stored in a ``whitespace``-analysed field, so the
cluster needs no Thai plugin and scores the same terms with its own BM25.
Document rows (titles, dates, snippets, facets) stay in the database; the
cluster replaces only the inverted index. It is spoken to over the REST API
that both products share, with the standard library (no client package).
"""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

from .. import conf
from ..models import SearchDocument
from . import ConceptTests
from .database import TITLE_BOOST, document_terms

MAPPING = {
    "settings": {"analysis": {"analyzer": {"chandra_terms": {"type": "custom", "tokenizer": "whitespace"}}}},
    "mappings": {
        "properties": {
            "terms": {"type": "text", "analyzer": "chandra_terms", "similarity": "BM25"},
            "words": {"type": "keyword"},
            "key": {"type": "keyword"},
            "year": {"type": "integer"},
            "public": {"type": "boolean"},
            "content_type": {"type": "integer"},
        }
    },
}


class SearchBackendError(RuntimeError):
    pass


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url: str | None = None, index: str | None = None, opener=None):
        self.url = (url or conf.elasticsearch_url()).rstrip("/")
        self.index_name = index or conf.elasticsearch_index()
        self.timeout = conf.elasticsearch_timeout()
        self._opener = opener or urllib.request.urlopen
        self._ready = False

    # --- HTTP ----------------------------------------------------------------------------------

    def request(self, method: str, path: str, body=None, *, ndjson: bool = False, ok=(200, 201)):
        parsed = urllib.parse.urlsplit(self.url)
        netloc = parsed.hostname + (f":{parsed.port}" if parsed.port else "")
        url = urllib.parse.urlunsplit((parsed.scheme, netloc, parsed.path + path, "", ""))
        data = None
        headers = {"Content-Type": "application/x-ndjson" if ndjson else "application/json"}
        if parsed.username:
            token = base64.b64encode(f"{urllib.parse.unquote(parsed.username)}:{urllib.parse.unquote(parsed.password or '')}".encode())
            headers["Authorization"] = "Basic " + token.decode()
        if body is not None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with self._opener(request, timeout=self.timeout) as response:
                payload = response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            payload, status = error.read(), error.code
        except OSError as error:
            raise SearchBackendError(f"search cluster unreachable at {self.url}: {error}") from error
        if status not in ok:
            raise SearchBackendError(f"{method} {path} -> {status}: {payload[:300]!r}")
        return json.loads(payload or b"{}")

    def ensure_index(self) -> None:
        if self._ready:
            return
        self.request("PUT", f"/{self.index_name}", MAPPING, ok=(200, 201, 400))  # 400: already exists
        self._ready = True

    # --- writing -------------------------------------------------------------------------------

    def clear(self) -> None:
        self.request("DELETE", f"/{self.index_name}", ok=(200, 404))
        self._ready = False
        SearchDocument.objects.all().delete()
        self.ensure_index()

    def index(self, docs, *, fresh: bool = False, avg_length=None) -> int:
        from .database import DatabaseBackend

        if not docs:
            return 0
        self.ensure_index()
        if not fresh:
            for doc in docs:
                self.remove(doc.content_type_id, [doc.object_id])
        rows = DatabaseBackend.write_rows(docs)
        lines = []
        for row, doc in zip(rows, docs):
            counts, whole, _ = document_terms(doc)
            terms = " ".join(term for term, tf in counts.items() for _ in range(min(tf, 50)))
            lines.append(json.dumps({"index": {"_index": self.index_name, "_id": str(row.pk)}}))
            lines.append(json.dumps({"terms": terms, "words": sorted(whole)[:5000], "key": doc.key, "year": row.year,
                                     "public": doc.public, "content_type": doc.content_type_id}, ensure_ascii=False))
        result = self.request("POST", "/_bulk?refresh=true", "\n".join(lines) + "\n", ndjson=True)
        if result.get("errors"):
            raise SearchBackendError("bulk indexing reported errors")
        return len(rows)

    def finish_rebuild(self) -> None:
        self.request("POST", f"/{self.index_name}/_refresh")

    def remove(self, content_type_id: int, object_ids) -> None:
        documents = SearchDocument.objects.filter(content_type_id=content_type_id, object_id__in=[str(pk) for pk in object_ids])
        for pk in list(documents.values_list("pk", flat=True)):
            self.request("DELETE", f"/{self.index_name}/_doc/{pk}", ok=(200, 404))
        documents.delete()

    # --- reading -------------------------------------------------------------------------------

    def candidates(
        self, query_terms: Counter, *, limit: int = 1000, key: str | None = None, year: int | None = None,
        public: bool = True, content_types: list[int] | None = None, pasted: bool = False,
    ) -> list[tuple[int, float]]:
        if not query_terms:
            return []
        self.ensure_index()
        should = [
            {"term": {"terms": {"value": term, "boost": float(weight)}}} for term, weight in query_terms.items()
        ]
        narrowing = [{"term": {"key": key}}] if key else []
        if year:
            narrowing.append({"term": {"year": year}})
        if public:
            narrowing.append({"term": {"public": True}})
        if content_types:
            narrowing.append({"terms": {"content_type": list(content_types)}})
        query = {"bool": {"should": should, "minimum_should_match": 1, "filter": narrowing}}
        body = {"size": limit, "_source": False, "query": query}
        result = self.request("POST", f"/{self.index_name}/_search", body)
        return [(int(hit["_id"]), float(hit["_score"])) for hit in result.get("hits", {}).get("hits", [])]

    def concept_tests(self, concepts) -> ConceptTests:
        """Ranking treats every document as holding every concept (the cluster's own BM25
        already rewards the ones that do): no annotations, every concept held."""
        return ConceptTests(concepts=len(concepts))

    def concepts_held(self, doc_ids, concepts) -> dict[int, tuple[bool, ...]]:
        return {doc_id: (True,) * len(concepts) for doc_id in doc_ids}

    def vocabulary(self) -> list[str]:
        body = {"size": 0, "aggs": {"words": {"terms": {"field": "words", "size": 50000}}}}
        result = self.request("POST", f"/{self.index_name}/_search", body)
        return [bucket["key"] for bucket in result.get("aggregations", {}).get("words", {}).get("buckets", [])]


_ = TITLE_BOOST
