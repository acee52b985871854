"""LinkedIn, Google, Outlook and generic CSV importers: layouts, line refs, problems, fuzzing."""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.realdata import CSV
from tiebook.interchange.formats import csv_common, csv_generic, google_csv, linkedin, outlook_csv
from tiebook.interchange.records import ImportFileError, Labeled, ParseResult, PersonRef, Problem

FIXTURES = Path(__file__).parent / "fixtures"
CSV_FORMATS = [linkedin.FORMAT, google_csv.FORMAT, outlook_csv.FORMAT, csv_generic.FORMAT]
ZIP_MEMBERS = {
    "Connections.csv": "linkedin_connections.csv",
    "messages.csv": "linkedin_messages.csv",
    "Invitations.csv": "linkedin_invitations.csv",
    "Endorsement_Received_Info.csv": "linkedin_endorsements_received.csv",
    "Recommendations_Received.csv": "linkedin_recommendations_received.csv",
    "Profile.csv": "linkedin_profile.csv",
}
ADA = "https://www.linkedin.com/in/ada-quinlan"
SAM = "https://www.linkedin.com/in/sam-owner"
BRUNO = "https://www.linkedin.com/in/bruno-okafor-4b2a1"
CHLOE = "https://www.linkedin.com/in/chloe-marchetti"


def build_zip(target: Path, members: dict[str, str] = ZIP_MEMBERS) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for name, fixture in members.items():
            archive.writestr(name, (FIXTURES / fixture).read_bytes())
        archive.writestr("Jobs/Job Applications.csv", "Application Date,Company Name\n")
    return target


def names(result: ParseResult) -> list[str]:
    return [p.display_name() for p in result.people]


def values(items: list[Labeled]) -> list[str]:
    return [item.value for item in items]


# ---- LinkedIn ---------------------------------------------------------------------------------


def test_connections_with_preamble_bom_and_crlf():
    result = linkedin.FORMAT.parse(FIXTURES / "linkedin_connections.csv")
    assert names(result) == ["Ada Quinlan", "Bruno Okafor", "Chloé Marchetti", "Dmitri Volkov"]
    assert [p.ref for p in result.people] == ["line 5", "line 6", "line 7", "line 9"]
    ada, bruno, chloe, dmitri = result.people
    assert ada.emails == []
    assert ada.urls == [Labeled(ADA, "linkedin")]
    assert (ada.organization, ada.title) == ("Northwind Analytics", "Data Engineer")
    assert ada.connected_on == dt.date(2024, 3, 15)
    assert bruno.emails == [Labeled("bruno@okafor.example", "")]
    assert bruno.organization == "Okafor & Sons, Ltd."
    assert chloe.title == "Head of Design, EMEA"
    assert dmitri.connected_on is None
    assert result.problems == [
        Problem("line 8", csv_common.NO_IDENTITY),
        Problem(
            "line 9", "Connected On '31 Feb 2024' is not a date; the rest of the row was kept."
        ),
    ]


def test_older_connections_without_url():
    result = linkedin.FORMAT.parse(FIXTURES / "linkedin_connections_old.csv")
    assert names(result) == ["Erin Halvorsen", "Farid Nasser"]
    erin, farid = result.people
    assert erin.urls == []
    assert values(erin.emails) == ["erin.h@halvorsen.example"]
    assert erin.connected_on == dt.date(2024, 3, 15)
    assert farid.connected_on == dt.date(2019, 3, 15)
    assert [p.ref for p in result.people] == ["line 2", "line 3"]
    assert result.problems == []


