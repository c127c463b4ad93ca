"""A database that restarts under a load of filings.

gunicorn serves Chandra on a private port against a PostgreSQL database of
its own (``chandra_bench_restart`` beside DATABASE_URL's); several clients file
cases through ``POST /api/v1/cases/``, each with an Idempotency-Key, and retry
a refused or dropped request with the same key, waiting ``Retry-After``. A
third of the way in, PostgreSQL is restarted
(``pg_ctlcluster --skip-systemctl-redirect <version> main restart``). The
requests in flight must fail with the API's JSON 503; the retries must succeed
once the workers have reconnected (CONN_HEALTH_CHECKS); afterwards every key
has exactly one case. It prints::

    restart: filed=… lost=… duplicated=… errors_5xx_other_than_503=…

Restarting PostgreSQL interrupts every other user of the server: run it
rarely. ``run()`` serves ``bench/run.py`` (``make bench``); it also runs alone:
``DATABASE_URL=postgres://… python bench/restart_bench.py``."""

import collections
import concurrent.futures
import json
import os
import pathlib
import random
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from bench import cases_bench  # noqa: E402  (its server and environment)
from bench.support import PYTHON, ROOT, admin, database_urls, run_helper  # noqa: E402

DB_NAME = "chandra_bench_restart"
CLIENTS = int(os.environ.get("RESTART_BENCH_CLIENTS", 8))
PER_CLIENT = int(os.environ.get("RESTART_BENCH_PER_CLIENT", 30))
MAX_ATTEMPTS = 12
LINE = "restart: filed={filed} lost={lost} duplicated={duplicated} errors_5xx_other_than_503={errors_5xx_other_than_503}"


def _log(message):
    print(f"[restart bench] {message}", file=sys.stderr, flush=True)


def restart_postgresql():
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True,
                   timeout=120, capture_output=True)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = collections.Counter()
        self.unclear_503 = 0  # a 503 that is not the API's JSON error with Retry-After
        self.done = 0

    def add(self, status, *, clear=True):
        with self.lock:
            self.statuses[status] += 1
            if status == 503 and not clear:
                self.unclear_503 += 1


def _file(base, body, key, tally):
    """One filing, retried with its key until it is answered; returns (status, code)."""
    data = json.dumps(body).encode()
    for attempt in range(MAX_ATTEMPTS):
        request = urllib.request.Request(base + "/api/v1/cases/", data=data, method="POST", headers={
            "Content-Type": "application/json", "Idempotency-Key": key, "Accept-Language": "th"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                tally.add(response.status)
                return response.status, json.loads(response.read())["code"]
        except urllib.error.HTTPError as error:
            payload = error.read()
            retry_after = error.headers.get("Retry-After")
            if error.code == 503:
                try:
                    clear = json.loads(payload)["error"]["code"] == "unavailable" and retry_after is not None
                except (ValueError, KeyError, TypeError):
                    clear = False
                tally.add(503, clear=clear)
                time.sleep(min(float(retry_after or 1), 5))
                continue
            tally.add(error.code)
            if error.code >= 500:
                time.sleep(1)
                continue
            return error.code, None
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            tally.add("connection error")
            time.sleep(0.5 * (attempt + 1))
    return None, None


def _load(base, category, tally, restart_at):
    answers = {}
    lock = threading.Lock()
    restarted = threading.Event()

    def client(number):
        rnd = random.Random(number)
        for i in range(PER_CLIENT):
            subject, description = rnd.choice(cases_bench.SUBJECTS)
            key = f"bench-{number}-{i}-{uuid.uuid4().hex[:8]}"
            body = {"kind": "complaint", "category": category, "subject": f"{subject} [{key}]",
                    "description": description, "consent": True, "contact_name": "ผู้ทดสอบ ระบบ",
                    "contact_email": f"{key}@bench.invalid"}
            status, code = _file(base, body, key, tally)
            with lock:
                answers[key] = (status, code)
                tally.done += 1
                due = tally.done >= restart_at and not restarted.is_set()
                if due:
                    restarted.set()
            if due:
                _log(f"restarting PostgreSQL after {tally.done} filings")
                started = time.monotonic()
                restart_postgresql()
                _log(f"PostgreSQL restarted in {time.monotonic() - started:.1f} s")

    with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    return answers


def run() -> dict:
    db_url = database_urls(DB_NAME)[1]
    admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{DB_NAME}"')
    env = cases_bench._env(db_url)
    try:
        _log("migrating")
        subprocess.run([PYTHON, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True,
                       timeout=600)
        world = run_helper(cases_bench.__file__, env, "setup")
        tally = Tally()
        total = CLIENTS * PER_CLIENT
        with cases_bench.server(env) as base:
            _log(f"{CLIENTS} clients × {PER_CLIENT} filings; PostgreSQL restarts after {total // 3}")
            answers = _load(base, world["category"], tally, restart_at=total // 3)
        counted = run_helper(cases_bench.__file__, env, "count", json.dumps(list(answers)))
        filed = sum(1 for status, _code in answers.values() if status in (200, 201))
        unanswered = sum(1 for status, _code in answers.values() if status not in (200, 201))
        statuses = dict(tally.statuses)
        _log(f"answers {statuses}; in the database {counted}; unanswered {unanswered}; "
             f"503 without the JSON error or Retry-After {tally.unclear_503}")
        other_5xx = sum(n for status, n in statuses.items() if isinstance(status, int) and status >= 500
                        and status != 503) + tally.unclear_503
        return {"filed": filed, "lost": counted["lost"] + unanswered, "duplicated": counted["duplicated"],
                "errors_5xx_other_than_503": other_5xx}
    finally:
        admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


if __name__ == "__main__":
    print(LINE.format(**run()))
