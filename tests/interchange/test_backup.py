"""The JSON backup: every field round-trips, one owner at a time, all or nothing, in bulk."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import math
import os
import sqlite3
import subprocess
import sys
import time
from unittest.mock import ANY

import pytest
from django.apps import apps
from django.db import IntegrityError, connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from tiebook import __version__
from tiebook.core.errors import Conflict, ValidationError
from tiebook.core.models import OwnedModel
from tiebook.credentials.models import Filing
from tiebook.followups.models import Nudge, TypeInterval
from tiebook.interactions.models import Interaction, KnowledgeShare, Participant, Task, Vouch
from tiebook.interchange.backup import (
    BACKUP_FORMAT,
    BACKUP_VERSION,
    BackupSummary,
    backup_dump,
    backup_read,
    backup_restore,
    backup_write,
    dump,
)
from tiebook.interchange.backup.schema import (
    IMPORT_CHANGES,
    NETWORKING,
    NUDGE_SOURCES,
    NUDGES,
    PEOPLE,
    PERSON_PARTS,
    SECTIONS,
)
from tiebook.people.models import (
    ContactPoint,
    DistinctPair,
    Organization,
    Person,
    PersonTag,
    PersonType,
    Relationship,
    Tag,
)

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2024, 3, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
OWNED = (
    Organization,
    Tag,
    Person,
    PersonType,
    PersonTag,
    ContactPoint,
    Relationship,
    Interaction,
    Participant,
    KnowledgeShare,
    Task,
    TypeInterval,
)


def at(minutes: int) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def counts(user) -> dict[str, int]:
    return {model.__name__: model.objects.filter(owner=user).count() for model in OWNED}


def make_person(owner, number: int, *, organization, created_at) -> Person:
    return Person.objects.create(
        owner=owner,
        given_name=f"Ada{number}",
        family_name="Lovelace",
        display_name=f"Ada{number} Lovelace",
        nickname="Countess",
        search_name=f"ada{number} lovelace",
        headline="Analyst “of engines”",
        organization=organization,
        department="R&D",
        location="London",
        birthday_year=1815,
        birthday_month=12,
        birthday_day=10,
        how_met="At a salon,\nwith Babbage",
        notes="Notes ★",
        expertise=["engines", "poetry"],
        circle=15,
        interval_days=21,
        snoozed_until=dt.date(2024, 4, 1),
        archived_at=at(3),
        last_interaction_at=at(4),
        next_due_on=dt.date(2024, 5, 1),
        followup_interval_days=21,
        tie_strength=73,
        created_at=created_at,
    )


def make_network(owner, *, people: int = 3, name: str = "Acme") -> list[Person]:
    """Every owned model, every field set away from its default; created_at runs against id."""
    first = Organization.objects.create(
        owner=owner,
        name=f"{name} Ltd",
        name_key=f"{name.lower()} ltd",
        domain="acme.example",
        industry="Widgets",
        created_at=at(1),
    )
    Organization.objects.create(
        owner=owner, name=f"{name} Two", name_key=f"{name} 2", created_at=at(1)
    )
    vip = Tag.objects.create(owner=owner, name="VIP ★", name_key="vip ★", created_at=at(2))
    crowd = [
        make_person(owner, n, organization=first, created_at=at(100 - n)) for n in range(people)
    ]
    bare = Person.objects.create(
        owner=owner, display_name="Bare", search_name="bare", created_at=at(100 - people)
    )
    crowd[-1].introduced_by = crowd[0]  # introduced by someone later in the backup's order
    crowd[-1].save()
    Person.objects.filter(owner=owner).update(updated_at=at(500))
    for person in crowd:
        add_parts(owner, person, vip)
    add_history(owner, crowd, bare)
    TypeInterval.objects.create(owner=owner, type="mentor", days=14, created_at=at(5))
    return [*crowd, bare]


def add_parts(owner, person: Person, tag: Tag) -> None:
    PersonType.objects.create(owner=owner, person=person, type="mentor", created_at=at(7))
    PersonType.objects.create(owner=owner, person=person, type="friend", created_at=at(6))
    PersonTag.objects.create(owner=owner, person=person, tag=tag, created_at=at(8))
    ContactPoint.objects.create(
        owner=owner,
        person=person,
        kind="email",
        value="Ada@Example.com",
        normalized="ada@example.com",
        label="work",
        is_primary=True,
        created_at=at(9),
    )
    ContactPoint.objects.create(
        owner=owner,
        person=person,
        kind="phone",
        value="+44 20 7946 0000",
        normalized="+442079460000",
        label="mobile",
        created_at=at(9),
    )


def add_history(owner, crowd: list[Person], bare: Person) -> None:
    Relationship.objects.create(
        owner=owner,
        from_person=crowd[0],
        to_person=crowd[1],
        kind="mentor_of",
        source="linkedin",
        created_at=at(11),
    )
    for n, person in enumerate(crowd):
        meal = Interaction.objects.create(
            owner=owner,
            kind="meal",
            occurred_at=at(-n),
            direction="incoming",
            summary=f"Lunch {n}",
            notes="Talked engines",
            source="gmail",
            external_id=f"msg-{n}",
            created_at=at(200 - n),
        )
        for who in (person, bare):
            Participant.objects.create(
                owner=owner,
                interaction=meal,
                person=who,
                occurred_at=meal.occurred_at,
                created_at=meal.created_at,
            )
        KnowledgeShare.objects.create(
            owner=owner,
            person=person,
            interaction=meal,
            direction="received",
            title="A paper",
            link="https://example.com/p",
            topics=["ml"],
            occurred_at=at(-n),
            created_at=at(300 + n),
        )
        Task.objects.create(
            owner=owner,
            person=person,
            direction="they_owe",
            description="Send the notes",
            due_on=dt.date(2024, 6, 1),
            done_at=at(12),
            created_at=at(400 + n),
        )
        Vouch.objects.create(
            owner=owner,
            person=person,
            kind="endorsement",
            skill="Python",
            given_on=dt.date(2023, 6, 5),
            source="linkedin",
            external_id=f"linkedin-endorsement:{n}:python",
            created_at=at(500 + n),
        )
    KnowledgeShare.objects.create(
        owner=owner,
        person=bare,
        direction="gave",
        title="Intro",
        occurred_at=at(13),
        created_at=at(13),
    )
    Task.objects.create(owner=owner, description="Plan the year", created_at=at(14))
    DistinctPair.objects.create(owner=owner, first=bare, second=crowd[0], created_at=at(15))
    add_nudges(owner, crowd, bare)


def add_nudges(owner, crowd: list[Person], bare: Person) -> None:
    """One naming an interaction (an introduction, translated on restore), one with no person."""
    intro = Interaction.objects.filter(owner=owner).order_by("id").last()
    Nudge.objects.create(
        owner=owner,
        person=crowd[0],
        source="intro",
        source_id=intro.pk,
        due_on=dt.date(2024, 3, 8),
        why="you introduced them: ask how it went",
        since=at(16),
        closes_on_contact=True,
        done_at=at(17),
        created_at=at(16),
    )
    filing = Filing.objects.create(
        owner=owner, title="Annual return", title_key="annual return", due_on=dt.date(2024, 4, 15)
    )
    Nudge.objects.create(
        owner=owner,
        person=None,
        source="filing",
        source_id=filing.pk,
        due_on=dt.date(2024, 4, 1),
        why="annual return",
        since=at(18),
        closes_on_contact=False,
        created_at=at(18),
    )


def numbered(document: dict) -> dict:
    """The document with each section's references renumbered 1, 2, ... in its order: how it
    reads whatever ids the network had (a restore where they were taken gives new ones)."""
    document = copy.deepcopy(document)
    new = {s.key: {r["ref"]: n for n, r in enumerate(document[s.key], 1)} for s in SECTIONS}

    def renumber(spec, record):
        for name, section in spec.refs.items():
            if record[name] is not None:
                record[name] = new[section][record[name]]

    for spec in SECTIONS:
        for record in document[spec.key]:
            record["ref"] = new[spec.key][record["ref"]]
            renumber(spec, record)
            for part in PERSON_PARTS if spec is PEOPLE else ():
                for child in record[part.key]:
                    renumber(part, child)
            if "participants" in record:
                record["participants"] = [new["people"][n] for n in record["participants"]]
            if spec is NUDGES and NUDGE_SOURCES.get(record["source"]) in new:
                record["source_id"] = new[NUDGE_SOURCES[record["source"]]][record["source_id"]]
    return document


def dumped_text(document: dict) -> str:
    return json.dumps(document, indent=1, sort_keys=False, ensure_ascii=False) + "\n"


# round trip


def test_it_round_trips_a_network_into_another_owner(owner, outsider):
    make_network(owner)
    document = backup_dump(owner=owner)
    summary = backup_restore(owner=outsider, document=copy.deepcopy(document))
    # The owner still holds every id, so the copy has new ones, and says so.
    assert numbered(backup_dump(owner=outsider)) == numbered(document)
    assert counts(outsider) == counts(owner)
    # The count of interactions is not in the file: it is counted again.
    restored = Person.objects.filter(owner=outsider).annotate(n=Count("participations"))
    assert [p.interaction_count for p in restored] == [p.n for p in restored] != [0] * 4
    assert summary.renumbered == tuple(spec.key for spec in SECTIONS if document[spec.key])
    assert "type_intervals" in summary.renumbered
    assert "nudges" in summary.renumbered


def test_it_writes_byte_identical_files_after_a_round_trip(owner, outsider, tmp_path):
    make_network(owner)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    backup_write(owner=owner, path=first)
    owner.delete()  # as a fresh database would, it leaves every id free
    summary = backup_restore(owner=outsider, document=backup_read(path=first))
    backup_write(owner=outsider, path=second)
    assert first.read_bytes() == second.read_bytes()
    assert summary.renumbered == ()


def test_it_writes_the_file_exactly_as_json_dumps_the_document(owner, tmp_path):
    make_network(owner)
    path = tmp_path / "backup.json"
    backup_write(owner=owner, path=path)
    assert path.read_text(encoding="utf-8") == dumped_text(backup_dump(owner=owner))
    assert "★" in path.read_text(encoding="utf-8")  # not escaped


def test_it_writes_an_empty_network(owner, tmp_path):
    path = tmp_path / "backup.json"
    summary = backup_write(owner=owner, path=path)
    assert path.read_text(encoding="utf-8") == dumped_text(backup_dump(owner=owner))
    assert summary == BackupSummary(0, 0, 0, 0, 0, 0, 0, 0)


def test_it_counts_what_it_wrote_and_restored(owner, outsider, tmp_path):
    make_network(owner)
    expected = BackupSummary(
        people=4,
        organizations=2,
        interactions=3,
        relationships=1,
        knowledge_shares=4,
        tasks=4,
        tags=1,
    )
    assert backup_write(owner=owner, path=tmp_path / "b.json") == expected
    assert backup_restore(owner=outsider, document=backup_dump(owner=owner)) == BackupSummary(
        **{**dataclasses.asdict(expected), "renumbered": ANY}
    )


def test_it_replaces_the_file_atomically_and_leaves_no_temporary_file(owner, tmp_path):
    path = tmp_path / "backup.json"
    path.write_text("old", encoding="utf-8")
    make_network(owner)
    backup_write(owner=owner, path=path)
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == BACKUP_FORMAT


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_it_removes_what_a_killed_backup_left_and_keeps_what_a_running_one_writes(owner, tmp_path):
    path = tmp_path / "backup.json"
    killed = tmp_path / f".backup.json.{dead_pid()}.k1ll3d_x.tmp"
    killed.write_bytes(b"{" * 1000)
    running = tmp_path / f".backup.json.{os.getppid()}.runn1ng_.tmp"
    running.write_bytes(b"{")
    hung = tmp_path / f".backup.json.{os.getppid()}.hung0000.tmp"
    hung.write_bytes(b"{")
    hour_ago = time.time() - 3700
    os.utime(hung, (hour_ago, hour_ago))
    older_tiebook = tmp_path / ".backup.json.abcdefgh.tmp"  # no pid, an hour old
    older_tiebook.write_bytes(b"{")
    os.utime(older_tiebook, (hour_ago, hour_ago))
    other_target = tmp_path / f".other.json.{dead_pid()}.k1ll3d_x.tmp"
    other_target.write_bytes(b"{")
    backup_write(owner=owner, path=path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["backup.json", running.name, other_target.name]
    )


def test_it_says_when_the_file_cannot_be_written(owner, tmp_path):
    with pytest.raises(ValidationError) as caught:
        backup_write(owner=owner, path=tmp_path / "missing" / "backup.json")
    assert str(caught.value) == "backup.json cannot be written: No such file or directory."


@pytest.mark.django_db(transaction=True)
def test_it_backs_up_in_a_transaction_of_its_own(owner, outsider, tmp_path):
    # Outside any transaction the backup opens its own (REPEATABLE READ on PostgreSQL).
    make_network(owner)
    path = tmp_path / "backup.json"
    backup_write(owner=owner, path=path)
    backup_restore(owner=outsider, document=backup_read(path=path))
    assert numbered(backup_dump(owner=outsider)) == numbered(backup_dump(owner=owner))


# the document


def test_it_heads_the_document_with_format_and_versions_and_no_clock(owner):
    document = backup_dump(owner=owner)
    assert list(document)[:4] == ["format", "version", "tiebook_version", "owner"]
    assert document["format"] == BACKUP_FORMAT
    assert document["version"] == BACKUP_VERSION == 3
    assert document["tiebook_version"] == __version__
    assert document["owner"] == {"name": "", "email": ""}
    assert list(document)[4:] == [spec.key for spec in SECTIONS]


def test_each_record_says_what_the_orm_reads_from_its_row(owner):
    """Records are written from the driver's values; they must say what the ORM's say."""
    make_network(owner)
    document = backup_dump(owner=owner)
    for spec in SECTIONS:
        expected = [
            {"ref": row["id"], **dump.encode(spec, row)} for row in dump.rows(spec, owner=owner)
        ]
        found = [
            {key: record[key] for key in ("ref", *spec.fields)} for record in document[spec.key]
        ]
        assert found == expected, spec.key
    for part in PERSON_PARTS:
        expected = {}
        for row in part.model.objects.filter(owner=owner).order_by(*dump.ORDER).values():
            expected.setdefault(row["person_id"], []).append(dump.encode(part, row))
        found = {p["ref"]: p[part.key] for p in document[PEOPLE.key] if p[part.key]}
        assert found == expected, part.key


def test_it_writes_every_field_of_a_person_with_references_not_ids(owner):
    make_network(owner)
    people = numbered(backup_dump(owner=owner))["people"]
    assert [p["ref"] for p in people] == [1, 2, 3, 4]  # positions in (created_at, id) order
    assert [p["display_name"] for p in people] == [
        "Bare",
        "Ada2 Lovelace",
        "Ada1 Lovelace",
        "Ada0 Lovelace",
    ]
    assert people[1] == {
        "ref": 2,
        "display_name": "Ada2 Lovelace",
        "given_name": "Ada2",
        "family_name": "Lovelace",
        "nickname": "Countess",
        "search_name": "ada2 lovelace",
        "headline": "Analyst “of engines”",
        "organization": 1,
        "department": "R&D",
        "location": "London",
        "birthday_year": 1815,
        "birthday_month": 12,
        "birthday_day": 10,
        "how_met": "At a salon,\nwith Babbage",
        "introduced_by": 4,
        "notes": "Notes ★",
        "expertise": ["engines", "poetry"],
        "circle": 15,
        "interval_days": 21,
        "snoozed_until": "2024-04-01",
        "archived_at": "2024-03-01T09:33:15.123456Z",
        "last_interaction_at": "2024-03-01T09:34:15.123456Z",
        "next_due_on": "2024-05-01",
        "followup_interval_days": 21,
        "tie_strength": 73,
        "created_at": "2024-03-01T11:08:15.123456Z",
        "updated_at": "2024-03-01T17:50:15.123456Z",
        "types": [
            {"type": "friend", "created_at": "2024-03-01T09:36:15.123456Z"},
            {"type": "mentor", "created_at": "2024-03-01T09:37:15.123456Z"},
        ],
        "tags": [{"tag": 1, "created_at": "2024-03-01T09:38:15.123456Z"}],
        "contact_points": [
            {
                "kind": "email",
                "value": "Ada@Example.com",
                "normalized": "ada@example.com",
                "label": "work",
                "is_primary": True,
                "created_at": "2024-03-01T09:39:15.123456Z",
            },
            {
                "kind": "phone",
                "value": "+44 20 7946 0000",
                "normalized": "+442079460000",
                "label": "mobile",
                "is_primary": False,
                "created_at": "2024-03-01T09:39:15.123456Z",
            },
        ],
    }


def test_it_names_participants_and_linked_records_by_reference(owner):
    make_network(owner)
    document = numbered(backup_dump(owner=owner))
    # Equal created_at: the older row (lower id) comes first.
    assert [o["name"] for o in document["organizations"]] == ["Acme Ltd", "Acme Two"]
    assert document["interactions"][0] == {
        "ref": 1,
        "occurred_at": "2024-03-01T09:28:15.123456Z",
        "kind": "meal",
        "direction": "incoming",
        "summary": "Lunch 2",
        "notes": "Talked engines",
        "source": "gmail",
        "external_id": "msg-2",
        "created_at": "2024-03-01T12:48:15.123456Z",
        "participants": [2, 1],
    }
    assert document["knowledge_shares"][1]["interaction"] == 3
    assert document["knowledge_shares"][0]["interaction"] is None
    assert document["relationships"][0]["from_person"] == 4
    assert document["tasks"][0] == {
        "ref": 1,
        "person": None,
        "direction": "i_owe",
        "description": "Plan the year",
        "due_on": None,
        "done_at": None,
        "created_at": "2024-03-01T09:44:15.123456Z",
    }
    assert document["type_intervals"] == [
        {"ref": 1, "type": "mentor", "days": 14, "created_at": "2024-03-01T09:35:15.123456Z"}
    ]


def test_it_keeps_another_owners_rows_out_of_the_backup(owner, outsider):
    make_network(owner)
    make_network(outsider, name="Secret")
    text = json.dumps(backup_dump(owner=owner), ensure_ascii=False)
    assert "Secret" not in text
    assert len(backup_dump(owner=owner)["people"]) == 4


def test_it_covers_every_field_of_every_owned_model():
    from tiebook.interchange.models import ImportChange
    from tiebook.search.models import PersonVector

    """A model or field added later fails here until the backup carries it."""
    carried = {spec.model: set(spec.fields) for spec in (*SECTIONS, *PERSON_PARTS, IMPORT_CHANGES)}
    implied = {model: {"person"} for model in (PersonType, PersonTag, ContactPoint)}
    # A change is its run's; the rows it names are its "objects", named as the backup names them.
    implied[ImportChange] = {"run", "object_id", "object_ids"}
    # A participant is its interaction's person list; the rest it copies from the interaction.
    carried[Participant] = {"interaction", "person", "occurred_at", "created_at"}
    # Sentence vectors are read again from the restored network (tiebook reindex): not backed up.
    derived = {PersonVector}
    owned = {m for m in apps.get_models() if issubclass(m, OwnedModel)} - derived
    # A person's count of interactions is counted again from the restored history.
    implied[Person] = {"interaction_count"}
    assert owned == set(carried)
    for model in owned:
        fields = {f.name for f in model._meta.concrete_fields} - {"id", "owner"}
        assert fields == carried[model] | implied.get(model, set()), model.__name__


# restore refuses


def test_it_restores_only_into_an_empty_network(owner):
    make_network(owner)
    before = counts(owner)
    with pytest.raises(Conflict) as caught:
        backup_restore(owner=owner, document=backup_dump(owner=owner))
    assert str(caught.value) == "Restore needs an empty network; this one has 4 people."
    assert counts(owner) == before


def test_it_counts_what_stands_in_the_way_of_a_restore(owner, outsider):
    Tag.objects.create(owner=outsider, name="x", name_key="x")
    with pytest.raises(Conflict) as caught:
        backup_restore(owner=outsider, document=backup_dump(owner=owner))
    assert str(caught.value) == "Restore needs an empty network; this one has 1 tag."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{\n "format": "tiebook-backup",\n "version": 1\n "people": []\n}',
            "backup.json is not a tiebook backup: line 4, column 2: Expecting ',' delimiter.",
        ),
        ("", "backup.json is not a tiebook backup: line 1, column 1: Expecting value."),
        ("[1, 2]", "backup.json is not a tiebook backup: it holds a list, not an object."),
        (
            '{"format": "vcard", "version": 1}',
            'backup.json is not a tiebook backup: its format is "vcard".',
        ),
        ('{"version": 1}', 'backup.json is not a tiebook backup: it has no "format".'),
        (
            '{"format": "tiebook-backup", "version": 9}',
            "backup.json is a tiebook backup of version 9; this tiebook reads versions 1 to 3.",
        ),
        (
            '{"format": "tiebook-backup", "version": "1"}',
            'backup.json is not a tiebook backup: its version is "1".',
        ),
        (
            '{"format": "tiebook-backup", "version": 1, "people": [NaN]}',
            "backup.json is not a tiebook backup: it holds NaN, which JSON does not allow.",
        ),
    ],
)
def test_it_reads_only_tiebook_backups(tmp_path, text, message):
    path = tmp_path / "backup.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        backup_read(path=path)
    assert str(caught.value) == message


def test_it_names_a_file_that_is_not_utf8_or_not_there(tmp_path):
    path = tmp_path / "backup.json"
    path.write_bytes(b'{"format": "\xff"}')
    with pytest.raises(ValidationError) as caught:
        backup_read(path=path)
    assert str(caught.value) == "backup.json is not a tiebook backup: it is not UTF-8 text."
    with pytest.raises(ValidationError) as caught:
        backup_read(path=tmp_path / "gone.json")
    assert str(caught.value) == "gone.json cannot be read: No such file or directory."


def test_it_reads_back_what_it_wrote(owner, tmp_path):
    make_network(owner)
    path = tmp_path / "backup.json"
    backup_write(owner=owner, path=path)
    assert backup_read(path=path) == backup_dump(owner=owner)


def _break(document: dict, section: str, index: int, key: str, value) -> None:
    document[section][index][key] = value


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda d: d.update(version=9),
            "The document is a tiebook backup of version 9; this tiebook reads versions 1 to 3.",
        ),
        (
            lambda d: d.update(format="csv"),
            'The document is not a tiebook backup: its format is "csv".',
        ),
        (lambda d: d.pop("tasks"), 'The document is not a tiebook backup: it has no "tasks" list.'),
        (
            lambda d: d.update(gossip=[]),
            'The document is not a tiebook backup: it has an unknown section "gossip".',
        ),
        (
            lambda d: d["interactions"][2]["participants"].append(99),
            "Backup interaction 3 names person 99, which is not in the backup.",
        ),
        (
            lambda d: d["interactions"][0]["participants"].append(2),
            "Backup interaction 1 names person 2 twice.",
        ),
        (
            lambda d: _break(d, "knowledge_shares", 1, "interaction", 7),
            "Backup knowledge share 2 names interaction 7, which is not in the backup.",
        ),
        (
            lambda d: _break(d, "people", 0, "introduced_by", 40),
            "Backup person 1 names person 40, which is not in the backup.",
        ),
        (
            lambda d: d["people"][1]["tags"][0].update(tag=5),
            "Backup person 2, tag 1, names tag 5, which is not in the backup.",
        ),
        (lambda d: _break(d, "people", 1, "ref", 1), "Backup person 1 appears twice."),
        (
            lambda d: _break(d, "people", 1, "ref", "two"),
            'Record 2 of "people" has no "ref" (a whole number from 1).',
        ),
        (lambda d: d["people"][1].pop("display_name"), 'Backup person 2 has no "display_name".'),
        (
            lambda d: _break(d, "people", 1, "nicknmae", "x"),
            'Backup person 2 has an unknown field "nicknmae".',
        ),
        (
            lambda d: _break(d, "people", 1, "circle", 7),
            'Backup person 2 has a bad "circle": expected one of 5, 15, 50, 150, found 7.',
        ),
        (
            lambda d: _break(d, "people", 1, "tie_strength", 101),
            'Backup person 2 has a bad "tie_strength": expected a whole number from 0 to 100, '
            "found 101.",
        ),
        (
            lambda d: _break(d, "people", 1, "archived_at", "2024-03-01T10:00:00"),
            'Backup person 2 has a bad "archived_at": expected an ISO 8601 date and time in UTC, '
            'found "2024-03-01T10:00:00".',
        ),
        (
            lambda d: _break(d, "people", 1, "next_due_on", "1/5/2024"),
            'Backup person 2 has a bad "next_due_on": expected a date as YYYY-MM-DD, '
            'found "1/5/2024".',
        ),
        (
            lambda d: _break(d, "people", 1, "nickname", "x" * 121),
            'Backup person 2 has a bad "nickname": longer than 120 characters.',
        ),
        (
            lambda d: _break(d, "people", 1, "expertise", None),
            'Backup person 2 has a bad "expertise": expected a value, found null.',
        ),
        (
            lambda d: d["people"][1]["contact_points"][0].update(is_primary="yes"),
            'Backup person 2, contact point 1, has a bad "is_primary": expected true or false, '
            'found "yes".',
        ),
        (
            lambda d: d["people"][1]["types"].append(dict(d["people"][1]["types"][0])),
            'Backup person 2, type 3, repeats the "type" of type 1.',
        ),
        (
            lambda d: _break(d, "tags", 0, "name", 5),
            'Backup tag 1 has a bad "name": expected text, found 5.',
        ),
        (
            lambda d: _break(d, "organizations", 1, "name_key", "acme ltd"),
            'Backup organization 2 repeats the "name_key" of organization 1.',
        ),
        (
            lambda d: _break(d, "relationships", 0, "to_person", 4),
            "Backup relationship 1 ties person 4 to person 4.",
        ),
        (
            lambda d: _break(d, "interactions", 1, "external_id", "msg-2"),
            'Backup interaction 2 repeats the "source" and "external_id" of interaction 1.',
        ),
        (
            lambda d: _break(d, "tasks", 0, "person", 0),
            'Backup task 1 has a bad "person": expected a reference number, found 0.',
        ),
        (
            lambda d: _break(d, "type_intervals", 0, "days", 0),
            'Backup type interval 1 has a bad "days": '
            "expected a whole number from 1 to 2147483647, found 0.",
        ),
    ],
)
def test_it_names_the_record_that_cannot_be_restored_and_writes_nothing(
    owner, outsider, mutate, message
):
    make_network(owner)
    document = numbered(backup_dump(owner=owner))
    mutate(document)
    with pytest.raises(ValidationError) as caught:
        backup_restore(owner=outsider, document=document)
    assert str(caught.value) == message
    assert not any(counts(outsider).values())


def test_it_writes_nothing_when_the_database_refuses_part_way(owner, outsider, monkeypatch):
    make_network(owner)
    document = backup_dump(owner=owner)

    def refuse(*args, **kwargs):
        raise IntegrityError("CHECK constraint failed: task_is_sane")

    monkeypatch.setattr(Task.objects, "bulk_create", refuse)
    with pytest.raises(ValidationError) as caught:
        backup_restore(owner=outsider, document=document)
    assert str(caught.value) == (
        "The backup could not be restored: the database refused it "
        "(CHECK constraint failed: task_is_sane)."
    )
    assert not any(counts(outsider).values())


def test_it_restores_blank_and_null_values_as_they_were(owner, outsider):
    Person.objects.create(owner=owner, display_name="Only a name", search_name="only a name")
    document = backup_dump(owner=owner)
    backup_restore(owner=outsider, document=document)
    restored = Person.objects.get(owner=outsider)
    assert (restored.organization, restored.introduced_by, restored.circle) == (None, None, None)
    assert restored.expertise == []
    assert numbered(backup_dump(owner=outsider)) == numbered(document)


def test_it_keeps_updated_at_and_forward_introductions(owner, outsider):
    make_network(owner)
    backup_restore(owner=outsider, document=backup_dump(owner=owner))
    introduced = Person.objects.get(owner=outsider, display_name="Ada2 Lovelace")
    assert introduced.updated_at == at(500)
    assert introduced.introduced_by.display_name == "Ada0 Lovelace"
    meal = Interaction.objects.get(owner=outsider, external_id="msg-0")
    assert {p.occurred_at for p in Participant.objects.filter(interaction=meal)} == {at(0)}


# query counts


@pytest.fixture
def roomy_sqlite(monkeypatch):
    """Django caps SQLite at 999 parameters, so it splits one bulk insert of 50 people into
    two; lift the cap to what this SQLite allows so the counts show only this code's queries."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        monkeypatch.setattr(connection.features, "max_query_params", limit)


def queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_it_dumps_in_a_fixed_number_of_queries(owner, outsider):
    make_network(owner, people=10)
    make_network(outsider, people=50)
    small = queries(lambda: backup_dump(owner=owner))
    assert small == queries(lambda: backup_dump(owner=outsider))
    assert small <= 7 + len(SECTIONS)  # one per section


def test_its_queries_grow_with_the_chunks_of_rows_not_with_the_rows(owner, outsider, monkeypatch):
    monkeypatch.setattr(dump, "CHUNK", 2)
    make_network(owner, people=2)  # 3 people, 2 interactions
    make_network(outsider, people=9)  # 10 people, 9 interactions
    small = queries(lambda: backup_dump(owner=owner))
    large = queries(lambda: backup_dump(owner=outsider))

    def per_chunks(people: int, interactions: int) -> int:
        # a chunk of people reads their types, tags and contact points; a chunk of
        # interactions their participants; every other section is one query however long
        return 3 * math.ceil(people / 2) + math.ceil(interactions / 2)

    assert large - small == per_chunks(10, 9) - per_chunks(3, 2)
    assert len(backup_dump(owner=outsider)[PEOPLE.key]) == 10


def test_it_restores_in_a_fixed_number_of_queries(owner, outsider, django_user_model, roomy_sqlite):
    make_network(owner, people=10)
    make_network(outsider, people=50)
    small, large = backup_dump(owner=owner), backup_dump(owner=outsider)
    first = django_user_model.objects.create(username="first")
    second = django_user_model.objects.create(username="second")
    count = queries(lambda: backup_restore(owner=first, document=small))
    assert count == queries(lambda: backup_restore(owner=second, document=large))
    # a look for taken ids and a write per section, the owner, and the statistics refreshed;
    # each networking section adds its emptiness check, its look for taken ids and its write
    assert count <= 40 + 3 * len(NETWORKING)
    assert len(backup_dump(owner=second)[PEOPLE.key]) == 51