def test_linkedin_zip(tmp_path):
    result = linkedin.FORMAT.parse(build_zip(tmp_path / "Basic_LinkedInDataExport.zip"))
    assert names(result)[:2] == ["Ada Quinlan", "Bruno Okafor"]
    assert result.skipped == ["Jobs/Job Applications.csv: not used", "Profile.csv: not used"]
    endorsed = [(v.kind, v.person.name, v.skill, v.given_on) for v in result.vouches]
    assert endorsed == [
        ("endorsement", "Ada Quinlan", "Python", dt.date(2023, 6, 5)),
        ("endorsement", "Bruno Okafor", "Data Modeling", dt.date(2023, 7, 11)),
        ("endorsement", "Chloé Marchetti", "Python", dt.date(2024, 1, 19)),
        ("recommendation", "Bruno Okafor", "", dt.date(2023, 3, 4)),
    ]
    assert result.vouches[0].person.profile_url == ADA
    assert result.vouches[3].text == "Sam is a rare engineer who ships.\nHighly recommended."
    invited = [i for i in result.interactions if i.ref.startswith("Invitations.csv")]
    assert [(i.summary, i.direction, i.occurred_at, i.participants) for i in invited] == [
        (
            "Invitation to connect",
            "incoming",
            dt.datetime(2024, 3, 2, 9, 14, tzinfo=dt.UTC),
            [PersonRef(name="Dmitri Volkov", profile_url="https://www.linkedin.com/in/dvolkov")],
        ),
        (
            "Invitation to connect: Hi Erin, loved your talk.",
            "outgoing",
            dt.datetime(2024, 1, 20, 18, 2, tzinfo=dt.UTC),
            [
                PersonRef(
                    name="Erin Halvorsen", profile_url="https://www.linkedin.com/in/erin-halvorsen"
                )
            ],
        ),
    ]
    assert Problem("messages.csv line 7", "The message date 'yesterday' is not a date.") in (
        result.problems
    )
    first, reply, intro, group = [i for i in result.interactions if i.ref.startswith("messages")]
    assert first.external_id == "linkedin:2-YWJjMTEx:2023-01-05 10:00:00 UTC:Ada Quinlan"
    assert first.occurred_at == dt.datetime(2023, 1, 5, 10, 0, tzinfo=dt.UTC)
    assert (first.kind, first.direction, first.ref) == (
        "message",
        "incoming",
        "messages.csv line 2",
    )
    assert first.participants == [PersonRef(name="Ada Quinlan", profile_url=ADA)]
    assert reply.direction == "outgoing"
    assert reply.participants == [PersonRef(name="Ada Quinlan", profile_url=ADA)]
    assert intro.summary == "Intro"
    assert intro.participants == [PersonRef(name="Bruno Okafor", profile_url=BRUNO + "/")]
    assert group.direction == "incoming"
    assert group.summary == "Kick-off is Thursday. Bring the slides."
    assert group.participants == [
        PersonRef(name="Chloé Marchetti", profile_url=CHLOE),
        PersonRef(name="Ada Quinlan", profile_url=ADA),
        PersonRef(name="Bruno Okafor", profile_url=BRUNO),
    ]
    assert all(SAM not in [p.profile_url for p in i.participants] for i in result.interactions)


def test_zip_without_connections(tmp_path):
    path = build_zip(tmp_path / "export.zip", {"messages.csv": "linkedin_messages.csv"})
    with pytest.raises(ImportFileError, match=r"^export.zip is not a LinkedIn export: it has no"):
        linkedin.FORMAT.parse(path)


def test_linkedin_rejects_other_csv():
    with pytest.raises(ImportFileError, match=r"google_current\.csv is not a LinkedIn"):
        linkedin.FORMAT.parse(FIXTURES / "google_current.csv")


def test_url_key_normalises_profile_urls():
    assert linkedin.url_key("HTTPS://www.LinkedIn.com/in/Ada/") == "linkedin.com/in/ada"
    assert linkedin.profile_url("www.linkedin.com/in/ada") == "https://www.linkedin.com/in/ada"


# ---- Google -----------------------------------------------------------------------------------


def test_google_current_layout():
    result = google_csv.FORMAT.parse(FIXTURES / "google_current.csv")
    assert names(result) == ["Ada Quinlan", "Bruno Okafor", "Hiro Tanaka"]
    assert [p.ref for p in result.people] == ["line 2", "line 5", "line 7"]
    ada, bruno, hiro = result.people
    assert ada.emails == [
        Labeled("ada@quinlan.example", "home"),
        Labeled("ada.q@mail.example", "home"),
        Labeled("ada@northwind.example", "work"),
    ]
    assert ada.phones == [Labeled("+44 7700 900123", "mobile")]
    assert (ada.organization, ada.title, ada.department) == (
        "Northwind Analytics",
        "Data Engineer",
        "Platform",
    )
    assert ada.tags == ["Friends", "Climbing"]
    assert ada.birthday == (1990, 7, 14)
    assert ada.nickname == "Ads"
    assert ada.addresses == [Labeled("12 Harbour Row, Bristol BS1 4XX, United Kingdom", "home")]
    assert ada.urls == [Labeled(ADA, "profile")]
    assert values(bruno.phones) == ["+1 206 555 0142", "+1 206 555 0199"]
    assert bruno.tags == []
    assert bruno.birthday == (None, 4, 12)
    assert hiro.birthday is None
    assert hiro.tags == ["Conference 2024"]
    assert result.problems == [
        Problem("line 6", csv_common.NO_IDENTITY),
        Problem("line 7", "Birthday '1985-13-40' is not a date; the rest of the row was kept."),
    ]


