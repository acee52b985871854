"""How long a person's texts may be: the one place the models, services and imports read it."""

from __future__ import annotations

from tiebook.core.errors import ValidationError

NAME = 250
GIVEN_NAME = 120  # the parts of a name, guessed from it or imported
FAMILY_NAME = 120
NICKNAME = 120
ORGANIZATION = 200
HEADLINE = 250
DEPARTMENT = 120
LOCATION = 200
TAG = 80
EXPERTISE_TOPIC = 80  # one topic someone knows about ("kubernetes security")
EXPERTISE_TOPICS = 40  # how many a person may list
HOW_MET = 2_000
# Room for years of notes on someone, while a pasted book cannot make a megabyte page.
NOTES = 20_000

# The limit of each text an import may fill, by Person field: longer values are cut to it.
PERSON_FIELDS = {
    "display_name": NAME,
    "nickname": NICKNAME,
    "headline": HEADLINE,
    "department": DEPARTMENT,
    "location": LOCATION,
    "how_met": HOW_MET,
    "notes": NOTES,
}


def check_length(value: str, *, limit: int, label: str, field: str) -> str:
    """`value` when it fits, else an error naming the field, its length and the limit."""
    if len(value) > limit:
        raise ValidationError(
            f"{label} is too long: {len(value):,} characters, at most {limit:,}.", field=field
        )
    return value