# versions and history


def test_it_still_restores_a_version_1_backup_with_new_ids(owner, outsider):
    make_network(owner)
    document = numbered(backup_dump(owner=owner))
    document.update(version=1)
    del document["owner"]
    for spec in SECTIONS:
        if spec.since > 1:
            del document[spec.key]
    summary = backup_restore(owner=outsider, document=copy.deepcopy(document))
    assert summary.renumbered == ()  # a version 1 file knew no ids to keep
    restored = numbered(backup_dump(owner=outsider))
    assert {k: v for k, v in restored.items() if k in document and k != "version"} == {
        k: v for k, v in document.items() if k != "version"
    }


def test_it_still_restores_a_version_2_backup_which_had_no_networking_sections(owner, outsider):
    make_network(owner)
    document = numbered(backup_dump(owner=owner))
    document.update(version=2)
    for spec in SECTIONS:
        if spec.since > 2:
            del document[spec.key]
    backup_restore(owner=outsider, document=copy.deepcopy(document))
    restored = numbered(backup_dump(owner=outsider))
    assert {k: v for k, v in restored.items() if k in document and k != "version"} == {
        k: v for k, v in document.items() if k != "version"
    }


def test_it_names_an_undo_log_entry_that_cannot_be_restored(owner, outsider):
    make_network(owner)
    document = numbered(backup_dump(owner=owner))
    change = {
        "action": "created",
        "model": "people.Person",
        "field": "",
        "old_value": None,
        "created_at": "2024-03-01T09:30:00Z",
        "objects": [1, 40],
    }
    document["import_runs"] = [
        {
            "ref": 1,
            "source": "vcard",
            "file_name": "phone.vcf",
            "file_hash": "0" * 64,
            "created": 1,
            "updated": 0,
            "merged": 0,
            "skipped": 0,
            "failed": 0,
            "interactions": 0,
            "problems": [],
            "notes": [],
            "undone_at": None,
            "created_at": "2024-03-01T09:30:00Z",
            "changes": [change],
        }
    ]
    with pytest.raises(ValidationError) as caught:
        backup_restore(owner=outsider, document=document)
    assert (
        str(caught.value) == "Backup import run 1, change 1, names 40, which is not in the backup."
    )
    change["objects"] = [1]
    change["model"] = "people.Secret"
    with pytest.raises(ValidationError) as caught:
        backup_restore(owner=outsider, document=document)
    assert str(caught.value) == (
        'Backup import run 1, change 1, names rows of "people.Secret", which tiebook does not log.'
    )
    assert not any(counts(outsider).values())
