"""Opportunities, referrals and the give/ask balance from the command line: exact output."""

from __future__ import annotations

import pytest

from tiebook.opportunities.models import Opportunity, Referral
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db

CAUTION = "family: lean on family sparingly as advocates; others may see their advocacy as biased"


def pid(name: str) -> int:
    return Person.objects.get(display_name=name).pk


def oid(title: str) -> int:
    return Opportunity.objects.get(title=title).pk


def rid(n: int) -> int:
    """The n-th referral made (ids differ between databases)."""
    return Referral.objects.order_by("id")[n - 1].pk


@pytest.fixture
def network(tb):
    tb("add", "Ana Lima", "--type", "friend", "--org", "Globex")
    tb("add", "Li Wei", "--type", "colleague", "--org", "Acme")
    tb("add", "Rosa Lima", "--type", "family")
    return tb


@pytest.fixture
def staff(network):
    result = network(
        "opp", "add", "Staff engineer", "--kind", "job", "--org", "Acme",
        "--next", "Ask Ana", "--next-on", "2026-12-04",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return network


def test_adding_says_what_was_added(staff):
    result = staff("opp", "add", "Keynote", "--kind", "speaking")
    assert result.stdout == f"Added opportunity {oid('Keynote')}: Keynote (speaking, idea).\n"


def test_add_json(network):
    data = network.json("opp", "add", "Client X", "--kind", "client", "--org", "Initech")
    assert {k: data[k] for k in ("id", "title", "kind", "organization", "stage")} == {
        "id": oid("Client X"),
        "title": "Client X",
        "kind": "client",
        "organization": "Initech",
        "stage": "idea",
    }
    assert data["people"] == []


def test_a_bad_kind_or_stage_is_one_error_line(network):
    result = network("opp", "add", "X", "--kind", "gig")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Unknown kind 'gig'; use one of job, client, partnership, speaking, other.\n",
    )
    network("opp", "add", "Y")
    result = network("opp", "move", "Y", "hired")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: Unknown stage 'hired'; use one of idea, exploring")


def test_the_whole_flow_shows_on_opp_show(staff):
    assert staff("opp", "link", "staff", "ana", "--role", "referrer").stdout == (
        "Linked Ana Lima to Staff engineer as referrer.\n"
    )
    assert staff("opp", "link", "staff", "rosa", "--role", "reference").stdout == (
        f"Linked Rosa Lima to Staff engineer as reference.\nCaution: Rosa Lima is {CAUTION}.\n"
    )
    assert staff("opp", "move", "staff", "referral-asked").stdout == (
        "Moved Staff engineer at Acme from idea to referral asked.\n"
    )
    assert staff("referral", "ask", "ana", "--opp", "staff", "--to", "li wei").stdout == (
        f"Referral {rid(1)} with Ana Lima: Referral asked for Staff engineer at Acme (to Li Wei): "
        "pending\n"
    )
    result = staff("opp", "show", "staff")
    assert result.stdout == (
        f"Staff engineer at Acme  (opportunity {oid('Staff engineer')})\n"
        "job, referral asked\n"
        "Next step: Ask Ana by 2026-12-04\n"
        f"Caution: Rosa Lima (reference) is {CAUTION}\n"
        "People:\n"
        f"  Ana Lima (id {pid('Ana Lima')}): referrer\n"
        f"  Rosa Lima (id {pid('Rosa Lima')}): reference (family)\n"
        "History:\n"
        "  2026-11-30  idea\n"
        "  2026-11-30  referral asked\n"
        "Referrals:\n"
        f"  {rid(1):>4}  2026-11-30  Ana Lima: Referral asked for Staff engineer at Acme "
        "(to Li Wei): pending\n"
        "Who could refer you at Acme:\n"
        f"  Li Wei (id {pid('Li Wei')}): works at Acme, tie 40\n"
    )


def test_opp_show_json_carries_the_family_caution(staff):
    staff("opp", "link", "staff", "rosa", "--role", "referrer")
    data = staff.json("opp", "show", str(oid("Staff engineer")))
    assert data["cautions"] == [f"Rosa Lima (referrer) is {CAUTION}"]
    assert data["people"] == [
        {"person_id": pid("Rosa Lima"), "name": "Rosa Lima", "role": "referrer", "family": True}
    ]
    assert data["history"] == [{"stage": "idea", "from_stage": None, "on": "2026-11-30"}]
    assert data["who_could_refer"] == [
        {"person_id": pid("Li Wei"), "name": "Li Wei", "tie_strength": 3, "link": "works at Acme"}
    ]


def test_opps_lists_by_stage_and_filters(staff):
    staff("opp", "add", "Client X", "--kind", "client", "--stage", "won")
    staff("opp", "link", "staff", "ana", "--role", "champion")
    assert staff("opps").stdout == (
        f"{oid('Staff engineer'):>4}  idea            Staff engineer at Acme (job)\n"
        "        people: Ana Lima (champion)\n"
        "        next: Ask Ana by 2026-12-04\n"
        f"{oid('Client X'):>4}  won             Client X (client)\n"
    )
    assert [o["id"] for o in staff.json("opps", "--stage", "won")] == [oid("Client X")]
    assert [o["id"] for o in staff.json("opps", "--open")] == [oid("Staff engineer")]
    assert [o["id"] for o in staff.json("opps", "--person", "ana")] == [oid("Staff engineer")]
    assert staff.json("opps", "--person", "rosa") == []


def test_opps_without_any(tb):
    assert tb("opps").stdout == (
        "No opportunities yet. Add one: tiebook opp add TITLE --kind job --org ORG\n"
    )


