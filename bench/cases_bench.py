"""Complaint intake and the officers' inbox under load, on PostgreSQL.

1. Intake: a real server (gunicorn, one sync worker per core, the application loaded and
   warmed once before they fork, ``--preload``) on 127.0.0.1; several concurrent clients file
   960 cases through ``POST /api/v1/cases/``, each with an Idempotency-Key, and
   a share of them send the same request twice at once (a retry racing the original).
   Afterwards the database is counted: every key must have exactly one case
   (``lost=0 duplicated=0``) and every retry must have answered the same tracking code.
   The yardstick, side by side on the same server with the same clients, before and after:
   the same requests to a view that only parses, throttles and answers them through the
   same middleware and DRF (``/bench-bare-filing/``, :mod:`bench.bare_urls`). Its rate is
   what this machine allows a request of the stack before any filing work, and
   ``filing_vs_bare`` the share of it that filing keeps.
2. Inbox: 100,000 cases are bulk-generated, then the inbox page
   (``/admin/cases/``) is requested over HTTP as a supervisor (sees every case) and as
   an officer (one department) with the usual filters and searches: p50/p95 latency.

It creates and drops its own database (``chandra_bench_cases`` beside DATABASE_URL's), so
it never touches test or demo data, and it is bounded (a couple of minutes). ``run()``
returns the figures for ``bench/run.py``; as a script it prints::

    cases: intake_per_s=… lost=… duplicated=… inbox_p50_ms=… inbox_p95_ms=… cases=…
    cases-bare: bare_per_s=… filing_vs_bare=…

Django itself only runs in child processes (the server and this file with ``--helper``),
so the parent process's own Django state (other benchmarks) does not matter.
"""

import concurrent.futures
import contextlib
import json
import os
import pathlib
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))

from bench.support import PYTHON, ROOT, admin, database_urls, free_port, gunicorn, run_helper, serving  # noqa: E402

DB_NAME = "chandra_bench_cases"
FILING_PATH = "/api/v1/cases/"
BARE_PATH = "/bench-bare-filing/"
LINE = ("cases: intake_per_s={intake_per_s} lost={lost} duplicated={duplicated} inbox_p50_ms={inbox_p50_ms} "
        "inbox_p95_ms={inbox_p95_ms} cases={cases}\ncases-bare: bare_per_s={bare_per_s} filing_vs_bare={filing_vs_bare}")

INTAKE_CLIENTS = int(os.environ.get("CASES_BENCH_CLIENTS", 8))
INTAKE_PER_CLIENT = int(os.environ.get("CASES_BENCH_PER_CLIENT", 120))
RETRY_SHARE = 0.25  # of the submissions are sent twice at once with the same key
INBOX_CASES = int(os.environ.get("CASES_BENCH_INBOX_CASES", 100_000))
INBOX_ROUNDS = int(os.environ.get("CASES_BENCH_INBOX_ROUNDS", 4))
# One sync worker per core: filing is bound by the workers' CPU, and more workers or threads
# only add switching (README, Performance).
WORKERS = int(os.environ.get("CASES_BENCH_WORKERS", os.cpu_count()))

SUBJECTS = [
    ("ถนนชำรุดเป็นหลุมลึก", "ถนนลาดยางในหมู่บ้านเป็นหลุมลึกหลายจุด รถจักรยานยนต์ล้มบ่อยในช่วงหน้าฝน"),
    ("ไฟฟ้าส่องสว่างดับทั้งซอย", "ไฟทางในซอยดับมาหลายสัปดาห์ ประชาชนเดินทางกลับบ้านตอนกลางคืนไม่ปลอดภัย"),
    ("น้ำประปาไม่ไหล", "น้ำประปาไม่ไหลมาสามวันแล้ว ชาวบ้านต้องซื้อน้ำใช้เอง ขอให้เร่งแก้ไข"),
    ("ขยะไม่มีการจัดเก็บ", "รถเก็บขยะไม่มาเก็บขยะมาเกือบสองสัปดาห์ ส่งกลิ่นเหม็นและมีแมลงวันจำนวนมาก"),
    ("เสนอให้ปรับปรุงสวนสาธารณะ", "ขอเสนอให้ติดตั้งเครื่องออกกำลังกายและไฟส่องสว่างในสวนสาธารณะของชุมชน"),
    ("ขอข้อมูลการพิจารณาร่างกฎหมาย", "ขอทราบความคืบหน้าการพิจารณาร่างพระราชบัญญัติของคณะกรรมาธิการ"),
    ("เจ้าหน้าที่ให้บริการล่าช้า", "ติดต่อขอเอกสารที่สำนักงานแต่ต้องรอนานเกินสมควร ไม่มีการแจ้งเหตุผล"),
    ("น้ำท่วมขังหน้าโรงเรียน", "ฝนตกทุกครั้งน้ำท่วมขังหน้าโรงเรียน นักเรียนเดินทางลำบาก ท่อระบายน้ำอุดตัน"),
]


