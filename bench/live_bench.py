"""A live sitting watched by 1,000 viewers at once, on PostgreSQL.

A real ASGI server (uvicorn) serves the Server-Sent Events of one live sitting; 1,000
concurrent viewers (asyncio connections in this process) hold the stream open. Another
process changes the sitting through the same service the admin uses, a few times, a second
apart, and notes the time just before each change. Each viewer notes when it sees each new
version. Latency = seen − changed; ``missed`` counts (viewer, change) pairs never seen.

It creates and drops its own database (``chandra_bench_live`` beside DATABASE_URL's). As a
script it prints::

    live: viewers=1000 p50_ms=… p95_ms=… max_ms=… missed=…
"""

import asyncio
import json
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from bench.support import PYTHON, ROOT, admin, database_urls, free_port, run_helper, serving, uvicorn  # noqa: E402

DB_NAME = "chandra_bench_live"
VIEWERS = int(os.environ.get("LIVE_BENCH_VIEWERS", 1000))
CHANGES = int(os.environ.get("LIVE_BENCH_CHANGES", 5))
SERVER_WORKERS = int(os.environ.get("LIVE_BENCH_WORKERS", 2))
WAIT_AFTER_S = 10

LINE = "live: viewers={viewers} p50_ms={p50_ms} p95_ms={p95_ms} max_ms={max_ms} missed={missed}"


def _log(message):
    print(f"[live bench] {message}", file=sys.stderr, flush=True)




def _env(db_url):
    env = dict(os.environ)
    env.pop("REDIS_URL", None)
    env.update({"DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "cms.settings.dev", "DEBUG": "false",
                "LIVE_BUS": "postgres", "PYTHONPATH": str(ROOT), "LOG_LEVEL": "WARNING"})
    return env




class Viewer:
    """One open page: holds the stream and notes when each version arrives."""

    def __init__(self):
        self.seen = {}
        self.ready = asyncio.Event()

    async def watch(self, port, path, stop):
        for attempt in range(20):
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=1 << 20)
                break
            except OSError:
                await asyncio.sleep(0.1 * (attempt + 1))
        else:
            return
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        try:
            while not stop.is_set():
                line = await reader.readline()
                if not line:
                    break
                if line.startswith(b"id: "):
                    self.seen.setdefault(int(line[4:]), time.time())
                    self.ready.set()
        finally:
            writer.close()


async def _watch_all(port, path, env, pk):
    stop = asyncio.Event()
    viewers = [Viewer() for _ in range(VIEWERS)]
    tasks = []
    for number, viewer in enumerate(viewers):
        tasks.append(asyncio.create_task(viewer.watch(port, path, stop)))
        if number % 50 == 49:
            await asyncio.sleep(0.05)
    await asyncio.wait_for(asyncio.gather(*(viewer.ready.wait() for viewer in viewers)), timeout=120)
    _log(f"{VIEWERS} viewers connected; changing the sitting {CHANGES} times")
    changes = await asyncio.to_thread(run_helper, __file__, env, "change", str(pk), str(CHANGES))
    await asyncio.sleep(WAIT_AFTER_S)
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    latencies, missed = [], 0
    for change in changes:
        for viewer in viewers:
            seen = viewer.seen.get(change["version"])
            if seen is None:
                missed += 1
            else:
                latencies.append((seen - change["at"]) * 1000)
    return latencies, missed


def run():
    _, db_url = database_urls(DB_NAME)
    env = _env(db_url)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 8 * VIEWERS)), hard))
    admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    admin(f"CREATE DATABASE {DB_NAME}")
    try:
        _log("migrating")
        subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
        pk = run_helper(__file__, env, "setup")["pk"]
        port = free_port()
        with serving(uvicorn(env, port, workers=SERVER_WORKERS), f"http://127.0.0.1:{port}/th/"):
            latencies, missed = asyncio.run(_watch_all(port, f"/live/{pk}/events/", env, pk))
    finally:
        admin(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    latencies.sort()
    percentile = (lambda q: round(latencies[min(len(latencies) - 1, int(q * len(latencies)))])) if latencies else (
        lambda q: None)
    return {"viewers": VIEWERS, "p50_ms": round(statistics.median(latencies)) if latencies else None,
            "p95_ms": percentile(0.95), "max_ms": round(latencies[-1]) if latencies else None, "missed": missed}


def _helper_main(args):
    import django

    django.setup()
    from django.utils import timezone

    from cms.legislation.models import AgendaItem, Sitting
    from cms.live.models import ItemStatus, LiveSitting
    from cms.live.services import live_update

    if args[0] == "setup":
        sitting = Sitting.objects.create(date=timezone.localdate(), number="1")
        for order in range(1, 4):
            AgendaItem.objects.create(sitting=sitting, order=order, number=str(order), title=f"ระเบียบวาระที่ {order}")
        print(json.dumps({"pk": LiveSitting.objects.create(sitting=sitting, on_air=True).pk}))
    elif args[0] == "change":
        pk, count = int(args[1]), int(args[2])
        statuses = list(ItemStatus.values)
        live = LiveSitting.objects.get(pk=pk)
        items = list(AgendaItem.objects.filter(sitting=live.sitting_id))
        changes = []
        for number in range(count):
            time.sleep(1)
            at = time.time()
            live = live_update(live=live, current_item=items[number % len(items)],
                               item_status=statuses[number % len(statuses)])
            changes.append({"version": live.version, "at": at})
        print(json.dumps(changes))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--helper"]:
        _helper_main(sys.argv[2:])
    else:
        print(LINE.format(**run()))
