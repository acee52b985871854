"""How much one import may read, in one place: the limits, and the budget that enforces them.

A file past a limit is refused with one sentence naming it and the limit, before anything is
written, and (for the formats read as they go: the CSVs and the LinkedIn export) before the rest
of it is read, so that a hostile file costs little memory and little time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tiebook.core.errors import ValidationError
from tiebook.interchange.records import ImportFileError

MB = 1024 * 1024

# The web app takes files up to this size; the command line reads files of any size.
WEB_UPLOAD_BYTES = 50 * MB
# Records (rows, cards, messages, meetings) one import brings in: the command line's default
# (raised with --max-records) and the web app's, whose preview and import run in a request.
CLI_RECORDS = 200_000
WEB_RECORDS = 50_000
# A LinkedIn export: the files tiebook reads from it, together, once expanded; how many files
# it may hold; how many times smaller than its content a large member may be compressed
# (text compresses ten times at most; a zip bomb's zeros a thousand times).
ZIP_EXPANDED_BYTES = 200 * MB
ZIP_MEMBERS = 10_000
ZIP_DIRECTORY_BYTES = 4 * MB
ZIP_RATIO = 100
ZIP_RATIO_FROM = 1 * MB  # small members may compress as well as they like
# One line of a CSV (a row without its line breaks would otherwise be read whole).
LINE_CHARS = 4 * MB

# The formats read whole (not row by row) are counted first by the line that opens each record,
# so that a file of too many is refused before it is parsed (a 50 MB vCard took 1.4 GB).
RECORD_MARKERS = {"vcard": b"BEGIN:VCARD", "ics": b"BEGIN:VEVENT", "mail": b"\nFROM "}
COUNT_CHUNK = 1 * MB

CLI_ADVICE = "allow more with --max-records"
WEB_ADVICE = f"the command line, tiebook import, reads up to {CLI_RECORDS:,}"


@dataclass(frozen=True)
class RecordLimit:
    most: int
    advice: str = ""  # what to do with a bigger file, for the refusal's last words


CLI = RecordLimit(CLI_RECORDS, CLI_ADVICE)
WEB = RecordLimit(WEB_RECORDS, WEB_ADVICE)


def cli_limit(most: int | None) -> RecordLimit:
    """The command line's limit, or the one its --max-records option gives."""
    if most is None:
        return CLI
    if most < 1:
        raise ValidationError("--max-records must be at least 1.", field="max_records")
    return RecordLimit(most, CLI_ADVICE)


@dataclass
class Budget:
    """The records one import may still read; the files of a LinkedIn export share one."""

    limit: RecordLimit
    file_name: str
    used: int = 0

    @property
    def left(self) -> int:
        return self.limit.most - self.used

    def take(self, count: int) -> None:
        """Count `count` more records, or refuse the file once they are too many."""
        if self.used + count > self.limit.most:
            raise self.refusal()
        self.used += count

    def precount(self, path: Path, format_name: str) -> None:
        """Refuse a file of a format read whole whose records, counted by the line opening each
        (in upper case: "begin:vcard" counts), are already too many; the count after parsing
        stays the one that decides (a recurring meeting becomes several)."""
        marker = RECORD_MARKERS.get(format_name)
        if marker is None or not path.is_file():
            return
        count, tail = 0, b""
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(COUNT_CHUNK), b""):
                text = tail + chunk.upper()
                count += text.count(marker)
                if count > self.left:
                    raise self.refusal()
                tail = text[-(len(marker) - 1) :]

    def refusal(self) -> ImportFileError:
        most = f"{self.limit.most:,}"
        advice = f" ({self.limit.advice})" if self.limit.advice else ""
        return ImportFileError(
            f"{self.file_name} holds more than {most} records, and tiebook imports at most "
            f"{most} at a time{advice}.",
            field="file",
        )


def too_big_upload(file_name: str) -> str:
    return (
        f"{file_name} is larger than {WEB_UPLOAD_BYTES // MB} MB, the most the web app takes; "
        f"import it with the command line (tiebook import)."
    )


def expands_too_much(file_name: str) -> ImportFileError:
    return ImportFileError(
        f"{file_name} expands to more than {ZIP_EXPANDED_BYTES // MB} MB; tiebook reads at most "
        f"{ZIP_EXPANDED_BYTES // MB} MB of a LinkedIn export's files.",
        field="file",
    )
