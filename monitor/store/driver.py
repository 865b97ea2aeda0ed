"""Driver-level fast paths for the hottest statements, behind the same store functions.

SQLAlchemy's per-row parameter and result processing (type decorators, datetime parsing)
costs more than SQLite itself on a backfill. These helpers hand plain tuples to the DB-API
driver's ``executemany`` and convert the few typed columns by hand, in the exact storage form
SQLAlchemy uses, so rows written either way read back the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean

from monitor.store import pg_bulk
from monitor.store.database import UnitOfWork


def placeholder(uow: UnitOfWork) -> str:
    return "%s" if uow.dialect.name == "postgresql" else "?"


def to_db_time(uow: UnitOfWork, moment: datetime | None) -> Any:
    """An aware datetime as the column stores it: naive UTC (a string on SQLite)."""
    return (_to_naive_utc if uow.dialect.name == "postgresql" else _to_sqlite_time)(moment)


def _to_naive_utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is not UTC:  # observations arrive in UTC already: skip the conversion then
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None)


def _to_sqlite_time(moment: datetime | None) -> str | None:
    """SQLAlchemy's SQLite DATETIME text (``YYYY-MM-DD HH:MM:SS.ffffff``), by ``isoformat``: several
    times cheaper than ``strftime``, and it pads years below 1000 as SQLAlchemy does."""
    naive = _to_naive_utc(moment)
    return None if naive is None else naive.isoformat(" ", "microseconds")


def from_db_time(value: Any) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:  # SQLite's naive UTC text, read as UTC in one call: five times cheaper than replace()
            return datetime.fromisoformat(value + "+00:00")
        except ValueError:
            value = datetime.fromisoformat(value)
    moment: datetime = value.replace(tzinfo=UTC)
    return moment


def from_db_json(value: Any) -> Any:
    if value == "null":  # how a JSON column stores None (most posts' ``extra``)
        return None
    return json.loads(value) if isinstance(value, str) else value


def select_rows(uow: UnitOfWork, sql: str, params: Sequence[Any], columns: Sequence[str]) -> list[dict[str, Any]]:
    """Run a SELECT through the driver; rows as ``{column: raw value}``."""
    return [dict(zip(columns, values, strict=True)) for values in fetch_all(uow, sql, params)]


def fetch_all(uow: UnitOfWork, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """A SELECT's rows fetched at once: iterating SQLAlchemy's result fetches them one by one.

    On PostgreSQL the statement is never prepared: psycopg prepares a statement run five times,
    and the server's generic plan for ``post_id = ANY(%s)`` of an unknown source and array scans
    every post of the source (13 ms a lookup on 10,000 posts, against 2 ms planned for its values).
    Errors are SQLAlchemy's either way, so an outage reads as one (``failures.unavailable_reason``).
    """
    if uow.dialect.name != "postgresql":
        return list(uow.exec_driver_sql(sql, tuple(params)).fetchall())
    connection: Any = uow.connection.driver_connection
    threshold = connection.prepare_threshold
    connection.prepare_threshold = None
    try:
        return list(uow.exec_driver_sql(sql, tuple(params)).fetchall())
    finally:
        connection.prepare_threshold = threshold


def any_of(uow: UnitOfWork, column: str, values: Sequence[Any]) -> tuple[str, tuple[Any, ...]]:
    """``column`` among ``values`` as a condition and its parameters: one array parameter on
    PostgreSQL (a long ``IN`` list costs the server more to parse and plan than to run), an
    ``IN`` list on SQLite (callers keep it under SQLite's parameter limit)."""
    if uow.dialect.name == "postgresql":
        return f"{column} = ANY(%s)", (list(values),)
    return f"{column} IN ({', '.join('?' * len(values))})", tuple(values)


def execute_many(uow: UnitOfWork, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    if rows:
        uow.exec_driver_sql(sql, list(rows))


def time_column(uow: UnitOfWork) -> Callable[[Iterable[datetime | None]], list[Any]]:
    """:func:`to_db_time` over a column of values, one call for a batch of rows."""
    return _naive_utc_column if uow.dialect.name == "postgresql" else _sqlite_time_column


def _naive_utc_column(moments: Iterable[datetime | None]) -> list[datetime | None]:
    return [_to_naive_utc(moment) for moment in moments]


_SQLITE_TIMES: dict[datetime, str] = {}
"""UTC moments already written as SQLite text, shared by a page's statements (see below)."""
SQLITE_TIMES_HELD = 8192  # about 1 MiB; an import's page of 2,000 posts writes at most ~6,000 distinct moments


def _sqlite_time_column(moments: Iterable[datetime | None]) -> list[str | None]:
    """``_to_sqlite_time`` of each value. A UTC moment (nearly all: observations are converted as
    they are parsed) is formatted once, by ``isoformat`` without ``replace``, and remembered across
    calls: a post's first and last sighting are often the same moment, and a re-sighting's time is
    written twice in its page (the post's state, then its snapshot), as are a new post's bands'.
    The memory is bounded: full, it starts again (a moment's text never changes, so any entry is good)."""
    texts = _SQLITE_TIMES
    if len(texts) > SQLITE_TIMES_HELD:
        texts.clear()
    out: list[str | None] = []
    for moment in moments:
        if moment is None or moment.tzinfo is not UTC:  # None, or another zone: the general way
            out.append(_to_sqlite_time(moment))
            continue
        text = texts.get(moment)
        if text is None:
            text = texts[moment] = moment.isoformat(" ", "microseconds")[:-6]  # less its "+00:00"
        out.append(text)
    return out


def _json_column(values: Iterable[Any]) -> list[str]:
    """SQLAlchemy's JSON text; it stores ``None`` as JSON ``null`` too (most posts' ``extra``)."""
    dumps = json.dumps
    return ["null" if value is None else dumps(value) for value in values]


def _bool_column(values: Iterable[Any]) -> list[bool | None]:
    return [value if value is None or value is True or value is False else bool(value) for value in values]


def _column_converter(uow: UnitOfWork, column: Any) -> Callable[[Iterable[Any]], list[Any]] | None:
    """How SQLAlchemy would bind this column's values, done for a whole column at once
    (``None``: as they are)."""
    if type(column.type).__name__ == "UTCDateTime":
        return time_column(uow)
    if isinstance(column.type, JSON):
        return _json_column
    if isinstance(column.type, Boolean):
        return _bool_column
    return None


def _default(column: Any) -> Any:
    default = column.default
    return default.arg if default is not None and default.is_scalar else None


def row_values(uow: UnitOfWork, table: Any, rows: Sequence[Mapping[str, Any]]) -> list[list[Any]]:
    """Each of ``table``'s columns as the list of its bound values over ``rows``, converted
    as SQLAlchemy's insert would; a key missing from a row takes the column's default.

    Rows are read by one ``itemgetter`` call each, and only the typed columns are converted
    (times, JSON, booleans): no Python call for every value. A plain dict's missing column shows as
    ``KeyError``, so only other mappings (a ``defaultdict`` would invent the value) are tested first.
    """
    columns = list(table.columns)
    names = [c.name for c in columns]
    wanted = frozenset(names)
    defaults = {c.name: _default(c) for c in columns}
    get = itemgetter(*names)
    try:  # a plain dict with every column (nearly every row) is read as it is, without a subset test
        tuples = [get(row) if type(row) is dict or row.keys() >= wanted else get({**defaults, **row}) for row in rows]
    except KeyError:  # a dict lacks a column: every row the careful way (another mapping could invent a value)
        tuples = [get(row) if row.keys() >= wanted else get({**defaults, **row}) for row in rows]
    values: list[list[Any]] = [list(column) for column in zip(*tuples, strict=True)] if tuples else []
    for at, column in enumerate(columns):
        convert = _column_converter(uow, column)
        if convert is not None and values:
            values[at] = convert(values[at])
    return values


def upsert_rows(
    uow: UnitOfWork,
    table: Any,
    rows: Sequence[Mapping[str, Any]],
    keys: Sequence[str],
    update: Sequence[str],
    keep_first: Sequence[str] = (),
) -> None:
    """``database.upsert`` through the driver: the same rows stored, without per-value processing.

    Missing keys take the column's default, as SQLAlchemy's insert would. The statement text is the
    same on SQLite and PostgreSQL (``ON CONFLICT ... DO UPDATE SET col = excluded.col``);
    ``keep_first`` columns are written only where the stored row has none yet.
    """
    if not rows:
        return
    columns = list(table.columns)
    names = [c.name for c in columns]
    mark = placeholder(uow)
    assignments = [f"{n} = excluded.{n}" for n in update]
    assignments += [f"{n} = COALESCE({table.name}.{n}, excluded.{n})" for n in keep_first]
    conflict = f"DO UPDATE SET {', '.join(assignments)}" if assignments else "DO NOTHING"
    sql = (
        f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join([mark] * len(names))}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(keys)}) {conflict}"
    )
    values = row_values(uow, table, rows)
    if uow.dialect.name == "postgresql" and pg_bulk.insert_columns(uow, table, names, values, keys, conflict):
        return
    execute_many(uow, sql, list(zip(*values, strict=True)))
