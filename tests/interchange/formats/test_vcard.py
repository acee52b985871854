"""The vCard importer on real exports from other projects' test suites, and on mutations of them."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realdata import VCARD, realdata_folder
from tiebook.interchange.formats.vcard import (
    FORMAT,
    clean_label,
    parse_birthday,
    parse_bytes,
)
from tiebook.interchange.records import ImportFileError, Labeled, ParseResult, PersonRecord

N = "Ñ"
real = pytest.mark.usefixtures("realdata")


def parse(name: str) -> ParseResult:
    """A real sample by name; the test reading it is marked @real, so it skips without them."""
    return FORMAT.parse(realdata_folder() / "vcard" / name)


def only(name: str) -> PersonRecord:
    result = parse(name)
    assert len(result.people) == 1, result
    assert result.problems == []
    return result.people[0]


def values(items: list[Labeled]) -> list[str]:
    return [item.value for item in items]


def write(tmp_path: Path, text: str | bytes, name: str = "contacts.vcf") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


# -- every real file ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", VCARD)
def test_every_real_file_parses(realdata: Path, name: str):
    path = realdata / "vcard" / name
    result = FORMAT.parse(path)
    assert result.people or result.problems
    assert FORMAT.sniff(path, path.read_bytes()[:1024])
    for person in result.people:
        assert person.ref.startswith("card ")
        assert person.display_name()


# -- exact checks on a representative dozen -------------------------------------------------------


@real
def test_android_quoted_printable_with_soft_breaks():
    people = parse("ezvcard_John_Doe_ANDROID.vcf").people
    assert [p.ref for p in people] == [f"card {n}" for n in range(1, 7)]
    assert values(people[0].emails) == ["john.doe@company.com"]
    assert people[0].tags == ["My Contacts"]
    assert people[2].name == f"{N} {N} {N} {N} {N}"
    assert people[2].phones == [Labeled("123456789", "mobile")]
    assert people[3].name == " ".join([N] * 11)  # one value over a '=' soft line break
    assert values(people[3].phones) == ["123456", "234567", "3456789", "45678901"]
    assert (people[4].family_name, people[4].given_name) == (f"{N} {N}", f"{N} {N} {N}")
    assert people[4].emails == [Labeled("bob@company.com", "work")]
    assert people[4].organization == N * 12
    assert people[5].name == N * 4
    assert values(people[5].emails) == ["henry@company.com"]


@real
def test_shift_jis_card():
    person = only("aosp_v21_japanese_2.vcf")
    assert person.name == "安藤 ロイド 1"
    assert (person.family_name, person.given_name) == ("安藤", "ロイド1")
    assert person.notes == "メモ"
    assert values(person.addresses) == ["東京都渋谷区桜丘町26-1セルリアンタワー6階, 150-8512"]
    assert person.emails == []
    assert person.phones == []


@real
def test_several_shift_jis_cards_in_one_file():
    people = parse("aosp_v21_multiple_entry.vcf").people
    assert [p.family_name for p in people] == ["安藤ロイド3", "安藤ロイド4", "安藤ロイド5"]
    assert values(people[0].phones) == ["9", "10", "11", "12"]
    assert people[0].phones[3].label == "home fax"
    assert values(people[1].phones) == ["13", "14", "15", "16"]
    assert values(people[2].phones) == ["17", "18", "19", "20"]


@real
def test_iphone_grouped_properties_and_apple_labels():
    person = only("ezvcard_John_Doe_IPHONE.vcf")
    assert person.name == "Mr. John Richter James Doe Sr."
    assert (person.given_name, person.family_name, person.nickname) == ("John", "Doe", "Johny")
    assert (person.organization, person.department, person.title) == (
        "IBM",
        "Accounting",
        "Money Counter",
    )
    assert values(person.emails) == ["john.doe@ibm.com"]
    assert person.phones == [
        Labeled("905-555-1234", "mobile"),
        Labeled("905-666-1234", "home"),
        Labeled("905-777-1234", "work"),
        Labeled("905-888-1234", "home fax"),
        Labeled("905-999-1234", "work fax"),
        Labeled("905-111-1234", "pager"),
        Labeled("905-222-1234", "assistant phone"),
    ]
    assert person.urls == [Labeled("http://www.ibm.com", "home page")]
    assert person.birthday == (2012, 6, 6)
    assert person.photo is not None
    assert person.photo.startswith(b"\xff\xd8")


@real
def test_ios_file_with_cr_cr_lf_line_ends():
    person = only("aosp_v30_ios_613_multiline.vcf")
    assert (person.name, person.organization) == ("Bob Smith", "Smith Auto Repair")
    assert values(person.emails) == ["bob@smithauto.com"]
    assert person.phones == [Labeled("(650) 555-1212", "mobile")]
    assert person.photo is not None
    assert person.photo.startswith(b"\xff\xd8")


@real
def test_gmail_single_with_custom_labels():
    person = only("ezvcard_gmail-single.vcf")
    assert (person.name, person.nickname) == ("Greg Dartmouth", "Gman")
    assert values(person.emails) == ["gdartmouth@hotmail.com"]
    assert person.phones == [
        Labeled("555 555 1111", "mobile"),
        Labeled("555 555 2222", "GRAND_CENTRAL"),
    ]
    assert person.urls == [Labeled("http://TheProfile.com", "PROFILE")]
    assert person.birthday == (1960, 9, 10)
    assert person.addresses[0] == Labeled("123 Home St, Home City, HM 12345", "home")
    assert person.notes.startswith("This is GMail's note field.\nIt should be added")


@real
def test_gmail_every_field():
    person = only("ezvcard_gmail-single2.vcf")
    assert person.name == "VCard Test"
    assert values(person.emails) == [
        "email@example.com",
        "homeemail@example.com",
        "workemail@example.com",
        "otheremail@example.com",
        "customcategory@example.com",
    ]
    assert person.emails[4].label == "CustomEmailCategory"
    assert values(person.phones) == [f"55555511{n}" for n in range(11, 22)]
    assert person.urls[3] == Labeled("http://www.example4.com", "home page")
    assert person.birthday == (1912, 6, 23)


@real
def test_gmail_list():
    people = parse("ezvcard_gmail-list.vcf").people
    assert [(p.name, values(p.emails)) for p in people] == [
        ("Arnold Smith", ["asmithk@gmail.com"]),
        ("Chris Beatle", ["chrisy55d@yahoo.com"]),
        ("Doug White", ["dwhite@gmail.com"]),
    ]


@real
def test_nested_cards_are_problems_and_the_parent_imports():
    result = parse("aosp_v21_nest.vcf")
    assert [(p.ref, p.family_name, values(p.phones)) for p in result.people] == [
        ("card 1", "parent", ["1"])
    ]
    assert [p.ref for p in result.problems] == ["card 2", "card 3"]
    assert result.problems[0].message == "card 2 is nested inside card 1; skipped."


def test_a_card_in_windows_1252_without_a_charset_is_read_and_said_so():
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Müller\r\nORG:Café\r\nEND:VCARD\r\n"
    result = parse_bytes(text.encode("cp1252"), "people.vcf")
    assert [(p.name, p.organization) for p in result.people] == [("José Müller", "Café")]
    assert result.skipped == [
        "people.vcf is not valid UTF-8 on lines 3 and 4; read as Windows-1252: check accented names"
    ]


def test_a_declared_charset_is_trusted_without_a_note():
    text = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1:Renée\r\nEND:VCARD\r\n"
    result = parse_bytes(text.encode("latin-1"), "people.vcf")
    assert ([p.name for p in result.people], result.skipped) == (["Renée"], [])


def test_cards_nested_deeper_than_python_recurses_are_each_named():
    lines = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ann Lee"] * 2000 + ["END:VCARD"] * 2000
    result = parse_bytes("\r\n".join(lines).encode(), "deep.vcf")
    assert [p.name for p in result.people] == ["Ann Lee"]
    assert len(result.problems) == 1999
    assert result.problems[-1].message == "card 2000 is nested inside card 1999; skipped."


@real
def test_malformed_photo_is_dropped_silently():
    person = only("aosp_v21_malformed_photo.vcf")
    assert (person.name, person.family_name, person.photo) == ("fullname", "name", None)


@real
def test_vcard_4_rfc_example():
    person = only("ezvcard_rfc6350-example.vcf")
    assert (person.name, person.given_name, person.family_name) == (
        "Simon Perreault",
        "Simon",
        "Perreault",
    )
    assert person.organization == "Viagenie"
    assert person.emails == [Labeled("simon.perreault@viagenie.ca", "work")]
    assert person.phones == [
        Labeled("+1-418-656-9254 ext. 102", "work"),
        Labeled("+1-418-262-6501", "mobile"),
    ]
    assert person.birthday == (None, 2, 3)
    assert person.urls == [Labeled("http://nomis80.org", "home")]


@real
def test_outlook_2007():
    person = only("ezvcard_outlook-2007.vcf")
    assert person.name == "Mr. Michael Angstadt Jr."
    assert (person.given_name, person.family_name, person.nickname) == (
        "Michael",
        "Angstadt",
        "Mike",
    )
    assert (person.organization, person.department) == ("TheCompany", "TheDepartment")
    assert values(person.emails) == ["mike.angstadt@gmail.com"]
    assert person.phones == [
        Labeled("(111) 555-1111", "work"),
        Labeled("(111) 555-2222", "home"),
        Labeled("(111) 555-4444", "mobile"),
        Labeled("(111) 555-3333", "work fax"),
    ]
    assert person.notes.startswith("This is the NOTE field\t\nI assume it encodes this text")
    assert person.birthday == (1922, 3, 10)
    assert person.photo is not None
    assert person.photo.startswith(b"\xff\xd8")


@real
def test_outlook_2003_note_with_a_soft_break_inside_an_escape():
    person = only("ezvcard_outlook-2003.vcf")
    assert (person.name, person.organization) == ("John Doe III", "Company, The")
    assert person.notes == "This is the note field!!\nSecond line\n\nThird line is empty"
    assert values(person.emails) == ["jdoe@hotmail.com"]


@real
def test_evolution_folded_lines_and_escapes():
    person = only("ezvcard_John_Doe_EVOLUTION.vcf")
    assert person.name == "Mr. John Richter, James Doe Sr."
    assert person.emails == [Labeled("john.doe@ibm.com", "work")]
    assert values(person.phones) == ["905-666-1234", "905-555-1234"]
    assert person.external_id == "477343c8e6bf375a9bac1f96a5000837"
    assert person.tags == ["VIP"]
    assert "WARRANTIES, INCLUDING, BUT NOT LIMITED TO" in person.notes


@real
def test_android_complicated_21_card():
    person = only("aosp_v21_complicated.vcf")
    assert (person.name, person.family_name, person.given_name) == ("Joe Due", "Gump", "Forrest")
    assert (person.organization, person.department) == ("Gump Shrimp Co.", "Sales Dept.;Manager")
    assert values(person.emails) == ["forrestgump@walladalla.com", "cell@example.com"]
    assert "Now's the time for all folk to come to the aid of their country." in person.notes
    assert person.photo is not None
    assert person.photo.startswith(b"\xff\xd8")


@real
def test_display_name_inside_email_and_comment_lines():
    assert values(only("aosp_v21_invalid_multiple_line.vcf").emails) == ["omega@example.com"]
    person = only("aosp_v21_invalid_comment_line.vcf")
    assert (
        person.notes == "This is an (sharp ->#<- sharp) example. This message must NOT be ignored."
    )


@real
def test_card_without_name_email_or_phone_is_a_problem():
    result = parse("aosp_v21_android_custom_prop.vcf")
    assert result.people == []
    assert result.problems[0].message == "card 1 has no name, email or phone; skipped."


# -- synthetic edge cases -------------------------------------------------------------------------


def test_file_without_begin_vcard(tmp_path):
    path = write(tmp_path, "Name,Email\nAda,ada@example.com\n", "people.vcf")
    with pytest.raises(ImportFileError, match=r"^people.vcf is not a vCard file: it has no BEGIN"):
        FORMAT.parse(path)


def test_unreadable_file(tmp_path):
    with pytest.raises(ImportFileError, match=r"missing\.vcf"):
        FORMAT.parse(tmp_path / "missing.vcf")
    with pytest.raises(ImportFileError):
        FORMAT.parse(tmp_path)


def test_sniff(tmp_path):
    path = tmp_path / "x.vcf"
    assert FORMAT.sniff(path, b"\xef\xbb\xbf\r\n\r\nbegin:vcard\r\nVERSION:3.0\r\n")
    assert FORMAT.sniff(path, "BEGIN:VCARD\r\n".encode("utf-16"))
    assert not FORMAT.sniff(path, b"First Name,Last Name\r\nBEGIN:VCARD\r\n")
    assert not FORMAT.sniff(path, b"")


def test_broken_cards_do_not_stop_the_others(tmp_path):
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Ada Lovelace\nEMAIL:ada@example.com\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Broken\nthis is not a property\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nNOTE:nobody\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Grace Hopper\nTEL:+1 555 0100\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cut off\n"
    )
    result = FORMAT.parse(write(tmp_path, text))
    assert [(p.ref, p.name) for p in result.people] == [
        ("card 1", "Ada Lovelace"),
        ("card 4", "Grace Hopper"),
    ]
    assert [p.message for p in result.problems] == [
        "card 2 has a line that is not a vCard property (line 9); skipped.",
        "card 3 has no name, email or phone; skipped.",
        "card 5 has no END:VCARD line; skipped.",
    ]


def test_missing_end_does_not_swallow_the_next_cards(tmp_path):
    text = (
        "BEGIN:VCARD\nFN:No End\n"
        "BEGIN:VCARD\nFN:Second\nEND:VCARD\n"
        "BEGIN:VCARD\nFN:Third\nEND:VCARD\n"
    )
    result = FORMAT.parse(write(tmp_path, text))
    assert [p.name for p in result.people] == ["Second", "Third"]
    assert [p.ref for p in result.problems] == ["card 1"]


def test_latin1_file_without_charset(tmp_path):
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Renée Müller\r\nN:Müller;Renée;;;\r\nEND:VCARD\r\n"
    person = FORMAT.parse(write(tmp_path, text.encode("latin-1"))).people[0]
    assert (person.name, person.family_name) == ("Renée Müller", "Müller")


def test_charset_parameters_and_bom(tmp_path):
    text = (
        b"\xef\xbb\xbfBEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=ISO-8859-1:Jos\xe9 Garc\xeda\r\n"
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Garc=C3=ADa;Jos=C3=A9;;;\r\n"
        b"END:VCARD\r\n"
    )
    person = FORMAT.parse(write(tmp_path, text)).people[0]
    assert (person.name, person.family_name, person.given_name) == (
        "José García",
        "García",
        "José",
    )


def test_vcard3_fields(tmp_path):
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada\r\nUID:urn:uuid:42\r\n"
        "CATEGORIES:Friends,Work\r\nNOTE:line one\\nline two\\, with comma\\; semi\r\n"
        "X-SOCIALPROFILE;type=twitter;x-user=ada:http://twitter.com/ada\r\n"
        "item1.TEL:+44 20 7946 0000\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n"
        "BDAY:0000-03-15\r\nPHOTO:data:image/png;base64,iVBORw0KGgo=\r\nEND:VCARD\r\n"
    )
    person = FORMAT.parse(write(tmp_path, text)).people[0]
    assert person.external_id == "urn:uuid:42"
    assert person.tags == ["Friends", "Work"]
    assert person.notes == "line one\nline two, with comma; semi"
    assert person.urls == [Labeled("http://twitter.com/ada", "twitter")]
    assert person.phones == [Labeled("+44 20 7946 0000", "mobile")]
    assert person.birthday == (None, 3, 15)
    assert person.photo == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1980-03-22", (1980, 3, 22)),
        ("19800322", (1980, 3, 22)),
        ("--0315", (None, 3, 15)),
        ("--03-15", (None, 3, 15)),
        ("0000-03-15", (None, 3, 15)),
        ("1604-03-15", (None, 3, 15)),
        ("2012-06-06T00:00:00Z", (2012, 6, 6)),
        ("1980-02-30", None),
        ("unknown", None),
    ],
)
def test_parse_birthday(value, expected):
    assert parse_birthday(value) == expected


def test_clean_label():
    assert clean_label("_$!<Mobile>!$_") == "mobile"
    assert clean_label("_$!<HomePage>!$_") == "home page"
    assert clean_label("GRAND_CENTRAL") == "GRAND_CENTRAL"


# -- mutations never raise anything but ImportFileError -------------------------------------------


def mutate(data: bytes, ops: list[tuple[str, int, int]]) -> bytes:
    lines = data.split(b"\n")
    for op, where, byte in ops:
        index = where % max(len(lines), 1)
        if op == "delete" and lines:
            del lines[index]
        elif op == "duplicate" and lines:
            lines.insert(index, lines[index])
        elif op == "flip" and lines and lines[index]:
            line = bytearray(lines[index])
            line[byte % len(line)] ^= 1 << (byte % 8)
            lines[index] = bytes(line)
        elif op == "insert":
            lines.insert(index, bytes([byte % 256]) * (1 + byte % 3))
    return b"\n".join(lines)


OPS = st.tuples(
    st.sampled_from(["delete", "duplicate", "flip", "insert"]),
    st.integers(min_value=0, max_value=10_000),
    st.integers(min_value=0, max_value=10_000),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(VCARD),
    ops=st.lists(OPS, min_size=1, max_size=8),
)
def test_mutated_real_files_raise_only_import_errors(realdata, name, ops):
    data = mutate((realdata / "vcard" / name).read_bytes(), ops)
    try:
        result = parse_bytes(data, name)
    except ImportFileError:
        return
    for person in result.people + result.problems:
        assert person.ref.startswith("card ")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_raise_only_import_errors(data):
    with contextlib.suppress(ImportFileError):
        parse_bytes(b"BEGIN:VCARD\r\n" + data, "random.vcf")
