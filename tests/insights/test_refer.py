"""Who could refer me at an organisation, over plain data: the inverted U, paths, flags."""

from __future__ import annotations

import datetime as dt

from hypothesis import assume, given
from hypothesis import strategies as st

from tiebook.insights.refer import (
    PEAK,
    Contact,
    Edge,
    Insider,
    reach,
    suggestion_dict,
    who_could_refer,
)

TODAY = dt.date(2026, 11, 30)
CAUTION = "family: lean on family sparingly as advocates; others may see their advocacy as biased"


def knows(a: int, b: int) -> Edge:
    return Edge(a, b, "knows", "knows")


def rank(contacts, insiders, edges=(), **kwargs):
    people = {c.person_id: c for c in contacts}
    return who_could_refer(
        organization="Acme", contacts=people, insiders=insiders, edges=edges, today=TODAY, **kwargs
    )


def test_reach_is_an_inverted_u_over_tie_strength():
    assert reach(PEAK) == 100
    assert reach(0) == 40
    assert reach(100) == 70
    assert reach(35) > reach(80) > reach(0)
    assert reach(20) > reach(5)


@given(st.integers(0, 100))
def test_reach_stays_between_40_and_100(strength):
    assert 40 <= reach(strength) <= 100


# Two candidates alike but for strength, on the same side of the peak, at the same distance
# from the organisation: the one nearer the peak ranks higher.
_SIDE = st.sampled_from(["below", "above"])
_HOPS = st.sampled_from([0, 1, 2])


def _pair(first: int, second: int, hops: int):
    contacts = [Contact(1, "First", first), Contact(2, "Second", second)]
    if hops == 0:
        return contacts, [Insider(1), Insider(2)], []
    contacts += [Contact(10, "Li Wei", 50), Contact(11, "Mid Dle", 50)]
    if hops == 1:
        return contacts, [Insider(10)], [knows(1, 10), knows(2, 10)]
    return contacts, [Insider(10)], [knows(11, 10), knows(1, 11), knows(2, 11)]


@given(st.integers(0, 100), st.integers(0, 100), _HOPS)
def test_of_two_candidates_differing_only_in_strength_the_one_nearer_the_peak_ranks_higher(
    a, b, hops
):
    assume(a != b and (a - PEAK) * (b - PEAK) >= 0)  # on one side of the peak
    contacts, insiders, edges = _pair(a, b, hops)
    order = [s.person_id for s in rank(contacts, insiders, edges) if s.person_id in (1, 2)]
    nearer = 1 if abs(a - PEAK) < abs(b - PEAK) else 2
    assert order[0] == nearer


@given(st.lists(st.integers(0, 100), min_size=3, max_size=40, unique=True))
def test_the_order_over_strength_rises_to_the_peak_then_falls(strengths):
    contacts = [Contact(n, f"P{n:03}", s) for n, s in enumerate(strengths)]
    found = rank(contacts, [Insider(c.person_id) for c in contacts], limit=len(strengths))
    by_strength = sorted(found, key=lambda s: s.tie_strength)
    positions = {s.person_id: i for i, s in enumerate(found)}
    below = [positions[s.person_id] for s in by_strength if s.tie_strength <= PEAK]
    above = [positions[s.person_id] for s in by_strength if s.tie_strength >= PEAK]
    assert below == sorted(below, reverse=True)  # rising strength, better rank, up to the peak
    assert above == sorted(above)  # then each stronger tie ranks lower


def test_it_names_each_path_and_ranks_insiders_first_then_one_hop_then_two():
    contacts = [
        Contact(1, "Li Wei", 40),
        Contact(2, "Max Strong", 95),
        Contact(3, "Ana Silva", 40),
        Contact(4, "Bo Chen", 35),
        Contact(5, "Old Friend", 90),
        Contact(6, "Nobody", 30),
    ]
    edges = [
        knows(3, 1),
        Edge(5, 2, "reports to", "manages"),
        knows(4, 3),
        knows(6, 99),  # tied to no one known
    ]
    found = rank(contacts, [Insider(1), Insider(2)], edges)
    assert [(s.name, s.hops, s.link) for s in found] == [
        ("Li Wei", 0, "works at Acme"),
        ("Max Strong", 0, "works at Acme"),
        ("Old Friend", 1, "reports to Max Strong at Acme"),
        ("Ana Silva", 1, "knows Li Wei at Acme"),
        ("Bo Chen", 2, "knows Ana Silva, who knows Li Wei at Acme"),
    ]
    assert [(p.name, p.relation) for p in found[-1].path] == [
        ("Ana Silva", "knows"),
        ("Li Wei", "knows"),
    ]
    assert (
        found[0].why == "can refer you directly; the kind of tie most likely to lead to a new job"
    )
    assert found[1].why == "can refer you directly; trusted to vouch for you"
    assert (
        found[-1].why == "two introductions away; the kind of tie most likely to lead to a new job"
    )