def test_google_legacy_layout():
    result = google_csv.FORMAT.parse(FIXTURES / "google_legacy.csv")
    assert names(result) == ["Chloé Marchetti", "Erin Halvorsen"]
    chloe, erin = result.people
    assert chloe.emails == [
        Labeled("chloe@fabrikam.example", "work"),
        Labeled("chloe.m@home.example", "home"),
    ]
    assert chloe.phones == [Labeled("+39 347 000 1234", "mobile")]
    assert (chloe.organization, chloe.title) == ("Fabrikam", "Head of Design")
    assert chloe.tags == ["Design"]
    assert chloe.birthday == (1988, 11, 2)
    assert values(erin.emails) == ["erin.h@halvorsen.example", "erin@tailspin.example"]
    assert erin.tags == ["Coworkers"]
    assert erin.notes == 'Prefers "Erin", not "E."'
    assert result.problems == []


# ---- Outlook ----------------------------------------------------------------------------------


def test_outlook_com_layout():
    result = outlook_csv.FORMAT.parse(FIXTURES / "outlook_com.csv")
    assert names(result) == ["Dmitri Volkov", "Greta M. Lindqvist", "Omar Haddad"]
    assert [p.ref for p in result.people] == ["line 2", "line 3", "line 6"]
    dmitri, greta, omar = result.people
    assert values(dmitri.emails) == ["dmitri@volkov.example", "d.volkov@contoso.example"]
    assert dmitri.phones == [
        Labeled("+49 151 0000 0000", "mobile"),
        Labeled("+49 30 0000 0001", "work"),
    ]
    assert (dmitri.organization, dmitri.title, dmitri.department) == (
        "Contoso",
        "Engineering Manager",
        "Platform",
    )
    assert dmitri.tags == ["Work", "Conference 2024"]
    assert dmitri.birthday == (1985, 4, 12)
    assert dmitri.addresses == [Labeled("Friedrichstraße 1, Berlin, 10117, Germany", "work")]
    assert values(dmitri.urls) == ["https://volkov.example"]
    assert greta.notes == "Met at the Lisbon offsite.\nFollow up about the mentoring scheme."
    assert omar.birthday is None
    assert result.problems == [
        Problem("line 5", csv_common.NO_IDENTITY),
        Problem("line 6", "Birthday '31/31/1990' is not a date; the rest of the row was kept."),
    ]


def test_outlook_desktop_layout_cp1252():
    result = outlook_csv.FORMAT.parse(FIXTURES / "outlook_desktop.csv")
    assert names(result) == ["Zoë Ferrand", "Liam O'Brien Jr."]
    zoe, liam = result.people
    assert values(zoe.emails) == ["zoe@ferrand.example"]
    assert zoe.phones == [
        Labeled("+33 6 00 00 00 00", "mobile"),
        Labeled("+33 4 00 00 00 00", "work"),
    ]
    assert (zoe.organization, zoe.title) == ("Fabrikam", "Buyer")
    assert zoe.tags == ["Clients", "VIP"]
    assert zoe.birthday is None
    assert values(liam.emails) == ["liam@obrien.example"]  # the Exchange (EX) address is dropped
    assert liam.birthday == (1979, 6, 30)
    assert liam.notes == "Introduced by Zoë.\nPlays five-a-side on Tuesdays."
    assert result.problems == [Problem("line 5", csv_common.NO_IDENTITY)]
    assert result.skipped == [
        "outlook_desktop.csv is not valid UTF-8 on lines 2 and 3; read as Windows-1252: check "
        "accented names"
    ]


# ---- generic CSV ------------------------------------------------------------------------------


