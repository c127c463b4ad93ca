"""Citizens' questions over the constitution in force, through the public search API.

Each query of a JSON-lines file (``query`` and ``relevant_sections``, section
numbers of the 2560 constitution) is asked of ``GET /api/v1/search/`` with no
type or year filter, on the demo content (``load_demo``'s constitutions, acts,
glossary and news). A result counts when it is one of the query's sections of
the constitution in force. Prints, per file:

    search-dev: hit@1=… hit@10=… mrr@10=… zero_results=… n=…

``make bench-search`` measures ``thai_constitution_dev_queries.jsonl`` (the
tuning set) and ``bench/data/constitution_heldout_queries.jsonl`` (questions
written separately, to check that what was tuned generalises), in a database
of its own. ``python bench/search_dev.py --here`` measures the database of
DATABASE_URL as it is (a loaded demo), for tuning.
"""

from __future__ import annotations

import json
import os
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LINE = "search-dev: hit@1={hit1} hit@10={hit10} mrr@10={mrr} zero_results={zero} n={n}"
HELDOUT_LINE = "search-heldout: hit@1={hit1} hit@10={hit10} mrr@10={mrr} zero_results={zero} n={n}"
DATA = pathlib.Path(os.environ.get("CHANDRA_DATA_DIR", ROOT.parent / "shared" / "data"))
DEV_FILE = DATA / "thai_constitution_dev_queries.jsonl"
HELDOUT_FILE = ROOT / "bench" / "data" / "constitution_heldout_queries.jsonl"
IN_FORCE_PREFIX = "/laws/constitution-2560/"


def read_queries(path: pathlib.Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _section_of(url: str) -> str | None:
    """'http://testserver/th/laws/constitution-2560/256/' -> '256' (other instruments: None)."""
    if IN_FORCE_PREFIX not in url:
        return None
    rest = url.split(IN_FORCE_PREFIX, 1)[1].strip("/")
    return rest.replace("-", "/") or None


def evaluate(queries: list[dict], *, verbose: bool = False) -> dict:
    from django.test import Client

    client = Client()
    hits1 = hits10 = reciprocal = zero = 0.0
    for number, item in enumerate(queries):
        # One address per question, as many citizens asking: the API's rate limit is per address.
        address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
        response = client.get(
            "/api/v1/search/", {"q": item["query"], "page_size": 10}, HTTP_ACCEPT_LANGUAGE="th", REMOTE_ADDR=address
        )
        if response.status_code != 200:
            raise SystemExit(f"search-dev: {item['query']!r} -> HTTP {response.status_code}: {response.content[:200]!r}")
        payload = response.json()
        if not payload["count"]:
            zero += 1
        found = [_section_of(result["url"]) for result in payload["results"]]
        relevant = set(item["relevant_sections"])
        ranks = [rank for rank, section in enumerate(found, 1) if section in relevant]
        if ranks:
            hits10 += 1
            reciprocal += 1 / ranks[0]
            hits1 += ranks[0] == 1
        if verbose:
            mark = "ok " if ranks and ranks[0] == 1 else (f"@{ranks[0]:<2}" if ranks else "-- ")
            shown = [
                (section or result["type"] + ":" + result["url"].rstrip("/").rsplit("/", 2)[-2])
                for section, result in zip(found[:5], payload["results"][:5])
            ]
            print(f"{mark} {item['query']}  want {item['relevant_sections']}  got {shown}", file=sys.stderr)
    n = len(queries)
    return {
        "hit1": f"{hits1 / n:.2f}", "hit10": f"{hits10 / n:.2f}", "mrr": f"{reciprocal / n:.3f}", "zero": int(zero), "n": n,
    }


def _load_demo() -> None:
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))


def run() -> dict:
    """In a database of its own: migrate, load the demo, measure both files."""
    from bench.search_bench import OwnDatabase

    with OwnDatabase():
        _load_demo()
        dev = evaluate(read_queries(DEV_FILE))
        heldout = evaluate(read_queries(HELDOUT_FILE)) if HELDOUT_FILE.exists() else None
    return {"dev": dev, "heldout": heldout}


def lines(result: dict) -> list[str]:
    out = [LINE.format(**result["dev"])]
    if result.get("heldout"):
        out.append(HELDOUT_LINE.format(**result["heldout"]))
    return out


def main(argv: list[str]) -> None:
    if "--here" in argv:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
        import django

        django.setup()
        verbose = "-v" in argv
        files = [pathlib.Path(arg) for arg in argv if arg.endswith(".jsonl")] or [DEV_FILE]
        for path in files:
            print(path.name + " " + LINE.format(**evaluate(read_queries(path), verbose=verbose)))
        return
    for line in lines(run()):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