def test_a_friend_of_a_strong_insider_gets_further_than_a_friend_of_a_stranger():
    contacts = [
        Contact(1, "Strong Insider", 90),
        Contact(2, "Stranger Insider", 0),
        Contact(3, "Friend Of Strong", 35),
        Contact(4, "Friend Of Stranger", 35),
    ]
    found = rank(contacts, [Insider(1), Insider(2)], [knows(3, 1), knows(4, 2)])
    assert [s.name for s in found if s.hops == 1] == ["Friend Of Strong", "Friend Of Stranger"]


def test_a_two_hop_path_scores_below_a_one_hop_one():
    contacts = [Contact(1, "Li Wei", 50), Contact(2, "Near", 35), Contact(3, "Far", 35)]
    contacts.append(Contact(4, "Mid", 100))
    found = rank(contacts, [Insider(1)], [knows(2, 1), knows(4, 1), knows(3, 4)])
    near, far = (next(s for s in found if s.name == n) for n in ("Near", "Far"))
    assert near.score > far.score


def test_the_nearest_path_is_named_even_when_a_longer_one_passes_a_stronger_insider():
    contacts = [Contact(1, "Weak In", 0), Contact(2, "Strong In", 100), Contact(3, "Mid", 100)]
    contacts.append(Contact(4, "Ana", 35))
    found = rank(contacts, [Insider(1), Insider(2)], [knows(4, 1), knows(4, 3), knows(3, 2)])
    assert next(s for s in found if s.name == "Ana").link == "knows Weak In at Acme"


def test_former_insiders_rank_a_little_below_current_ones_and_say_so():
    contacts = [Contact(1, "Now There", 35), Contact(2, "Was There", 35), Contact(3, "Ana", 35)]
    insiders = [Insider(1), Insider(2, former=True, detail="acme.com email; now at Globex")]
    found = rank(contacts, insiders, [knows(3, 2)])
    assert [(s.name, s.former, s.link) for s in found] == [
        ("Now There", False, "works at Acme"),
        ("Was There", True, "worked at Acme (acme.com email; now at Globex)"),
        ("Ana", True, "knows Was There, who worked at Acme"),
    ]


def test_dormant_ties_are_flagged_worth_reviving_and_family_carries_the_caution():
    three_years = TODAY - dt.timedelta(days=3 * 365)
    contacts = [
        Contact(1, "Sleepy", 30, last_contact_on=three_years),
        Contact(2, "Recent", 30, last_contact_on=three_years + dt.timedelta(days=1)),
        Contact(3, "Rosa Lima", 30, family=True),
    ]
    found = {s.name: s for s in rank(contacts, [Insider(1), Insider(2), Insider(3)])}
    assert found["Sleepy"].flags == ["dormant: worth reviving"]
    assert found["Sleepy"].why.endswith("; dormant: worth reviving")
    assert found["Rosa Lima"].why.endswith("; family: lean on them sparingly")
    assert found["Recent"].flags == []
    assert found["Rosa Lima"].caution == f"Rosa Lima (referrer) is {CAUTION}"
    assert found["Sleepy"].caution is None
    assert suggestion_dict(found["Rosa Lima"])["caution"] == f"Rosa Lima (referrer) is {CAUTION}"


def test_it_leaves_out_the_excluded_and_the_unknown_and_keeps_each_person_once():
    contacts = [Contact(1, "Li Wei", 50), Contact(2, "Kim Park", 40), Contact(3, "Ana", 40)]
    edges = [knows(3, 1), Edge(3, 2, "mentors", "mentee of"), knows(3, 3)]
    found = rank(contacts, [Insider(1), Insider(2), Insider(77)], edges, exclude=[1])
    assert [s.name for s in found] == ["Kim Park", "Ana"]
    assert found[1].link == "knows Li Wei at Acme"  # the excluded still lead the way, and the
    # stronger insider of the two Ana knows pulls further


def test_it_is_empty_without_insiders():
    assert rank([Contact(1, "Ana", 40)], []) == []


def test_a_crowd_at_the_organisation_leaves_room_for_friends_of_insiders():
    contacts = [Contact(n, f"Insider {n:02}", 35) for n in range(1, 21)]
    contacts += [Contact(100 + n, f"Friend {n}", 10) for n in range(5)]
    insiders = [Insider(n) for n in range(1, 21)]
    edges = [knows(100 + n, 1) for n in range(5)]
    found = rank(contacts, insiders, edges, limit=9)
    assert len(found) == 9
    assert sum(s.hops == 0 for s in found) == 6
    few = rank(contacts, insiders[:2], edges, limit=9)
    assert len(few) == 7
