"""`tiebook export`: exact output and exit codes, filters, standard output, refusals."""

from __future__ import annotations

import json

import icalendar
import pytest

from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(tb):
    tb("add", "Grace Hopper", "-t", "mentor", "--org", "US Navy", "--email", "grace@navy.example")
    tb("add", "Ada Lovelace", "-t", "friend", "--phone", "+44 20 7946 0018")
    return tb


def test_it_exports_people_and_says_how_many(network, tmp_path):
    path = tmp_path / "network.vcf"
    result = network("export", "vcard", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Exported 2 people to {path} (vcard).\n"
    text = path.read_bytes().decode("utf-8")
    assert text.count("BEGIN:VCARD\r\n") == 2
    assert "EMAIL;PREF=1:grace@navy.example\r\n" in text


def test_the_type_filter_writes_only_those_people(network, tmp_path):
    path = tmp_path / "mentors.csv"
    result = network("export", "csv", str(path), "--type", "mentor")
    assert result.stdout == f"Exported 1 person to {path} (csv).\n"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("Grace Hopper,Grace,Hopper,,US Navy,")


def test_the_filters_of_list_work_the_same(network, tmp_path):
    path = tmp_path / "out.json"
    for args, expected in (
        (["--category", "personal"], ["Ada Lovelace", "Grace Hopper"]),
        (["-c", "strategic"], []),
        (["--org", "navy"], ["Grace Hopper"]),
        (["--tag", "nobody"], []),
        (["--due"], []),
        (["--dormant"], []),
        (["--archived", "-t", "friend"], ["Ada Lovelace"]),
    ):
        result = network("export", "json", str(path), *args)
        assert result.exit_code == 0, result.output
        assert [p["name"] for p in json.loads(path.read_text(encoding="utf-8"))] == expected


def test_it_writes_to_standard_output_with_a_dash(network):
    result = network("export", "json", "-", "--type", "friend")
    assert result.exit_code == 0, result.output
    assert [p["name"] for p in json.loads(result.stdout)] == ["Ada Lovelace"]
    assert result.stderr == "Exported 1 person to - (json).\n"
    vcard = network("export", "vcard", "-").stdout_bytes  # .stdout would turn CRLF into LF
    assert vcard.startswith(b"BEGIN:VCARD\r\nVERSION:4.0\r\n")
    assert vcard.endswith(b"END:VCARD\r\n")


def test_it_prints_json_about_the_export(network, tmp_path):
    path = tmp_path / "network.vcf"
    assert network.json("export", "vcf", str(path)) == {
        "format": "vcard",
        "file": str(path),
        "people": 2,
    }
    dashed = network("export", "ics", "-", "--json")
    assert json.loads(dashed.stderr) == {"format": "ics", "file": "-", "events": 2}
    assert dashed.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")


def test_it_exports_the_coming_follow_ups_as_a_calendar(network, tmp_path):
    path = tmp_path / "followups.ics"
    network("promise", "grace", "send the paper", "--by", "2026-12-03")
    result = network("export", "ics", str(path))
    assert result.stdout == f"Exported 3 events to {path} (ics).\n"
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert [(str(e.decoded("dtstart")), str(e["summary"])) for e in calendar.walk("VEVENT")] == [
        ("2026-12-03", "Promise to Grace Hopper: send the paper"),
        ("2026-12-30", "Follow up with Grace Hopper"),
        ("2027-01-14", "Follow up with Ada Lovelace"),
    ]
    narrower = network("export", "ics", str(path), "--days", "30")
    assert narrower.stdout == f"Exported 2 events to {path} (ics).\n"
    mentors = network("export", "ics", "-", "--type", "friend")
    assert mentors.stdout.count("BEGIN:VEVENT") == 1
    assert b"SUMMARY:Follow up with Ada Lovelace\r\n" in mentors.stdout_bytes


def test_an_unknown_format_is_one_sentence_and_writes_nothing(network, tmp_path):
    path = tmp_path / "network.pdf"
    result = network("export", "pdf", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: Unknown export format 'pdf'; tiebook exports vcard, csv, json and ics.\n"
    )
    assert not path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--type", "mentr"], "Unknown connection type 'mentr'. Did you mean 'mentor'?"),
        (["--days", "30"], "--days applies to the ics format only."),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(network, tmp_path, args, message):
    path = tmp_path / "network.csv"
    result = network("export", "csv", str(path), *args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_path_is_one_sentence_and_leaves_no_file(network, tmp_path):
    missing = tmp_path / "missing" / "network.vcf"
    result = network("export", "vcard", str(missing))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing} cannot be written: No such file or directory.\n"
    folder = tmp_path / "folder"
    folder.mkdir()
    result = network("export", "vcard", str(folder))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {folder} cannot be written: Is a directory.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["folder"]
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("fmt", ["vcard", "csv", "json", "ics"])
def test_another_owners_people_never_appear(network, django_user_model, fmt):
    stranger = django_user_model.objects.create(username="stranger")
    make_person(stranger, "Sam Stranger", types=["mentor"], emails=["sam@else.example"])
    result = network("export", fmt, "-")
    assert result.exit_code == 0, result.output
    assert "Grace Hopper" in result.stdout
    assert "Stranger" not in result.stdout
    assert "sam@else.example" not in result.stdout