def _log(message):
    print(f"[cases bench] {message}", file=sys.stderr, flush=True)


# --- the database of our own ------------------------------------------------------------------



def _env(db_url):
    env = dict(os.environ)
    env.update({
        "DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "bench.bare_settings", "DEBUG": "false",
        "TASK_BACKEND": "database", "API_THROTTLE_CASE_FILING": "1000000/minute",
        "API_THROTTLE_ANON": "1000000/minute", "API_THROTTLE_USER": "1000000/minute",
        "CASES_PRIVATE_ROOT": str(ROOT / "private" / "bench-cases"), "PYTHONPATH": str(ROOT),
        "DB_CONN_MAX_AGE": "60",
    })
    return env



@contextlib.contextmanager
def server(env):
    """Chandra under gunicorn (sync workers), loaded once before its workers fork; yields its address."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with serving(gunicorn(env, port, workers=WORKERS, preload=True), base + "/api/v1/case-categories/"):
        yield base


# --- intake ------------------------------------------------------------------------------------

def _post_case(base, body, key, path):
    request = urllib.request.Request(
        base + path, data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Idempotency-Key": key, "Accept-Language": "th"})
    for attempt in range(5):  # a client retries on a dropped connection, with the same key
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2 * (attempt + 1))
    return 0, {}


def _intake(base, category_slug, path=FILING_PATH):
    provinces = ["10", "84", "50", "40", "90", "20"]
    mismatched, failed = [], []
    lock = threading.Lock()

    def client(number):
        rnd = random.Random(number)
        sent = []
        for i in range(INTAKE_PER_CLIENT):
            subject, description = rnd.choice(SUBJECTS)
            key = f"bench-{number}-{i}-{uuid.uuid4().hex[:8]}"
            body = {"kind": "complaint", "category": category_slug, "subject": f"{subject} [{key}]",
                    "description": description, "province": rnd.choice(provinces), "consent": True,
                    "contact_name": "ผู้ทดสอบ ระบบ", "contact_email": f"{key}@bench.invalid"}
            if rnd.random() < RETRY_SHARE:
                with concurrent.futures.ThreadPoolExecutor(2) as pair:
                    answers = list(pair.map(lambda _n: _post_case(base, body, key, path), range(2)))
                codes = {a[1].get("code") for a in answers}
                if any(a[0] not in (200, 201) for a in answers):
                    with lock:
                        failed.append((key, [a[0] for a in answers]))
                elif len(codes) != 1:
                    with lock:
                        mismatched.append(key)
            else:
                status, answer = _post_case(base, body, key, path)
                if status != 201:
                    with lock:
                        failed.append((key, status))
            sent.append(key)
        return sent

    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(INTAKE_CLIENTS) as pool:
        keys = [k for sent in pool.map(client, range(INTAKE_CLIENTS)) for k in sent]
    elapsed = time.monotonic() - started
    return keys, elapsed, mismatched, failed


def _bare_rate(base, category_slug):
    """The same intake's rate at the yardstick view."""
    keys, elapsed, mismatched, failed = _intake(base, category_slug, path=BARE_PATH)
    if failed or mismatched:
        raise RuntimeError(f"the yardstick failed: {failed[:3]} {mismatched[:3]}")
    return len(keys) / elapsed


# --- inbox -------------------------------------------------------------------------------------

INBOX_QUERIES = [
    {}, {"ordering": "-due"}, {"overdue": "1"}, {"province": "84"}, {"state": "in_progress"},
    {"q": "น้ำประปา"}, {"q": "ถนน หลุมลึก", "open": "1"}, {"per_page": "100"}, {"p": "40"},
    {"assignee": "none", "state": "accepted"},
]


