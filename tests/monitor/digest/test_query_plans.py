"""The digest's counts are index-range counts on both databases: their cost follows the week, not the store.

Planned on a filled, analysed posts table (``tests/plan_data.py``), as on a deployment's store.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from monitor.store.digest import _mix_statement
from tests.plan_data import fill_posts


@pytest.fixture
def filled(engine: Engine) -> Engine:
    return fill_posts(engine)


def _plan(engine: Engine, brand: bool) -> str:
    statement = _mix_statement(1, brand)
    params = {"b0": "2026-11-16 00:00:00", "b1": "2026-11-17 00:00:00", "source": "reddit", "brand": "B"}
    sql = str(statement)
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))  # 4,000 posts fit in a few pages: scanned otherwise
            rows = conn.execute(text(f"EXPLAIN {sql}"), params).scalars().all()
        else:
            rows = [r[-1] for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}"), params)]
    return "\n".join(str(r) for r in rows)


def test_counts_per_source_label_and_day_use_the_label_source_index(filled: Engine) -> None:
    plan = _plan(filled, brand=False)
    assert "ix_posts_label_source_time" in plan and "TEMP B-TREE" not in plan and "Sort" not in plan, plan


def test_counts_for_one_brand_use_the_brand_index(filled: Engine) -> None:
    plan = _plan(filled, brand=True)
    assert "ix_posts_brand_mix" in plan and "TEMP B-TREE" not in plan and "Sort" not in plan, plan