def test_next_step_set_and_cleared(staff):
    assert staff("opp", "next", "staff", "Send the portfolio", "--on", "2026-12-11").stdout == (
        "Next step for Staff engineer: Send the portfolio by 2026-12-11\n"
    )
    assert staff("opp", "next", "staff", "").stdout == (
        "Cleared the next step of Staff engineer.\n"
    )
    assert staff.json("opp", "show", "staff")["next_step"] is None


def test_moving_to_the_same_stage_says_so(staff):
    assert staff("opp", "move", "staff", "idea").stdout == "Staff engineer is already at idea.\n"


def test_unlink_and_delete(staff):
    staff("opp", "link", "staff", "ana", "--role", "referrer")
    assert staff("opp", "unlink", "staff", "ana").stdout == (
        "Unlinked Ana Lima from Staff engineer.\n"
    )
    result = staff("opp", "unlink", "staff", "ana")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Ana Lima is not linked to Staff engineer.\n",
    )
    number = oid("Staff engineer")
    assert staff("opp", "delete", "staff", "--yes").stdout == (
        f"Deleted opportunity {number} (Staff engineer).\n"
    )
    result = staff("opp", "show", "staff")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: No opportunity matches 'staff'. Try 'tiebook opps' to see them.\n",
    )


def test_an_ambiguous_title_lists_the_candidates(network):
    network("opp", "add", "Engineer A")
    network("opp", "add", "Engineer B", "--org", "Acme")
    result = network("opp", "show", "engineer")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: 'engineer' matches 2 opportunities; use a number or more of the title.\n"
        f"  {oid('Engineer A')}  Engineer A (idea)\n"
        f"  {oid('Engineer B')}  Engineer B at Acme (idea)\n",
    )


def test_referrals_give_receive_outcome_and_list(network):
    assert (
        network(
            "referral",
            "give",
            "li wei",
            "--kind",
            "introduction",
            "--to",
            "ana",
            "--what",
            "data team",
        ).stdout
        == f"Referral {rid(1)} with Li Wei: Introduction given for data team (to Ana Lima): "
        "pending\n"
    )
    assert network("referral", "receive", "ana", "--what", "a client lead").stdout == (
        f"Referral {rid(2)} with Ana Lima: Referral received for a client lead: pending\n"
    )
    assert network("referral", "outcome", str(rid(2)), "helped", "--note", "Signed").stdout == (
        f"Referral {rid(2)} with Ana Lima: Referral received for a client lead: helped\n"
    )
    assert network("referrals").stdout == (
        f"{rid(2):>4}  2026-11-30  Ana Lima: Referral received for a client lead: helped\n"
        f"{rid(1):>4}  2026-11-30  Li Wei: Introduction given for data team (to Ana Lima): "
        "pending\n"
    )
    assert [r["id"] for r in network.json("referrals", "--person", "li wei")] == [rid(1)]
    shown = network.json("show", "ana")["interactions"]
    assert [i["summary"] for i in shown] == [
        "Referral received for a client lead: helped",
        "Introduction given for data team (to Ana Lima): pending",
    ]


def test_a_referral_outcome_that_is_unknown(network):
    network("referral", "ask", "ana")
    result = network("referral", "outcome", str(rid(1)), "maybe")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: Unknown outcome 'maybe'; use one of pending, helped, declined, no-answer.\n",
    )
    result = network("referral", "outcome", "999999999", "helped")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: No referral with number 999999999.\n",
    )


def test_deleting_a_referral(network):
    network("referral", "ask", "ana")
    number = rid(1)
    assert network("referral", "delete", str(number), "--yes").stdout == (
        f"Deleted referral {number}.\n"
    )
    assert Referral.objects.count() == 0
    assert network.json("show", "ana")["interactions"] == []


def test_balance_per_person_and_overall(network):
    network("log", "li wei", "Coffee", "--gave", "A paper")
    network("referral", "ask", "ana")
    assert network("balance", "ana").stdout == (
        "Ana Lima: you gave 0, asked 1, received 0.\n"
        "You ask more than you give with Ana Lima: share something first.\n"
    )
    assert network("balance").stdout == (
        "Overall: you gave 1, asked 1, received 0.\n"
        "Balanced: you give at least as much as you ask.\n"
        "Give first to:\n"
        f"  Ana Lima (id {pid('Ana Lima')}): you gave 0, asked 1\n"
    )
    assert network.json("balance", "li wei") == {
        "person_id": pid("Li Wei"),
        "name": "Li Wei",
        "gave": 1,
        "asked": 0,
        "received": 0,
        "reading": "you give to Li Wei without asking: a fair footing for an ask when you need one",
    }
    assert network.json("balance")["give_first"][0]["name"] == "Ana Lima"


def test_a_next_step_due_is_in_tiebook_due(staff):
    staff("opp", "next", "staff", "Send the portfolio", "--on", "2026-11-30")
    items = staff.json("due")["items"]
    assert items == [
        {
            "source": "opportunity",
            "source_id": oid("Staff engineer"),
            "due_on": "2026-11-30",
            "why": "next step for Staff engineer at Acme: Send the portfolio",
            "person": None,
        }
    ]
    staff("opp", "move", "staff", "lost")
    assert staff.json("due")["items"] == []


def test_editing_the_title_and_organisation(staff):
    number = oid("Staff engineer")
    result = staff("opp", "edit", "staff", "--title", "Principal engineer", "--org", "Initech")
    assert result.stdout == (
        f"Updated opportunity {number}: Principal engineer at Initech (job, idea).\n"
    )
    data = staff.json("opp", "edit", str(number), "--org", "", "--note", "Remote")
    assert (data["organization"], data["notes"]) == (None, "Remote")
