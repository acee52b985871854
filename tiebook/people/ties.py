"""The words a user ties two people with (`tiebook relate A B --as WORD`), how each is kept as a
Relationship, and how a tie reads from either person's side. Pure: no database."""

from __future__ import annotations

from dataclasses import dataclass

from tiebook.core.errors import ValidationError

KIND_LABELS = {
    "knows": "knows",
    "colleague_of": "works with",
    "reports_to": "reports to",
    "introduced": "introduced",
    "family": "family of",
    "mentor_of": "mentors",
}
REVERSE_LABELS = {
    "knows": "knows",
    "colleague_of": "works with",
    "reports_to": "manages",
    "introduced": "was introduced by",
    "family": "family of",
    "mentor_of": "mentee of",
}
# Ties that read the same both ways: A knows B is B knows A, so either row is the one tie.
SYMMETRIC = frozenset({"knows", "colleague_of", "family"})


@dataclass(frozen=True)
class TieWord:
    word: str  # as typed: works-with
    kind: str  # Relationship.kind: colleague_of
    backwards: bool = False  # kept from B to A: "A introduced-by B" is B introduced A

    @property
    def symmetric(self) -> bool:
        return self.kind in SYMMETRIC


WORDS: dict[str, TieWord] = {
    t.word: t
    for t in (
        TieWord("knows", "knows"),
        TieWord("works-with", "colleague_of"),
        TieWord("reports-to", "reports_to"),
        TieWord("mentors", "mentor_of"),
        TieWord("family-of", "family"),
        TieWord("introduced-by", "introduced", backwards=True),
    )
}


def tie_word(raw: str) -> TieWord:
    """The tie a word names; the words are also accepted with spaces or underscores."""
    key = "-".join(raw.strip().casefold().replace("_", " ").split())
    if key not in WORDS:
        raise ValidationError(
            f"Unknown kind of tie '{raw.strip()}'; use one of {', '.join(WORDS)}.", field="kind"
        )
    return WORDS[key]


def tie_ends(tie: TieWord, a_id: int, b_id: int) -> tuple[int, int]:
    """(from, to) of the row that keeps "A WORD B"."""
    return (b_id, a_id) if tie.backwards else (a_id, b_id)


def tie_label(kind: str, *, outgoing: bool) -> str:
    """How a tie reads from one person's side: "manages" from the one reported to."""
    if kind in SYMMETRIC or outgoing:
        return KIND_LABELS[kind]
    return REVERSE_LABELS[kind]
