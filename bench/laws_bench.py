"""Render times of the laws pages beside the home page's, measured side by side.

``run()`` creates a throw-away database (Django's test database machinery), loads
the site tree, the glossary, the topics and the real 2560 constitution (with its
2564 amendment), then renders, in turns: the home page, the full 2560
constitution on one page (279 sections) and one section page (s.83, amended).
It reports the median of each in milliseconds and their ratios to the home page.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROUNDS = int(os.environ.get("LAWS_BENCH_ROUNDS", "15"))
PAGES = {
    "home": "/th/",
    "constitution_2560": "/th/laws/constitution-2560/",
    "section_83": "/th/laws/constitution-2560/83/",
}
LINE = "laws: home {home_ms} ms, full 2560 constitution {constitution_2560_ms} ms ({constitution_2560_x}x), section {section_83_ms} ms ({section_83_x}x)"


def _setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()


def run() -> dict:
    _setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        _load()
        client = Client()
        for url in PAGES.values():  # warm caches and templates
            assert client.get(url).status_code == 200, url
        timings = {name: [] for name in PAGES}
        for _round in range(ROUNDS):
            for name, url in PAGES.items():
                started = time.perf_counter()
                response = client.get(url)
                timings[name].append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
        medians = {name: statistics.median(values) for name, values in timings.items()}
        result = {f"{name}_ms": round(value, 1) for name, value in medians.items()}
        for name in PAGES:
            if name != "home":
                result[f"{name}_x"] = round(medians[name] / medians["home"], 1)
        return result
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def _load():
    from cms.base import demo as base_demo
    from cms.laws import services

    out = io.StringIO()
    base_demo.load(stdout=out)
    with services._search_paused():
        services.glossary_import(entries=services._load_json("glossary.json") or [])
        services.load_constitutions(only={"constitution_2560_sections.jsonl", "constitution_2550_sections.jsonl",
                                          "constitution_2540_sections.jsonl"}, index=False)
        services.topics_import(entries=services._load_json("topics.json") or [])


if __name__ == "__main__":
    figures = run()
    print(LINE.format(**figures))
