"""Hostile import files, made on the fly (nothing big is committed): zip bombs, a zip whose
header lies, CSVs too big or too long for tiebook to read."""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024
CONNECTIONS_HEADER = b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
CONNECTION_ROW = b"Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,15 Mar 2024\r\n"


@dataclass(frozen=True)
class Member:
    name: str
    deflated: bytes  # raw deflate stream
    crc: int
    size: int  # as declared in the headers (a liar declares less than the stream holds)
    compressed: bool = True


def deflated_zeros(mib: int, prefix: bytes = b"") -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, size) of `prefix` then `mib` MiB of zero bytes, in well under
    a second for a GiB: after a full flush the compressor forgets everything, so each further
    MiB of zeros compresses to the same bytes, made once and repeated."""
    block = bytes(MiB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix + block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(mib):
        crc = zlib.crc32(block, crc)
    return head + repeated * (mib - 1) + tail, crc, len(prefix) + mib * MiB


def zeros_member(name: str, mib: int, prefix: bytes = b"") -> Member:
    data, crc, size = deflated_zeros(mib, prefix)
    return Member(name, data, crc, size)


def text_member(name: str, text: bytes) -> Member:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = compressor.compress(text) + compressor.flush()
    return Member(name, data, zlib.crc32(text), len(text))


def write_zip(path: Path, members: list[Member]) -> Path:
    """A zip of the members exactly as given, sizes and all (no zip64: each under 4 GiB)."""
    central = []
    with path.open("wb") as out:
        for member in members:
            offset = out.tell()
            name = member.name.encode()
            method = zipfile.ZIP_DEFLATED if member.compressed else zipfile.ZIP_STORED
            sizes = (member.crc, len(member.deflated), member.size)
            local = struct.pack(
                "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 33, *sizes, len(name), 0
            )
            out.write(local + name)
            out.write(member.deflated)
            central.append(
                struct.pack(
                    "<4s6H3L5H2L",
                    b"PK\x01\x02",
                    20,
                    20,
                    0,
                    method,
                    0,
                    33,
                    *sizes,
                    len(name),
                    0,
                    0,
                    0,
                    0,
                    0,
                    offset,
                )
                + name
            )
        start = out.tell()
        directory = b"".join(central)
        out.write(directory)
        count = len(members)
        out.write(
            struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), start, 0)
        )
    return path


def bomb_zip(path: Path, mib: int = 1024) -> Path:
    """A LinkedIn export whose Connections.csv is a header and then `mib` MiB of zeros."""
    return write_zip(path, [zeros_member("Connections.csv", mib, CONNECTIONS_HEADER)])


def lying_zip(path: Path, mib: int = 1024, declared: int = 10_000) -> Path:
    """Connections.csv declared as `declared` bytes but holding `mib` MiB (only its size lies):
    a reader trusting the stream reads a GiB before the checksum tells it the file is broken."""
    member = zeros_member("Connections.csv", mib, CONNECTIONS_HEADER)
    return write_zip(path, [Member(member.name, member.deflated, member.crc, declared)])


def many_members_zip(path: Path, members: int = 20_000, mib_each: int = 60) -> Path:
    """A small valid Connections.csv, the four other files tiebook reads each `mib_each` MiB of
    zeros (together past the limit), and `members` little files it does not use."""
    rows = text_member("Connections.csv", CONNECTIONS_HEADER + CONNECTION_ROW)
    used = [
        zeros_member(name, mib_each)
        for name in (
            "messages.csv",
            "Invitations.csv",
            "Endorsement_Received_Info.csv",
            "Recommendations_Received.csv",
        )
    ]
    junk = text_member("junk/0.txt", b"junk")
    unused = [Member(f"junk/{n}.txt", junk.deflated, junk.crc, junk.size) for n in range(members)]
    return write_zip(path, [rows, *used, *unused])


def unknown_headers_csv(path: Path, mib: int) -> Path:
    """`mib` MiB of CSV whose header names no field tiebook knows."""
    line = b"alpha,beta,gamma,delta\r\n"
    row = b"lorem ipsum dolor,sit amet consectetur,adipiscing elit sed,do eiusmod\r\n"
    block = row * (MiB // len(row))
    with path.open("wb") as out:
        out.write(line)
        for _ in range(mib):
            out.write(block)
    return path


def contacts_csv(path: Path, rows: int) -> Path:
    """A valid contacts CSV of `rows` people, each with a name and an email."""
    with path.open("wb") as out:
        out.write(b"Name,Email\r\n")
        for start in range(0, rows, 10_000):
            out.write(
                b"".join(
                    b"Person %d,p%d@example.com\r\n" % (n, n)
                    for n in range(start, min(rows, start + 10_000))
                )
            )
    return path


def vcards(path: Path, cards: int) -> Path:
    """A vCard file of `cards` people."""
    card = (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person %d\r\nEMAIL:p%d@example.com\r\n"
        b"NOTE:Met at a conference\r\nEND:VCARD\r\n"
    )
    with path.open("wb") as out:
        for start in range(0, cards, 10_000):
            out.write(b"".join(card % (n, n) for n in range(start, min(cards, start + 10_000))))
    return path
