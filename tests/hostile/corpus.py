"""Hostile import files, generated small in the tests (none is committed): each is what a
careless or malicious export could hand tiebook."""

from __future__ import annotations

CRLF = "\r\n"
ATTENDEES = (
    "ORGANIZER;CN=Ann Lee:mailto:ann@example.com\r\nATTENDEE;CN=Bob Stone:mailto:bob@example.com"
)


def _every(count: int) -> str:
    return ",".join(str(n) for n in range(count))


def calendar(*events: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tiebook hostile//EN"]
    for event in events:
        lines += ["BEGIN:VEVENT", event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return (CRLF.join(lines) + CRLF).encode()


def event(uid: str, rule: str = "", start: str = "20240101T090000Z") -> str:
    parts = [f"UID:{uid}", f"DTSTART:{start}", "SUMMARY:Stand-up", ATTENDEES]
    return CRLF.join([*parts, f"RRULE:{rule}"] if rule else parts)


def ics_every_second() -> bytes:
    """808 bytes: a daily rule whose BYHOUR, BYMINUTE and BYSECOND make a meeting each second."""
    rule = f"FREQ=DAILY;BYHOUR={_every(24)};BYMINUTE={_every(60)};BYSECOND={_every(60)}"
    return calendar(event("bomb@example.com", rule))


def ics_secondly_forever() -> bytes:
    """A rule repeating every second a billion times."""
    return calendar(event("second@example.com", "FREQ=SECONDLY;INTERVAL=1;COUNT=1000000000"))


def ics_yearly_every_minute() -> bytes:
    """A yearly rule whose BY parts list every month, day, hour and minute."""
    rule = (
        f"FREQ=YEARLY;BYMONTH={_every(13)[2:]};BYMONTHDAY={_every(32)[2:]};"
        f"BYHOUR={_every(24)};BYMINUTE={_every(60)}"
    )
    return calendar(event("yearly@example.com", rule))


def ics_many_daily_series(count: int = 200) -> bytes:
    """Many daily meetings, each far under the per-series cap, together far over a file's."""
    return calendar(*(event(f"daily{n}@example.com", "FREQ=DAILY") for n in range(count)))


def vcard_nested(depth: int = 990) -> bytes:
    """Cards inside cards inside cards (37 KB at 990 levels)."""
    card = ["BEGIN:VCARD", "VERSION:3.0", "FN:Ann Lee"]
    lines = card * depth + ["END:VCARD"] * depth
    return (CRLF.join(lines) + CRLF).encode()


def vcard_long_line(megabytes: int = 10) -> bytes:
    """One card with a NOTE of `megabytes` MB on a single line."""
    note = "x" * (megabytes << 20)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nNOTE:{note}\r\nEND:VCARD\r\n".encode()


def vcard_latin1() -> bytes:
    """A vCard 3.0 saved as Windows-1252 without saying so."""
    text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:José Müller\r\nN:Müller;José;;;\r\nEND:VCARD\r\n"
    return text.encode("cp1252")


def csv_cp1252() -> bytes:
    """A Google Contacts CSV saved as Windows-1252 (names with accents and a curly quote)."""
    text = "First Name,Last Name,E-mail 1 - Value\r\nJosé,Müller’s,jose@example.com\r\n"
    return text.encode("cp1252")


def csv_nul_bytes() -> bytes:
    """A CSV with NUL bytes in a name: what a damaged disk or a bad export leaves."""
    return b"First Name,Last Name,E-mail 1 - Value\r\nAnn\x00\x00,Lee,ann@example.com\r\n"


def ics_many_rules() -> bytes:
    """One event with more repeat rules than any calendar writes, each daily at its own hour."""
    rules = CRLF.join(f"RRULE:FREQ=DAILY;BYHOUR={n % 24};BYMINUTE={n // 24}" for n in range(1000))
    return calendar(event("rules@example.com") + CRLF + rules)


def ics_many_dates() -> bytes:
    """One event with an extra date (RDATE) for every second of a day."""
    dates = ",".join(
        f"20250101T{n // 3600 % 24:02}{n // 60 % 60:02}{n % 60:02}Z" for n in range(86_400)
    )
    return calendar(event("dates@example.com") + CRLF + f"RDATE:{dates}")


def ics_folded_long_line(megabytes: int = 10) -> bytes:
    """A meeting whose description is `megabytes` MB folded into 75-byte lines, as the RFC asks."""
    text = "x" * (megabytes << 20)
    folded = CRLF.join(" " + text[i : i + 74] for i in range(0, len(text), 74))
    return calendar(event("long@example.com") + CRLF + "DESCRIPTION:" + CRLF + folded)


def csv_nul_utf16_without_bom() -> bytes:
    """A Google CSV saved as UTF-16 without its byte-order mark: a NUL after every letter."""
    return "First Name,Last Name,E-mail 1 - Value\r\nAnn,Lée,ann@example.com\r\n".encode(
        "utf-16-le"
    )


def ics_many_events(count: int = 100_000) -> bytes:
    """`count` tiny one-off meetings, one a minute, in one calendar."""
    return calendar(
        *(
            event(
                f"m{n}@example.com",
                start=f"2026{1 + n // 44640 % 12:02}"
                f"{1 + n // 1440 % 28:02}T{n // 60 % 24:02}{n % 60:02}00Z",
            )
            for n in range(count)
        )
    )
