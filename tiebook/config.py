"""Runtime configuration: every environment variable tiebook reads, read here and only here."""

from __future__ import annotations

import os
import secrets
import zoneinfo
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url

from tiebook.core.errors import ConfigError

SQLITE_FILE_NAME = "tiebook.sqlite3"
SECRET_KEY_FILE_NAME = "secret_key"
DEFAULT_USER = "me"
SUPPORTED_DATABASE_ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
}


@dataclass(frozen=True)
class Config:
    home: Path
    database_url: str
    database: dict
    debug: bool
    user: str
    time_zone: str
    mode: str  # "local": one person, sign-in links; "server": accounts with passwords
    allowed_hosts: tuple[str, ...]
    public_url: str = ""  # the origin people open, "https://crm.example.org"; "" when unset
    trust_proxy: bool = False  # believe the proxy's X-Forwarded-Proto and X-Forwarded-For
    semantic: bool = True  # search by meaning, where the extra is installed

    @property
    def https(self) -> bool:
        return self.public_url.startswith("https://")


def _home(environ: dict[str, str]) -> Path:
    raw = environ.get("TIEBOOK_HOME", "").strip()
    if raw:
        home = Path(raw).expanduser()
    else:
        import platformdirs

        home = Path(platformdirs.user_data_dir("tiebook"))
    if home.exists() and not home.is_dir():
        raise ConfigError(f"TIEBOOK_HOME must be a directory; {home} is a file.")
    try:
        # Made readable by its owner only: it holds the network, and the key that signs sessions.
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise ConfigError(f"TIEBOOK_HOME {home} cannot be created: {exc.strerror}.") from exc
    return home


def _database(url: str) -> dict:
    try:
        # Each server thread keeps its connection: a new one per request would start with an
        # empty page cache (SQLite) or pay a new session (PostgreSQL) every time.
        database = dj_database_url.parse(url, conn_max_age=None, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises bare ValueError/KeyError on odd URLs
        raise ConfigError(
            f"TIEBOOK_DATABASE_URL '{url}' is not a database URL; "
            "use sqlite:////path/to/file or postgresql://user@host:port/name."
        ) from exc
    if database.get("ENGINE") not in SUPPORTED_DATABASE_ENGINES:
        raise ConfigError(
            f"TIEBOOK_DATABASE_URL '{url}' names an unsupported database; "
            "tiebook runs on sqlite:// or postgresql://."
        )
    if database["ENGINE"].endswith("sqlite3"):
        database["OPTIONS"] = {
            # WAL lets the web app read while the CLI writes; a write waits (SQLite retries)
            # up to the timeout for another's lock, such as an import's short write.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    return database


def _flag(environ: dict[str, str], name: str, *, default: bool = False) -> bool:
    raw = environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise ConfigError(f"{name} must be 1 or 0 (true or false); got '{raw}'.")


def _time_zone(environ: dict[str, str]) -> str:
    name = environ.get("TIEBOOK_TIME_ZONE", "").strip() or "UTC"
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"TIEBOOK_TIME_ZONE '{name}' is not a time zone; use a name like Europe/Paris."
        ) from None
    return name


def _mode(environ: dict[str, str]) -> str:
    mode = environ.get("TIEBOOK_MODE", "").strip().lower() or "local"
    if mode not in ("local", "server"):
        raise ConfigError(f"TIEBOOK_MODE must be local or server; got '{mode}'.")
    return mode


def _allowed_hosts(environ: dict[str, str], public_url: str) -> tuple[str, ...]:
    raw = environ.get("TIEBOOK_ALLOWED_HOSTS", "").strip()
    extra = tuple(h.strip() for h in raw.split(",") if h.strip())
    public = (urlsplit(public_url).hostname,) if public_url else ()
    return tuple(dict.fromkeys(("127.0.0.1", "localhost", "[::1]", *extra, *public)))


def _public_url(environ: dict[str, str]) -> str:
    """TIEBOOK_PUBLIC_URL as an origin (scheme, host and any port), or "" when unset."""
    raw = environ.get("TIEBOOK_PUBLIC_URL", "").strip()
    if not raw:
        return ""
    problem = (
        "TIEBOOK_PUBLIC_URL must be the address people open, like https://crm.example.org; "
        f"got '{raw}'."
    )
    try:
        parts = urlsplit(raw)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise ConfigError(problem) from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
        raise ConfigError(problem)
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ConfigError(
            f"TIEBOOK_PUBLIC_URL must be an address without a path; got '{raw}'. "
            "tiebook is served at the root of its host."
        )
    return f"{parts.scheme}://{parts.netloc.lower()}"


def default_database_url(home: Path) -> str:
    """The SQLite file in the data directory, used unless TIEBOOK_DATABASE_URL says otherwise."""
    return f"sqlite:///{home / SQLITE_FILE_NAME}"


def load(environ: dict[str, str] | None = None) -> Config:
    """Read tiebook's configuration from the environment, failing on anything malformed."""
    environ = dict(os.environ if environ is None else environ)
    home = _home(environ)
    url = environ.get("TIEBOOK_DATABASE_URL", "").strip() or default_database_url(home)
    user = environ.get("TIEBOOK_USER", "").strip() or DEFAULT_USER
    public_url = _public_url(environ)
    trust_proxy = _flag(environ, "TIEBOOK_TRUST_PROXY")
    if public_url.startswith("https://") and not trust_proxy:
        raise ConfigError(
            f"TIEBOOK_PUBLIC_URL is {public_url} but tiebook itself serves plain HTTP; "
            "set TIEBOOK_TRUST_PROXY=1 when the TLS proxy in front of it sets X-Forwarded-Proto."
        )
    return Config(
        home=home,
        database_url=url,
        database=_database(url),
        debug=_flag(environ, "TIEBOOK_DEBUG"),
        user=user,
        time_zone=_time_zone(environ),
        mode=_mode(environ),
        allowed_hosts=_allowed_hosts(environ, public_url),
        public_url=public_url,
        trust_proxy=trust_proxy,
        semantic=_flag(environ, "TIEBOOK_SEMANTIC", default=True),
    )


def secret_key(home: Path) -> str:
    """The key that signs sessions, made once per data directory and kept there (mode 0600)."""
    path = home / SECRET_KEY_FILE_NAME
    if path.exists():
        key = path.read_text().strip()
        if key:
            return key
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key
