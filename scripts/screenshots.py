"""Render the main pages of a demo network into docs/screenshots/ (desktop and phone).

Usage: .venv/bin/python scripts/screenshots.py   (needs Debian's chromium at /usr/bin/chromium)

Besides the demo network it makes what some pages need to show anything: two likely duplicates
(a shared email, and a nickname to review), a person who vouched for you, your own addresses,
and a small vCard file whose import is previewed (never confirmed).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CHROMIUM = os.environ.get("TIEBOOK_CHROMIUM", "/usr/bin/chromium")
SIZES = {"desktop": (1280, 860), "phone": (375, 812)}
DEMO_DUPLICATES_KEPT = 1  # the demo's own same-name pairs to leave, as if the rest were merged


@dataclass
class Scene:
    """What the extra screenshots point at."""

    vouched: int  # a person who vouched for the owner
    vcard: Path  # a file to preview on the Import page


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
    scene = stage(user, Path(home))
    base = serve()
    links = [signin_link_create(user=user, base_url=base) for _ in SIZES]
    shoot(base, links, scene)


def stage(user, home: Path) -> Scene:
    from tiebook.accounts.services import own_addresses_set

    own_addresses_set(
        owner=user,
        add=["ada@work.example", "ada@home.example", "ada.lovelace@old-university.example"],
        name="Ada Lovelace",
    )
    _thin_demo_duplicates(user)
    _add_duplicates(user)
    return Scene(vouched=_add_vouches(user), vcard=_write_vcard(user, home))


def _thin_demo_duplicates(user) -> None:
    """Merge all but one of the demo's namesakes, so the page shows every kind of pair at once."""
    from tiebook.people.merging import duplicates_find, person_merge

    while len(found := duplicates_find(owner=user)) > DEMO_DUPLICATES_KEPT:
        person_merge(owner=user, keep=found[0].first, other=found[0].second)


def _add_duplicates(user) -> None:
    from tiebook.people.services import PersonInput, person_create

    for data in (
        PersonInput(
            name="Grace Hopper",
            types=["mentor"],
            organization="US Navy",
            headline="Rear Admiral",
            emails=["grace@navy.example"],
        ),
        PersonInput(
            name="Grace B. Hopper", emails=["Grace@Navy.example"], phones=["+1 202 555 0199"]
        ),
        PersonInput(name="William Gates", types=["consultant"], organization="Traf-O-Data"),
        PersonInput(name="Bill Gates", urls=["https://www.linkedin.com/in/williamhgates"]),
    ):
        person_create(owner=user, data=data, allow_duplicate=True)


def _add_vouches(user) -> int:
    from tiebook.core.timeparse import today
    from tiebook.interactions.models import Vouch
    from tiebook.people.models import Person

    person = Person.objects.get(owner=user, pk=12)
    Vouch.objects.create(
        owner=user,
        person=person,
        kind="endorsement",
        skill="Python",
        given_on=today() - dt.timedelta(days=40),
        source="linkedin",
        external_id="x",
    )
    Vouch.objects.create(
        owner=user,
        person=person,
        kind="recommendation",
        text="Ada untangled our permit backlog in a month and taught the whole team how.",
        given_on=today() - dt.timedelta(days=400),
        source="linkedin",
        external_id="y",
    )
    return person.pk


def _write_vcard(user, home: Path) -> Path:
    """Four cards: someone new, someone already in the network, a long address, a broken one."""
    from tiebook.people.models import ContactPoint

    known = (
        ContactPoint.objects.filter(owner=user, kind="email")
        .select_related("person")
        .order_by("person_id")
        .first()
    )
    cards = [
        ["FN:Margaret Hamilton", "ORG:Apollo Guidance", "TITLE:Director of Software Engineering",
         "EMAIL:margaret@apollo.example", "TEL:+1 617 555 0142"],
        [f"FN:{known.person.display_name}", f"EMAIL:{known.value}", "TEL:+44 20 7946 0321"],
        ["FN:Dorothy Vaughan", "EMAIL:dorothy.vaughan-computing-section@west-area.langley.example",
         "NOTE:Met at the orbital mechanics meetup"],
        ["FN:Broken Card", "this is not a property"],
    ]  # fmt: skip
    text = "".join(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n" + "".join(f"{line}\r\n" for line in card) + "END:VCARD\r\n"
        for card in cards
    )
    path = home / "phone-contacts.vcf"
    path.write_text(text, encoding="utf-8")
    return path


def serve() -> str:
    import waitress

    from tiebook.wsgi import application

    server = waitress.create_server(application, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}"


def shoot(base: str, links: list[str], scene: Scene) -> None:
    from playwright.sync_api import sync_playwright

    pages = {
        "today": "/",
        "people": "/people/?sort=strength",
        "person": "/people/12/",
        "add": "/people/new",
        "settings": "/settings/",
        "events": "/events/",
        "opportunities": "/opportunities/",
        "opportunity": "/opportunities/1/",
        "shares": "/shares/",
        "share-suggestions": "/shares/1/",
        "references": "/references/",
        "credentials": "/credentials/",
        "credential": "/credentials/1/",  # the demo's first: the licence up for renewal
    }
    written = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for (size, (width, height)), link in zip(SIZES.items(), links, strict=True):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(link)
            for name, path in pages.items():
                page.goto(base + path)
                page.screenshot(path=OUT / f"{name}-{size}.png", full_page=False)
                written += 1
            written += shoot_extras(page, base, size, scene)
            page.close()
        browser.close()
    print(f"wrote {written} screenshots to {OUT} ({dt.date.today()})")


def shoot_extras(page, base: str, size: str, scene: Scene) -> int:
    """The pages that need a scroll, a whole page or an upload first; how many were written."""
    page.goto(base + "/duplicates/")
    page.screenshot(path=OUT / f"duplicates-{size}.png", full_page=True)
    page.goto(f"{base}/people/{scene.vouched}/")
    heading = page.get_by_role("heading", name="Vouched for you")
    heading.wait_for()  # it sits at the end of the timeline panel: show that whole panel
    page.locator("#timeline-heading").evaluate(
        "h => { h.closest('section').scrollIntoView(); window.scrollBy(0, -12); }"
    )
    page.screenshot(path=OUT / f"person-vouched-{size}.png", full_page=False)
    page.goto(base + "/import/")
    page.locator("#id_file").set_input_files(scene.vcard)
    page.get_by_role("button", name="Preview").click()
    page.get_by_role("heading", level=1, name=f"Preview of {scene.vcard.name}").wait_for()
    page.screenshot(path=OUT / f"import-preview-{size}.png", full_page=True)
    return 3


if __name__ == "__main__":
    sys.exit(main())
