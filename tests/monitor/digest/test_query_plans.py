"""The digest's counts are index-range counts on both databases: their cost follows the week, not the store.

The posts table is filled with a few thousand posts of several brands, sources and labels over two
months, and its statistics gathered, so the planner chooses as it would on a deployment's store: on
an empty table the indexes tie, and which one a database keeps then says nothing.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from monitor.store.digest import _mix_statement
from monitor.store.posts import POSTS

BRANDS = ("A", "B", "C", "D", "E")
SOURCES = ("reddit", "mastodon", "bluesky", "hackernews")
LABELS = ("positive", "neutral", "negative", "unscored")


@pytest.fixture
def filled(engine: Engine) -> Engine:
    rng = random.Random(5)
    start = datetime(2026, 9, 20, tzinfo=UTC)
    rows = []
    for n in range(4000):
        created = start + timedelta(minutes=rng.randrange(60 * 24 * 60))
        rows.append(
            {
                "source": rng.choice(SOURCES),
                "post_id": f"p{n}",
                "found_by": "bench",
                "created_at": created,
                "first_seen_at": created,
                "last_observed_at": created,
                "author_id": f"u{n % 700}",
                "text": "Northwind Air",
                "text_hash": n,
                "compound": 0.0,
                "pos": 0.0,
                "neu": 1.0,
                "neg": 0.0,
                "label": rng.choice(LABELS),
                "topics": "",
                "brand": rng.choice(BRANDS),
            }
        )
    with engine.begin() as conn:
        conn.execute(POSTS.insert(), rows)
        conn.execute(text("ANALYZE"))
    return engine


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
