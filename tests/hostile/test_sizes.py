"""Huge and hostile files given to the real `tiebook import`, under a 1 GiB memory cap: each is
refused in one sentence naming the file and the limit, quickly, with little memory, and nothing
is written."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.hostile import capped, files

PEAK_MB = 300  # tiebook itself takes about 70


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> Path:
    """A network of its own on SQLite, whatever database the rest of the tests use."""
    home = tmp_path_factory.mktemp("home")
    done = capped.tiebook(home, "init")
    assert done.returncode == 0, done.stderr
    return home


def tiebook(home: Path, *args: str) -> capped.Run:
    return capped.tiebook(home, *args)  # 1 GiB at most; a slow read is killed and fails


def written(home: Path) -> tuple[int, int]:
    """(imports, people) in the network."""
    database = home / "tiebook.sqlite3"
    with sqlite3.connect(database) as db:
        runs = db.execute("SELECT count(*) FROM interchange_importrun").fetchone()[0]
        people = db.execute("SELECT count(*) FROM people_person").fetchone()[0]
    return runs, people


def refused(env: Path, path: Path, *options: str) -> str:
    """Import the file (for real: not a dry run); check it was refused and cheaply; the error."""
    result = tiebook(env, "import", str(path), *options)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.peak_mb < PEAK_MB, f"{result.peak_mb:.0f} MB"
    assert "Traceback" not in result.stderr
    assert written(env) == (0, 0)
    return result.stderr.strip()


# Zips


def test_a_zip_bomb_is_refused_before_it_expands(env, tmp_path):
    bomb = files.bomb_zip(tmp_path / "Connections.zip", mib=1024)  # 1 MB, a GiB expanded
    assert bomb.stat().st_size < 2 * files.MiB
    assert refused(env, bomb) == (
        "Error: Connections.zip expands to more than 200 MB; tiebook reads at most 200 MB of a "
        "LinkedIn export's files."
    )


def test_a_zip_whose_header_lies_about_its_size_is_read_in_small_pieces(env, tmp_path):
    liar = files.lying_zip(tmp_path / "export.zip", mib=1024, declared=10_000)
    assert refused(env, liar) == (
        "Error: export.zip is not a readable LinkedIn export zip "
        "(Bad CRC-32 for file 'Connections.csv')."
    )


def test_a_member_compressed_like_a_bomb_is_refused_though_under_the_size_limit(env, tmp_path):
    member = files.zeros_member("Connections.csv", 150, files.CONNECTIONS_HEADER)
    bomb = files.write_zip(tmp_path / "export.zip", [member])
    message = refused(env, bomb)
    assert message.startswith(
        "Error: export.zip looks like a zip bomb: its Connections.csv is compressed "
    )
    assert message.endswith("times, where text compresses at most 100 times.")


def test_files_used_from_a_zip_together_may_not_expand_past_the_limit(env, tmp_path):
    # four files of 60 MB each, under the limit on its own, past it together
    export = files.many_members_zip(tmp_path / "export.zip", members=100, mib_each=60)
    assert refused(env, export) == (
        "Error: export.zip expands to more than 200 MB; tiebook reads at most 200 MB of a "
        "LinkedIn export's files."
    )


def test_a_zip_of_twenty_thousand_files_is_refused_before_they_are_listed(env, tmp_path):
    export = files.many_members_zip(tmp_path / "export.zip", members=20_000, mib_each=1)
    assert refused(env, export) == (
        "Error: export.zip holds more than 10,000 files; tiebook reads zips of at most 10,000 "
        "(a LinkedIn export holds a few dozen)."
    )


def test_the_files_of_a_linkedin_export_share_the_record_limit(env, tmp_path):
    messages = b"CONVERSATION ID,FROM,TO,DATE,CONTENT\r\n" + b"".join(
        b"c%d,Ada Lovelace,Me,2024-01-05 10:00:00 UTC,Hello\r\n" % n for n in range(600)
    )
    export = files.write_zip(
        tmp_path / "export.zip",
        [
            files.text_member("Connections.csv", files.CONNECTIONS_HEADER + files.CONNECTION_ROW),
            files.text_member("messages.csv", messages),
        ],
    )
    assert refused(env, export, "--max-records", "600") == (
        "Error: export.zip holds more than 600 records, and tiebook imports at most 600 at a "
        "time (allow more with --max-records)."
    )


# CSVs


def test_a_huge_csv_without_known_headers_is_refused_from_its_first_rows(env, tmp_path):
    unknown = files.unknown_headers_csv(tmp_path / "export.csv", mib=200)
    result = tiebook(env, "import", str(unknown))
    assert result.stderr.strip() == (
        "Error: export.csv is not a contacts CSV: no recognisable header row was found."
    )
    assert result.returncode == 1
    assert result.peak_mb < PEAK_MB, f"{result.peak_mb:.0f} MB"
    assert written(env) == (0, 0)


def test_a_csv_of_millions_of_rows_is_refused_once_counted_past_the_limit(env, tmp_path):
    rows = files.contacts_csv(tmp_path / "everyone.csv", rows=2_700_000)
    result = tiebook(env, "import", str(rows))
    assert result.stderr.strip() == (
        "Error: everyone.csv holds more than 200,000 records, and tiebook imports at most "
        "200,000 at a time (allow more with --max-records)."
    )
    assert result.returncode == 1
    assert result.peak_mb < PEAK_MB, f"{result.peak_mb:.0f} MB"
    assert written(env) == (0, 0)


def test_max_records_lowers_and_raises_the_limit(env, tmp_path):
    rows = files.contacts_csv(tmp_path / "people.csv", rows=1001)
    assert refused(env, rows, "--max-records", "1000") == (
        "Error: people.csv holds more than 1,000 records, and tiebook imports at most 1,000 at "
        "a time (allow more with --max-records)."
    )
    result = tiebook(env, "import", str(rows), "--max-records", "1001", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Dry run (nothing written): people.csv (csv): 1001 would")
    assert tiebook(env, "import", str(rows), "--max-records", "0").stderr.strip() == (
        "Error: --max-records must be at least 1."
    )


def test_a_linkedin_connections_csv_alone_has_the_same_limit(env, tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_bytes(files.CONNECTIONS_HEADER + files.CONNECTION_ROW * 11)
    result = tiebook(env, "import", "linkedin", str(path), "--max-records", "10")
    assert (result.returncode, written(env)) == (1, (0, 0))
    assert result.stderr.strip() == (
        "Error: Connections.csv holds more than 10 records, and tiebook imports at most 10 at a "
        "time (allow more with --max-records)."
    )


def test_a_csv_line_of_millions_of_characters_is_refused_unread(env, tmp_path):
    path = tmp_path / "people.csv"
    path.write_bytes(b"Name,Email\r\nAda," + b"x" * (20 * files.MiB) + b"\r\n")
    assert refused(env, path) == (
        "Error: people.csv has a line longer than 4 million characters (line 2); it is not a "
        "CSV tiebook can read."
    )


# Formats read whole


def test_a_vcard_of_too_many_cards_is_refused_before_it_is_parsed(env, tmp_path):
    cards = files.vcards(tmp_path / "phone.vcf", cards=250_000)
    assert refused(env, cards) == (
        "Error: phone.vcf holds more than 200,000 records, and tiebook imports at most 200,000 "
        "at a time (allow more with --max-records)."
    )


def test_nothing_was_imported(env):
    listing = tiebook(env, "imports")
    assert (listing.returncode, listing.stdout.strip()) == (0, "No imports yet.")
