"""`make bench-search`: relevance and latency of Chandra's Thai search.

a. Relevance on NitiBench-Tax (50 real questions) over the 5,127 sections of
   its law corpus, through the site's own search (``search.selectors.search``
   on the configured backend), with Thai segmentation and without it (the
   baseline: a Thai run is one token, as in an off-the-shelf engine), in one run.
b. Latency p50/p95 of 200 Thai queries over an index of at least 100,000
   documents generated from the shared texts, on PostgreSQL, and indexing
   throughput.

It creates its own PostgreSQL database next to DATABASE_URL's (and drops it
at the end), so it never touches test or demo data. Ends with the line:

    search: hit@10=… mrr@10=… recall@10=… baseline_hit@10=… p50_ms=… p95_ms=… docs=…
"""

from __future__ import annotations

import json
import os
import pathlib
import random
import statistics
import sys
import time
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINE = "search: hit@10={hit} mrr@10={mrr} recall@10={recall} baseline_hit@10={baseline_hit} p50_ms={p50} p95_ms={p95} docs={docs}"
DATA = pathlib.Path(os.environ.get("CHANDRA_DATA_DIR", ROOT.parent / "shared" / "data"))
LATENCY_DOCS = int(os.environ.get("SEARCH_BENCH_DOCS", "100000"))
LATENCY_QUERIES = 200
SEED = 20261123


def _log(message: str) -> None:
    print(f"[search-bench] {message}", file=sys.stderr, flush=True)


