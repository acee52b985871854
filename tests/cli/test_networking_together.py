"""The networking parts together, as the README shows them: an event and the people met there,
an opportunity with its referrer, a share, a reference, a credential, a tie and an introduction.
A backup of all of it restores into another account as the same document; a merge keeps it; an
outsider reaches none of it."""

from __future__ import annotations

import copy

import pytest
from django.apps import apps

from tests.interchange.test_backup import numbered
from tiebook.core.models import OwnedModel
from tiebook.core.owners import owner_get_or_create
from tiebook.interchange.backup import backup_dump, backup_restore
from tiebook.people.merging import person_merge
from tiebook.people.models import Person

README = [
    ("add", "Grace Hopper", "--type", "mentor", "--org", "US Navy"),
    ("add", "Li Wei", "--type", "licensing-authority", "--org", "State Board"),
    ("event", "add", "PyCon Lisbon", "--on", "2026-11-29", "--topic", "python"),
    ("event", "attend", "pycon"),
    ("event", "met", "pycon", "Ana Silva", "--email", "ana@acme.example", "--note", "typing"),
    ("event", "met", "pycon", "Grace Hopper"),
    ("opp", "add", "Staff engineer", "--kind", "job", "--org", "Acme"),
    ("opp", "link", "staff", "ana", "--role", "referrer"),
    ("opp", "next", "staff", "Send the portfolio", "--on", "2026-12-02"),
    ("referral", "ask", "ana", "--opp", "staff"),
    ("share", "Typing talk slides", "--url", "https://example.org/s", "--topic", "python",
     "--with", "ana"),
    ("reference", "add", "grace", "--skill", "leadership", "--agreed", "--confirmed",
     "2026-11-01"),
    ("credential", "add", "Nursing licence", "--issuer", "State Board", "--expires",
     "2027-01-29", "--contact", "li"),
    ("credential", "hours", "nursing", "3", "--on", "2026-11-20", "--activity", "Course"),
    ("filing", "add", "Annual return", "--with", "Companies House", "--due", "2026-12-20"),
    ("me", "--headline", "Platform engineer", "--skill", "python"),
    ("relate", "grace", "li", "--as", "knows"),
    ("intro", "ana", "li", "--note", "both into compilers"),
]  # fmt: skip


def counts(user) -> dict[str, int]:
    """Rows of every owned model, the networking apps' included."""
    owned = [m for m in apps.get_models() if issubclass(m, OwnedModel)]
    return {m.__name__: m.objects.filter(owner=user).count() for m in owned}


@pytest.fixture
def network(tb):
    for command in README:
        result = tb(*command)
        assert result.exit_code == 0, (command, result.output)
    me, _ = owner_get_or_create()
    return me


def test_what_the_readme_does_is_due_on_today_with_its_reasons(network, tb):
    data = tb.json("due", "--within", "7d")
    reasons = {p["name"]: [r["source"] for r in p["reasons"]] for p in data["people"]}
    assert reasons["Ana Silva"] == ["intro"]  # the share followed up on the event
    assert reasons["Grace Hopper"] == ["event"]
    assert reasons["Li Wei"] == ["credential", "intro"]
    assert [i["source"] for i in data["items"]] == ["opportunity", "filing"]


def test_a_backup_of_all_of_it_restores_as_the_same_document(network, outsider):
    document = backup_dump(owner=network)
    for key in ("events", "opportunities", "referrals", "credentials", "filings", "profiles"):
        assert document[key], key
    backup_restore(owner=outsider, document=copy.deepcopy(document))
    again = backup_dump(owner=outsider)
    assert numbered(again) == numbered(document)
    assert counts(outsider) == counts(network)


def test_a_merge_keeps_every_part_of_both(network):
    ana = Person.objects.get(owner=network, display_name="Ana Silva")
    other = Person.objects.create(owner=network, display_name="A. Silva", search_name="a silva")
    before = counts(network)
    person_merge(owner=network, keep=other, other=ana)
    after = counts(network)
    assert after["Person"] == before["Person"] - 1
    assert {k: v for k, v in after.items() if k != "Person"} == {
        k: v for k, v in before.items() if k != "Person"
    }


def test_an_outsider_holds_none_of_it(network, outsider):
    mine = counts(network)
    assert all(mine[name] for name in ("Event", "Opportunity", "Credential", "Nudge", "Profile"))
    assert set(counts(outsider).values()) == {0}
