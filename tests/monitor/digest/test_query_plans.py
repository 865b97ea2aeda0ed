"""The digest's counts are index-range counts on both databases: their cost follows the week, not the store."""

from __future__ import annotations

from sqlalchemy import Engine, text

from monitor.store.digest import _mix_statement


def _plan(engine: Engine, brand: bool) -> str:
    statement = _mix_statement(1, brand)
    params = {"b0": "2026-11-16 00:00:00", "b1": "2026-11-17 00:00:00", "source": "reddit", "brand": "B"}
    sql = str(statement)
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))  # an empty table would be scanned anyway
            rows = conn.execute(text(f"EXPLAIN {sql}"), params).scalars().all()
        else:
            rows = [r[-1] for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"), params)]
    return "\n".join(str(r) for r in rows)


def test_counts_per_source_label_and_day_use_the_label_source_index(engine: Engine) -> None:
    plan = _plan(engine, brand=False)
    assert "ix_posts_label_source_time" in plan and "TEMP B-TREE" not in plan and "Sort" not in plan


def test_counts_for_one_brand_use_the_brand_index(engine: Engine) -> None:
    plan = _plan(engine, brand=True)
    assert "TEMP B-TREE" not in plan and "Sort" not in plan
    if engine.dialect.name == "postgresql":
        # on an empty table both brand-first indexes cost the same, and which one PostgreSQL keeps
        # follows the order they were created in (a new database's differs from a migrated one's):
        # either counts one index range of the week, with the source as a filter at worst
        assert "ix_posts_brand_mix" in plan or "ix_posts_brand_label_time" in plan, plan
    else:
        assert "ix_posts_brand_mix" in plan, plan
