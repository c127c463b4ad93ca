"""Browser tests: Debian's chromium driven by Playwright against one live
server whose database holds the demo content.

They run as their own pytest invocation (see the Makefile) on their own
database, because the demo content is committed once for the whole session
instead of being rolled back after every test."""

import io
import os
import pathlib

import pytest
from django.core.management import call_command

# Playwright's sync API keeps an event loop in this thread; Django would
# otherwise refuse database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = pathlib.Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


HERE = pathlib.Path(__file__).resolve().parent


def pytest_collection_modifyitems(items):
    for item in items:
        if HERE in pathlib.Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def demo_data(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def _live_server_helper(request, django_db_blocker):
    """Replaces pytest-django's helper: the server shares the committed demo
    database for the whole session rather than a flushed one per test."""
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    with django_db_blocker.unblock():
        yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture(scope="session")
def outbox_relay(demo_data, django_db_blocker):
    """The outbox's relay, running beside the live server as `make serve` runs it."""
    from tests.relay import running_relay

    with django_db_blocker.unblock(), running_relay(poll_s=1):
        yield


@pytest.fixture
def server_url(live_server, demo_data, outbox_relay):
    return live_server.url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _new_tab(browser, **options):
    context = browser.new_context(locale="th-TH", timezone_id="Asia/Bangkok", **options)
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.console_errors = []
    tab.on("console", lambda message: message.type == "error" and tab.console_errors.append(message.text))
    return context, tab


@pytest.fixture
def tab(browser, server_url):
    context, page = _new_tab(browser, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def phone_tab(browser, server_url):
    context, page = _new_tab(
        browser, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    yield page
    context.close()


@pytest.fixture
def login(server_url):
    from cms.base.demo import DEMO_ACCOUNTS

    def _login(tab, username):
        tab.goto(f"{server_url}/admin/login/")
        tab.fill("input[name=username]", username)
        tab.fill("input[name=password]", DEMO_ACCOUNTS[username]["password"])
        tab.click("button[type=submit]")
        tab.wait_for_url(f"{server_url}/admin/")
        return tab

    return _login


@pytest.fixture
def axe_violations():
    """Runs axe-core (from npm, node_modules/axe-core) in the page and returns
    the serious and critical violations as short readable strings."""
    if not AXE.exists():
        pytest.fail("node_modules/axe-core is missing: run `npm install` (make test does).")
    source = AXE.read_text(encoding="utf-8")

    def _run(tab):
        # evaluate() goes through the DevTools protocol, so the page's CSP
        # (which rightly forbids inline scripts) does not block axe.
        tab.evaluate(source)
        result = tab.evaluate(
            "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})).violations"
        )
        return [
            f"{violation['id']} ({violation['impact']}): {violation['help']} — "
            + ", ".join(node["target"][0] if isinstance(node["target"][0], str) else str(node["target"]) for node in violation["nodes"][:3])
            for violation in result
            if violation["impact"] in {"serious", "critical"}
        ]

    return _run
