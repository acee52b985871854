"""When two names may be one person's: order, case and accents aside, nicknames, initials.

Pure. `name_key` is the strict form (two names with equal keys are the same name); NameIndex
and `similar` find the names a person may also go by ("Bill Gates" for "William Gates",
"G. Hopper" for "Grace Hopper"), which are worth a look but never merged unasked.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tiebook.people.normalize import text_key

_WORD = re.compile(r"[^\w]+")
CROWD = 6  # more people than this sharing a phone, an address or a name are not one person
# Distinct names remembered by the pure functions below: matching an import asks about each
# record's name several times, and a network repeats its names.
REMEMBERED = 1 << 16

# Common English given names and the forms they go by; each group (between bars or lines)
# is one name.
_GROUPS = """
abigail abby abbie | alexander alex alec sandy | alexandra alex sandra sasha | alfred alf alfie fred
andrew andy drew | anthony tony | barbara barb barbie | benjamin ben benji | bernard bernie
catherine katherine kathryn cathy kathy kate katie kat | charles charlie chuck chas
christopher chris kit | christine christina chris tina | daniel dan danny | david dave davy
deborah debra deb debbie | donald don donnie | dorothy dot dottie | douglas doug
edward ed eddie ted teddy ned | eleanor ellie nell nora
elizabeth liz lizzie beth betty eliza libby
emily em emmy | eugene gene | frances fran fanny | francis frank frankie | frederick fred freddie
gabriel gabe | gerald gerry jerry | gregory greg | harold hal harry | henry hank harry hal
isabel isabella bella izzy | jacob jake | james jim jimmy jamie | jennifer jen jenny
jeffrey jeff | john jack johnny jon | jonathan jon jonny | joseph joe joey | joshua josh
judith judy | katharine kate | kenneth ken kenny | lawrence larry laurie | leonard leo len lenny
margaret maggie meg peggy marge madge greta | matthew matt | michael mike mick mickey
nathaniel nathan nate nat | nicholas nick nicky | pamela pam | patricia pat patty trish
patrick pat paddy | peter pete | philip phil | rebecca becky becca | richard rick ricky dick rich
robert rob bob bobby robbie bert | ronald ron ronnie | samuel sam sammy | samantha sam sammy
stephen steven steve stevie | susan sue susie suzanne | theodore ted teddy theo
thomas tom tommy | timothy tim timmy | victoria vicky tori | walter walt wally
william will bill billy liam willy
zachary zach zack
"""

NICKNAMES: dict[str, frozenset[str]] = {}
for _group in _GROUPS.replace("\n", "|").split("|"):
    _names = frozenset(_group.split())
    for _name in _names:
        NICKNAMES[_name] = NICKNAMES.get(_name, frozenset()) | _names


def words(name: str) -> list[str]:
    """The name's words, lower-case and without accents or punctuation, in order."""
    return [w for w in _WORD.split(text_key(name)) if w]


@lru_cache(maxsize=REMEMBERED)
def name_key(name: str) -> str:
    """Order, case, accents and punctuation do not matter: 'Hopper, Grace' is 'Grace Hopper'."""
    return " ".join(sorted(words(name)))


# Titles and suffixes that are not a given or a family name.
AFFIXES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "sir",
        "dame",
        "jr",
        "sr",
        "ii",
        "iii",
        "iv",
        "phd",
        "md",
        "mba",
        "cpa",
        "esq",
        "jd",
        "dds",
        "rn",
        "pe",
    ]
)


@lru_cache(maxsize=REMEMBERED)
def given_family(name: str) -> tuple[str, str]:
    """First given name and family name, titles and suffixes aside. 'Hopper, Grace Brewster'
    is written family first; 'Jane Doe, CPA' has a suffix after its comma."""
    head, comma, tail = name.partition(",")
    before = [w for w in words(head) if w not in AFFIXES]
    after = [w for w in words(tail) if w not in AFFIXES] if comma else []
    if after and before:  # 'Hopper, Grace Brewster'
        return after[0], before[-1]
    parts = before or after
    if len(parts) < 2:
        return "", ""
    return parts[0], parts[-1]


