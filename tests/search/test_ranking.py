"""The ranking of who can help, over plain documents: where a word is found matters, rarer words
weigh more, the broader words of the thesaurus go one way, and the tie only orders equals."""

from __future__ import annotations

from tiebook.search import ranking, text
from tiebook.search.text import Document


def doc(pid: int, **fields) -> Document:
    return Document(person_id=pid, **fields)


def rank(question: str, *candidates: ranking.Candidate, df=None, total=100) -> list[int]:
    query = ranking.query_of(question)
    df = df or {}
    return [h.person_id for h in ranking.rank(query, candidates, df, total)]


def test_question_words_are_dropped_and_the_rest_stemmed():
    query = ranking.query_of("Someone who knows about taxes on freelance income?")
    assert query.words == ("taxes", "freelance", "income")
    assert query.stems == ("tax", "freelanc", "incom")
    assert ranking.query_of("who are you").words == ("who", "are", "you")  # nothing but stopwords


def test_what_someone_knows_counts_more_than_a_mention_in_the_history():
    knows = ranking.Candidate(doc(1, expertise="payroll"))
    mentioned = ranking.Candidate(doc(2, history="Coffee · asked about payroll once"))
    assert rank("payroll", mentioned, knows) == [1, 2]


def test_a_rare_word_outweighs_a_common_one():
    rare = ranking.Candidate(doc(1, notes="kubernetes"))
    common = ranking.Candidate(doc(2, notes="security"))
    assert rank("kubernetes security", common, rare, df={"kubernet": 2, "secur": 60}) == [1, 2]


def test_more_of_the_question_answered_ranks_higher():
    both = ranking.Candidate(doc(1, notes="GDPR audits"))
    one = ranking.Candidate(doc(2, notes="GDPR"))
    assert rank("gdpr audit", one, both) == [1, 2]


def test_the_thesaurus_adds_broader_words_only():
    vat = ranking.Candidate(doc(1, notes="Files my VAT returns"))
    tax = ranking.Candidate(doc(2, notes="Tax planning"))
    assert rank("taxes", vat) == [1]  # VAT is a tax
    assert rank("VAT", tax, vat) == [1]  # a tax adviser is not a VAT one
    assert "tax" in text.indexed_stems("VAT returns")
    taxes = ranking.query_of("taxes")
    assert ranking.snippet(taxes, "notes", "Files my VAT returns") == "Files my [VAT] returns"


def test_a_closer_tie_orders_equal_answers_but_never_outranks_a_better_one():
    stranger = ranking.Candidate(doc(1, expertise="payroll"), strength=5, days_since_talk=900)
    friend = ranking.Candidate(doc(2, expertise="payroll"), strength=90, days_since_talk=2)
    assert rank("payroll", stranger, friend) == [2, 1]
    close_but_vague = ranking.Candidate(
        doc(3, history="lunch · payroll chat · " + "coffee · " * 40),
        strength=100,
        days_since_talk=0,
    )
    assert rank("payroll", close_but_vague, stranger)[0] == 1


def test_meaning_below_the_floor_adds_nothing():
    noise = ranking.Candidate(doc(1, notes="gardening"), similarity=ranking.MEANING_FLOOR - 0.05)
    close = ranking.Candidate(doc(2, notes="salaries"), similarity=0.6)
    assert rank("staff wages", noise, close) == [2]


def test_the_snippet_marks_the_words_that_matched_and_stays_short():
    query = ranking.query_of("audit")
    long = "We met at a conference. " * 5 + "Walked us through the HIPAA audit checklist. " * 2
    snippet = ranking.snippet(query, "notes", long)
    assert "[audit]" in snippet
    assert snippet.startswith("…")
    assert len(snippet.split()) <= ranking.SNIPPET_WORDS + 1
