"""Reading a zip without trusting it: how many files it holds, how big they say they are, and
how many bytes they really give, each checked against the limits before it costs much."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from tiebook.interchange import limits
from tiebook.interchange.records import ImportFileError

END = b"PK\x05\x06"
END64_LOCATOR = b"PK\x06\x07"
END_SEARCH = 22 + 65535  # the end record, and the longest comment it may carry


def _directory(handle: BinaryIO) -> tuple[int, int]:
    """(files, bytes) of the zip's directory, as its end record says, before Python's zipfile
    reads the whole directory into memory."""
    size = handle.seek(0, io.SEEK_END)
    start = max(0, size - END_SEARCH)
    handle.seek(start)
    tail = handle.read()
    at = tail.rfind(END)
    if at < 0 or len(tail) - at < 22:
        raise zipfile.BadZipFile("File is not a zip file")
    entries, directory = struct.unpack_from("<HL", tail, at + 10)
    locator = at - 20
    if (entries == 0xFFFF or directory == 0xFFFFFFFF) and tail[locator : locator + 4] == (
        END64_LOCATOR
    ):
        (offset,) = struct.unpack_from("<Q", tail, locator + 8)
        handle.seek(offset)
        record = handle.read(56)
        if len(record) < 56:
            raise zipfile.BadZipFile("The zip64 end record is cut short")
        entries, directory = struct.unpack_from("<QQ", record, 32)
    return entries, directory


def open_zip(path: Path) -> zipfile.ZipFile:
    """The zip, once its directory is known to be of a sane size (zipfile's errors otherwise)."""
    with Path(path).open("rb") as handle:
        entries, directory = _directory(handle)
    if entries > limits.ZIP_MEMBERS or directory > limits.ZIP_DIRECTORY_BYTES:
        raise ImportFileError(
            f"{Path(path).name} holds more than {limits.ZIP_MEMBERS:,} files; tiebook reads "
            f"zips of at most {limits.ZIP_MEMBERS:,} (a LinkedIn export holds a few dozen).",
            field="file",
        )
    return zipfile.ZipFile(path)


def check_sizes(file_name: str, members: list[zipfile.ZipInfo]) -> None:
    """Refuse, before reading them, members that say they expand too much together, or that
    are compressed far more than text ever is (a zip bomb's zeros)."""
    if sum(info.file_size for info in members) > limits.ZIP_EXPANDED_BYTES:
        raise limits.expands_too_much(file_name)
    for info in members:
        squeezed = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ZIP_RATIO_FROM and squeezed > limits.ZIP_RATIO:
            raise ImportFileError(
                f"{file_name} looks like a zip bomb: its {Path(info.filename).name} is "
                f"compressed {int(squeezed):,} times, where text compresses at most "
                f"{limits.ZIP_RATIO} times.",
                field="file",
            )


class _Capped(io.RawIOBase):
    """A zip member read in small pieces that stops past the limit whatever its header said."""

    def __init__(self, stream: BinaryIO, file_name: str):
        self._stream, self._file_name, self._read = stream, file_name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        self._read += len(data)
        if self._read > limits.ZIP_EXPANDED_BYTES:
            raise limits.expands_too_much(self._file_name)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def member_opener(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, file_name: str
) -> Callable[[], BinaryIO]:
    """Opens the member afresh at each call, read through the cap."""
    return lambda: io.BufferedReader(_Capped(archive.open(info), file_name), 64 * 1024)
