"""Driver-level fast paths for the hottest statements, behind the same store functions.

SQLAlchemy's per-row parameter and result processing (type decorators, datetime parsing)
costs more than SQLite itself on a backfill. These helpers hand plain tuples to the DB-API
driver's ``executemany`` and convert the few typed columns by hand, in the exact storage form
SQLAlchemy uses, so rows written either way read back the same.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from monitor.store.database import UnitOfWork

_SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's SQLite DATETIME storage format


def placeholder(uow: UnitOfWork) -> str:
    return "%s" if uow.dialect.name == "postgresql" else "?"


def to_db_time(uow: UnitOfWork, moment: datetime | None) -> Any:
    """An aware datetime as the column stores it: naive UTC (a string on SQLite)."""
    if moment is None:
        return None
    naive = moment.astimezone(UTC).replace(tzinfo=None)
    return naive if uow.dialect.name == "postgresql" else naive.strftime(_SQLITE_TIME)


def from_db_time(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    moment: datetime = value.replace(tzinfo=UTC)
    return moment


def from_db_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def select_rows(uow: UnitOfWork, sql: str, params: Sequence[Any], columns: Sequence[str]) -> list[dict[str, Any]]:
    """Run a SELECT through the driver; rows as ``{column: raw value}``."""
    return [dict(zip(columns, values, strict=True)) for values in uow.exec_driver_sql(sql, tuple(params))]


def execute_many(uow: UnitOfWork, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    if rows:
        uow.exec_driver_sql(sql, list(rows))