def similar(a: str, b: str) -> str:
    """Why two different names may be one person's ("nickname", "initial", "middle name"), or
    "" if not."""
    (given_a, family_a), (given_b, family_b) = given_family(a), given_family(b)
    if not (family_a and family_a == family_b and given_a and given_b):
        return ""
    if given_a == given_b:
        # 'Grace Brewster Hopper' is 'Grace Hopper'; 'John A. Smith' is not 'John B. Smith'
        shorter, longer = sorted((set(words(a)), set(words(b))), key=len)
        return "middle name" if shorter < longer else ""
    if len(given_a) == 1 or len(given_b) == 1:
        return "initial" if given_a[0] == given_b[0] else ""
    if given_b in NICKNAMES.get(given_a, ()):
        return "nickname"
    return ""


class NameIndex:
    """Distinct names by family name and given name, to find the names one may also go by
    with a few lookups instead of comparing every name with every other."""

    def __init__(self):
        # family -> given -> name key -> (the name as written, a value kept with it)
        self._names: dict[str, dict[str, dict[str, tuple[str, object]]]] = {}

    def add(self, display: str, value: object) -> None:
        """Keep `value` with the name (the first value given for a name stays)."""
        given, family = given_family(display)
        if given and family:
            by_given = self._names.setdefault(family, {}).setdefault(given, {})
            by_given.setdefault(name_key(display), (display, value))

    def near(self, display: str):
        """(name, value) of each other name that may be this one (`similar` decides): the
        same given name, a nickname of it, its initial, or, for an initial, the names it
        may stand for."""
        given, family = given_family(display)
        givens = self._names.get(family) if given and family else None
        if not givens:
            return
        if len(given) == 1:
            candidates = [g for g in givens if g[0] == given]
        else:
            candidates = [given, *sorted(NICKNAMES.get(given, ())), given[0]]
        own = name_key(display)
        for name in dict.fromkeys(candidates):
            for key, found in givens.get(name, {}).items():
                if key != own:
                    yield found


def has_name(display: str) -> bool:
    """Whether the text names someone: not empty, and not an address or a number standing in
    for a name (a record with only an email is shown by its address)."""
    if "@" in display:
        return False
    return any(not w.isdigit() for w in words(display) if w not in AFFIXES)


def names_agree(a: str, b: str) -> str:
    """Why two names may be one person's ("same name", "part of the name", "nickname",
    "initial"), or "" when they disagree: what tells one person's card arriving again from two
    people who share a phone or a mailbox. A missing name agrees with any."""
    if not (has_name(a) and has_name(b)):
        return "no name to compare"
    if name_key(a) == name_key(b):
        return "same name"
    mine = [w for w in words(a) if w not in AFFIXES]
    theirs = [w for w in words(b) if w not in AFFIXES]
    shorter, longer = sorted((mine, theirs), key=len)
    return _covered(shorter, longer) or similar(a, b)


def _covered(shorter: list[str], longer: list[str]) -> str:
    """Each word of the shorter name stands for its own word of the longer one: the same word,
    its initial or a nickname of it ("Alice O." in "Alice Office", "Bob" in "Robert Builder")."""
    left = list(longer)
    why, whole = "part of the name", False
    for word in sorted(shorter, key=len, reverse=True):  # whole words before initials
        found = _word_for(word, left)
        if found is None:
            return ""
        if found != word:
            why = "initial" if len(word) == 1 or len(found) == 1 else "nickname"
        whole = whole or min(len(word), len(found)) > 1
        left.remove(found)
    return why if whole else ""  # initials alone ("N. N.") say nothing about who


def _word_for(word: str, candidates: list[str]) -> str | None:
    if word in candidates:
        return word
    for other in candidates:
        if (len(word) == 1 and other.startswith(word)) or (len(other) == 1 and word[0] == other):
            return other
    return next((o for o in candidates if o in NICKNAMES.get(word, ())), None)
