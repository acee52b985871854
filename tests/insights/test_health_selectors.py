"""Network health counted from a small hand-built network whose every answer is known."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import TODAY, frozen, log, make_person
from tiebook.accounts.selectors import ProfileData
from tiebook.accounts.services import profile_set
from tiebook.events.models import Event, EventPerson
from tiebook.insights.health_selectors import employer_of, network_health
from tiebook.interactions.references import reference_add
from tiebook.opportunities.referrals import referral_record
from tiebook.people.models import Person
from tiebook.people.services import relationship_add

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock():
    with frozen():
        yield


def _strength(person: Person, score: int) -> None:
    """Tie strength is computed from history elsewhere; here it is set so the labels are known."""
    Person.objects.filter(pk=person.pk).update(tie_strength=score)


@pytest.fixture
def network(owner, outsider):
    """Sam (supervisor at Acme, strong), Cat (colleague at Acme, moderate) and Max (mentor,
    moderate) talked lately; Fay (family, weak) is a reference; Old Friend had 8 talks over two
    years and went quiet four years ago; Quinn (contractor) had 2 talks five years ago; Nia
    (financial expert) and Zed were never contacted. Sam knows Cat, Cat and Max met together,
    Max knows Zed."""
    profile_set(owner=owner, data=ProfileData(headline="Data engineer at Acme"))
    sam = make_person(owner, "Sam Boss", types=["direct_supervisor"], organization="Acme", circle=5)
    cat = make_person(owner, "Cat Colleague", types=["colleague"], organization="Acme", circle=5)
    max_ = make_person(owner, "Max Mentor", types=["mentor"], organization="Elsewhere", circle=15)
    fay = make_person(owner, "Fay Family", types=["family"], added_days_ago=200)
    old = make_person(owner, "Old Friend", types=["friend"], added_days_ago=2500)
    quinn = make_person(owner, "Quinn Contractor", types=["contractor"], added_days_ago=2500)
    make_person(owner, "Nia Numbers", types=["financial_expert"])
    zed = make_person(owner, "Zed Stranger")
    log(owner, sam, "1:1", days_ago=2)
    log(owner, [cat, max_], "Design review", days_ago=10)
    log(owner, max_, "Mentoring", days_ago=40)
    log(owner, fay, "Dinner", days_ago=100)
    for days in (2190, 2086, 1982, 1877, 1773, 1669, 1564, 1460):  # 8 talks, six years ago to four
        log(owner, old, "Catch-up", days_ago=days)
    log(owner, quinn, "Kick-off", days_ago=1830)
    log(owner, quinn, "Wrap-up", days_ago=1825)
    relationship_add(owner=owner, person=sam, other=cat, kind="knows")
    relationship_add(owner=owner, person=max_, other=zed, kind="knows")
    reference_add(owner=owner, person=fay, skill="Python", today=TODAY, agreed=True)
    referral_record(owner=owner, person=max_, direction="asked", what="Intro to Globex")
    for person, score in ((sam, 70), (cat, 40), (max_, 45), (fay, 20)):
        _strength(person, score)
    # Another owner's network is never counted.
    theirs = make_person(outsider, "Lee Licence", types=["licensing_authority"], circle=5)
    log(outsider, theirs, "Renewal", days_ago=1)
    return {"sam": sam, "cat": cat, "max": max_, "fay": fay, "old": old, "zed": zed}


def test_each_figure_of_the_hand_built_network(owner, network):
    found = network_health(owner=owner, today=TODAY)
    assert found.people == 8
    assert found.coverage.covered == 7
    assert {t.code for t in found.coverage.missing} == {
        "interdepartmental",
        "consultant",
        "government_body",
        "licensing_authority",
        "educator",
    }
    shares = {c.category: c.people for c in found.categories.categories}
    assert shares == {"operational": 2, "strategic": 2, "personal": 3}
    assert found.strength == {"strong": 1, "moderate": 2, "weak": 1, "dormant": 2, "new": 2}
    assert (found.employer.employer, found.employer.how) == ("Acme", "from your headline")
    assert (found.employer.close_ties, found.employer.at_employer) == (3, 2)
    followups = {c.category: (c.on_time, c.overdue) for c in found.followups.categories}
    # Cat's circle 5 asks for a weekly touch, and the last was 10 days ago; Nia, never
    # contacted, is due from the day she was added (today); Quinn, Fay and Old Friend are late.
    assert followups == {"operational": (1, 1), "strategic": (1, 1), "personal": (1, 2)}
    assert (found.followups.on_time, found.followups.overdue) == (3, 4)  # Zed has no rhythm
    assert (found.give_ask.gave, found.give_ask.asked) == (0, 1)
    assert (found.family.advocates, found.family.names) == (2, ["Fay Family"])
    assert [(p.name, p.why) for p in found.reconnect.people] == [
        ("Old Friend", "8 talks over 2 years, last in 2022")
    ]
    assert [(c.circle, c.people) for c in found.circles.circles] == [
        (5, 2),
        (15, 1),
        (50, 0),
        (150, 0),
    ]
    # November: Sam's 1:1, the design review, and asking Max for the referral (logged today).
    assert found.touches[-1] == ("2026-11", 3)
    assert found.touches[-2] == ("2026-10", 1)
    assert found.touches[0] == ("2025-12", 0)
    assert found.touches[-4] == ("2026-08", 1)
    assert sum(n for _, n in found.touches) == 5


def test_brokerage_over_the_hand_built_network(owner, network):
    brokerage = network_health(owner=owner, today=TODAY).brokerage
    # The closest ties talked to within three years, strongest first: Sam, Max, Cat, Fay.
    assert (brokerage.ego.contacts, brokerage.ego.ties_among) == (4, 2)
    assert (brokerage.people, brokerage.ties) == (4, 3)  # Sam - Cat - Max - Zed
    assert [(b.name, round(b.betweenness, 3)) for b in brokerage.brokers] == [
        ("Cat Colleague", 0.667),
        ("Max Mentor", 0.667),
    ]
    assert brokerage.brokers[0].why == (
        "links 2 people who are not tied to each other: Max Mentor and Sam Boss"
    )


def test_people_met_at_one_event_are_tied(owner, network):
    event = Event.objects.create(
        owner=owner, name="PyCon", name_key="pycon", starts_on=TODAY, ends_on=TODAY
    )
    for key in ("fay", "zed"):
        EventPerson.objects.create(
            owner=owner, event=event, person=network[key], role=EventPerson.ATTENDING
        )
    brokerage = network_health(owner=owner, today=TODAY).brokerage
    assert brokerage.ties == 4
    assert brokerage.brokers[0].name == "Max Mentor"  # the middle of Sam, Cat, Max, Zed, Fay


def test_the_employer_falls_back_to_where_most_supervisors_work(owner):
    make_person(owner, "Sam Boss", types=["direct_supervisor"], organization="Acme")
    make_person(owner, "Sue Boss", types=["direct_supervisor"], organization="Globex")
    make_person(owner, "Stu Boss", types=["direct_supervisor"], organization="Globex")
    found = employer_of(owner=owner)
    assert (found.name, found.how) == ("Globex", "where most of your supervisors work")


def test_a_headline_naming_no_known_organisation_is_not_the_employer(owner):
    profile_set(owner=owner, data=ProfileData(headline="Builder at Nowhere Inc"))
    make_person(owner, "Cat Colleague", types=["colleague"], organization="Acme")
    assert employer_of(owner=owner).how == "where most of your colleagues work"


def test_an_empty_network_reads_as_empty(owner):
    found = network_health(owner=owner, today=TODAY)
    assert found.people == 0
    assert found.employer.employer is None
    assert found.brokerage.ego.contacts == 0
    assert found.reconnect.people == []


def test_archived_people_are_not_counted(owner, network):
    Person.objects.filter(pk=network["old"].pk).update(archived_at=dt.datetime.now(dt.UTC))
    found = network_health(owner=owner, today=TODAY)
    assert found.people == 7
    assert found.reconnect.people == []


def test_the_queries_do_not_grow_with_the_network(owner, network, django_assert_max_num_queries):
    for n in range(30):
        person = make_person(owner, f"Extra {n}", types=["friend"])
        log(owner, [person, network["sam"]], "Standup", days_ago=n)
    with django_assert_max_num_queries(40):
        network_health(owner=owner, today=TODAY)
