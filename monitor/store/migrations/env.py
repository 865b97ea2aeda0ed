"""Alembic environment: run by ``monitor.store.database.migrate`` on the connection it is given."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from monitor.store import tables  # noqa: F401 - registers the tables on SQLModel.metadata

config = context.config
connection = config.attributes.get("connection")


def _run(conn: object) -> None:
    context.configure(
        connection=conn,  # type: ignore[arg-type]
        target_metadata=SQLModel.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them; batch mode does that for us
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # the alembic command line, for developers writing a new revision
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///repmon.db")
    with engine.connect() as conn:
        _run(conn)
