"""What readiness and ``check-config`` ask the database: is it there, and is its schema current.

Read-only and cheap, so ``/readyz`` can run them on every probe.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from monitor.core.redact import mask_url
from monitor.store.database import head_revision, make_engine
from monitor.store.problems import DatabaseProblem, explain


def ping(engine: Engine) -> None:
    """Raises the driver's error when the database cannot answer ``SELECT 1``."""
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True)
class Probe:
    """What ``check-config`` learned about the database without changing it."""

    ok: bool
    line: str


def probe(url: str, *, offline: bool = False) -> Probe:
    """Driver installed, database reachable (unless ``offline``) and its schema revision; never writes.

    An SQLite file is opened read-only (a missing one is reported, not created); PostgreSQL gets a
    ``SELECT 1`` and a look at ``alembic_version``.
    """
    masked = mask_url(url)
    try:
        engine = make_engine(url)  # a missing driver fails here
    except DatabaseProblem as exc:
        return Probe(False, str(exc))
    try:
        if offline:
            return Probe(True, f"database {masked}: driver installed; not contacted (--offline)")
        if engine.dialect.name == "sqlite":
            return _probe_sqlite(url, engine.url.database or "")
        ping(engine)
        return Probe(True, f"database {masked}: reachable; {_revision_words(current_revision(engine))}")
    except Exception as exc:
        message = explain(exc, url)
        if message is None:
            raise
        return Probe(False, message)
    finally:
        engine.dispose()


def _probe_sqlite(url: str, path: str) -> Probe:
    masked = mask_url(url)
    if path in ("", ":memory:"):
        return Probe(True, f"database {masked}: in memory")
    file = Path(path)
    if not file.exists():
        parent = file.parent if str(file.parent) else Path(".")
        if not parent.is_dir():
            return Probe(False, f"database {masked}: directory {parent} does not exist: create it or fix the url")
        if not os.access(parent, os.W_OK):
            return Probe(False, f"database {masked}: directory {parent} is not writable for this user")
        return Probe(True, f"database {masked}: not created yet; the first run creates it")
    try:
        with closing(sqlite3.connect(f"file:{file}?mode=ro", uri=True)) as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            current = None
            if "alembic_version" in tables:
                current = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return Probe(False, explain(OperationalError("probe", None, exc), url) or f"database {masked}: {exc}")
    return Probe(True, f"database {masked}: readable; {_revision_words(current)}")


def _revision_words(current: str | None) -> str:
    head = head_revision()
    if current == head:
        return f"schema at {current} (current)"
    if current is None:
        return f"no schema yet; the first run creates it (revision {head})"
    return f"schema at {current}; this repmon migrates it to {head} at start-up (or run `repmon db upgrade`)"