def test_generic_csv_recognises_headers():
    result = csv_generic.FORMAT.parse(FIXTURES / "generic.csv")
    assert names(result) == ["Inès Moreau", "Jonas Berg", "Kofi Mensah"]
    ines, jonas, kofi = result.people
    assert ines.emails == [Labeled("ines@moreau.example", "")]
    assert ines.phones == [Labeled("+33 1 70 00 00 01", "work")]
    assert (ines.organization, ines.title, ines.notes) == ("Litware", "CTO", "Met at VivaTech")
    assert values(ines.urls) == ["https://www.linkedin.com/in/ines-moreau"]
    assert ines.tags == ["investors", "paris"]
    assert ines.birthday == (1979, 5, 30)
    assert values(jonas.emails) == ["jonas@berg.example", "j.berg@work.example"]
    assert kofi.birthday is None
    assert result.problems == [
        Problem("line 4", csv_common.NO_IDENTITY),
        Problem("line 5", "Birthday '32/13/1990' is not a date; the rest of the row was kept."),
    ]


def test_generic_csv_skips_a_preamble_to_the_real_header():
    result = csv_generic.FORMAT.parse(FIXTURES / "linkedin_connections.csv")
    assert names(result) == ["Ada Quinlan", "Bruno Okafor", "Chloé Marchetti", "Dmitri Volkov"]
    assert [p.ref for p in result.people] == ["line 5", "line 6", "line 7", "line 9"]
    assert values(result.people[0].urls) == [ADA]


def test_generic_csv_mapping_overrides():
    path = FIXTURES / "generic_mapped.csv"
    mapping = {"Person": "name", "Employer": "org", "where we met": "notes", "Mobile": "phone"}
    result = csv_generic.FORMAT.parse(path, mapping=mapping)
    assert names(result) == ["Lena Vogt", "Mateo Ruiz"]
    lena = result.people[0]
    assert (lena.organization, lena.notes) == ("Tailspin Toys", "PyCon DE")
    assert lena.phones == [Labeled("+49 170 0000000", "mobile")]
    unmapped = csv_generic.FORMAT.parse(path)
    assert [(p.name, p.organization) for p in unmapped.people] == [
        ("", "Tailspin Toys"),
        ("", "Litware"),
    ]


def test_generic_csv_mapping_errors():
    path = FIXTURES / "generic_mapped.csv"
    with pytest.raises(ImportFileError, match="unknown field 'employer'"):
        csv_generic.FORMAT.parse(path, mapping={"Employer": "employer"})
    with pytest.raises(ImportFileError, match="no column 'Cell'"):
        csv_generic.FORMAT.parse(path, mapping={"Cell": "phone"})


