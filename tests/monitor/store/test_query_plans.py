"""The hot queries use their indexes on both databases, so their cost does not grow with the store.

Planned on a filled, analysed posts table (``tests/plan_data.py``), as on a deployment's store.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select, text

from monitor.store.posts import POSTS
from tests.plan_data import fill_posts

NOW = datetime(2026, 11, 20, tzinfo=UTC)


@pytest.fixture
def engine(engine: Engine) -> Engine:
    """The conftest's database, its posts table filled and analysed (``tests/plan_data.py``)."""
    return fill_posts(engine)


def _plan(engine: Engine, statement: object) -> str:
    with engine.connect() as conn:
        compiled = statement.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})  # type: ignore[attr-defined]
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))  # 4,000 posts fit in a few pages: scanned otherwise
            rows = conn.execute(text(f"EXPLAIN {compiled}")).scalars().all()
        else:
            rows = [r[-1] for r in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))]
    return "\n".join(str(r) for r in rows)


def test_recent_upset_posts_of_a_source_come_from_the_partial_index(engine: Engine) -> None:
    query = (
        select(POSTS.c.post_id)
        .where(
            POSTS.c.source == "reddit",
            POSTS.c.upset == True,  # noqa: E712 - as the store writes it
            POSTS.c.created_at >= NOW - timedelta(hours=48),
            POSTS.c.last_observed_at < NOW,
        )
        .order_by(POSTS.c.created_at.desc())
        .limit(200)
    )
    assert "ix_posts_upset_by_created" in _plan(engine, query)


def test_a_post_is_found_by_its_key(engine: Engine) -> None:
    query = select(POSTS).where(POSTS.c.source == "reddit", POSTS.c.post_id.in_(["a", "b"]))
    plan = _plan(engine, query)
    assert "posts_pkey" in plan or "sqlite_autoindex_posts" in plan or "PRIMARY KEY" in plan


def test_a_brands_complaint_traffic_is_counted_on_the_brand_index(engine: Engine) -> None:
    """Detection asks how busy the brand is whenever an echo could alert: an index range, not a scan."""
    from monitor.store.posts import gathering_clusters_query, negative_posts_query

    start = NOW - timedelta(hours=72)
    queries = [negative_posts_query("Northwind Air", start, NOW, cluster) for cluster in (None, "reddit:root")]
    queries.append(gathering_clusters_query("Northwind Air", start, NOW, "reddit:root", 3))
    for query in queries:
        plan = _plan(engine, query)  # either brand-first index is one range of the brand's posts
        assert "ix_posts_brand_label_time" in plan or "ix_posts_brand_mix" in plan, plan
