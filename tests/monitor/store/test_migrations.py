"""The Alembic revisions build exactly the schema the code expects, on both backends."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config as AlembicConfig
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

from monitor.store.database import MIGRATIONS, SCHEMA_HEAD, at_head, create_schema, make_engine, open_database


def _head() -> str:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"the migrations must form one line, not branches: heads {heads}"
    return str(heads[0])


HEAD_REVISION = _head()


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        differences = compare_metadata(context, SQLModel.metadata)
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert differences == []
    assert version == HEAD_REVISION


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


def test_opening_twice_is_a_no_op(db_url: str) -> None:
    first = open_database(db_url)
    second = open_database(db_url)  # e.g. the daemon and a CLI command starting together
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
