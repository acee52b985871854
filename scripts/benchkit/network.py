"""The demo network, built once and cached by seed, size, owners and schema; each run measures a
copy of it, so that what a measurement writes never spoils the cache.

SQLite: a data directory under the cache folder, copied into a temporary TIEBOOK_HOME per run.
PostgreSQL: a template database, and `CREATE DATABASE ... TEMPLATE ...` per run."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from . import procs

ROOT = Path(__file__).resolve().parents[2]
OWNER_PASSWORD = "bench-password-not-secret"  # for the made-up owners of a benchmark database
META = "bench-meta.json"


def schema_key(root: Path = ROOT) -> str:
    """Eight hex digits naming the schema: the latest migration of every app, so that a new
    migration builds a new network."""
    latest = {}
    for path in sorted(root.glob("tiebook/*/migrations/[0-9]*.py")):
        latest[path.parent.parent.name] = path.stem
    text = ",".join(f"{app}:{name}" for app, name in sorted(latest.items()))
    return hashlib.sha1(text.encode()).hexdigest()[:8]


def cache_root(override: str | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "tiebook" / "bench"


def owner_name(n: int) -> str:
    return f"owner{n}"


@dataclass(frozen=True)
class Spec:
    people: int  # per owner
    seed: int
    owners: int = 1  # more than one: server mode, each owner with their own network

    @property
    def name(self) -> str:
        owners = f"_o{self.owners}" if self.owners > 1 else ""
        return f"s{self.seed}_p{self.people}{owners}_{schema_key()}"

    @property
    def env(self) -> dict:
        """How commands reach the measured owner: the local account, or the first of several."""
        if self.owners > 1:
            return {"TIEBOOK_MODE": "server", "TIEBOOK_USER": owner_name(1)}
        return {}


def _build(spec: Spec, env: dict, say) -> dict:
    """init, then the demo (one per owner, each with the next seed); the first demo's figures."""
    env = {**env, **spec.env}
    procs.run(["init"], env=env)
    first = None
    start = time.perf_counter()
    for n in range(1, spec.owners + 1):
        owner = {**env}
        if spec.owners > 1:
            owner["TIEBOOK_USER"] = owner_name(n)
            procs.run(
                ["user", "add", owner_name(n), "--password-stdin"],
                env=owner,
                stdin=OWNER_PASSWORD + "\n",
            )
        people, seed = str(spec.people), str(spec.seed + n - 1)
        say(
            f"  building the demo network: {spec.people:,} people, seed {seed} "
            f"(owner {n} of {spec.owners})"
        )
        done = procs.run(["demo", "--people", people, "--seed", seed], env=owner)
        first = first or done.figures
    return {
        **first,
        "total_seconds": round(time.perf_counter() - start, 1),
        "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "people": spec.people,
        "seed": spec.seed,
        "owners": spec.owners,
    }


class SqliteNetwork:
    def __init__(self, spec: Spec, root: Path) -> None:
        self.spec = spec
        self.path = root / f"sqlite_{spec.name}"

    def drop(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def ensure(self, say) -> dict:
        """The network's build figures, building it first when it is not in the cache."""
        if (self.path / META).exists():
            return json.loads((self.path / META).read_text())
        self.path.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{self.path.name}-", dir=self.path.parent))
        try:
            meta = _build(self.spec, {**os.environ, "TIEBOOK_HOME": str(building)}, say)
            # One file instead of a database and its write-ahead log, for copies that are whole.
            with sqlite3.connect(building / "tiebook.sqlite3") as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            (building / META).write_text(json.dumps(meta, indent=1))
            if not self.path.exists():
                building.rename(self.path)
        finally:
            shutil.rmtree(building, ignore_errors=True)
        return meta

    @contextmanager
    def copy(self) -> Iterator[dict]:
        """A copy of the network to measure: the environment that reaches it."""
        with tempfile.TemporaryDirectory(prefix="tiebook-bench-") as scratch:
            home = Path(scratch) / "home"
            shutil.copytree(self.path, home, ignore=shutil.ignore_patterns(META))
            yield {"TIEBOOK_HOME": str(home), **self.spec.env}

    @contextmanager
    def empty(self) -> Iterator[dict]:
        with tempfile.TemporaryDirectory(prefix="tiebook-bench-") as scratch:
            yield {"TIEBOOK_HOME": scratch}


class PostgresNetwork:
    def __init__(self, spec: Spec, url: str) -> None:
        self.spec = spec
        self.url = url
        self.name = f"tiebook_bench_{spec.name}"

    def _url(self, database: str) -> str:
        return urlsplit(self.url)._replace(path=f"/{database}").geturl()

    def _admin(self):
        import psycopg

        return psycopg.connect(self.url, autocommit=True)

    def _exists(self, admin, name: str) -> bool:
        return (
            admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            is not None
        )

    def _drop(self, admin, name: str) -> None:
        from psycopg import sql

        if self._exists(admin, name):
            admin.execute(
                sql.SQL("ALTER DATABASE {} IS_TEMPLATE false").format(sql.Identifier(name))
            )
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))

    def _create(self, admin, name: str, template: str | None = None) -> None:
        from psycopg import sql

        self._drop(admin, name)
        query = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            query += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        admin.execute(query)

    def server_version(self) -> str:
        with self._admin() as admin:
            return admin.execute("SHOW server_version").fetchone()[0]

    def drop(self) -> None:
        with self._admin() as admin:
            self._drop(admin, self.name)

    def ensure(self, say) -> dict:
        from psycopg import sql

        with self._admin() as admin:
            row = admin.execute(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                (self.name,),
            ).fetchone()
            if row:
                return json.loads(row[0] or "{}")
            building = f"{self.name}_new"
            self._create(admin, building)
        try:
            with tempfile.TemporaryDirectory(prefix="tiebook-bench-") as home:
                env = {
                    **os.environ,
                    "TIEBOOK_HOME": home,
                    "TIEBOOK_DATABASE_URL": self._url(building),
                }
                meta = _build(self.spec, env, say)
        except BaseException:
            with self._admin() as admin:
                self._drop(admin, building)
            raise
        with self._admin() as admin:
            name = sql.Identifier(self.name)
            admin.execute(
                sql.SQL("ALTER DATABASE {} RENAME TO {}").format(sql.Identifier(building), name)
            )
            admin.execute(
                sql.SQL("COMMENT ON DATABASE {} IS {}").format(name, sql.Literal(json.dumps(meta)))
            )
            # A template nobody connects to: autovacuum would otherwise hold it open now and then,
            # and CREATE DATABASE ... TEMPLATE refuses a database in use.
            admin.execute(
                sql.SQL("ALTER DATABASE {} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false").format(
                    name
                )
            )
        return meta

    @contextmanager
    def _database(self, template: str | None) -> Iterator[dict]:
        name = f"tiebook_bench_run_{os.getpid()}"
        with self._admin() as admin:
            self._create(admin, name, template)
        try:
            with tempfile.TemporaryDirectory(prefix="tiebook-bench-") as home:
                yield {"TIEBOOK_HOME": home, "TIEBOOK_DATABASE_URL": self._url(name)}
        finally:
            with self._admin() as admin:
                self._drop(admin, name)

    @contextmanager
    def copy(self) -> Iterator[dict]:
        with self._database(self.name) as env:
            yield {**env, **self.spec.env}

    @contextmanager
    def empty(self) -> Iterator[dict]:
        with self._database(None) as env:
            yield env
