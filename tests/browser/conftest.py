"""Browser tests: Debian's chromium driven by Playwright against the app served on a free local port.

htmx is fetched by the page from its CDN URL, as in production; Playwright answers that URL with the
identical file from the npm package, so the integrity check runs for real.
"""

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
HTMX_FILE = ROOT / "node_modules" / "htmx.org" / "dist" / "htmx.min.js"
ARTIFACTS = ROOT / "test-artifacts"


def _missing() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return "Debian's chromium is not installed (apt-get install chromium)"
    if not HTMX_FILE.exists():
        return "htmx from npm is missing (npm install in the project folder)"
    return None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    reason = _missing()
    if reason:
        if os.environ.get("CLUBS_EXCHANGE_REQUIRE_BROWSER"):
            pytest.fail(f"browser tests are required here but cannot run: {reason}")
        pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def live_server(app):
    """The test app on 127.0.0.1:<free port>, serving while the test runs; its BASE_URL (links in mails, feeds,
    invitations) is that address, as a deployment's is its own."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app.config.setdefault("BASE_URL", base)
    if not app.config["BASE_URL"]:
        app.config["BASE_URL"] = base
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    thread.join(timeout=5)


def _serve_htmx(route):
    route.fulfill(path=str(HTMX_FILE), content_type="application/javascript",
                  headers={"Access-Control-Allow-Origin": "*"})


@pytest.fixture
def page(page, app):
    """Playwright's page, with htmx served for its CDN URL and a fail-fast timeout."""
    page.set_default_timeout(5000)
    page.route(app.config["HTMX_CDN_URL"], _serve_htmx)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def second_page(browser, app):
    """A second browser window (another person), with its own cookies and htmx served like the first."""
    context = browser.new_context()
    context.route(app.config["HTMX_CDN_URL"], _serve_htmx)
    other = context.new_page()
    other.set_default_timeout(5000)
    errors = []
    other.on("pageerror", lambda error: errors.append(str(error)))
    yield other
    context.close()
    assert not errors, f"JavaScript errors on the second page: {errors}"


@pytest.fixture
def browser_login(page, live_server):
    """Log in through the real login form."""
    from tests.helpers import PASSWORD

    def login(user):
        page.goto(f"{live_server}/login")
        page.get_by_label("E-mail").fill(user.email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(f"{live_server}/")
        return page

    return login


@pytest.fixture
def screenshot(page):
    """Save a screenshot of the page (or of `on`) under test-artifacts/ to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def shoot(name: str, on=None):
        path = ARTIFACTS / f"{name}.png"
        (on or page).screenshot(path=str(path), full_page=True)
        return path

    return shoot


@pytest.fixture
def axe_violations(page):
    """WCAG 2.0/2.1 A and AA violations on the current page (or on `on`), as axe-core reports them."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(on=None):
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
        results = axe.run(on or page, options={"runOnly": {"type": "tag", "values": tags}})
        return [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]

    return check


@pytest.fixture
def page_in(browser, app):
    """A browser window whose browser asks for `locale` (Accept-Language and navigator.language), at a size.

    Each call opens a new context: its own cookies, htmx served like the first page's; closed after the test."""
    contexts, errors = [], []

    def open_page(locale: str, width: int = 1280, height: int = 800):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": height})
        context.route(app.config["HTMX_CDN_URL"], _serve_htmx)
        contexts.append(context)
        opened = context.new_page()
        opened.set_default_timeout(5000)
        opened.on("pageerror", lambda error: errors.append(str(error)))
        return opened

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
