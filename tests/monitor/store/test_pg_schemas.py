"""A test's PostgreSQL schema, copied from a dump (tests/pg_schemas.py), is the migrations' schema.

Compared through the server's catalog, not through pg_dump again: tables, columns (type, nullability,
default, identity, order), indexes with their predicates and in the order they were built (the
planner's tie-break between equal costs), constraints, sequences and what owns them,
triggers, views, comments, and every row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import psycopg

    from tests.pg_schemas import PostgresSchemas

CATALOG: dict[str, str] = {
    "relations": """
        SELECT c.relname, c.relkind, c.relpersistence FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(s)s""",
    "columns": """
        SELECT c.relname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
               format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid),
               a.attidentity, a.attgenerated, a.attcollation::regcollation::text, col_description(c.oid, a.attnum)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = %(s)s AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm')""",
    "indexes": """
        SELECT t.relname, c.relname, pg_get_indexdef(i.indexrelid), i.indisunique, i.indisprimary
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(s)s""",
    "index order": """
        SELECT t.relname, array_agg(c.relname ORDER BY c.oid) FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(s)s GROUP BY t.relname""",
    "constraints": """
        SELECT t.relname, k.conname, k.contype, pg_get_constraintdef(k.oid), k.condeferrable, k.condeferred
        FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
        LEFT JOIN pg_class t ON t.oid = k.conrelid WHERE n.nspname = %(s)s""",
    "sequences": """
        SELECT s.sequencename, s.data_type::text, s.start_value, s.min_value, s.max_value, s.increment_by,
               s.cycle, s.cache_size, s.last_value FROM pg_sequences s WHERE s.schemaname = %(s)s""",
    "sequence owners": """
        SELECT s.relname, t.relname, a.attname, d.deptype FROM pg_depend d
        JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_namespace n ON n.oid = s.relnamespace
        JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
        WHERE n.nspname = %(s)s AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass""",
    "triggers": """
        SELECT c.relname, g.tgname, pg_get_triggerdef(g.oid) FROM pg_trigger g
        JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %(s)s AND NOT g.tgisinternal""",
    "views": """
        SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %(s)s AND c.relkind IN ('v', 'm')""",
    "table comments": """
        SELECT c.relname, obj_description(c.oid, 'pg_class') FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(s)s""",
    "functions": """
        SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %(s)s""",
}


def catalog(conn: psycopg.Connection[Any], schema: str) -> dict[str, list[tuple[Any, ...]]]:
    """What the server knows about ``schema``, with its name written as <schema>, each part sorted."""

    def plain(value: Any) -> Any:
        return value.replace(schema, "<schema>") if isinstance(value, str) else value

    found = {
        part: sorted((tuple(plain(v) for v in row) for row in conn.execute(sql, {"s": schema})), key=repr)
        for part, sql in CATALOG.items()
    }
    tables = [name for name, kind, _ in found["relations"] if kind in ("r", "p")]
    found["rows"] = sorted(
        (table, repr(sorted(map(repr, conn.execute(f'SELECT * FROM "{schema}"."{table}"'))))) for table in tables
    )
    return found


@pytest.fixture
def admin(postgres_schemas: PostgresSchemas) -> Any:
    import psycopg

    from tests.pg_schemas import libpq_url

    with psycopg.connect(libpq_url(postgres_schemas.base), autocommit=True) as conn:
        yield conn


def test_a_copied_schema_is_the_migrated_schema(postgres_schemas: PostgresSchemas, admin: Any) -> None:
    copy = postgres_schemas.create_migrated()
    try:
        migrated = postgres_schemas.migrated_once
        if migrated is None:
            pytest.skip("no pg_dump here: every test schema is migrated, there is no copy to compare")
        expected, got = catalog(admin, migrated), catalog(admin, copy)
        assert got == expected
        # the comparison sees what matters: the migrations made tables, a partial index, a version row
        assert len([r for r in expected["relations"] if r[1] == "r"]) >= 10
        assert any(" WHERE " in definition for _, _, definition, _, _ in expected["indexes"])
        assert ("alembic_version", repr([repr((_head(),))])) in expected["rows"]
        # and a predicate dropped from one partial index is a difference
        index, definition = next((i, d) for _, i, d, _, _ in expected["indexes"] if " WHERE " in d)
        admin.execute(f'DROP INDEX "{copy}"."{index}"')
        admin.execute(definition.replace("<schema>", copy).split(" WHERE ")[0])
        assert catalog(admin, copy)["indexes"] != expected["indexes"]
    finally:
        postgres_schemas.drop(copy)


def _head() -> str:
    from monitor.store.database import head_revision

    head = head_revision()
    assert head is not None
    return head
