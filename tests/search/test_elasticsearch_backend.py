"""SEARCH_BACKEND=elasticsearch: the same analysed terms go to the cluster over its REST
API, and the site's search reads candidates back from it. A small fake cluster stands
in for Elasticsearch/OpenSearch (no server runs in the test environment)."""

import json
import urllib.error

import pytest

from search import selectors
from search.backends import get_backend
from tests.factories import add_article, make_site

pytestmark = pytest.mark.django_db


class FakeCluster:
    def __init__(self):
        self.docs = {}
        self.calls = []

    def __call__(self, request, timeout=None):
        method, url = request.get_method(), request.full_url
        body = request.data.decode() if request.data else ""
        self.calls.append((method, url))
        path = url.split("9200", 1)[1]
        if method == "POST" and path.startswith("/_bulk"):
            lines = body.strip().split("\n")
            for action, source in zip(lines[::2], lines[1::2]):
                self.docs[json.loads(action)["index"]["_id"]] = json.loads(source)
            return self._reply({"errors": False})
        if method == "POST" and path.endswith("/_search"):
            query = json.loads(body)
            if "aggs" in query:
                words = sorted({w for doc in self.docs.values() for w in doc["words"]})
                return self._reply({"aggregations": {"words": {"buckets": [{"key": w} for w in words]}}})
            wanted = {clause["term"]["terms"]["value"] for clause in query["query"]["bool"]["should"]}
            hits = []
            for doc_id, doc in self.docs.items():
                score = len(wanted & set(doc["terms"].split()))
                if score:
                    hits.append({"_id": doc_id, "_score": float(score)})
            hits.sort(key=lambda hit: -hit["_score"])
            return self._reply({"hits": {"hits": hits[: query["size"]]}})
        if method == "DELETE" and "/_doc/" in path:
            self.docs.pop(path.rsplit("/", 1)[1], None)
            return self._reply({})
        return self._reply({"acknowledged": True})

    @staticmethod
    def _reply(payload, status=200):
        return _Response(payload, status)


class _Response:
    def __init__(self, payload, status):
        self._payload, self.status = json.dumps(payload).encode(), status

    def read(self):
        return self._payload

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_search_through_an_elasticsearch_cluster(settings, monkeypatch, abbreviations):
    cluster = FakeCluster()
    monkeypatch.setattr("search.backends.elasticsearch.urllib.request.urlopen", cluster)
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_ELASTICSEARCH_URL = "http://elastic:secret@search.internal:9200"
    assert get_backend().name == "elasticsearch"
    pages = make_site()
    add_article(pages["news_th"], title="ร่างกฎหมายงบประมาณผ่านวุฒิสภา", slug="budget", summary="วุฒิสภาเห็นชอบ")
    assert any(method == "POST" and "_bulk" in url for method, url in cluster.calls)
    outcome = selectors.search("กฎหมาย")
    assert [hit.document.title for hit in outcome.hits] == ["ร่างกฎหมายงบประมาณผ่านวุฒิสภา"]
    assert "<mark>กฎหมาย</mark>" in str(outcome.hits[0].title_html)


def test_an_unreachable_cluster_is_reported_clearly(settings, monkeypatch):
    from search.backends.elasticsearch import ElasticsearchBackend, SearchBackendError

    def refuse(request, timeout=None):
        raise urllib.error.URLError("connection refused")

    backend = ElasticsearchBackend(url="http://127.0.0.1:9200", index="t", opener=refuse)
    with pytest.raises(SearchBackendError, match="unreachable"):
        backend.ensure_index()


def test_the_search_page_says_so_when_the_cluster_is_down(client, settings, monkeypatch):
    def refuse(request, timeout=None):
        raise urllib.error.URLError("connection refused")

    monkeypatch.setattr("search.backends.elasticsearch.urllib.request.urlopen", refuse)
    settings.SEARCH_BACKEND = "elasticsearch"
    make_site()
    response = client.get("/en/search/", {"q": "กฎหมาย"})
    assert response.status_code == 200
    assert "not available at the moment" in response.content.decode()
    api = client.get("/api/v1/search/", {"q": "กฎหมาย", "lang": "en"})
    assert api.status_code == 503
    assert api.json()["error"]["code"] == "unavailable"
