"""The pure rules of events: dates, topics, the why, and who is relevant."""

from __future__ import annotations

import datetime as dt

import pytest

from tiebook.core.errors import ValidationError
from tiebook.events import rules

DEC3 = dt.date(2026, 12, 3)


def test_it_labels_dates_of_one_and_several_days():
    assert rules.dates_label(DEC3, DEC3) == "3 Dec 2026"
    assert rules.dates_label(DEC3, dt.date(2026, 12, 5)) == "3-5 Dec 2026"
    assert rules.dates_label(dt.date(2026, 11, 30), DEC3) == "30 Nov - 3 Dec 2026"
    assert rules.dates_label(dt.date(2026, 12, 30), dt.date(2027, 1, 2)) == (
        "30 Dec 2026 - 2 Jan 2027"
    )


def test_it_names_the_event_in_the_why_and_how_we_met():
    assert rules.met_why("PyCon Lisbon", DEC3) == "met at PyCon Lisbon on 3 Dec"
    assert rules.how_met_text("PyCon Lisbon", DEC3) == "PyCon Lisbon, 3 Dec 2026"


def test_it_refuses_an_end_before_the_start():
    with pytest.raises(ValidationError, match="ends"):
        rules.check_dates(DEC3, dt.date(2026, 12, 1))
    assert rules.check_dates(DEC3, None) == DEC3


def test_it_keeps_each_topic_once_and_splits_commas():
    assert rules.clean_topics(["Python, Django", "python", " "]) == ["Python", "Django"]


def test_it_refuses_unknown_kinds_and_statuses():
    with pytest.raises(ValidationError, match="Unknown kind 'party'"):
        rules.parse_kind("party")
    with pytest.raises(ValidationError, match="Unknown status"):
        rules.parse_status("maybe")


def test_a_meeting_is_dated_within_the_event():
    start, end = DEC3, dt.date(2026, 12, 5)
    assert rules.met_day(start, end, dt.date(2026, 12, 4), "X") == dt.date(2026, 12, 4)
    assert rules.met_day(start, end, dt.date(2026, 12, 20), "X") == end
    with pytest.raises(ValidationError, match="cannot have met anyone"):
        rules.met_day(start, end, dt.date(2026, 12, 1), "X")


EVENT = rules.EventFacts(hosts={1: "Acme"}, sponsors={2: "Globex"}, topics=["Python", "Go"])


def test_people_at_the_host_rank_above_people_at_a_sponsor():
    ranked = rules.rank_relevant(
        [rules.Candidate(10, 2), rules.Candidate(11, 1), rules.Candidate(12, 3)], EVENT
    )
    assert [(r.person, r.reasons) for r in ranked] == [
        (11, ["works at Acme, the host"]),
        (10, ["works at Globex, a sponsor"]),
    ]


def test_topics_match_expertise_tags_and_headline_by_whole_words():
    ranked = rules.rank_relevant(
        [
            rules.Candidate(1, None, headline="Engineer at Google"),  # 'go' is not a word here
            rules.Candidate(2, None, headline="Go developer"),
            rules.Candidate(3, None, tags=["python"]),
            rules.Candidate(4, None, expertise=["Python packaging"]),
        ],
        EVENT,
    )
    assert [(r.person, r.reasons) for r in ranked] == [
        (4, ["expertise in Python"]),
        (3, ["tagged Python"]),
        (2, ["headline mentions Go"]),
    ]


def test_ties_go_to_the_stronger_tie():
    ranked = rules.rank_relevant(
        [rules.Candidate(1, 1, tie_strength=10), rules.Candidate(2, 1, tie_strength=80)], EVENT
    )
    assert [r.person for r in ranked] == [2, 1]
