"""The Alembic revisions build exactly the schema the code expects, on both backends."""

from __future__ import annotations

import threading
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect, text
from sqlmodel import SQLModel

from monitor.store.database import (
    _PG_MIGRATION_LOCK,
    MIGRATIONS,
    SCHEMA_HEAD,
    alembic_config,
    at_head,
    create_schema,
    make_engine,
    open_database,
)
from monitor.store.problems import DatabaseProblem
from tests.conftest import first_in_the_inner_loop


def _head() -> str:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"the migrations must form one line, not branches: heads {heads}"
    return str(heads[0])


HEAD_REVISION = _head()


def _migrated(url: str) -> None:
    """Every revision replayed by Alembic from an empty database, as an older deployment upgrades."""
    engine = make_engine(url)
    with engine.begin() as conn:
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    engine.dispose()


@pytest.mark.parametrize("empty_db_url", first_in_the_inner_loop(["sqlite", "postgres"]), indirect=True)
def test_migrated_schema_matches_the_models(empty_db_url: str) -> None:  # PostgreSQL: 0.7 s, slow
    _migrated(empty_db_url)
    engine = make_engine(empty_db_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        differences = compare_metadata(context, SQLModel.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    assert differences == []
    assert version == HEAD_REVISION


def _schema(url: str) -> dict[str, Any]:
    """Everything the inspector reads of every table, in a form two databases can be compared by."""
    engine = make_engine(url)
    found: dict[str, Any] = {}
    with engine.connect() as conn:
        inspector = inspect(conn)
        for table in sorted(inspector.get_table_names()):
            found[table] = {
                "columns": sorted(
                    (c["name"], str(c["type"]), c["nullable"], str(c.get("default")), c.get("autoincrement", "auto"))
                    for c in inspector.get_columns(table)
                ),
                "primary key": inspector.get_pk_constraint(table),
                "foreign keys": sorted(str(fk) for fk in inspector.get_foreign_keys(table)),
                "indexes": sorted(
                    (
                        i["name"],
                        tuple(i["column_names"]),
                        bool(i["unique"]),
                        str(sorted((k, str(v)) for k, v in i.get("dialect_options", {}).items())),
                    )
                    for i in inspector.get_indexes(table)
                ),
                "unique": sorted(str(u) for u in inspector.get_unique_constraints(table)),
                "checks": sorted(str(c) for c in inspector.get_check_constraints(table)),
            }
        found["version"] = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    engine.dispose()
    return found


@pytest.mark.parametrize("backend", first_in_the_inner_loop(["sqlite", "postgres"]))
def test_a_new_database_gets_the_schema_the_migrations_build(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """An empty database is built from the table definitions, without Alembic; an old one replays
    the revisions. Both must end at the same schema: columns, defaults, keys, partial indexes."""
    with ExitStack() as stack:
        if backend == "sqlite":
            replayed, built = (f"sqlite:///{tmp_path / name}" for name in ("replayed.db", "built.db"))
        else:
            schemas = request.getfixturevalue("postgres_schemas")
            replayed, built = (stack.enter_context(schemas.fresh(migrated=False)) for _ in range(2))
        _migrated(replayed)
        open_database(built).dispose()
        assert _schema(built) == _schema(replayed)


def test_the_head_the_store_knows_is_alembics_head() -> None:
    # open_database skips Alembic when a schema is at SCHEMA_HEAD: a new migration must move it
    assert SCHEMA_HEAD == HEAD_REVISION


def test_a_schema_behind_the_head_is_migrated_not_taken_as_current(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'behind.db'}")
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert not at_head(engine)  # an empty file
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0007_found_by")
    assert not at_head(engine)
    create_schema(engine)
    assert at_head(engine)
    with engine.connect() as conn:
        assert "notify_decisions" in inspect(conn).get_table_names()  # 0008's table
    engine.dispose()


def test_opening_twice_is_a_no_op(empty_db_url: str) -> None:
    first = open_database(empty_db_url)
    second = open_database(empty_db_url)  # e.g. the daemon and a CLI command starting together
    with second.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    first.dispose()
    second.dispose()


def test_a_database_made_before_migrations_is_adopted(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:  # the schema create_all made before migrations existed: 0001's
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.execute(text("DROP TABLE alembic_version"))
    create_schema(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == HEAD_REVISION
    assert "posts" in inspect(engine).get_table_names()
    engine.dispose()


def test_a_database_at_head_is_opened_without_alembic(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The version row says head: two queries, and Alembic's upgrade machinery is never started."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("Alembic ran on a database already at head")

    monkeypatch.setattr(command, "upgrade", refuse)
    monkeypatch.setattr(command, "stamp", refuse)
    open_database(db_url).dispose()


def test_a_version_row_that_is_not_head_still_goes_to_alembic(db_url: str) -> None:
    """The check compares the revision, not just that a version row exists: Alembic gets the rest."""
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dface'"))
    with pytest.raises(DatabaseProblem, match="f00dface"):
        open_database(db_url)
    engine.dispose()


def test_a_start_waiting_on_another_migration_finds_head_and_does_nothing(
    empty_postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two instances start on an empty schema: the second waits on the advisory lock while the first
    migrates, then reads the committed version row and leaves the schema alone."""
    name = f"repmon-waiter-{uuid.uuid4().hex[:8]}"
    waiter_url = f"{empty_postgres_url}&application_name={name}"
    upgrades: list[str] = []
    real_upgrade = command.upgrade

    def counted(*args: Any, **kwargs: Any) -> None:
        upgrades.append(threading.current_thread().name)
        real_upgrade(*args, **kwargs)

    monkeypatch.setattr(command, "upgrade", counted)
    failures: list[BaseException] = []

    def start() -> None:
        try:
            open_database(waiter_url).dispose()
        except BaseException as exc:  # reported by the assertion below, not lost in the thread
            failures.append(exc)

    first = make_engine(empty_postgres_url)
    with first.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        waiter = threading.Thread(target=start, name="second")
        waiter.start()
        _wait_until_blocked_on_a_lock(conn, name)
        config = alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "head")  # the first instance migrates while the second waits
    waiter.join(timeout=30)
    first.dispose()
    assert not waiter.is_alive() and failures == []
    assert upgrades == [threading.current_thread().name]  # the second instance never ran Alembic
    check = make_engine(empty_postgres_url)
    with check.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [HEAD_REVISION]
    check.dispose()


def test_a_database_at_head_opens_while_another_holds_the_migration_lock(postgres_url: str) -> None:
    """The lock's key is shared by every schema: opening a current one never waits for it (here it
    would fail, since the lock_timeout below turns a wait into an error)."""
    holder = make_engine(postgres_url)
    with holder.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        open_database(f"{postgres_url}%20-clock_timeout%3D50").dispose()
    holder.dispose()


def _wait_until_blocked_on_a_lock(conn: Connection, application_name: str) -> None:
    """Polls the server (a condition, not a guessed delay) until that client waits for a lock."""
    deadline = time.monotonic() + 30
    query = text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name AND wait_event_type = 'Lock'")
    while (
        conn.execute(text("SELECT pg_stat_clear_snapshot()"))
        and not conn.execute(query, {"name": application_name}).scalar_one()
    ):
        assert time.monotonic() < deadline, "the second start never waited for the migration lock"
        time.sleep(0.005)
