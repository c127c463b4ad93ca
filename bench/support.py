"""Helpers shared by the benchmarks: ports, gunicorn and nginx of their own, wrk."""

from __future__ import annotations

import os
import pathlib
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, process, *, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if process.poll() is not None:
                raise RuntimeError(f"{process.args[0]} stopped: " + (process.stderr.read() or b"").decode()[-3000:])
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


def gunicorn(env, port, *, workers=2, app="cms.wsgi:application"):
    """A gunicorn of sync workers on 127.0.0.1:port, in its own process group."""
    command = [str(pathlib.Path(PYTHON).with_name("gunicorn")), app, "-b", f"127.0.0.1:{port}",
               "-w", str(workers), "--timeout", "120", "--log-level", "warning"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


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
