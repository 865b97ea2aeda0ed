"""Fresh PostgreSQL schemas for tests, at the newest revision in milliseconds instead of a migration.

Running every Alembic revision costs some 0.2 s per schema, and most PostgreSQL tests only need a
current schema. So one schema is migrated once per test session and dumped with ``pg_dump`` (its
DDL and its rows: ``alembic_version``, the sequences' positions and anything a migration seeds);
each test's schema is that script with the schema name replaced, run in one transaction.
``open_database`` on it then finds the schema at head and does nothing.

The dump, not ``create_all`` from the models, so a copy is what the migrations built, partial-index
predicates and all: tests/monitor/store/test_pg_schemas.py compares a copy's catalog with a freshly
migrated schema's. Without ``pg_dump`` (or with one older than the server) each schema is migrated
as before: slower, the same result.
"""

from __future__ import annotations

import re
import shutil
import subprocess
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
    """Makes and drops schemas on one server through one connection held for the test session."""

    def __init__(self, base: str) -> None:
        import psycopg

        self.base = base
        self._admin: psycopg.Connection[tuple[object, ...]] = psycopg.connect(libpq_url(base), autocommit=True)
        self.template: str | None = None  # the dump, schema name replaced by _placeholder
        self._placeholder = ""
        self.migrated_once: str | None = None  # the schema migrated for the template, kept to compare with

    def close(self) -> None:
        if self.migrated_once:
            self.drop(self.migrated_once)
        self._admin.close()

    def create_empty(self, prefix: str = "t") -> str:
        schema = new_schema_name(prefix)
        self._admin.execute(f'CREATE SCHEMA "{schema}"')
        return schema

    def drop(self, schema: str) -> None:
        self._admin.execute(f'DROP SCHEMA "{schema}" CASCADE')

    def create_migrated(self, prefix: str = "t") -> str:
        """A schema at the newest revision: the session's template run under a new name."""
        if self.template is None:
            self.template = self._make_template()
        schema = new_schema_name(prefix)
        if self.template:
            with self._admin.transaction():
                self._admin.execute(self.template.replace(self._placeholder, schema).encode())
        else:  # no usable pg_dump: migrate this schema itself
            from monitor.store.database import open_database

            self._admin.execute(f'CREATE SCHEMA "{schema}"')
            open_database(schema_url(self.base, schema)).dispose()
        return schema

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
    def fresh(self, *, migrated: bool, prefix: str = "t") -> Iterator[str]:
        """The URL of a new schema, at the newest revision or with no tables; dropped afterwards."""
        schema = self.create_migrated(prefix) if migrated else self.create_empty(prefix)
        try:
            yield schema_url(self.base, schema)
        finally:
            self.drop(schema)
