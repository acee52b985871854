"""Network health's pure findings: figures and whys from counts whose answers are known."""

from __future__ import annotations

import datetime as dt

import pytest

from tiebook.insights.health import (
    CategoryFollowupCount,
    Employer,
    HealthInputs,
    PastTie,
    categories,
    circles,
    coverage,
    employer_dependence,
    family_reliance,
    followups,
    give_ask,
    health,
    health_dict,
    past_why,
    reconnect,
    was_strong,
)
from tiebook.insights.ledger import Balance

TODAY = dt.date(2026, 11, 30)


def test_coverage_names_each_missing_type_with_what_it_is_for():
    counts = {code: 1 for code in ("colleague", "mentor", "friend", "family")}
    found = coverage(counts | {"educator": 0})
    assert found.covered == 4
    assert [t.code for t in found.missing][:2] == ["direct_supervisor", "interdepartmental"]
    assert len(found.missing) == 8
    licensing = next(t for t in found.missing if t.code == "licensing_authority")
    assert licensing.why == (
        "certification and licensing boards you must stay in good standing with"
    )
    assert found.why.startswith(
        "4 of the 12 types are covered; no direct supervisor, interdepartmental, consultant, "
    )
    assert found.why.endswith(
        "and educator yet: each kind of tie helps in a way the others cannot."
    )


def test_full_coverage_says_so():
    from tiebook import taxonomy

    found = coverage(dict.fromkeys(taxonomy.CODES, 2))
    assert (found.covered, found.missing) == (12, [])
    assert found.why.startswith("All 12 types are covered")


def test_a_category_under_15_percent_is_thin_and_says_what_it_is_for():
    found = categories({"operational": 17, "strategic": 2, "personal": 1})
    shares = {c.category: (c.people, round(c.share, 2), c.thin) for c in found.categories}
    assert shares == {
        "operational": (17, 0.85, False),
        "strategic": (2, 0.1, True),
        "personal": (1, 0.05, True),
    }
    assert found.why == (
        "Thin: strategic (10%: outside your organisation, shaping your success); personal (5%: "
        "personal rapport with professional value). A network strong in one category leaves "
        "you exposed."
    )


def test_balanced_categories_and_an_untyped_network():
    assert categories({"operational": 5, "strategic": 3, "personal": 4}).why.startswith(
        "Balanced: each category holds at least 15%"
    )
    assert categories({}).why.startswith("No one has a type yet")


def test_half_or_more_close_ties_at_the_employer_is_a_dependence():
    found = employer_dependence(Employer("Acme", "from your headline"), close_ties=4, at_employer=3)
    assert (found.employer, found.share) == ("Acme", 0.75)
    assert found.why == (
        "3 of your 4 strong and moderate ties work at Acme (75%): if you leave or it cuts jobs, "
        "most of your close network goes with it; grow close ties outside it."
    )
    light = employer_dependence(Employer("Acme", ""), close_ties=4, at_employer=1)
    assert light.why.endswith("(25%): most of your close network would stay if you left.")


def test_an_unknown_employer_says_how_to_set_it():
    found = employer_dependence(None, close_ties=4, at_employer=0)
    assert (found.employer, found.share) == (None, None)
    assert "tiebook me --headline 'Data engineer at Acme'" in found.why


def test_followups_name_the_category_most_behind():
    found = followups(
        [
            CategoryFollowupCount("operational", 3, 1),
            CategoryFollowupCount("personal", 1, 3),
        ]
    )
    rows = {r.category: (r.on_time, r.overdue, r.share_on_time) for r in found.categories}
    assert rows == {
        "operational": (3, 1, 0.75),
        "strategic": (0, 0, None),
        "personal": (1, 3, 0.25),
    }
    assert (found.on_time, found.overdue, found.share_on_time) == (4, 4, 0.5)
    assert found.why == (
        "50% of your follow-ups are on time. Personal ties are the most behind: 3 overdue (75%)."
    )


def test_the_overall_figure_counts_each_person_once():
    # Two people hold an operational and a personal type each: the categories count them twice.
    counts = [CategoryFollowupCount("operational", 2, 0), CategoryFollowupCount("personal", 2, 1)]
    found = followups(counts, total=(2, 1))
    assert (found.on_time, found.overdue) == (2, 1)
    assert found.why.startswith("67% of your follow-ups are on time.")


def test_no_rhythm_means_no_followup_figure():
    assert followups([]).share_on_time is None
    assert followups([]).why.startswith("No one has a follow-up rhythm yet")


def test_give_ask_reuses_the_ledger_reading():
    found = give_ask(Balance(gave=1, asked=3, received=0))
    assert found.why == (
        "You gave 1, asked 3, received 0: you ask more than you give: share something first."
    )


