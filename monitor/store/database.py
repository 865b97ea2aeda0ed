"""Engines for SQLite (the embedded default) and PostgreSQL, with the same code above them.

SQLite runs in WAL mode with a busy timeout, and every transaction starts with
``BEGIN IMMEDIATE``: the daemon and a CLI command can then share one file, and a writer waits
for the other instead of failing half-way with "database is locked".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    create_engine,
    event,
    func,
    insert,
    inspect,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.schema import CreateIndex, CreateTable
from sqlmodel import SQLModel

from monitor.core.redact import mask_url
from monitor.store import tables  # noqa: F401 - registers the tables on SQLModel.metadata
from monitor.store.problems import DatabaseProblem, explain

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

SQLITE_BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_S = 10  # a database behind a dead route fails in seconds, not after the kernel's minutes


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a missing driver or a malformed URL is a :class:`DatabaseProblem` now."""
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            # ``?timeout=<seconds>`` in the URL overrides how long a writer waits for another one
            busy_ms = int(float(str(parsed.query.get("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000))) * 1000)
            engine = create_engine(
                parsed.difference_update_query(["timeout"]), connect_args={"timeout": busy_ms / 1000}
            )
            _configure_sqlite(engine, busy_ms)
        else:
            connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
            engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    except (ImportError, ArgumentError) as exc:
        raise DatabaseProblem(explain(exc, url) or f"database {mask_url(url)}: {exc}") from None
    return engine


def _configure_sqlite(engine: Engine, busy_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


MIGRATIONS = Path(__file__).with_name("migrations")
_PG_MIGRATION_LOCK = 0x7265706D6F6E  # "repmon": one instance migrates, the others wait for it


def alembic_config() -> AlembicConfig:
    """Alembic (imported here: commands that never migrate, like ``check-config --offline``, skip it)."""
    from alembic.config import Config as AlembicConfig

    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


SCHEMA_HEAD = "0008_notify_policy"
"""The newest migration's revision (tests/monitor/store/test_migrations.py holds it to Alembic's head)."""


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest revision of the migration scripts as Alembic reads them, once per process.

    For readiness and ``db current``; Alembic compiles every revision file to find it (some
    20 ms), and the scripts do not change while a process runs. Opening a database needs only
    :data:`SCHEMA_HEAD`. Several heads raise Alembic's own error, as an upgrade to them would.
    """
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def at_head(engine: Engine) -> bool:
    """Whether the schema is already at :data:`SCHEMA_HEAD`: one small read, without loading Alembic.

    Alembic with what it imports (Mako, Pygments) is ~11 MiB and a few hundred milliseconds a
    process; a database that needs no migration, the usual case, spends neither.
    """
    with engine.connect() as conn:
        return _at_head(conn)


def _at_head(conn: Connection) -> bool:
    """:func:`at_head` inside a transaction already open.

    A version row at head is only ever seen once the migration that wrote it has committed, with
    all its DDL (PostgreSQL's DDL is transactional; SQLite reads it under ``BEGIN IMMEDIATE``).
    """
    if not inspect(conn).has_table("alembic_version"):
        return False
    versions = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return list(versions) == [SCHEMA_HEAD]


def create_schema(engine: Engine) -> None:
    """Bring the schema to the newest revision with Alembic, so upgrades never need manual SQL (an
    empty database is built at head directly: :func:`_create_at_head`).

    Safe to call from every process at start-up: SQLite serialises it with ``BEGIN IMMEDIATE``,
    PostgreSQL with an advisory lock, and an up-to-date database is left untouched (and Alembic
    not even loaded: see :func:`at_head`).

    On PostgreSQL a database at head is recognised before the lock too: the lock is one key for
    every schema of the database, so a start (or a CLI command) need not queue behind another
    schema's migration. Otherwise the check is repeated after the lock, which a concurrent
    migration held until it committed.
    """
    with engine.begin() as conn:
        if _at_head(conn):
            return
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            if _at_head(conn):  # READ COMMITTED: this statement sees what the lock's holder committed
                return
        existing = inspect(conn).get_table_names()
        if not existing:
            _create_at_head(conn)
            return
        from alembic import command

        config = alembic_config()
        config.attributes["connection"] = conn
        if "posts" in existing and "alembic_version" not in existing:
            command.stamp(config, "0001")  # made by create_all before migrations existed
        command.upgrade(config, "head")


_VERSION_TABLE = Table(
    "alembic_version",
    MetaData(),
    Column("version_num", String(32), nullable=False),
    PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)
"""Alembic's own version table, as ``alembic stamp`` creates it."""


def _create_at_head(conn: Connection) -> None:
    """An empty database gets the newest schema in one pass from the table definitions, stamped at
    :data:`SCHEMA_HEAD`, as ``create_all`` then ``alembic stamp head`` would do.

    Why not replay the migrations: a new deployment (a first ``repmon import``, a first start of
    the daemon) would load Alembic with Mako and Pygments, ~11 MiB that a long-running process
    keeps for its whole life, to run revisions that only matter to an older database. The two ways
    build the same schema, columns, defaults and partial indexes included, on both backends
    (``tests/monitor/store/test_migrations.py`` holds them to it); a database that has any table
    still goes through Alembic.
    """
    # The default schema was just found empty, so nothing is asked after first (on PostgreSQL a
    # table of that name elsewhere on the search path would have been taken for ours). Indexes go in
    # by name, not in the order of a set: where two serve a query equally, PostgreSQL keeps the one
    # created first, so a new database plans the same way on every machine.
    for table in SQLModel.metadata.sorted_tables:
        conn.execute(CreateTable(table))
        for index in sorted(table.indexes, key=lambda index: str(index.name)):
            conn.execute(CreateIndex(index))
    conn.execute(CreateTable(_VERSION_TABLE))
    conn.execute(_VERSION_TABLE.insert().values(version_num=SCHEMA_HEAD))


def open_database(url: str) -> Engine:
    """An engine on a schema at the newest revision; any failure is one :class:`DatabaseProblem` line."""
    engine = make_engine(url)
    try:
        create_schema(engine)
    except Exception as exc:
        engine.dispose()
        message = explain(exc, url)
        if message is None:
            raise
        raise DatabaseProblem(message) from None
    return engine


Database = Engine
"""A handle on the database; the application passes it around without knowing it is SQLAlchemy."""
UnitOfWork = Connection
"""One open transaction: what the store functions that take ``uow`` read and write through."""


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """One unit of work: everything in it is stored, or nothing is."""
    with engine.begin() as connection:
        yield connection


def is_postgres(connection: Connection) -> bool:
    return connection.dialect.name == "postgresql"


def insert_ignore(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows, skipping those whose key exists: replays and re-polls never duplicate."""
    if not rows:
        return
    if is_postgres(connection):
        connection.execute(postgresql.insert(table).on_conflict_do_nothing(), list(rows))
    else:
        connection.execute(sqlite.insert(table).on_conflict_do_nothing(), list(rows))


def upsert(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    keys: Sequence[str],
    update: Sequence[str],
    keep_first: Sequence[str] = (),
) -> None:
    """Insert rows, or update the named columns of those that exist.

    ``keep_first`` columns are written only where the stored row has none yet: a value, once set,
    is never overwritten (even by a concurrent insert of the same row).
    """
    if not rows:
        return
    statement = _upsert_statement(connection.dialect.name, table, tuple(keys), tuple(update), tuple(keep_first))
    connection.execute(statement, list(rows))


@lru_cache(maxsize=64)
def _upsert_statement(
    dialect: str, table: Table, keys: tuple[str, ...], update: tuple[str, ...], keep_first: tuple[str, ...] = ()
) -> Any:
    """Built once per shape: constructing ON CONFLICT clauses costs more than the insert itself."""
    dialect_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = dialect_insert(table)
    assignments: dict[str, Any] = {column: statement.excluded[column] for column in update}
    assignments |= {column: func.coalesce(table.c[column], statement.excluded[column]) for column in keep_first}
    return statement.on_conflict_do_update(index_elements=list(keys), set_=assignments)


def plain_insert(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    if rows:
        connection.execute(insert(table), list(rows))
