"""`tiebook me` and the owner's profile: headline, skills, experiences, offer, looking for."""

from __future__ import annotations


def test_me_sets_the_profile_and_shows_only_what_is_set(tb):
    result = tb(
        "me",
        "--headline",
        "  Data   engineer ",
        "--skill",
        "Python",
        "--skill",
        "SQL",
        "--skill",
        "python",
        "--looking-for-role",
        "Staff engineer",
        "--looking-for-topic",
        "data contracts",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Name: (not set)\n"
        "Addresses: none yet; add yours with: tiebook me --email ADDRESS\n"
        "Headline: Data engineer\n"
        "Skills: Python, SQL\n"
        "Looking for roles: Staff engineer\n"
        "Looking for topics: data contracts\n"
    )


def test_me_adds_and_removes_items_and_shows_it_all_as_json(tb):
    tb("me", "--skill", "Python", "--skill", "SQL", "--experience", "Built a data platform")
    tb("me", "--offer", "Reviews of data pipelines", "--looking-for-org", "Acme")
    data = tb.json("me", "--remove-skill", "sql", "--name", "Ada")
    assert data == {
        "name": "Ada",
        "emails": [],
        "headline": "",
        "skills": ["Python"],
        "experiences": ["Built a data platform"],
        "offer": "Reviews of data pipelines",
        "looking_for": {"roles": [], "organizations": ["Acme"], "topics": []},
    }
    lines = tb("me").stdout.splitlines()
    assert lines[2:] == [
        "Skills: Python",
        "Experiences:",
        "  - Built a data platform",
        "Offer: Reviews of data pipelines",
        "Looking for organisations: Acme",
    ]


def test_me_clears_the_headline_with_an_empty_text(tb):
    tb("me", "--headline", "Data engineer")
    assert tb.json("me", "--headline", "")["headline"] == ""


def test_me_refuses_to_remove_what_is_not_there_and_writes_nothing(tb):
    tb("me", "--skill", "Python")
    result = tb("me", "--headline", "Engineer", "--remove-skill", "Cobol")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: 'Cobol' is not one of your skills.\n"
    assert tb.json("me")["headline"] == ""


def test_me_refuses_a_headline_too_long_and_a_bad_address_leaves_the_profile(tb):
    result = tb("me", "--headline", "x" * 201)
    assert result.exit_code == 1
    assert result.stderr == "Error: Your headline has at most 200 characters.\n"
    bad = tb("me", "--skill", "Python", "--email", "not an address")
    assert bad.exit_code == 1
    assert tb.json("me")["skills"] == []
