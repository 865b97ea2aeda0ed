"""Fresh PostgreSQL schemas for tests, at the newest revision without a migration per test.

Running every Alembic revision costs some 0.2 s per schema, and most PostgreSQL tests only need a
current schema. So one schema is migrated once per test session and dumped with ``pg_dump`` (its
DDL and its rows: ``alembic_version``, the sequences' positions and anything a migration seeds);
each test's schema is that script with the schema name replaced, run in one transaction by a
thread while the previous test runs. ``open_database`` on it finds the schema at head and does
nothing.

The dump, not ``create_all`` from the models, so a copy is what the migrations built, partial-index
predicates and all: tests/monitor/store/test_pg_schemas.py compares a copy's catalog with a freshly
migrated schema's. Without ``pg_dump`` (or with one older than the server) each schema is migrated
as before: slower, the same result.
"""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import threading
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import psycopg


def driver_url(url: str) -> str:
    """The SQLAlchemy form (``postgresql+psycopg://``) of a libpq URL."""
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def libpq_url(url: str) -> str:
    """The libpq form (``postgresql://``), for psycopg and pg_dump."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def schema_url(base: str, schema: str) -> str:
    """``base`` with every connection's search_path set to ``schema``."""
    sep = "&" if "?" in base else "?"
    return f"{driver_url(base)}{sep}options=-csearch_path%3D{schema}"


def new_schema_name(prefix: str = "t") -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


