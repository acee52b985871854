"""Today's header counts follow every log and snooze done in place."""

from __future__ import annotations

import pytest

from tests.factories import HTMX, frozen, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def due(owner):
    """Grace 70 days overdue, Ada due in 3 days (both within Today's week)."""
    grace = make_person(owner, "Grace Hopper", types=["mentor"], added_days_ago=100)
    ada = make_person(owner, "Ada Lovelace", types=["colleague"], added_days_ago=57)
    return grace, ada


COUNTS = '<p class="lead" id="due-counts"{oob}>{text}</p>'


def test_today_shows_the_counts_in_their_own_element(me, due):
    page = me.get("/").content.decode()
    assert COUNTS.format(oob="", text="1 overdue, 1 more due by 7 Dec 2026.") in page


def test_logging_in_place_sends_the_new_counts_out_of_band(me, due):
    grace, _ = due
    response = me.post(
        f"/people/{grace.pk}/log", {"summary": "Coffee", "kind": "call", "from": "today"}, **HTMX
    )
    page = response.content.decode()
    assert page.startswith(f'<li class="due-row done" id="due-{grace.pk}">')
    oob = ' hx-swap-oob="true"'
    assert COUNTS.format(oob=oob, text="0 overdue, 1 more due by 7 Dec 2026.") in page


def test_snoozing_in_place_sends_the_new_counts_out_of_band(me, due):
    grace, ada = due
    me.post(f"/people/{grace.pk}/snooze", {"days": "14", "from": "today"}, **HTMX)
    response = me.post(f"/people/{ada.pk}/snooze", {"days": "14", "from": "today"}, **HTMX)
    oob = ' hx-swap-oob="true"'
    assert COUNTS.format(oob=oob, text="No one else is due this week.") in response.content.decode()


def test_today_raises_a_dormant_former_strong_tie_and_says_why(me, owner):
    from tests.factories import log

    old = make_person(owner, "Old Friend", types=["colleague"], added_days_ago=3000)
    for n in range(8):
        log(owner, old, days_ago=1500 + 30 * n)
    ann = make_person(owner, "Ann Lee", types=["mentor"], added_days_ago=400)
    for days in (60, 90, 120):
        log(owner, ann, days_ago=days)

    page = me.get("/").content.decode()

    assert page.index("Old Friend") < page.index("Ann Lee")
    assert (
        "worth reviving: 8 touches, then 4 years of quiet; "
        "colleague - last talk 1500 days ago, every 60 days"
    ) in page
