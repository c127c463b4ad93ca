"""Public pages through the production front, against nginx serving the same HTML.

``run()`` makes a database of its own (the site tree, the real 2560 constitution,
the search index), then starts, on ports of its own:

* gunicorn (2 sync workers, the page cache on) behind nginx configured by
  ``deploy/nginx/chandra.conf`` (addresses and paths replaced, run as a plain user
  in a temporary folder), and a static nginx location serving a copy of each
  page's bytes (pre-compressed, as the front sends them);
* a second gunicorn (2 sync workers, the page cache off) that also answers
  ``/bench-bare/<page>/``: the same bytes from a view that does nothing else,
  through the same middleware.

wrk (16 connections, ``Accept-Encoding: gzip``) measures every target in
interleaved rounds; each figure is the median of its rounds. ``cached_ratio`` is
the worst page's front rate over its static copy's; ``uncached_vs_bare`` the
worst page's uncached rate over its bare view's.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.support import PYTHON, ROOT, admin, database_urls, free_port, gunicorn, nginx, stop, wait_for, wrk_rps  # noqa: E402

DB_NAME = "chandra_bench_pages"
ROUNDS = int(os.environ.get("PAGES_BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("PAGES_BENCH_SECONDS", "3"))
PAGES = {
    "home": "/th/",
    "section": "/th/laws/constitution-2560/83/",
    "constitution": "/th/laws/constitution-2560/",
    "search": "/th/search/?q=" + urllib.parse.quote("กฎหมาย"),
}
GZIP = ("Accept-Encoding: gzip",)
LINE = ("pages: home_rps={home_rps} section_rps={section_rps} constitution_rps={constitution_rps} "
        "search_rps={search_rps} static_rps={static_rps} cached_ratio={cached_ratio} uncached_vs_bare={uncached_vs_bare}")
MAIN_CONF = """load_module /usr/lib/nginx/modules/ngx_http_cache_purge_module.so;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/chandra.conf;
    server {{
        listen 127.0.0.1:{static_port};
        location /static-copy/ {{ alias {tmp}/static/; gzip_static on; default_type text/html; }}
    }}
}}
"""


def _log(message):
    print(f"[pages bench] {message}", file=sys.stderr, flush=True)


def _env(db_url, **extra):
    env = dict(os.environ)
    env.pop("REDIS_URL", None)  # each worker's own memory: the front, not Redis, is measured
    env.update({"DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DEBUG": "false",
                "TASK_BACKEND": "immediate", "PYTHONPATH": str(ROOT), "DB_CONN_MAX_AGE": "600",
                "ALLOWED_HOSTS": "127.0.0.1,localhost", **extra})
    return env


def _front_conf(tmp: Path, front_port: int, app_port: int) -> str:
    text = (ROOT / "deploy" / "nginx" / "chandra.conf").read_text()
    replaced = (text.replace("/var/cache/nginx/chandra", str(tmp / "cache"))
                .replace("server 127.0.0.1:8000;", f"server 127.0.0.1:{app_port};")
                .replace("listen 80;", f"listen 127.0.0.1:{front_port};"))
    assert replaced.count(str(tmp)) == 1 and f":{app_port};" in replaced and f":{front_port};" in replaced
    return replaced


def run() -> dict:
    _, db_url = database_urls(DB_NAME)
    admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{DB_NAME}"')
    tmp = Path(tempfile.mkdtemp(prefix="chandra-pages-bench-"))
    processes = []
    try:
        env = _env(db_url)
        _log("migrating and loading the site, the 2560 constitution and the search index")
        subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
        subprocess.run([PYTHON, __file__, "--load"], cwd=ROOT, env=env, check=True)

        app_port, bare_port, front_port, static_port = (free_port() for _ in range(4))
        tmp.chmod(0o755)  # nginx's workers run as www-data when the bench runs as root
        for folder in ("static", "cache", "body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (tmp / folder).mkdir()
            (tmp / folder).chmod(0o777)
        (tmp / "chandra.conf").write_text(_front_conf(tmp, front_port, app_port))
        (tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=tmp, static_port=static_port))

        processes.append(gunicorn(env, app_port))
        processes.append(gunicorn(_env(db_url, PAGE_CACHE_ENABLED="false", BENCH_BARE_DIR=str(tmp / "static"),
                                       DJANGO_SETTINGS_MODULE="bench.bare_settings"), bare_port))
        processes.append(nginx(tmp / "nginx.conf"))
        wait_for(f"http://127.0.0.1:{app_port}/th/", processes[0])
        wait_for(f"http://127.0.0.1:{bare_port}/th/", processes[1])
        wait_for(f"http://127.0.0.1:{front_port}/th/", processes[2])

        targets = {}
        for name, path in PAGES.items():
            html = urllib.request.urlopen(f"http://127.0.0.1:{bare_port}{path}", timeout=60).read()
            (tmp / "static" / f"{name}.html").write_bytes(html)
            (tmp / "static" / f"{name}.html.gz").write_bytes(gzip.compress(html))
            urllib.request.urlopen(f"http://127.0.0.1:{front_port}{path}", timeout=60).read()  # fills the caches
            targets[f"{name}_front"] = f"http://127.0.0.1:{front_port}{path}"
            targets[f"{name}_static"] = f"http://127.0.0.1:{static_port}/static-copy/{name}.html"
            targets[f"{name}_uncached"] = f"http://127.0.0.1:{bare_port}{path}"
            targets[f"{name}_bare"] = f"http://127.0.0.1:{bare_port}/bench-bare/{name}/"
        cached = urllib.request.urlopen(urllib.request.Request(targets["home_front"], headers={"Accept-Encoding": "gzip"}))
        if cached.headers.get("X-Cache") != "HIT":
            raise RuntimeError(f"the front does not keep the home page: X-Cache={cached.headers.get('X-Cache')}")

        figures = {name: [] for name in targets}
        for round_number in range(ROUNDS):
            _log(f"round {round_number + 1}/{ROUNDS}")
            for name, url in targets.items():
                urllib.request.urlopen(url, timeout=300).read()  # waits out what the last run left queued
                figures[name].append(wrk_rps(url, seconds=SECONDS, headers=GZIP))
        rps = {name: statistics.median(values) for name, values in figures.items()}
        _log(json.dumps({name: round(value) for name, value in rps.items()}))
        return {
            **{f"{name}_rps": round(rps[f"{name}_front"]) for name in PAGES},
            "static_rps": round(rps["home_static"]),
            "cached_ratio": round(min(rps[f"{n}_front"] / rps[f"{n}_static"] for n in PAGES), 2),
            "uncached_vs_bare": round(min(rps[f"{n}_uncached"] / rps[f"{n}_bare"] for n in PAGES), 2),
        }
    finally:
        for process in reversed(processes):
            stop(process)
        shutil.rmtree(tmp, ignore_errors=True)
        admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def load():
    import io

    import django

    django.setup()
    from django.core.management import call_command

    from cms.base import demo as base_demo
    from cms.laws import services

    base_demo.load(stdout=io.StringIO())
    services.load_constitutions(only={"constitution_2560_sections.jsonl"}, index=False)
    call_command("update_index", verbosity=0)


if __name__ == "__main__":
    if sys.argv[1:] == ["--load"]:
        load()
    else:
        print(LINE.format(**run()))
