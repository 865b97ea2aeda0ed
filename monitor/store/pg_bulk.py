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

A column whose values JSON carries exactly (strings, whole numbers, floats, booleans, naive
times as ISO text, and ``None``) travels as one JSON array instead, which the server reads into
the same typed array through the same input functions:

    unnest(ARRAY(SELECT json_array_elements_text(%s::json))::bigint[], ...)

``json.dumps`` writes it in C; psycopg builds an array literal in Python, a regex test and an
append per value (about a second of a 20,000-post import). Any other column (a float that is
not finite, an aware time, a value of an unexpected type) keeps the array of its values.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
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


def _types(table: Any, names: Sequence[str]) -> list[str] | None:
    types = [found for name in names if (found := _array_type(table.c[name])) is not None]
    return types if len(types) == len(names) else None


# What a JSON array carries exactly into each array type: the values' exact Python types
_JSON_CARRIES: dict[str, frozenset[type]] = {
    "text": frozenset((str, type(None))),
    "json": frozenset((str, type(None))),  # the driver's JSON text, as the array path sends it
    "bigint": frozenset((int, type(None))),
    "float8": frozenset((float, type(None))),
    "boolean": frozenset((bool, type(None))),
    "timestamp": frozenset((datetime, type(None))),
}


def _as_json(kind: str, values: list[Any]) -> str | None:
    """``values`` as one JSON array the server reads back into the same ``kind[]``, or ``None``."""
    if not _JSON_CARRIES[kind].issuperset(map(type, values)):
        return None
    if kind == "timestamp":
        if any(v.tzinfo is not None for v in values if v is not None):
            return None  # psycopg would send an aware time as timestamptz: keep its way
        values = [None if v is None else str(v) for v in values]  # what psycopg writes for one
    try:
        return json.dumps(values, ensure_ascii=False, allow_nan=False)
    except ValueError:  # NaN or infinity: JSON has no such number
        return None


def _parameters(types: Sequence[str], columns: Sequence[list[Any]]) -> tuple[list[str], tuple[Any, ...]]:
    """Each column's typed array expression and its parameter: a JSON array where it carries the
    values exactly, else the list itself (arrays travel as ``text[]``, never ``varchar(n)[]``)."""
    expressions: list[str] = []
    parameters: list[Any] = []
    for kind, values in zip(types, columns, strict=True):
        encoded = _as_json(kind, values)
        if encoded is None:
            expressions.append(f"%s::{kind}[]")
            parameters.append(values)
        else:
            expressions.append(f"ARRAY(SELECT json_array_elements_text(%s::json))::{kind}[]")
            parameters.append(encoded)
    return expressions, tuple(parameters)


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
    types = _types(table, names)
    if types is None or (conflict != "DO NOTHING" and not _unique(columns, [names.index(k) for k in keys])):
        return False
    arrays, parameters = _parameters(types, columns)
    target = f"({', '.join(keys)}) " if keys else ""
    sql = (
        f"INSERT INTO {table.name} ({', '.join(names)}) SELECT * FROM unnest({', '.join(arrays)}) "  # noqa: S608
        f"ON CONFLICT {target}{conflict}"
    )
    uow.exec_driver_sql(sql, parameters)
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
    types = _types(table, names)
    columns = _columns(values)
    if types is None or not _unique(columns, [names.index(k) for k in keys]):
        return False
    arrays, parameters = _parameters(types, columns)
    match = " AND ".join(f"{table.name}.{k} = v.{k}" for k in keys)
    sql = (
        f"UPDATE {table.name} SET {', '.join(assignments)} "  # noqa: S608 - constant names
        f"FROM unnest({', '.join(arrays)}) AS v({', '.join(names)}) WHERE {match}"
    )
    uow.exec_driver_sql(sql, parameters)
    return True
