"""Helpers shared by the benchmarks: ports, gunicorn and nginx of their own, wrk."""

from __future__ import annotations

import contextlib
import os
import pathlib
import json
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def database_urls(db_name: str) -> tuple[str, str]:
    """The server's maintenance database and a benchmark's own database, beside DATABASE_URL's."""
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/chandra")
    parts = urllib.parse.urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("benchmarks need DATABASE_URL to point at PostgreSQL")
    return (urllib.parse.urlunsplit(parts._replace(path="/postgres")),
            urllib.parse.urlunsplit(parts._replace(path="/" + db_name)))


def admin(statement: str) -> None:
    """Run one statement (CREATE/DROP DATABASE) on the maintenance database."""
    import psycopg

    with psycopg.connect(database_urls("postgres")[0], autocommit=True) as connection:
        connection.execute(statement)


def run_helper(script, env, *args, timeout=600):
    """Run ``script --helper *args`` in a process of its own (its own Django set-up) and
    return the JSON of its last line of output."""
    result = subprocess.run([PYTHON, str(script), "--helper", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=timeout)
    if result.returncode:
        raise RuntimeError(f"helper {args} failed:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, process, *, seconds=90):
    """Wait until the server behind ``url`` answers (any HTTP status)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} stopped: " + (process.stderr.read() or b"").decode()[-3000:])
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def gunicorn(env, port, *, workers=2, threads=1, preload=False, app="cms.wsgi:application"):
    """A gunicorn on 127.0.0.1:port (sync workers unless ``threads``), in its own process group."""
    command = [str(pathlib.Path(PYTHON).with_name("gunicorn")), app, "-b", f"127.0.0.1:{port}",
               "-w", str(workers), "--threads", str(threads), "--timeout", "120", "--log-level", "warning"]
    if preload:
        command.append("--preload")
    return _start(command, env)


def uvicorn(env, port, *, workers=1):
    """uvicorn serving the ASGI application as in production (README), in its own process group."""
    command = [str(pathlib.Path(PYTHON).with_name("uvicorn")), "cms.asgi:application", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers), "--loop", "uvloop", "--http", "httptools",
               "--lifespan", "off", "--no-access-log", "--backlog", "4096", "--log-level", "warning"]
    return _start(command, env)


def _start(command, env):
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


@contextlib.contextmanager
def serving(process, ready_url):
    """``process`` (a server just started) once ``ready_url`` answers; stopped on leaving."""
    try:
        wait_for(ready_url, process)
        yield process
    finally:
        stop(process)


def nginx(conf_path):
    """nginx in the foreground with a configuration of its own (no root needed)."""
    return subprocess.Popen(["nginx", "-c", str(conf_path), "-g", "daemon off;"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def wrk_rps(url, *, seconds=3, connections=16, headers=()) -> float:
    """Requests per second wrk measures (one thread, `connections` connections)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise RuntimeError(f"wrk got errors from {url}:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
