"""Importing through the command line, as a new user would: LinkedIn, then a phone's vCard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import realdata as samples
from tiebook.interchange.models import ImportRun
from tiebook.people.models import ContactPoint, Person

pytestmark = pytest.mark.django_db


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return str(path)


CONNECTIONS = (
    "\ufeffNotes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    'missing."\r\n'
    "\r\n"
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    "Grace,Hopper,https://www.linkedin.com/in/gracehopper,,US Navy,Rear Admiral,15 Mar 2024\r\n"
    "Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,ada@engines.example,Analytical "
    "Engines,Mathematician,02 Jan 2023\r\n"
)

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nN:Hopper;Grace;;;\r\nORG:US Navy\r\n"
    "item1.EMAIL;TYPE=INTERNET:grace@navy.example\r\nitem1.X-ABLabel:work\r\n"
    "TEL;TYPE=CELL:+1 415 555 0100\r\n"
    "X-SOCIALPROFILE;type=linkedin:https://linkedin.com/in/GraceHopper/\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alan Turing\r\nEMAIL:alan@bletchley.example\r\n"
    "END:VCARD\r\n"
)


def test_linkedin_then_a_phone_vcard_leaves_one_person_per_real_person(tb, tmp_path):
    first = tb("import", "linkedin", write(tmp_path, "Connections.csv", CONNECTIONS))
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("Import ")
    assert ": Connections.csv (linkedin): 2 new, 0 updated," in first.stdout
    second = tb("import", write(tmp_path, "phone.vcf", VCARD))
    assert second.exit_code == 0, second.output
    assert "(vcard): 1 new, 1 updated," in second.stdout
    assert sorted(Person.objects.values_list("display_name", flat=True)) == [
        "Ada Lovelace",
        "Alan Turing",
        "Grace Hopper",
    ]
    grace = tb.json("show", "grace")
    assert [e["value"] for e in grace["emails"]] == ["grace@navy.example"]
    assert [p["value"] for p in grace["phones"]] == ["+1 415 555 0100"]
    assert grace["title"] == "Rear Admiral"
    assert grace["organization"] == "US Navy"


def test_a_dry_run_writes_nothing_and_a_re_import_changes_nothing(tb, tmp_path):
    path = write(tmp_path, "Connections.csv", CONNECTIONS)
    dry = tb("import", path, "--dry-run")
    assert dry.stdout.startswith("Dry run (nothing written): Connections.csv (linkedin): 2 would")
    assert Person.objects.count() == 0
    tb("import", path)
    again = tb.json("import", path)
    assert (again["counts"]["created"], again["counts"]["updated"]) == (0, 0)
    assert ImportRun.objects.count() == 2


def test_undo_import_restores_the_earlier_network(tb, tmp_path):
    tb("import", "linkedin", write(tmp_path, "Connections.csv", CONNECTIONS))
    before = tb.json("show", "grace")
    run = tb.json("import", write(tmp_path, "phone.vcf", VCARD))["run_id"]
    undone = tb("undo-import", str(run))
    assert undone.stdout == f"Undid import {run} (phone.vcf).\n"
    assert tb.json("show", "grace") == before
    assert Person.objects.count() == 2


def test_a_file_that_is_not_what_it_claims_writes_nothing(tb, tmp_path):
    path = write(tmp_path, "notes.vcf", "just some notes\n")
    result = tb("import", "vcard", path)
    assert result.exit_code == 1
    assert result.stderr == "Error: notes.vcf is not a vCard file: it has no BEGIN:VCARD line.\n"
    assert ImportRun.objects.count() == 0


def test_every_real_vcard_sample_imports_without_a_traceback(tb, realdata):
    for name in samples.VCARD:
        result = tb("import", "vcard", str(realdata / "vcard" / name))
        assert result.exit_code == 0, f"{name}: {result.output}"
    assert Person.objects.count() > 30


@pytest.mark.parametrize("sample", samples.every_file(), ids=lambda sample: sample.split("/")[1])
def test_every_real_sample_is_recognised_and_imports_without_a_traceback(tb, realdata, sample):
    tb("me", "--email", "owner@tiebook.example")
    result = tb("import", str(realdata / sample), "--add-people")
    assert result.exit_code == 0, f"{sample}: {result.output}"
    assert re.match(r"Import \d+: ", result.stdout), result.stdout


def test_not_same_leaves_a_pair_out_of_dupes_for_good(tb):
    from tests.factories import make_person
    from tiebook.core.owners import owner_get_or_create

    me, _ = owner_get_or_create()
    william = make_person(me, "William Gates")
    bill = make_person(me, "Bill Gates")
    pair = f"{william.pk} William Gates  and  {bill.pk} Bill Gates"
    assert tb("dupes").stdout == (
        f"{pair}: similar names (nickname)  (tiebook merge {william.pk} {bill.pk})\n"
    )
    result = tb("not-same", "bill", str(william.pk))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"{bill.pk} Bill Gates and {william.pk} William Gates are two people; "
        "tiebook dupes leaves them apart.\n"
    )
    assert tb("dupes").stdout == "No likely duplicates.\n"
    assert tb.json("not-same", "bill", "william")["new"] is False
    same = tb("not-same", "bill", "bill")
    assert (same.exit_code, same.stderr) == (1, "Error: Name two different people.\n")


def test_a_real_phone_export_keeps_two_people_who_share_a_phone(tb, realdata):
    path = str(realdata / "vcard" / "ezvcard_John_Doe_ANDROID.vcf")
    result = tb("import", path)
    assert result.exit_code == 0, result.output
    assert (
        ": ezvcard_John_Doe_ANDROID.vcf (vcard): 6 new (1 to review: tiebook dupes), 0 updated"
        in (result.stdout)
    )  # cards 4 and 5 share the phone 123456 under different names: both kept
    holders = ContactPoint.objects.filter(kind="phone", value="123456")
    assert holders.values("person").distinct().count() == 2
    assert Person.objects.count() == 6
    [pair] = tb("dupes").stdout.splitlines()
    assert ": same phone: 123456, but different names  (tiebook merge " in pair


def test_nul_bytes_in_a_card_are_dropped_not_sent_to_the_database(tb, tmp_path):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\x00 Lee\r\nNOTE:a\x00b\r\nEND:VCARD\r\n"
    result = tb("import", write(tmp_path, "nul.vcf", card))
    assert result.exit_code == 0, result.output
    assert [(p.display_name, p.notes) for p in Person.objects.all()] == [("Ann Lee", "ab")]