def test_generic_csv_without_header(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("1,2,3\n4,5,6\n")
    with pytest.raises(ImportFileError, match=r"^numbers.csv is not a contacts CSV"):
        csv_generic.FORMAT.parse(path)


@pytest.mark.parametrize("name", CSV)
def test_thunderbird_realdata(realdata, name):
    result = csv_generic.FORMAT.parse(realdata / "csv" / name)
    assert [(p.name, p.given_name, p.family_name) for p in result.people] == [
        ("John Doe", "John", "Doe"),
        ("Jane Doe", "Jane", "Doe"),
    ]
    assert [values(p.emails) for p in result.people] == [["john@doe.invalid"], ["jane@doe.invalid"]]
    assert [p.ref for p in result.people] == ["line 2", "line 3"]
    assert result.problems == []


# ---- shared reading -------------------------------------------------------------------------


def test_latin1_semicolon_and_quoted_newlines(tmp_path):
    path = tmp_path / "contacts.csv"
    text = (
        'Name;Email;Notes\r\nRenée Blanc;renee@blanc.example;"two\r\nlines"\r\n'
        "\r\nOla;ola@x.example;\r\n"
    )
    path.write_bytes(text.encode("latin-1"))
    result = csv_generic.FORMAT.parse(path)
    assert names(result) == ["Renée Blanc", "Ola"]
    assert [p.ref for p in result.people] == ["line 2", "line 5"]
    assert result.people[0].notes == "two\nlines"
    assert result.skipped == [
        "contacts.csv is not valid UTF-8 on line 2; read as Windows-1252: check accented names"
    ]


def test_utf16_without_its_byte_order_mark_is_recognised_by_its_nuls(tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes("Name,Email\r\nŁucja Blanc,lucja@x.example\r\n".encode("utf-16-le"))
    result = csv_generic.FORMAT.parse(path)
    assert (names(result), result.skipped) == (["Łucja Blanc"], [])


def test_a_utf8_file_with_one_windows_1252_line_keeps_the_others_right(tmp_path):
    path = tmp_path / "people.csv"
    lines = ["Name,Email", "José Díaz,jose@x.example", "Renée Blanc,renee@x.example"]
    data = "\r\n".join(lines).encode()
    path.write_bytes(data.replace("Renée".encode(), "Renée".encode("cp1252")))
    result = csv_generic.FORMAT.parse(path)
    assert names(result) == ["José Díaz", "Renée Blanc"]
    assert result.skipped == [
        "people.csv is not valid UTF-8 on line 3; read as Windows-1252: check accented names"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Mar 2024", (2024, 3, 15)),
        ("15-Mar-24", (2024, 3, 15)),
        ("3/15/2024", (2024, 3, 15)),
        ("15/3/2024", (2024, 3, 15)),
        ("2024-03-15", (2024, 3, 15)),
        ("--03-15", (None, 3, 15)),
        ("March 15, 2024", (2024, 3, 15)),
        ("15.03.2024", (2024, 3, 15)),
        ("0/0/00", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert csv_common.parse_date(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "31 Feb 2024", "13/13/2020", "2024-00-10"])
def test_parse_date_rejects(text):
    with pytest.raises(ValueError, match=r"."):
        csv_common.parse_date(text)


def test_unreadable_file(tmp_path):
    for fmt in CSV_FORMATS:
        with pytest.raises(ImportFileError, match=r"missing\.csv cannot be read"):
            fmt.parse(tmp_path / "missing.csv")


# ---- sniffing -------------------------------------------------------------------------------


def detect(path: Path) -> str:
    head = path.read_bytes()[:4096]
    return next(fmt.name for fmt in CSV_FORMATS if fmt.sniff(path, head))


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("linkedin_connections.csv", "linkedin"),
        ("linkedin_connections_old.csv", "linkedin"),
        ("google_current.csv", "google"),
        ("google_legacy.csv", "google"),
        ("outlook_com.csv", "outlook"),
        ("outlook_desktop.csv", "outlook"),
        ("generic.csv", "csv"),
        ("generic_mapped.csv", "csv"),
        ("linkedin_messages.csv", "csv"),
    ],
)
def test_sniffers_pick_the_format(fixture, expected):
    assert detect(FIXTURES / fixture) == expected


def test_sniffers_on_zip(tmp_path):
    assert detect(build_zip(tmp_path / "export.zip")) == "linkedin"
    other = build_zip(tmp_path / "other.zip", {"messages.csv": "linkedin_messages.csv"})
    assert not any(fmt.sniff(other, other.read_bytes()[:4096]) for fmt in CSV_FORMATS)


@pytest.mark.parametrize("name", CSV)
def test_sniffers_on_realdata(realdata, name):
    assert detect(realdata / "csv" / name) == "csv"


# ---- fuzzing --------------------------------------------------------------------------------

SEEDS = sorted(FIXTURES.glob("*.csv"))
FUZZ_FORMATS = {fmt.name: fmt for fmt in CSV_FORMATS}


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "truncate"]))
        chunk = draw(
            st.sampled_from([b'"', b",", b";", b"\t", b"\r", b"\n", b"\x00", b"\xff", b"*"])
        )
        if action == "insert":
            data[at:at] = chunk
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 40))]
        elif action == "replace" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "truncate":
            del data[at:]
    return bytes(data)


def parse_or_import_error(fmt_name: str, data: bytes, suffix: str = ".csv") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            result: ParseResult | ImportFileError = FUZZ_FORMATS[fmt_name].parse(path)
        except ImportFileError as exc:
            result = exc
        assert isinstance(result, ParseResult) or result.message.strip()
        FUZZ_FORMATS[fmt_name].sniff(path, data[:4096])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=mutated(), fmt=st.sampled_from(sorted(FUZZ_FORMATS)))
def test_mutated_csv_raises_only_import_errors(data, fmt):
    parse_or_import_error(fmt, data)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=300), fmt=st.sampled_from(sorted(FUZZ_FORMATS)))
def test_random_bytes_raise_only_import_errors(data, fmt):
    parse_or_import_error(fmt, data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_zip_raises_only_import_errors(data):
    with tempfile.TemporaryDirectory() as folder:
        raw = bytearray(build_zip(Path(folder) / "seed.zip").read_bytes())
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(raw) - 1))
        if data.draw(st.booleans()):
            raw[at] = data.draw(st.integers(0, 255))
        else:
            del raw[at : at + data.draw(st.integers(1, 64))]
    parse_or_import_error("linkedin", bytes(raw), suffix=".zip")
