"""Render the main pages of a demo network into docs/screenshots/ (desktop and phone).

Usage: .venv/bin/python scripts/screenshots.py   (needs Debian's chromium at /usr/bin/chromium)
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import threading
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CHROMIUM = os.environ.get("TIEBOOK_CHROMIUM", "/usr/bin/chromium")
SIZES = {"desktop": (1280, 860), "phone": (375, 812)}


def main() -> None:
    home = tempfile.mkdtemp(prefix="tiebook-shots-")
    os.environ["TIEBOOK_HOME"] = home
    os.environ["TIEBOOK_DATABASE_URL"] = f"sqlite:///{home}/tiebook.sqlite3"
    from tiebook.core.setup import django_setup

    django_setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tiebook.accounts.services import signin_link_create
    from tiebook.core.owners import owner_get_or_create
    from tiebook.core.timeparse import today
    from tiebook.demo.generator import demo_generate

    user, _ = owner_get_or_create()
    demo_generate(owner=user, people=300, seed=7, today=today())
    base = serve()
    links = [signin_link_create(user=user, base_url=base) for _ in SIZES]
    shoot(base, links)


def serve() -> str:
    import waitress

    from tiebook.wsgi import application

    server = waitress.create_server(application, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}"


def shoot(base: str, links: list[str]) -> None:
    from playwright.sync_api import sync_playwright

    pages = {
        "today": "/",
        "people": "/people/?sort=strength",
        "person": "/people/12/",
        "add": "/people/new",
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for (size, (width, height)), link in zip(SIZES.items(), links, strict=True):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(link)
            for name, path in pages.items():
                page.goto(base + path)
                page.screenshot(path=OUT / f"{name}-{size}.png", full_page=False)
            page.close()
        browser.close()
    print(f"wrote {len(pages) * len(SIZES)} screenshots to {OUT} ({dt.date.today()})")


if __name__ == "__main__":
    sys.exit(main())