class PostgresSchemas:
    """Makes and drops schemas on one server for the test session.

    Copies are made one step ahead, and dropped, by a thread with its own connection: the server
    does that work (some 0.1 s a schema) while the tests run, on the other core, instead of
    between two tests.
    """

    AHEAD = 4  # copies kept ready: a run of tests shorter than a copy each draws on them

    def __init__(self, base: str) -> None:
        import psycopg

        self.base = base
        self._admin: psycopg.Connection[tuple[object, ...]] = psycopg.connect(libpq_url(base), autocommit=True)
        # a test schema is thrown away: its commits need not wait for the disk (nor its drops)
        self._admin.execute("SET synchronous_commit = off")
        self.template: str | None = None  # the dump, schema name replaced by _placeholder
        self._placeholder = ""
        self.migrated_once: str | None = None  # the schema migrated for the template, kept to compare with
        self._work: queue.Queue[tuple[str, str]] = queue.Queue()  # ("copy" | "drop" | "stop", schema)
        self._ready: queue.Queue[str | BaseException] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._failures: list[BaseException] = []
        self._closing = False  # copies still asked for are not made
        self._broken: BaseException | None = None  # why the thread could not connect

    def close(self) -> None:
        """Drops every schema this session made; raises what the thread could not drop."""
        if self._worker:
            self._closing = True
            self._work.put(("stop", ""))
            self._worker.join()
            while not self._ready.empty():
                if isinstance(schema := self._ready.get(), str):
                    self._drop_now(self._admin, schema)
        if self.migrated_once:
            self._drop_now(self._admin, self.migrated_once)
        self._admin.close()
        if self._failures:
            raise self._failures[0]

    def create_empty(self, prefix: str = "t") -> str:
        schema = new_schema_name(prefix)
        self._admin.execute(f'CREATE SCHEMA "{schema}"')
        return schema

    def drop(self, schema: str) -> None:
        """Drops ``schema`` soon, on the thread (at once when there is none)."""
        if self._worker:
            self._work.put(("drop", schema))
        else:
            self._drop_now(self._admin, schema)

    @staticmethod
    def _drop_now(conn: psycopg.Connection[tuple[object, ...]], schema: str) -> None:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    def create_migrated(self) -> str:
        """A schema at the newest revision: the session's template run under a new name."""
        if self.template is None:
            self.template = self._make_template()
            if self.template:
                self._worker = threading.Thread(target=self._run, name="pg-schemas", daemon=True)
                self._worker.start()
                for _ in range(self.AHEAD):
                    self._work.put(("copy", ""))
        if not self.template:  # no usable pg_dump: migrate this schema itself
            from monitor.store.database import open_database

            schema = self.create_empty()
            open_database(schema_url(self.base, schema)).dispose()
            return schema
        self._work.put(("copy", ""))  # the next test's, made while this one runs
        schema = self._ready.get()
        if isinstance(schema, BaseException):
            if schema is self._broken:
                self._ready.put(schema)  # and the next test's
            raise schema
        return schema

    def _copy(self, conn: psycopg.Connection[tuple[object, ...]]) -> str:
        schema = new_schema_name()
        with conn.transaction():
            conn.execute((self.template or "").replace(self._placeholder, schema).encode())
        return schema

    def _run(self) -> None:
        """The thread: makes copies and drops schemas, in the order asked, on its own connection."""
        import psycopg

        try:
            conn = psycopg.connect(libpq_url(self.base), autocommit=True)
            conn.execute("SET synchronous_commit = off")
        except Exception as exc:  # no connection, no copies: every test that waits for one hears why
            self._broken = exc
            self._ready.put(exc)
            return
        with conn:
            while (job := self._work.get())[0] != "stop":
                if job[0] == "copy" and self._closing:
                    continue
                try:
                    if job[0] == "copy":
                        self._ready.put(self._copy(conn))
                    else:
                        self._drop_now(conn, job[1])
                except Exception as exc:  # handed to the test that waits for a copy, or to close()
                    if job[0] == "copy":
                        self._ready.put(exc)
                    else:
                        self._failures.append(exc)

    def _make_template(self) -> str:
        """Migrate one schema and dump it; "" when pg_dump cannot (the caller then migrates)."""
        from monitor.store.database import open_database

        pg_dump = shutil.which("pg_dump")
        if pg_dump is None:
            warnings.warn("pg_dump is not installed: each PostgreSQL test schema is migrated", stacklevel=2)
            return ""
        schema = self.migrated_once = self.create_empty("template")
        open_database(schema_url(self.base, schema)).dispose()
        done = subprocess.run(
            [pg_dump, "--no-owner", "--inserts", "--schema", schema, libpq_url(self.base)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:  # e.g. a pg_dump older than the server refuses to dump it
            warnings.warn(f"pg_dump failed, each PostgreSQL test schema is migrated: {done.stderr}", stacklevel=2)
            return ""
        self._placeholder = schema  # 12 random hex digits: appears nowhere else in the dump
        # psql meta-commands (``\restrict``, newer pg_dump) are for psql, not for the server
        script = "\n".join(line for line in done.stdout.splitlines() if not line.startswith("\\"))
        return self._indexes_in_creation_order(script, schema)

    def _indexes_in_creation_order(self, script: str, schema: str) -> str:
        """The dump with its indexes built in the order the migrations built them.

        pg_dump sorts them by name, but the planner weighs a table's indexes in creation (OID)
        order and, between equal costs (an empty table), keeps the first: a copy with the dump's
        order can choose another index than the migrated database would.
        """
        created = self._admin.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relkind = 'i' ORDER BY c.oid",
            (schema,),
        )
        rank = {name: i for i, (name,) in enumerate(created)}
        entries = re.split(r"(?m)^(?=--\n-- Name: )", script)

        def index_built(entry: str) -> str | None:  # an INDEX, or a CONSTRAINT with its index
            head = re.match(r"--\n-- Name: ([^;]+); Type: (INDEX|CONSTRAINT);", entry)
            name = head.group(1).split(" ")[-1] if head else None
            return name if name in rank else None

        slots = [i for i, entry in enumerate(entries) if index_built(entry)]
        in_order = sorted((entries[i] for i in slots), key=lambda entry: rank[index_built(entry) or ""])
        for slot, entry in zip(slots, in_order, strict=True):
            entries[slot] = entry
        return "".join(entries)

    @contextmanager
    def fresh(self, *, migrated: bool) -> Iterator[str]:
        """The URL of a new schema, at the newest revision or with no tables; dropped afterwards."""
        schema = self.create_migrated() if migrated else self.create_empty()
        try:
            yield schema_url(self.base, schema)
        finally:
            self.drop(schema)