def _inbox_latency(base, sessions):
    timings, by_query = [], {}
    for _round in range(INBOX_ROUNDS):
        for who, session in zip(("supervisor", "officer"), sessions):
            for params in INBOX_QUERIES:
                url = base + "/admin/cases/?" + urllib.parse.urlencode(params)
                request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}",
                                                               "Accept-Language": "th"})
                started = time.perf_counter()
                with urllib.request.urlopen(request, timeout=120) as response:
                    response.read()
                    if response.status != 200 or "/admin/login" in response.url:
                        raise RuntimeError(f"inbox answered {response.status} at {response.url}")
                took = (time.perf_counter() - started) * 1000
                timings.append(took)
                by_query.setdefault(f"{who} {urllib.parse.unquote_plus(urllib.parse.urlencode(params)) or '(default)'}", []).append(took)
    for name, values in by_query.items():
        _log(f"inbox {name}: median {statistics.median(values):.0f} ms")
    timings.sort()
    return statistics.median(timings), timings[min(len(timings) - 1, int(len(timings) * 0.95))], len(timings)


# --- the whole run -----------------------------------------------------------------------------

def run() -> dict:
    _, db_url = database_urls(DB_NAME)
    admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{DB_NAME}"')
    env = _env(db_url)
    try:
        _log("migrating")
        subprocess.run([PYTHON, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True,
                       timeout=600)
        world = run_helper(__file__, env, "setup")
        with server(env) as base:
            _log(f"intake: {INTAKE_CLIENTS} clients × {INTAKE_PER_CLIENT} cases, {RETRY_SHARE:.0%} retried at once")
            bare_before = _bare_rate(base, world["category"])
            keys, elapsed, mismatched, failed = _intake(base, world["category"])
            bare_per_s = round((bare_before + _bare_rate(base, world["category"])) / 2, 1)
            counted = run_helper(__file__, env, "count", json.dumps(keys))
            intake_per_s = round(len(keys) / elapsed, 1)
            lost = counted["lost"] + len(failed)
            duplicated = counted["duplicated"] + len(mismatched)
            _log(f"intake: {len(keys)} keys in {elapsed:.1f} s; in the database {counted}; "
                 f"failed answers {len(failed)}, retries with another code {len(mismatched)}; "
                 f"the yardstick {bare_per_s} a second")
            _log(f"generating {INBOX_CASES:,} cases")
            generated = run_helper(__file__, env, "generate", str(INBOX_CASES), timeout=900)
            _log(f"generated in {generated['seconds']} s; measuring the inbox")
            p50, p95, n = _inbox_latency(base, world["sessions"])
            _log(f"inbox: {n} requests")
        return {"intake_per_s": intake_per_s, "lost": lost, "duplicated": duplicated,
                "inbox_p50_ms": round(p50, 1), "inbox_p95_ms": round(p95, 1), "cases": generated["total"],
                "bare_per_s": bare_per_s, "filing_vs_bare": round(intake_per_s / bare_per_s, 2)}
    finally:
        admin(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


# --- helpers run inside Django (child processes) ------------------------------------------------

def _django():
    import django

    django.setup()


def helper_setup():
    _django()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.test import Client
    from wagtail.models import Locale

    from cases.models import SLA, Category, Department, OfficerProfile, OfficerRole, RoutingRule
    from cases.permissions import grant_group_permissions

    th = Locale.get_default()
    category = Category.objects.create(name="สาธารณูปโภค", slug="utilities", locale=th)
    SLA.objects.create(category=category, acknowledge_days=3, resolve_days=15)
    departments = [Department.objects.create(name=name, code=f"dept-{i}", locale=th) for i, name in enumerate(
        ["สำนักกรรมาธิการ 1", "สำนักกรรมาธิการ 2", "สำนักกรรมาธิการ 3", "สำนักกรรมาธิการ 4"])]
    RoutingRule.objects.create(category=None, province="", department=departments[0])
    groups = grant_group_permissions()
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    users = {}
    for username, group, role, department in [
        ("supervisor", "Case supervisors", OfficerRole.SUPERVISOR, departments[0]),
        ("officer", "Case officers", OfficerRole.OFFICER, departments[0]),
        ("officer2", "Case officers", OfficerRole.OFFICER, departments[1]),
    ]:
        user = get_user_model().objects.create_user(username=username, password="bench-" + username)
        groups[group].permissions.add(access)
        user.groups.add(groups[group])
        OfficerProfile.objects.create(user=user, department=department, role=role)
        users[username] = user
    sessions = []
    for username in ("supervisor", "officer"):
        client = Client()
        client.force_login(users[username])
        sessions.append(client.cookies["sessionid"].value)
    return {"category": category.slug, "sessions": sessions}


def helper_count(keys_json):
    _django()
    from django.db.models import Count

    from cases.models import Case, IdempotencyKey

    keys = json.loads(keys_json)
    found = dict(Case.objects.filter(subject__contains="[bench-").values_list("contact_email")
                 .annotate(n=Count("pk")).values_list("contact_email", "n"))
    expected = {f"{k}@bench.invalid" for k in keys}
    lost = sum(1 for e in expected if found.get(e, 0) == 0)
    duplicated = sum(n - 1 for e, n in found.items() if n > 1) + sum(n for e, n in found.items() if e not in expected)
    keys_without_case = IdempotencyKey.objects.filter(key__in=keys, case__isnull=True).count()
    return {"cases": sum(found.values()), "lost": lost + keys_without_case, "duplicated": duplicated}


def helper_generate(count):
    _django()
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from cases import areas
    from cases.models import Case, CaseKind, CaseState as S, Category, Department
    from cases.models.case import AWAITING_ACKNOWLEDGEMENT, new_code

    count = int(count)
    started = time.monotonic()
    rnd = random.Random(2569)
    category = Category.objects.get(slug="utilities")
    departments = list(Department.objects.all())
    officers = {u.case_profile.department_id: u for u in get_user_model().objects.filter(username__startswith="officer")
                .select_related("case_profile")}
    provinces = [a.code for a in areas.provinces()]
    pin_hash = make_password("000000")
    states = [S.RECEIVED] * 8 + [S.SCREENING] * 4 + [S.ACCEPTED] * 4 + [S.ASSIGNED] * 6 + [S.IN_PROGRESS] * 14 + \
        [S.AWAITING_CITIZEN] * 3 + [S.RESOLVED] * 8 + [S.CLOSED] * 45 + [S.REJECTED] * 4 + [S.REFERRED] * 2 + \
        [S.WITHDRAWN] * 2
    kinds = list(CaseKind.values)
    now = timezone.now()
    codes = set(Case.objects.values_list("code", flat=True))
    batch = []
    for i in range(count):
        code = new_code()
        while code in codes:
            code = new_code()
        codes.add(code)
        state = rnd.choice(states)
        filed = now - dt.timedelta(days=rnd.uniform(0, 730))
        subject, description = rnd.choice(SUBJECTS)
        province = rnd.choice(provinces)
        routed = state not in AWAITING_ACKNOWLEDGEMENT
        department = rnd.choice(departments) if routed else None
        assigned = state in (S.ASSIGNED, S.IN_PROGRESS, S.AWAITING_CITIZEN, S.RESOLVED, S.CLOSED)
        resolved = state in (S.RESOLVED, S.CLOSED)
        case = Case(
            code=code, pin_hash=pin_hash, state=state, kind=rnd.choice(kinds), category=category,
            subject=f"{subject} {areas.get(province).name_th}", description=description, province=province,
            contact_name="ผู้ร้อง ทดสอบ", language="th", channel="web", department=department,
            assignee=officers.get(department.pk) if assigned and department else None,
            filed_at=filed, acknowledge_due=(filed + dt.timedelta(days=5)).date(),
            resolve_due=(filed + dt.timedelta(days=rnd.randint(15, 40))).date(),
            resolved_at=filed + dt.timedelta(days=rnd.uniform(1, 50)) if resolved else None,
            closed_at=filed + dt.timedelta(days=rnd.uniform(20, 60)) if state in (S.CLOSED, S.REJECTED, S.REFERRED,
                                                                                   S.WITHDRAWN) else None,
        )
        # Bulk generation bypasses the workflow on purpose (nothing to audit): only the inbox is measured.
        batch.append(case)
        if len(batch) == 5000:
            with transaction.atomic():
                Case.objects.bulk_create(batch)
            batch = []
    if batch:
        Case.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE cases_case")
    return {"total": Case.objects.count(), "seconds": round(time.monotonic() - started, 1)}


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--helper":
        name, args = sys.argv[2], sys.argv[3:]
        result = {"setup": helper_setup, "count": helper_count, "generate": helper_generate}[name](*args)
        print(json.dumps(result))
        return
    print(LINE.format(**run()))


if __name__ == "__main__":
    main()
