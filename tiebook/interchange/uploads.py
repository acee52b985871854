"""Files waiting between an import's preview and its confirmation.

An upload is kept in the owner's own folder, TIEBOOK_HOME/uploads/<owner id>/<token>/, under a
random token that only ever names a folder in that owner's folder: a token from another owner
finds nothing there. Each upload is deleted once imported, cancelled, or 24 hours old.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import secrets
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings

from tiebook.core.errors import NotFound
from tiebook.core.timeparse import now

UPLOADS_DIR = "uploads"
KEEP_FOR = dt.timedelta(hours=24)
TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
META = "upload.json"
DATA = "file"
GONE = "This upload is no longer waiting (imported, cancelled or older than 24 hours)."


@dataclass(frozen=True)
class PendingUpload:
    token: str
    path: Path  # the file itself, under the name it was uploaded with (cleaned)
    file_name: str
    format_name: str | None
    mapping: dict[str, str] | None
    created_at: dt.datetime
    add_people: bool = False  # calendars and mail: make people of unknown participants
    since: dt.date | None = None  # calendars: the window of meetings
    until: dt.date | None = None

    @property
    def expires_at(self) -> dt.datetime:
        return self.created_at + KEEP_FOR

    @property
    def folder(self) -> Path:
        return self.path.parent.parent


def uploads_root() -> Path:
    return Path(settings.BASE_DIR) / UPLOADS_DIR


def _folder(owner) -> Path:
    return uploads_root() / str(int(owner.pk))


def clean_file_name(name: str) -> str:
    """The last part of what the browser called the file, safe as one path segment.

    The name is kept because the import records it and detection reads its suffix.
    """
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = "".join(c for c in base if c.isprintable()).strip()
    if base in ("", ".", ".."):
        return "upload"
    if len(base) > 150:
        suffix = PurePosixPath(base).suffix[:20]
        base = base[: 150 - len(suffix)] + suffix
    return base


def upload_save(
    *,
    owner,
    name: str,
    chunks: Iterable[bytes],
    format_name: str | None = None,
    mapping: dict[str, str] | None = None,
    add_people: bool = False,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> PendingUpload:
    """Keep an uploaded file for the owner until it is confirmed, cancelled or expires."""
    uploads_sweep()
    token = secrets.token_urlsafe(24)
    folder = _folder(owner) / token
    (folder / DATA).mkdir(parents=True, mode=0o700)
    file_name = clean_file_name(name)
    path = folder / DATA / file_name
    with path.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)
    created = now()
    meta = {
        "owner": owner.pk,
        "file_name": file_name,
        "format": format_name or None,
        "mapping": mapping or None,
        "add_people": bool(add_people),
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "created_at": created.isoformat(),
    }
    (folder / META).write_text(json.dumps(meta))
    return PendingUpload(
        token,
        path,
        file_name,
        format_name or None,
        mapping or None,
        created,
        bool(add_people),
        since,
        until,
    )


def upload_get(*, owner, token: str) -> PendingUpload:
    """The owner's waiting upload with this token; NotFound for anyone else's or an old one."""
    if not TOKEN.fullmatch(token or ""):
        raise NotFound(GONE)
    folder = _folder(owner) / token
    try:
        meta = json.loads((folder / META).read_text())
        created = dt.datetime.fromisoformat(meta["created_at"])
        since, until = (
            dt.date.fromisoformat(meta[k]) if meta.get(k) else None for k in ("since", "until")
        )
    except (OSError, ValueError, KeyError, TypeError):
        raise NotFound(GONE) from None
    path = folder / DATA / str(meta.get("file_name", ""))
    if meta.get("owner") != owner.pk or path.parent != folder / DATA or not path.is_file():
        raise NotFound(GONE)
    if now() - created > KEEP_FOR:
        shutil.rmtree(folder, ignore_errors=True)
        raise NotFound(GONE)
    return PendingUpload(
        token,
        path,
        path.name,
        meta.get("format"),
        meta.get("mapping"),
        created,
        bool(meta.get("add_people")),
        since,
        until,
    )


def upload_take(*, owner, token: str) -> PendingUpload:
    """Claim the owner's upload for importing it, so that a second confirmation finds nothing.

    Renaming the folder is atomic: of two confirmations sent at once, one gets NotFound.
    """
    pending = upload_get(owner=owner, token=token)
    taken = pending.folder.with_name(f".taken-{token}")
    try:
        pending.folder.rename(taken)
    except OSError:
        raise NotFound(GONE) from None
    return dataclasses.replace(pending, path=taken / DATA / pending.file_name)


def upload_discard(*, pending: PendingUpload) -> None:
    """Delete an upload, waiting or taken, once it is imported or its import failed."""
    shutil.rmtree(pending.folder, ignore_errors=True)


def upload_delete(*, owner, token: str) -> None:
    if TOKEN.fullmatch(token or ""):
        shutil.rmtree(_folder(owner) / token, ignore_errors=True)


def uploads_sweep() -> int:
    """Delete every owner's uploads older than 24 hours; returns how many went."""
    root = uploads_root()
    if not root.is_dir():
        return 0
    cutoff = now() - KEEP_FOR
    gone = 0
    for folder in root.glob("*/*"):
        if folder.is_dir() and _saved_at(folder) < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            gone += 1
    return gone


def _saved_at(folder: Path) -> dt.datetime:
    """When the upload was saved: from its note, else (a half-written one) the folder's time."""
    try:
        return dt.datetime.fromisoformat(json.loads((folder / META).read_text())["created_at"])
    except (OSError, ValueError, KeyError, TypeError):
        try:
            return dt.datetime.fromtimestamp(folder.stat().st_mtime, tz=dt.UTC)
        except OSError:
            return now()
