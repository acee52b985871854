"""Whom a shared item would help: the pure ranking."""

from __future__ import annotations

from tiebook.interactions.relevance import Candidate, rank_suggestions, share_terms


def test_terms_are_the_topics_then_the_telling_words_of_the_title():
    terms = share_terms(title="The new guide to Kubernetes and Go 2025", topics=["Cloud Security"])
    assert terms == [("cloud security", True), ("kubernetes", False)]


def test_accents_and_case_do_not_matter():
    people = [Candidate(1, "Zoë", expertise=["Économie"])]
    found = rank_suggestions(people, title="", topics=["economie"])
    assert [(s.name, s.matches) for s in found] == [("Zoë", ("expertise: economie",))]


def test_whole_words_only():
    people = [Candidate(1, "Js Dev", headline="JavaScript developer")]
    assert rank_suggestions(people, title="", topics=["java"]) == []


def test_expertise_and_tags_outrank_headlines_and_notes_and_topics_outrank_title_words():
    people = [
        Candidate(1, "Notes", notes="Talked about kubernetes"),
        Candidate(2, "Tagged", tags=["Kubernetes"]),
        Candidate(3, "Headline", headline="Kubernetes admin"),
        Candidate(4, "Title word", expertise=["checklists"]),
    ]
    found = rank_suggestions(people, title="Checklists", topics=["kubernetes"])
    assert [(s.name, s.score, s.why) for s in found] == [
        ("Tagged", 8, "tag: kubernetes"),
        ("Headline", 4, "headline: kubernetes"),
        ("Title word", 4, "expertise: checklists"),
        ("Notes", 2, "notes: kubernetes"),
    ]


def test_no_terms_no_suggestions():
    assert rank_suggestions([Candidate(1, "A", notes="the")], title="The", topics=[]) == []


def test_limit():
    people = [Candidate(i, f"P{i}", tags=["go"]) for i in range(20)]
    assert len(rank_suggestions(people, title="", topics=["go"], limit=5)) == 5