@pytest.mark.parametrize(
    ("advocates", "family", "why"),
    [
        (0, [], "No one refers you or is your reference yet"),
        (3, [], "None of your 3 referrers and references is family"),
        (4, ["Ann Lee"], "1 of your 4 referrers and references is family: few enough"),
        (
            3,
            ["Ann Lee"],
            "1 of your 3 referrers and references are family: family: lean on family sparingly",
        ),
    ],
)
def test_family_reliance(advocates, family, why):
    found = family_reliance(advocates, family)
    assert found.why.startswith(why)
    assert found.family == len(family)


def _tie(pid: int, talks: int, first: str, last: str, name: str = "") -> PastTie:
    return PastTie(
        pid, name or f"P{pid}", talks, dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    )


def test_former_strong_is_many_talks_over_at_least_a_year():
    assert was_strong(_tie(1, 6, "2020-01-01", "2020-12-31"))
    assert not was_strong(_tie(1, 5, "2019-01-01", "2022-01-01"))  # too few talks
    assert not was_strong(_tie(1, 30, "2021-01-01", "2021-12-30"))  # less than a year


def test_the_reconnect_list_ranks_by_talks_then_span_then_latest_and_is_capped():
    dormant = [
        _tie(1, 12, "2018-05-01", "2022-06-01", "Ana"),
        _tie(2, 20, "2019-01-01", "2021-01-01", "Bo"),
        _tie(3, 12, "2017-01-01", "2022-06-01", "Cy"),
        _tie(4, 3, "2010-01-01", "2022-06-01", "Di"),  # never strong
        _tie(5, 12, "2018-05-01", "2022-09-01", "Ed"),
    ]
    found = reconnect(dormant, limit=3)
    assert [p.name for p in found.people] == ["Bo", "Cy", "Ed"]
    assert found.total == 4
    assert found.people[1].why == "12 talks over 5 years, last in 2022"
    assert found.why.startswith("4 people you were once close to have gone quiet: reconnected")
    assert "Levin, Walter & Murnighan 2011" in found.why


def test_past_why_speaks_in_months_under_two_years():
    assert (
        past_why(_tie(1, 9, "2021-06-10", "2023-02-28")) == "9 talks over 20 months, last in 2023"
    )


def test_circles_nest_and_say_which_layer_is_over():
    found = circles({5: 7, 15: 3, 150: 100})
    rows = [(c.circle, c.people, c.within, c.over) for c in found.circles]
    assert rows == [(5, 7, 7, True), (15, 3, 10, False), (50, 0, 10, False), (150, 100, 110, False)]
    assert found.why.startswith("Over Dunbar's layers: 7 within 5 (closest).")
    assert circles({}).why.startswith("No one is in a circle yet")
    assert (
        circles({5: 5, 15: 10}).why == "Within Dunbar's layers of about 5, 15, 50 and 150 people."
    )


def test_health_gathers_the_findings_and_what_needs_attention():
    inputs = HealthInputs(
        today=TODAY,
        people=6,
        type_counts={"colleague": 4, "family": 2},
        category_counts={"operational": 4, "personal": 2},
        strength_counts={"strong": 2, "moderate": 1, "new": 3},
        employer=Employer("Acme", "where most of your colleagues work"),
        close_ties=3,
        close_at_employer=3,
        followups=[CategoryFollowupCount("operational", 1, 3)],
        balance=Balance(gave=0, asked=2),
        advocates=2,
        family_advocates=["Fay Lee"],
        dormant=[_tie(9, 8, "2019-01-01", "2022-01-01", "Old Friend")],
        circles={5: 6},
        touches=[("2026-11", 4)],
    )
    found = health(inputs)
    assert found.strength == {"strong": 2, "moderate": 1, "weak": 0, "dormant": 0, "new": 3}
    assert found.attention == [
        "Find direct supervisor, interdepartmental, consultant, contractor, financial expert, "
        "government body, licensing authority, mentor, educator and friend: no one of the type "
        "yet.",
        "Grow your strategic ties (outside your organisation, shaping your success): 0% of them.",
        "Grow close ties outside Acme: 100% of your close ties work there.",
        "Catch up on follow-ups: 3 overdue (tiebook due).",
        "Give before you ask again: you asked more than you gave.",
        "Find advocates outside your family: others may see theirs as biased.",
        "Reconnect with Old Friend (8 talks over 3 years, last in 2022) and the others listed.",
        "Trim circle 5: 6 people within it, about 5 fit.",
    ]
    data = health_dict(found)
    assert data["today"] == "2026-11-30"
    assert data["touches"] == [{"month": "2026-11", "touches": 4}]
    assert data["reconnect"]["people"][0]["last_on"] == "2022-01-01"
    assert data["brokerage"] is None