def _read_jsonl(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# --- database of our own -----------------------------------------------------------------------


class OwnDatabase:
    """CREATE DATABASE beside DATABASE_URL's, point Django at it, DROP it afterwards."""

    def __init__(self):
        base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chandra")
        parts = urllib.parse.urlsplit(base)
        if not parts.scheme.startswith("postgres"):
            raise SystemExit("search bench: DATABASE_URL must point at PostgreSQL")
        self.name = f"chandra_search_bench_{os.getpid()}"
        self.admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(statement)

    def __enter__(self):
        self._admin(f'CREATE DATABASE "{self.name}"')
        os.environ["DATABASE_URL"] = self.url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command

        settings.DATABASES["default"]["NAME"] = self.name
        call_command("migrate", verbosity=0, interactive=False)
        return self

    def __exit__(self, *exc):
        from django.db import connections

        connections.close_all()
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


# --- relevance -----------------------------------------------------------------------------------


def _section_docs(content_type_id):
    from search.indexing import Doc

    docs = []
    for record in _read_jsonl("nitibench_law_sections.jsonl"):
        docs.append(
            Doc(
                key="provision",
                content_type_id=content_type_id,
                object_id=str(record["id"]),
                url=f"/bench/{record['id']}",
                title=f"{record['law_name']} มาตรา {record['section']}",
                body=record["section_content"],
                number=str(record["section"]),
            )
        )
    return docs


def _section_keys():
    return [f"{record['law_name']}\x1f{record['section']}" for record in _read_jsonl("nitibench_law_sections.jsonl")]


def _relevance(content_type_id, *, segmented: bool) -> dict:
    import contextlib

    from search import analysis, selectors
    from search.backends import get_backend, reset

    reset()
    context = contextlib.nullcontext() if segmented else analysis.without_segmentation()
    with context:
        backend = get_backend()
        backend.clear()
        docs = _section_docs(content_type_id)
        for start in range(0, len(docs), 1000):
            backend.index(docs[start : start + 1000], fresh=True)
        backend.finish_rebuild()
        key_of = {str(doc.object_id): key for doc, key in zip(docs, _section_keys())}
        questions = _read_jsonl("nitibench_tax.jsonl")
        hits, reciprocal, recalls = [], [], []
        for question in questions:
            relevant = {f"{item['law']}\x1f{item['section']}" for item in question["relevant_laws"]}
            outcome = selectors.search(question["question"], per_page=10, snippets=False)
            found = [key_of[hit.document.object_id] for hit in outcome.page_obj.object_list]
            ranks = [rank for rank, object_id in enumerate(found, 1) if object_id in relevant]
            hits.append(1.0 if ranks else 0.0)
            reciprocal.append(1.0 / ranks[0] if ranks else 0.0)
            recalls.append(len(set(found) & relevant) / len(relevant))
    n = len(questions)
    return {"hit": sum(hits) / n, "mrr": sum(reciprocal) / n, "recall": sum(recalls) / n}


# --- latency -------------------------------------------------------------------------------------


def _corpus_paragraphs() -> list[tuple[str, str]]:
    """(title, paragraph) from every shared text: constitutions, acts, NitiBench's laws."""
    out = []
    for path in sorted(DATA.glob("constitution_*_sections.jsonl")) + [DATA / "acts_sections.jsonl"]:
        for record in _read_jsonl(path.name):
            title = f"{record.get('law_title') or record.get('title') or path.stem} มาตรา {record.get('section_th') or record.get('section')}"
            for paragraph in record.get("paragraphs") or [record.get("text", "")]:
                if paragraph and len(paragraph) > 30:
                    out.append((title, paragraph))
    for record in _read_jsonl("nitibench_law_sections.jsonl"):
        title = f"{record['law_name']} มาตรา {record['section']}"
        for paragraph in record["section_content"].split("\n"):
            if len(paragraph) > 30:
                out.append((title, paragraph))
    return out


def _generated_docs(content_type_id, count: int):
    """``count`` documents of one to three real paragraphs each, in a seeded shuffle."""
    import datetime as dt

    from search.indexing import Doc

    paragraphs = _corpus_paragraphs()
    rng = random.Random(SEED)
    for index in range(count):
        take = rng.randint(1, 3)
        start = rng.randrange(len(paragraphs) - take)
        chosen = paragraphs[start : start + take]
        yield Doc(
            key=rng.choice(["provision", "page", "news", "glossary"]),
            content_type_id=content_type_id,
            object_id=f"g{index}",
            url=f"/bench/g{index}",
            title=chosen[0][0],
            body="\n".join(text for _, text in chosen),
            number=str(rng.randint(1, 300)),
            date=dt.date(2475 - 543 + rng.randrange(95), rng.randint(1, 12), rng.randint(1, 28)),
        )


def _queries(count: int) -> list[str]:
    """Thai queries as people type them: one to three consecutive words of a real text."""
    from search.analysis import THAI_CHAR, segment

    rng = random.Random(SEED + 1)
    paragraphs = _corpus_paragraphs()
    queries = []
    while len(queries) < count:
        _, text = rng.choice(paragraphs)
        tokens = [token for token in segment(text) if THAI_CHAR.search(token) and len(token) >= 2]
        if len(tokens) < 4:
            continue
        length = rng.choice([1, 1, 2, 2, 3])
        start = rng.randrange(len(tokens) - length)
        words = tokens[start : start + length]
        queries.append("".join(words) if rng.random() < 0.5 else " ".join(words))
    return queries


def _latency(content_type_id) -> dict:
    from search import selectors
    from search.backends import get_backend, reset

    reset()
    backend = get_backend()
    backend.clear()
    started = time.perf_counter()
    batch, total, chars = [], 0, 0
    for doc in _generated_docs(content_type_id, LATENCY_DOCS):
        batch.append(doc)
        chars += len(doc.body) + len(doc.title)
        if len(batch) == 2000:
            total += backend.index(batch, fresh=True)
            batch = []
            if total % 20000 == 0:
                _log(f"indexed {total} documents ({total / (time.perf_counter() - started):.0f} docs/s)")
    if batch:
        total += backend.index(batch, fresh=True)
    backend.finish_rebuild()
    index_seconds = time.perf_counter() - started
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    queries = _queries(LATENCY_QUERIES)
    for query in queries[:10]:  # warm the caches
        selectors.search(query)
    timings = []
    for query in queries:
        begin = time.perf_counter()
        selectors.search(query, per_page=10)
        timings.append((time.perf_counter() - begin) * 1000)
    timings.sort()
    return {
        "docs": total,
        "p50": statistics.median(timings),
        "p95": timings[int(len(timings) * 0.95) - 1],
        "index_docs_per_s": total / index_seconds,
        "index_chars_per_s": chars / index_seconds,
        "index_seconds": index_seconds,
    }


def run() -> dict:
    with OwnDatabase():
        from django.conf import settings
        from django.contrib.contenttypes.models import ContentType

        from search.demo import seed_abbreviations

        # NitiBench's questions are long rulings requests (median 690 characters); the site
        # cuts queries at 200 characters, so the benchmark raises that limit.
        settings.SEARCH_MAX_QUERY_LENGTH = 10_000
        seed_abbreviations()
        content_type_id = ContentType.objects.get_by_natural_key("chandra_search", "searchdocument").pk
        started = time.perf_counter()
        segmented = _relevance(content_type_id, segmented=True)
        _log(f"relevance (segmented): {segmented} in {time.perf_counter() - started:.0f} s")
        baseline = _relevance(content_type_id, segmented=False)
        _log(f"relevance (baseline, no segmentation): {baseline}")
        del settings.SEARCH_MAX_QUERY_LENGTH
        latency = _latency(content_type_id)
        _log(
            f"latency: {latency['docs']} docs indexed in {latency['index_seconds']:.0f} s "
            f"({latency['index_docs_per_s']:.0f} docs/s, {latency['index_chars_per_s'] / 1e6:.2f} M chars/s); "
            f"p50 {latency['p50']:.1f} ms, p95 {latency['p95']:.1f} ms"
        )
    return {
        "hit": f"{segmented['hit']:.2f}",
        "mrr": f"{segmented['mrr']:.3f}",
        "recall": f"{segmented['recall']:.3f}",
        "baseline_hit": f"{baseline['hit']:.2f}",
        "p50": f"{latency['p50']:.1f}",
        "p95": f"{latency['p95']:.1f}",
        "docs": latency["docs"],
        "index_docs_per_s": f"{latency['index_docs_per_s']:.0f}",
    }


def relevance_only() -> dict:
    """NitiBench-Tax through the site's search, segmented only (for tuning)."""
    with OwnDatabase():
        from django.conf import settings
        from django.contrib.contenttypes.models import ContentType

        from search.demo import seed_abbreviations

        settings.SEARCH_MAX_QUERY_LENGTH = 10_000
        seed_abbreviations()
        content_type_id = ContentType.objects.get_by_natural_key("chandra_search", "searchdocument").pk
        return _relevance(content_type_id, segmented=True)


def latency_only() -> dict:
    """Latency at LATENCY_DOCS documents only."""
    with OwnDatabase():
        from django.contrib.contenttypes.models import ContentType

        from search.demo import seed_abbreviations

        seed_abbreviations()
        content_type_id = ContentType.objects.get_by_natural_key("chandra_search", "searchdocument").pk
        return _latency(content_type_id)


def main() -> None:
    if "--relevance-only" in sys.argv:
        print(relevance_only())
        return
    if "--latency-only" in sys.argv:
        print(latency_only())
        return
    from bench import search_dev

    result = run()
    print(LINE.format(**result))
    for line in search_dev.lines(search_dev.run()):
        print(line)


if __name__ == "__main__":
    main()
