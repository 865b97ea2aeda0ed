"""PostgreSQL's fast path for the batch writes: one statement over arrays instead of a row at a time.

``executemany`` sends one Bind/Execute per row, even pipelined, and psycopg builds each in Python;
a batch of 2,000 posts, their snapshots and echo bands cost more in the driver than in the server.
Here each column travels as one array parameter and the server unnests them:

    INSERT INTO t (a, b) SELECT * FROM unnest(%s::text[], %s::bigint[]) ON CONFLICT ...
    UPDATE t SET a = v.a FROM unnest(...) AS v(a, k) WHERE t.k = v.k

The statements keep the row-at-a-time ones' meaning: the same conflict clauses, and values are
cast to each column on assignment, so a value too long for its column fails as before (arrays
travel as ``text[]``, never ``varchar(n)[]``, whose cast would cut it silently). Where one
statement could not mean the same (two rows of one key, which ``DO UPDATE`` refuses and an
``UPDATE ... FROM`` would apply only once, or a column type without a mapping here) the caller
gets ``False`` and runs ``executemany``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Float, Integer, String, Text

from monitor.store.database import UnitOfWork

_ARRAY_TYPES: tuple[tuple[type, str], ...] = (
    (JSON, "json"),
    (Boolean, "boolean"),
    (BigInteger, "bigint"),
    (Integer, "bigint"),
    (Float, "float8"),
    (DateTime, "timestamp"),
    (Text, "text"),
    (String, "text"),
)


@lru_cache(maxsize=256)
def _array_type(column: Any) -> str | None:
    kind = column.type
    impl = getattr(kind, "impl", None)  # a TypeDecorator (UTCDateTime) stores as its implementation
    for sa_type, name in _ARRAY_TYPES:
        if isinstance(kind, sa_type) or (impl is not None and isinstance(impl, sa_type)):
            return name
    return None


def _arrays(table: Any, names: Sequence[str]) -> list[str] | None:
    types = [_array_type(table.c[name]) for name in names]
    return None if any(t is None for t in types) else [f"%s::{t}[]" for t in types]


def _columns(values: Sequence[tuple[Any, ...]]) -> list[list[Any]]:
    return [list(column) for column in zip(*values, strict=True)]


def _unique(columns: Sequence[Sequence[Any]], at: Sequence[int]) -> bool:
    return len(set(zip(*(columns[i] for i in at), strict=True))) == len(columns[0])


def insert(
    uow: UnitOfWork,
    table: Any,
    names: Sequence[str],
    values: Sequence[tuple[Any, ...]],
    keys: Sequence[str],
    conflict: str,
) -> bool:
    """``INSERT ... ON CONFLICT (keys) <conflict>`` of every row in one statement; ``False`` when it cannot be.

    No ``keys``: ``ON CONFLICT <conflict>`` on any constraint (``DO NOTHING`` only)."""
    return not values or insert_columns(uow, table, names, _columns(values), keys, conflict)


def insert_columns(
    uow: UnitOfWork,
    table: Any,
    names: Sequence[str],
    columns: Sequence[list[Any]],
    keys: Sequence[str],
    conflict: str,
) -> bool:
    """:func:`insert` of rows given column by column (one list of values per name in ``names``)."""
    if not columns or not columns[0]:
        return True
    arrays = _arrays(table, names)
    if arrays is None or (conflict != "DO NOTHING" and not _unique(columns, [names.index(k) for k in keys])):
        return False
    target = f"({', '.join(keys)}) " if keys else ""
    sql = (
        f"INSERT INTO {table.name} ({', '.join(names)}) SELECT * FROM unnest({', '.join(arrays)}) "  # noqa: S608
        f"ON CONFLICT {target}{conflict}"
    )
    uow.exec_driver_sql(sql, tuple(columns))
    return True


def update(
    uow: UnitOfWork,
    table: Any,
    names: Sequence[str],
    values: Sequence[tuple[Any, ...]],
    keys: Sequence[str],
    assignments: Sequence[str],
) -> bool:
    """``UPDATE table SET <assignments> ... WHERE keys match`` for every row in one statement.

    ``names`` are the columns of each tuple in ``values`` (the keys last); an assignment reads
    a row's value as ``v.<name>`` and the stored one as ``<table>.<name>``.
    """
    if not values:
        return True
    arrays = _arrays(table, names)
    columns = _columns(values)
    if arrays is None or not _unique(columns, [names.index(k) for k in keys]):
        return False
    match = " AND ".join(f"{table.name}.{k} = v.{k}" for k in keys)
    sql = (
        f"UPDATE {table.name} SET {', '.join(assignments)} "  # noqa: S608 - constant names
        f"FROM unnest({', '.join(arrays)}) AS v({', '.join(names)}) WHERE {match}"
    )
    uow.exec_driver_sql(sql, tuple(columns))
    return True
