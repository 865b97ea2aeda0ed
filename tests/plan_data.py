"""A posts table filled like a deployment's, with statistics gathered, for query-plan tests.

On an empty table the indexes that could serve a query cost the same, and which one a database
keeps then follows the order they were created in, not what it would do with data. A few thousand
posts of several brands, sources and labels over two months, some upset, some in clusters, with
``ANALYZE`` run, make the planner choose as it would on a real store.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, text

from monitor.store.posts import POSTS

BRANDS = ("Northwind Air", "B", "C", "D", "E")
SOURCES = ("reddit", "mastodon", "bluesky", "hackernews")
LABELS = ("positive", "neutral", "negative", "unscored")
START = datetime(2026, 9, 20, tzinfo=UTC)  # two months up to the tests' NOW (20 November 2026)


def fill_posts(engine: Engine, posts: int = 4000, seed: int = 5) -> Engine:
    rng = random.Random(seed)
    rows = []
    for n in range(posts):
        created = START + timedelta(minutes=rng.randrange(60 * 24 * 60))
        label = rng.choice(LABELS)
        rows.append(
            {
                "source": rng.choice(SOURCES),
                "post_id": f"p{n}",
                "found_by": "plans",
                "created_at": created,
                "first_seen_at": created,
                "last_observed_at": created + timedelta(minutes=30),
                "author_id": f"u{n % 700}",
                "text": "Northwind Air",
                "text_hash": n,
                "compound": -0.6 if label == "negative" else 0.0,
                "pos": 0.0,
                "neu": 1.0,
                "neg": 0.0,
                "label": label,
                "upset": label == "negative" and rng.random() < 0.5,
                "failure": rng.random() < 0.05,
                "cluster": f"reddit:c{n % 40}" if rng.random() < 0.1 else None,
                "topics": "",
                "brand": rng.choice(BRANDS),
            }
        )
    with engine.begin() as conn:
        conn.execute(POSTS.insert(), rows)
        conn.execute(text("ANALYZE"))
    return engine
