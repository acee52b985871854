"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

The browser is never downloaded: it is /usr/bin/chromium (or TIEBOOK_CHROMIUM). When it is
missing the browser tests are skipped, unless TIEBOOK_TEST_REQUIRE_BROWSER=1 (as .ci/run sets),
in which case the run stops with an error instead.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.factories import TODAY, log, make_person
from tiebook.accounts.services import signin_link_create
from tiebook.core.timeparse import today

# Playwright's sync API keeps an event loop running in this thread, and Django refuses ORM
# calls from a thread with a running loop; the tests make their data while the browser is open.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("TIEBOOK_CHROMIUM", "").strip() or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
HERE = Path(__file__).resolve().parent


def _browser_required() -> bool:
    return os.environ.get("TIEBOOK_TEST_REQUIRE_BROWSER", "").strip().lower() in (
        "1",
        "true",
        "yes",
        "on",
    )


def _chromium_problem() -> str | None:
    """Why Chromium cannot be started, or None when it is there."""
    path = Path(CHROMIUM)
    if not path.is_file():
        return f"Chromium is not installed at {CHROMIUM}"
    if not os.access(path, os.X_OK):
        return f"{CHROMIUM} is not executable"
    return None


def _missing_message(problem: str) -> str:
    return (
        f"TIEBOOK_TEST_REQUIRE_BROWSER=1 but {problem}: install Debian's chromium package "
        "(apt-get install -y chromium) or set TIEBOOK_CHROMIUM to a Chromium binary."
    )


def _mine(items) -> list:
    return [item for item in items if HERE in Path(item.path).resolve().parents]


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test under tests/browser `browser`, before `-m` selects."""
    for item in _mine(items):
        item.add_marker(pytest.mark.browser)


def pytest_collection_finish(session):
    """Without Chromium, skip the selected browser tests, or stop when it is required."""
    mine = _mine(session.items)
    problem = _chromium_problem() if mine else None
    if problem is None:
        return
    if _browser_required():
        raise pytest.UsageError(_missing_message(problem))
    skip = pytest.mark.skip(
        reason=f"{problem}; set TIEBOOK_TEST_REQUIRE_BROWSER=1 to make this an error"
    )
    for item in mine:
        item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    problem = _chromium_problem()
    if problem is not None:
        if _browser_required():
            pytest.fail(_missing_message(problem), pytrace=False)
        pytest.skip(f"{problem}; set TIEBOOK_TEST_REQUIRE_BROWSER=1 to make this an error")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_context(browser, live_server):
    """Make fresh browser contexts (own cookies) on the live server; closed after the test.

    Uncaught script errors and content-security-policy refusals fail the test: they mean a
    page's htmx or script is broken even when the server answered well.
    """
    contexts, problems = [], []

    def watch(page):
        page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
        page.on(
            "console",
            lambda message: (
                problems.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        context.on("page", watch)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not problems, "script errors in the browser:\n" + "\n".join(problems)


@pytest.fixture
def sign_in(live_server):
    """Sign a page in as `user` with a fresh one-time link (local mode); it lands on Today."""

    def go(page, user):
        page.goto(signin_link_create(user=user, base_url=live_server.url))
        expect(page).to_have_url(f"{live_server.url}/")
        expect(page.get_by_role("heading", level=1, name="Today")).to_be_visible()
        return page

    return go


@pytest.fixture
def signed_in_page(new_context, sign_in, owner):
    """A desktop-sized page (1280x800) signed in as the owner, on Today."""
    return sign_in(new_context().new_page(), owner)


@pytest.fixture
def phone_page(new_context, sign_in, owner):
    """A phone-sized page (375x812, mobile) signed in as the owner, on Today."""
    return sign_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page(), owner)


@pytest.fixture
def local_today() -> dt.date:
    """Today as the app sees it (the real clock: the live server is not frozen)."""
    return today()


@pytest.fixture
def overdue(owner, local_today):
    """Make one of the owner's people overdue: a mentor last seen `days` days ago."""

    def make(name: str = "Ada Lovelace", *, days: int = 200, **fields):
        fields.setdefault("types", ["mentor"])
        person = make_person(owner, name, **fields)
        # The factories count days back from their frozen TODAY; the server runs on the real
        # clock, so shift by the difference to land `days` before the server's today.
        log(owner, person, "Lunch", days_ago=days + (TODAY - local_today).days)
        person.refresh_from_db()
        assert person.next_due_on is not None
        assert person.next_due_on < local_today
        return person

    return make
