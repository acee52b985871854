"""Knowledge shared from the command line: to several people, received, listed, suggested."""

from __future__ import annotations

import pytest

from tiebook.interactions.models import Interaction, KnowledgeShare
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(tb):
    """Grace (mentor), Ada (colleague, a security engineer), Linus (tagged security, runs the
    kubernetes platform), Kim (an expert in kubernetes, archived) and Bob (nothing in common)."""
    tb("add", "Grace Hopper", "--type", "mentor")
    tb("add", "Ada Lovelace", "--type", "colleague", "--title", "Security engineer")
    tb("add", "Linus Torvalds", "--type", "friend", "--tag", "security")
    tb("edit", "linus", "--note", "Runs the Kubernetes platform team")
    tb("add", "Kim Expert", "--type", "consultant")
    Person.objects.filter(display_name="Kim Expert").update(expertise=["Kubernetes", "Go"])
    tb("add", "Bob Builder", "--type", "contractor")


def test_sharing_with_several_people_is_one_interaction_and_suggests_others(tb, network):
    result = tb(
        "share",
        "Kubernetes security checklist",
        "--topic",
        "kubernetes",
        "--url",
        "k8s.example/check",
        "--with",
        "grace",
        "--with",
        "bob",
    )
    assert result.exit_code == 0, result.output
    first = KnowledgeShare.objects.order_by("id").first()
    assert result.stdout == (
        'Shared "Kubernetes security checklist" with Grace Hopper, Bob Builder '
        f"(share {first.pk}).\n"
        "  Grace Hopper: next follow-up 2026-12-30 (in 30 days)\n"
        "  Bob Builder: next follow-up 2027-02-28 (in 90 days)\n"
        f"It could help them too (tiebook share again {first.pk} --with PERSON):\n"
        f"  Kim Expert (id {Person.objects.get(display_name='Kim Expert').pk}): "
        "expertise: kubernetes\n"
        f"  Linus Torvalds (id {Person.objects.get(display_name='Linus Torvalds').pk}): "
        "tag: security, notes: kubernetes\n"
        f"  Ada Lovelace (id {Person.objects.get(display_name='Ada Lovelace').pk}): "
        "headline: security\n"
    )
    interaction = Interaction.objects.get()
    assert (interaction.kind, interaction.summary) == (
        "message",
        "Shared: Kubernetes security checklist",
    )
    assert sorted(p.display_name for p in interaction.people.all()) == [
        "Bob Builder",
        "Grace Hopper",
    ]
    rows = KnowledgeShare.objects.filter(interaction=interaction)
    assert {(s.direction, s.link, tuple(s.topics)) for s in rows} == {
        ("gave", "https://k8s.example/check", ("kubernetes",))
    }
    assert rows.count() == 2


def test_suggestions_leave_out_who_has_it_and_the_archived(tb, network):
    tb("archive", "kim")
    tb("share", "Kubernetes security checklist", "--topic", "kubernetes", "--with", "linus")
    data = tb.json("share", "suggest", str(KnowledgeShare.objects.get().pk))
    assert [(s["name"], s["matches"]) for s in data["suggestions"]] == [
        ("Ada Lovelace", ["headline: security"])
    ]


def test_sharing_again_gives_the_same_item_to_more_people(tb, network):
    tb("share", "Kubernetes security checklist", "--topic", "kubernetes", "--with", "grace")
    share = KnowledgeShare.objects.get()
    data = tb.json("share", "again", str(share.pk), "--with", "ada")
    assert [(s["person"], s["title"], s["topics"]) for s in data["shares"]] == [
        ("Ada Lovelace", "Kubernetes security checklist", ["kubernetes"])
    ]
    assert "Ada Lovelace" not in [s["name"] for s in data["suggestions"]]
    assert Interaction.objects.count() == 2


def test_a_received_item_is_from_them_and_they_reached_out(tb, network):
    result = tb("share", "The COBOL manual", "--from", "grace", "--on", "2026-11-20")
    share = KnowledgeShare.objects.get()
    assert result.stdout.splitlines()[:2] == [
        f'Received "The COBOL manual" from Grace Hopper (share {share.pk}).',
        "  Grace Hopper: next follow-up 2026-12-20 (in 20 days)",
    ]
    assert (share.direction, share.interaction.direction) == ("received", "incoming")


def test_shares_lists_newest_first_and_by_person(tb, network):
    tb("share", "Old news", "--with", "grace", "--on", "2026-11-01")
    tb(
        "share",
        "A checklist",
        "--topic",
        "ops, security",
        "--url",
        "https://x.example",
        "--with",
        "ada",
    )
    old, new = KnowledgeShare.objects.order_by("id")
    assert tb("shares").stdout == (
        f"  {new.pk:>4}  2026-11-30  to   Ada Lovelace: A checklist [ops, security] "
        "https://x.example\n"
        f"  {old.pk:>4}  2026-11-01  to   Grace Hopper: Old news\n"
    )
    assert [s["title"] for s in tb.json("shares", "--person", "grace")] == ["Old news"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["A thing"], "Error: Say who you shared it with (--with PERSON) or who it came from.\n"),
        (
            ["A thing", "--with", "grace", "--from", "ada"],
            "Error: Give either --with (you shared it) or --from (you received it).\n",
        ),
        ([" ", "--with", "grace"], "Error: Say what was shared (the title is empty).\n"),
        (
            ["A thing", "--url", "not a link", "--with", "grace"],
            "Error: 'not a link' is not a web address; write it like https://example.com/post.\n",
        ),
        (
            ["A thing", "--with", "nobody"],
            "Error: No one matches 'nobody'. Try 'tiebook list' to see everyone.\n",
        ),
    ],
)
def test_a_bad_share_says_why_and_writes_nothing(tb, network, args, message):
    result = tb("share", *args)
    assert (result.exit_code, result.stderr) == (1, message)
    assert KnowledgeShare.objects.count() == Interaction.objects.count() == 0


def test_an_unknown_share_number_is_an_error(tb, network):
    result = tb("share", "suggest", "999")
    assert (result.exit_code, result.stderr) == (1, "Error: No share with number 999.\n")


def test_nothing_shared_yet(tb):
    assert tb("shares").stdout == (
        'Nothing shared yet. Example: tiebook share "A useful article" --with PERSON\n'
    )
