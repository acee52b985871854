"""Correcting and deleting a logged interaction from the command line."""

from __future__ import annotations

import pytest

from tiebook.interactions.models import Interaction, KnowledgeShare, Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def lunch(tb):
    """Grace (mentor, every 30 days) and Ada (colleague, 60), last seen at one lunch today."""
    tb("add", "Grace Hopper", "--type", "mentor")
    tb("add", "Ada Lovelace", "--type", "colleague")
    tb("log", "grace", "Coffee", "--on", "2026-11-01")
    tb("log", "grace", "ada", "Lunch after the talk", "--kind", "meal", "--gave", "An intro")
    return Interaction.objects.get(summary="Lunch after the talk")


def test_show_numbers_each_interaction(tb, lunch):
    result = tb("show", "grace")
    coffee = Interaction.objects.get(summary="Coffee")
    assert f"  {lunch.pk:>4}  2026-11-30  meal     Lunch after the talk (with Ada Lovelace)\n" in (
        result.stdout
    )
    assert f"  {coffee.pk:>4}  2026-11-01  meeting  Coffee\n" in result.stdout


def test_editing_the_date_moves_the_follow_ups_with_it(tb, lunch):
    result = tb(
        "interaction", "edit", str(lunch.pk), "--on", "2026-11-20", "--kind", "call", "--note", "x"
    )
    assert result.exit_code == 0
    assert result.stdout == (
        f"Updated interaction {lunch.pk}: 2026-11-20 call with Grace Hopper, Ada Lovelace: "
        "Lunch after the talk\n"
        "  Grace Hopper: next follow-up 2026-12-20 (in 20 days)\n"
        "  Ada Lovelace: next follow-up 2027-01-19 (in 50 days)\n"
    )
    shown = tb.json("show", "grace")
    assert shown["last_interaction_at"].startswith("2026-11-20")
    assert (shown["interactions"][0]["kind"], shown["interactions"][0]["notes"]) == ("call", "x")
    dates = {
        p.occurred_at.date().isoformat() for p in Participant.objects.filter(interaction=lunch)
    }
    shares = {s.occurred_at.date().isoformat() for s in KnowledgeShare.objects.all()}
    assert dates == shares == {"2026-11-20"}


def test_editing_the_summary_and_who_reached_out(tb, lunch):
    result = tb(
        "interaction", "edit", str(lunch.pk), "--summary", "Long lunch", "--they-reached-out"
    )
    assert result.exit_code == 0
    lunch.refresh_from_db()
    assert (lunch.summary, lunch.direction) == ("Long lunch", "incoming")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--on", "2027-01-05"], "Error: 2027-01-05 is in the future; log what has happened.\n"),
        (["--summary", " "], "Error: Say in a few words what happened (the summary is empty).\n"),
        (
            ["--kind", "telepathy"],
            "Error: Unknown kind 'telepathy'; use one of meeting, call, message, email, meal, "
            "event, note.\n",
        ),
    ],
)
def test_a_bad_edit_says_why_and_changes_nothing(tb, lunch, args, message):
    result = tb("interaction", "edit", str(lunch.pk), *args)
    assert (result.exit_code, result.stderr) == (1, message)
    lunch.refresh_from_db()
    assert (lunch.kind, lunch.summary, lunch.occurred_at.date().isoformat()) == (
        "meal",
        "Lunch after the talk",
        "2026-11-30",
    )


def test_deleting_counts_the_follow_ups_again_from_what_is_left(tb, lunch):
    result = tb("interaction", "delete", str(lunch.pk), "--yes")
    assert result.exit_code == 0
    assert result.stdout == (
        f"Deleted interaction {lunch.pk} (2026-11-30 meal with Grace Hopper, Ada Lovelace: "
        "Lunch after the talk).\n"
        "  Grace Hopper: next follow-up 2026-12-01 (in 1 day)\n"
        "  Ada Lovelace: next follow-up 2027-01-29 (in 60 days)\n"
    )
    assert list(Interaction.objects.values_list("summary", flat=True)) == ["Coffee"]
    assert KnowledgeShare.objects.count() == 0
    assert tb.json("show", "ada")["last_interaction_at"] is None


def test_deleting_asks_first(tb, lunch):
    result = tb("interaction", "delete", str(lunch.pk), input="n\n")
    assert result.exit_code == 1
    assert result.stdout.endswith("Nothing deleted.\n")
    assert Interaction.objects.count() == 2


def test_an_unknown_number_says_so(tb, lunch):
    for args in (["edit", "999", "--kind", "call"], ["delete", "999", "--yes"]):
        result = tb("interaction", *args)
        assert (result.exit_code, result.stderr) == (1, "Error: No interaction with number 999.\n")
