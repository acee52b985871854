"""A phone or an address is evidence, not proof: switchboards, family landlines, team mailboxes
and an assistant's address are shared by people whose names disagree, and none of them may
vanish into another. Real files (vCard, Google CSV) imported one after the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.factories import frozen, make_person
from tiebook.interchange.importing import import_file
from tiebook.interchange.undo import import_undo
from tiebook.people.merging import duplicates_find
from tiebook.people.models import Person

pytestmark = pytest.mark.django_db

SWITCHBOARD = "+1 212 555 0100"
GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value,"
    "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value\r\n"
)


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def card(name: str, *lines: str) -> str:
    given, _, family = name.rpartition(" ")
    body = "".join(f"{line}\r\n" for line in lines)
    return (
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{family};{given};;;\r\n{body}END:VCARD\r\n"
    )


def vcf(tmp_path: Path, name: str, *cards: str) -> Path:
    path = tmp_path / name
    path.write_text("".join(cards), encoding="utf-8", newline="")
    return path


def contacts(person: Person) -> list[str]:
    return sorted(person.contact_points.values_list("normalized", flat=True))


def people(owner) -> dict[str, list[str]]:
    return {p.display_name: contacts(p) for p in Person.objects.filter(owner=owner)}


def test_two_people_on_one_switchboard_in_one_file_stay_two(owner, tmp_path):
    path = vcf(
        tmp_path,
        "office.vcf",
        card("Alice Office", f"TEL;TYPE=WORK:{SWITCHBOARD}", "EMAIL:alice@acme.example"),
        card("Bob Builder", f"TEL;TYPE=WORK:{SWITCHBOARD}", "EMAIL:bob@acme.example"),
    )
    report = import_file(owner=owner, path=path)
    assert (report.counts["created"], report.counts["merged"], report.counts["review"]) == (2, 0, 1)
    assert report.outcomes[1]["why"] == (
        "shares phone +12125550100 with Alice Office under another name: kept apart, "
        "to review among the duplicates"
    )
    assert people(owner) == {
        "Alice Office": ["+12125550100", "alice@acme.example"],
        "Bob Builder": ["+12125550100", "bob@acme.example"],
    }


def test_a_switchboard_against_people_already_there_adds_the_new_colleague(owner, tmp_path):
    import_file(
        owner=owner, path=vcf(tmp_path, "a.vcf", card("Alice Office", f"TEL:{SWITCHBOARD}"))
    )
    report = import_file(
        owner=owner,
        path=vcf(
            tmp_path, "b.vcf", card("Bob Builder", f"TEL:{SWITCHBOARD}", "EMAIL:bob@acme.example")
        ),
    )
    assert (report.counts["created"], report.counts["updated"]) == (1, 0)
    assert people(owner) == {
        "Alice Office": ["+12125550100"],
        "Bob Builder": ["+12125550100", "bob@acme.example"],
    }


def test_the_same_persons_card_arriving_again_merges_under_any_form_of_the_name(owner, tmp_path):
    first = card("Grace Hopper", "EMAIL:grace@navy.example", f"TEL:{SWITCHBOARD}", "ORG:US Navy")
    import_file(owner=owner, path=vcf(tmp_path, "phone.vcf", first))
    again = vcf(
        tmp_path,
        "laptop.vcf",
        card("Hopper, Grace", "EMAIL:GRACE@navy.example", "TITLE:Rear Admiral"),
        card("G. Hopper", f"TEL:{SWITCHBOARD}", "EMAIL:amazing.grace@home.example"),
        card("Dr. Grace Hopper", "EMAIL:grace@navy.example", "NOTE:Compilers"),
        card("Grace", f"TEL:{SWITCHBOARD}", "URL:https://grace.example"),
    )
    report = import_file(owner=owner, path=again)
    assert [o["outcome"] for o in report.outcomes] == ["updated"] * 4
    grace = Person.objects.get(owner=owner)
    assert (grace.display_name, grace.headline, grace.notes) == (
        "Grace Hopper",
        "Rear Admiral",
        "Compilers",
    )
    assert contacts(grace) == [
        "+12125550100",
        "amazing.grace@home.example",
        "grace.example",
        "grace@navy.example",
    ]


def test_a_family_landline_keeps_each_relative_and_the_name_picks_one(owner, tmp_path):
    google = tmp_path / "family.csv"
    google.write_text(
        GOOGLE_HEADER
        + "Mark,,Smith,* myContacts,Home,mark@smith.example,Home,+1 415 555 0199,,\r\n"
        + "Mary,,Smith,* myContacts,Home,mary@smith.example,Home,+1 415 555 0199,,\r\n",
        encoding="utf-8",
    )
    assert import_file(owner=owner, path=google).counts["created"] == 2
    phone = vcf(
        tmp_path,
        "phone.vcf",
        card("Mary Smith", "TEL;TYPE=HOME:+1 415 555 0199", "TEL;TYPE=CELL:+1 415 555 0142"),
        card("Smith", "TEL;TYPE=HOME:+1 415 555 0199"),
    )
    report = import_file(owner=owner, path=phone)
    assert [o["outcome"] for o in report.outcomes] == ["updated"]
    assert [p["line"] for p in report.problems] == [
        "card 2: Smith: its phone +14155550199 belongs to 2 people (Mark Smith, Mary Smith) "
        "and the name does not tell which; not imported (merge them if they are one person)."
    ]
    assert people(owner) == {
        "Mark Smith": ["+14155550199", "mark@smith.example"],
        "Mary Smith": ["+14155550142", "+14155550199", "mary@smith.example"],
    }


def test_a_team_mailbox_is_not_one_person(owner, tmp_path):
    make_person(owner, "Carol Diaz", emails=["support@acme.example"], organization="Acme")
    path = vcf(
        tmp_path,
        "team.vcf",
        card("Dan Ortiz", "EMAIL;TYPE=WORK:support@acme.example", "ORG:Acme"),
        card("Carol Diaz", "EMAIL:support@acme.example", "TEL:+1 212 555 0111"),
    )
    report = import_file(owner=owner, path=path)
    assert [o["outcome"] for o in report.outcomes] == ["created", "updated"]
    assert people(owner) == {
        "Carol Diaz": ["+12125550111", "support@acme.example"],
        "Dan Ortiz": ["support@acme.example"],
    }
    # With two holders, the same card arriving again still finds its own person.
    again = import_file(owner=owner, path=path)
    assert [o["outcome"] for o in again.outcomes] == ["skipped", "skipped"]


def test_a_shared_assistants_address_leaves_the_assistant_and_both_bosses(owner, tmp_path):
    bosses = vcf(
        tmp_path,
        "bosses.vcf",
        card("Ruth Bader", "EMAIL:ruth@court.example", "EMAIL;TYPE=ASSISTANT:dana@court.example"),
        card("Sandra Day", "EMAIL:sandra@court.example", "EMAIL:dana@court.example"),
    )
    assert import_file(owner=owner, path=bosses).counts["created"] == 2
    assistant = vcf(tmp_path, "dana.vcf", card("Dana Reyes", "EMAIL:dana@court.example"))
    report = import_file(owner=owner, path=assistant)
    assert report.outcomes[0]["outcome"] == "created"
    assert report.counts["review"] == 1
    assert sorted(people(owner)) == ["Dana Reyes", "Ruth Bader", "Sandra Day"]


def test_a_card_without_a_name_on_a_shared_key_is_reported_not_guessed(owner, tmp_path):
    make_person(owner, "Alice Office", phones=[SWITCHBOARD])
    make_person(owner, "Bob Builder", phones=[SWITCHBOARD])
    path = vcf(
        tmp_path, "blank.vcf", f"BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:{SWITCHBOARD}\r\nEND:VCARD\r\n"
    )
    report = import_file(owner=owner, path=path)
    assert report.counts["failed"] == 1
    assert "belongs to 2 people (Alice Office, Bob Builder)" in report.problems[0]["message"]
    assert Person.objects.count() == 2


def test_a_profile_is_one_persons_even_under_a_new_name(owner, tmp_path):
    make_person(owner, "Jane Doe", urls=["https://www.linkedin.com/in/janedoe"])
    path = vcf(
        tmp_path,
        "renamed.vcf",
        card("Jane Smith", "X-SOCIALPROFILE;TYPE=linkedin:https://linkedin.com/in/janedoe/"),
    )
    report = import_file(owner=owner, path=path)
    assert report.outcomes[0]["outcome"] in ("updated", "skipped")
    assert Person.objects.count() == 1


def test_undo_after_a_shared_phone_import_leaves_the_first_person_whole(owner, tmp_path):
    import_file(
        owner=owner, path=vcf(tmp_path, "a.vcf", card("Alice Office", f"TEL:{SWITCHBOARD}"))
    )
    run = import_file(
        owner=owner, path=vcf(tmp_path, "b.vcf", card("Bob Builder", f"TEL:{SWITCHBOARD}"))
    )
    import_undo(owner=owner, run_id=run.run_id)
    assert people(owner) == {"Alice Office": ["+12125550100"]}


def test_dupes_are_sure_only_when_the_names_agree(owner, outsider):
    alice = make_person(owner, "Alice Office", phones=[SWITCHBOARD])
    bob = make_person(owner, "Bob Builder", phones=[SWITCHBOARD])
    grace = make_person(owner, "Grace Hopper", emails=["grace@navy.example"])
    initial = make_person(owner, "G. Hopper", emails=["grace@navy.example"])
    mark = make_person(owner, "Mark Smith", phones=["+1 415 555 0199"])
    mary = make_person(owner, "Mary Smith", phones=["+1 415 555 0199"])
    make_person(outsider, "Alice Office", phones=[SWITCHBOARD])
    found = [(p.first, p.second, p.evidence, p.sure) for p in duplicates_find(owner=owner)]
    assert found == [
        (grace, initial, "same email: grace@navy.example", True),
        (alice, bob, "same phone: +12125550100, but different names", False),
        (mark, mary, "same phone: +14155550199, but different names", False),
    ]


def test_a_switchboard_crowd_is_not_listed_at_all(owner):
    from tiebook.people.names import CROWD

    for number in range(CROWD + 1):
        make_person(owner, f"Colleague{number} Acme", phones=[SWITCHBOARD])
    assert duplicates_find(owner=owner) == []
