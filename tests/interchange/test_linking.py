"""Meetings and mail: the owner's own addresses, direction, declined meetings, "knows" ties and
adding the unknown participants as people."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import frozen, make_person, network_dump
from tests.interchange.conftest import StubFormat
from tiebook.accounts.services import own_addresses_set
from tiebook.core.errors import ValidationError
from tiebook.interactions.models import Interaction
from tiebook.interchange import registry
from tiebook.interchange.importing import import_file
from tiebook.interchange.records import (
    InteractionRecord,
    Labeled,
    ParseResult,
    PersonRecord,
    PersonRef,
)
from tiebook.interchange.undo import import_undo
from tiebook.people.models import Person, Relationship

pytestmark = pytest.mark.django_db

ME = "ada@work.example"


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


@pytest.fixture
def me(owner):
    own_addresses_set(owner=owner, add=[ME, "ada@home.example"])
    return owner


def mail(number: int, sender: str, *to: str, kind="email", **fields) -> InteractionRecord:
    people = [PersonRef(email=sender, role="from")] + [PersonRef(email=a, role="to") for a in to]
    return InteractionRecord(
        ref=f"message {number}",
        occurred_at=dt.datetime(2026, 11, number, 10, tzinfo=dt.UTC),
        kind=kind,
        summary=f"Mail {number}",
        participants=people,
        acquainted=True,
        **{"external_id": f"m{number}@example", **fields},
    )


def test_own_addresses_set_direction_and_are_never_people(me, source):
    grace = make_person(me, "Grace Hopper", emails=["grace@navy.example"])
    path = source(
        ParseResult(
            interactions=[
                mail(1, "ADA@work.example", "grace@navy.example"),
                mail(2, "grace@navy.example", "ada@home.example"),
            ]
        )
    )
    report = import_file(owner=me, path=path, add_people=True)
    assert report.counts["interactions"] == 2
    got = list(Interaction.objects.order_by("occurred_at").values_list("summary", "direction"))
    assert got == [("Mail 1", "outgoing"), ("Mail 2", "incoming")]
    assert list(Person.objects.values_list("pk", flat=True)) == [grace.pk]  # Ada is not a person


def test_a_meeting_the_owner_declined_is_not_imported(me, source):
    make_person(me, "Grace Hopper", emails=["grace@navy.example"])
    meeting = InteractionRecord(
        ref="event 1",
        occurred_at=dt.datetime(2026, 11, 2, 15, tzinfo=dt.UTC),
        kind="meeting",
        summary="Review",
        external_id="uid-1",
        direction="mutual",
        participants=[
            PersonRef(email="grace@navy.example", role="organizer"),
            PersonRef(email=ME, role="attendee", status="declined"),
        ],
    )
    report = import_file(owner=me, path=source(ParseResult(interactions=[meeting])))
    assert report.counts["interactions"] == 0
    assert report.notes == ["1 meeting you declined not imported."]
    assert not Interaction.objects.exists()


def test_people_on_one_mail_know_each_other_once_and_undo_removes_the_ties(me, source):
    for name in ("Grace Hopper", "Alan Turing", "Edsger Dijkstra"):
        make_person(me, name, emails=[f"{name.split()[0].lower()}@example.org"])
    before = network_dump(owner=me)
    path = source(
        ParseResult(
            interactions=[
                mail(1, ME, "grace@example.org", "alan@example.org", "edsger@example.org"),
                mail(2, "alan@example.org", "grace@example.org", ME),
            ]
        )
    )
    run = import_file(owner=me, path=path)
    ties = {
        (t.from_person.display_name, t.to_person.display_name, t.kind)
        for t in Relationship.objects.select_related("from_person", "to_person")
    }
    assert ties == {
        ("Grace Hopper", "Alan Turing", "knows"),
        ("Grace Hopper", "Edsger Dijkstra", "knows"),
        ("Alan Turing", "Edsger Dijkstra", "knows"),
    }
    assert "3 new 'knows' ties between people on the same mail." in run.notes
    import_undo(owner=me, run_id=run.run_id)
    assert network_dump(owner=me) == before


def test_a_mail_to_a_crowd_makes_no_ties(me, source):
    crowd = [f"p{n}@example.org" for n in range(9)]
    for address in crowd:
        make_person(me, address.split("@")[0], emails=[address])
    import_file(owner=me, path=source(ParseResult(interactions=[mail(1, ME, *crowd)])))
    assert Interaction.objects.get().people.count() == 9
    assert not Relationship.objects.exists()


def test_add_people_makes_the_unknown_correspondents_people_once(me, source):
    records = [
        InteractionRecord(
            ref="message 1",
            occurred_at=dt.datetime(2026, 11, 3, 9, tzinfo=dt.UTC),
            kind="email",
            summary="Hello",
            external_id="x1",
            participants=[
                PersonRef(name="Grace Hopper", email="Grace@Navy.example", role="from"),
                PersonRef(name="Ada", email=ME, role="to"),
            ],
        ),
        mail(4, ME, "grace@navy.example"),
    ]
    path = source(ParseResult(interactions=records))
    report = import_file(owner=me, path=path, add_people=True)
    assert (report.counts["created"], report.counts["interactions"]) == (1, 2)
    grace = Person.objects.get()
    assert grace.display_name == "Grace Hopper"
    assert grace.interactions.count() == 2
    again = import_file(owner=me, path=path, add_people=True)
    assert (again.counts["created"], again.counts["interactions"]) == (0, 0)


def test_without_add_people_unknown_correspondents_are_left_out(me, source):
    report = import_file(owner=me, path=source(ParseResult(interactions=[mail(1, ME, "x@y.org")])))
    assert (report.counts["created"], report.counts["interactions"]) == (0, 0)
    assert not Person.objects.exists()


def test_a_contact_card_with_the_owners_address_is_not_made_a_person(me, source):
    cards = [
        PersonRecord(ref="card 1", name="Ada Lovelace", emails=[Labeled("ada@home.example")]),
        PersonRecord(ref="card 2", name="Grace Hopper", emails=[Labeled("grace@navy.example")]),
    ]
    report = import_file(owner=me, path=source(ParseResult(people=cards)))
    assert list(Person.objects.values_list("display_name", flat=True)) == ["Grace Hopper"]
    assert report.notes == ["card 1: your own address (see 'tiebook me'); not a person."]


def test_an_option_the_format_does_not_take_is_one_sentence(owner, source, monkeypatch):
    class Plain(StubFormat):
        def parse(self, path):
            return self.result

    path = source(ParseResult())
    monkeypatch.setattr(registry, "formats", lambda: [Plain(ParseResult())])
    with pytest.raises(ValidationError, match=r"^--since does not apply to stub files\.$"):
        import_file(owner=owner, path=path, options={"since": dt.date(2026, 1, 1)})


def test_vouches_are_kept_once_for_known_people_and_undone_and_merged(owner, source):
    from tiebook.interactions.models import Vouch
    from tiebook.interchange.records import VouchRecord
    from tiebook.people.merging import person_merge

    ada = make_person(owner, "Ada Quinlan", urls=["https://www.linkedin.com/in/ada-quinlan"])
    vouches = [
        VouchRecord(
            ref="Endorsement_Received_Info.csv line 2",
            kind="endorsement",
            person=PersonRef(name="Ada Q", profile_url="www.linkedin.com/in/ada-quinlan/"),
            skill="Python",
            given_on=dt.date(2023, 6, 5),
            external_id="e1",
        ),
        VouchRecord(
            ref="Recommendations_Received.csv line 2",
            kind="recommendation",
            person=PersonRef(name="Nobody Known"),
            text="Great.",
            external_id="r1",
        ),
    ]
    path = source(ParseResult(vouches=vouches))
    report = import_file(owner=owner, path=path)
    assert report.counts["vouches"] == 1
    assert report.notes == [
        "1 endorsement or recommendation from people not in your network not kept."
    ]
    assert list(Vouch.objects.values_list("person_id", "kind", "skill")) == [
        (ada.pk, "endorsement", "Python")
    ]
    assert import_file(owner=owner, path=path).counts["vouches"] == 0
    twin = make_person(owner, "Ada Quinlan")
    person_merge(owner=owner, keep=twin, other=ada)
    assert list(Vouch.objects.values_list("person_id", flat=True)) == [twin.pk]
    import_undo(owner=owner, run_id=report.run_id)
    assert not Vouch.objects.exists()


def test_a_dry_run_counts_the_interactions_exactly_and_writes_nothing(me, source):
    make_person(me, "Grace Hopper", emails=["grace@navy.example"])
    records = [
        mail(1, ME, "grace@navy.example"),
        mail(2, "alan@example.org", ME),
        mail(3, "nobody@example.org", "ada@home.example"),
    ]
    path = source(ParseResult(interactions=records))
    assert import_file(owner=me, path=path, dry_run=True).counts["interactions"] == 1
    with_people = import_file(owner=me, path=path, dry_run=True, add_people=True)
    assert (with_people.counts["created"], with_people.counts["interactions"]) == (2, 3)
    assert not Interaction.objects.exists()
    assert import_file(owner=me, path=path, add_people=True).counts["interactions"] == 3


def test_long_source_ids_never_collide_and_reimport_changes_nothing(me, source):
    make_person(me, "Grace Hopper", emails=["grace@navy.example"])
    uid = "x" * 295
    records = [mail(n, "grace@navy.example", ME, external_id=f"{uid}/2026-11-0{n}") for n in (1, 2)]
    path = source(ParseResult(interactions=records))
    assert import_file(owner=me, path=path).counts["interactions"] == 2
    assert import_file(owner=me, path=path).counts["interactions"] == 0


def test_mail_dated_in_the_future_is_not_an_interaction(me, source):
    make_person(me, "Grace Hopper", emails=["grace@navy.example"])
    late = mail(1, "grace@navy.example", ME)
    late.occurred_at = dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    report = import_file(owner=me, path=source(ParseResult(interactions=[late])))
    assert report.counts["interactions"] == 0
    assert report.notes == ["1 interaction dated in the future not imported."]


def test_a_dry_run_counts_messages_with_people_it_would_add_by_name(owner, source):
    message = InteractionRecord(
        ref="messages.csv line 2",
        occurred_at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC),
        kind="message",
        summary="Hello",
        external_id="c1:1",
        participants=[PersonRef(name="Zed Quill")],
    )
    path = source(
        ParseResult(people=[PersonRecord(ref="line 2", name="Zed Quill")], interactions=[message])
    )
    assert import_file(owner=owner, path=path, dry_run=True).counts["interactions"] == 1
    assert import_file(owner=owner, path=path).counts["interactions"] == 1


def test_without_own_addresses_mail_says_so_and_will_not_add_people(owner, source):
    path = source(ParseResult(interactions=[mail(1, "grace@navy.example", "me@x.example")]))
    with pytest.raises(ValidationError, match=r"^Tell tiebook your own email addresses first"):
        import_file(owner=owner, path=path, add_people=True)
    assert not Person.objects.exists()


def named_mail(number: int, sender: tuple[str, str], *to: str) -> InteractionRecord:
    record = mail(number, sender[1], *to)
    record.participants[0] = PersonRef(name=sender[0], email=sender[1], role="from")
    return record


def test_mail_from_someone_known_by_name_teaches_their_address(me, source):
    grace = make_person(me, "Grace Hopper", organization="US Navy")
    path = source(
        ParseResult(interactions=[named_mail(1, ("Grace Hopper", "grace@navy.example"), ME)])
    )
    dry = import_file(owner=me, path=path, dry_run=True)
    assert (dry.counts["interactions"], dry.counts["updated"]) == (1, 1)
    assert not grace.contact_points.exists()
    report = import_file(owner=me, path=path)
    assert (report.counts["interactions"], report.counts["updated"]) == (1, 1)
    assert list(grace.contact_points.values_list("kind", "value", "is_primary")) == [
        ("email", "grace@navy.example", True)
    ]
    # The next import finds her by the address, even under another display name.
    later = source(
        ParseResult(interactions=[named_mail(2, ("G. Hopper (Navy)", "grace@navy.example"), ME)])
    )
    again = import_file(owner=me, path=later)
    assert (again.counts["interactions"], again.counts["updated"]) == (1, 0)
    assert grace.participations.count() == 2
    import_undo(owner=me, run_id=again.run_id)
    import_undo(owner=me, run_id=report.run_id)
    assert not grace.contact_points.exists()


def test_an_address_is_not_learned_when_the_name_is_not_unique(me, source):
    make_person(me, "Grace Hopper", organization="US Navy")
    make_person(me, "Grace Hopper", organization="Yale")
    path = source(
        ParseResult(interactions=[named_mail(1, ("Grace Hopper", "grace@navy.example"), ME)])
    )
    report = import_file(owner=me, path=path)
    assert (report.counts["interactions"], report.counts["updated"]) == (0, 0)
    assert not Person.objects.filter(contact_points__isnull=False).exists()


def test_adding_people_from_mail_does_not_duplicate_someone_known_by_name(me, source):
    grace = make_person(me, "Grace Hopper")
    path = source(
        ParseResult(
            interactions=[named_mail(1, ("Grace Hopper", "grace@navy.example"), ME, "ed@x.example")]
        )
    )
    report = import_file(owner=me, path=path, add_people=True)
    assert (report.counts["created"], report.counts["updated"]) == (1, 1)
    assert sorted(Person.objects.values_list("display_name", flat=True)) == [
        "Grace Hopper",
        "ed@x.example",
    ]
    assert grace.contact_points.get().normalized == "grace@navy.example"


def test_a_team_mailbox_links_mail_to_the_one_its_name_is_or_says_so(me, source):
    carol = make_person(me, "Carol Diaz", emails=["support@acme.example"])
    dan = make_person(me, "Dan Ortiz", emails=["support@acme.example"])
    path = source(
        ParseResult(
            interactions=[
                named_mail(1, ("Dan Ortiz", "support@acme.example"), ME),
                named_mail(2, ("Acme Support", "support@acme.example"), ME),
            ]
        )
    )
    report = import_file(owner=me, path=path)
    assert report.counts["interactions"] == 1
    assert (carol.participations.count(), dan.participations.count()) == (0, 1)
    assert report.notes == [
        "Not linked to anyone: support@acme.example, an address several people have, where the "
        "name does not say whose."
    ]
