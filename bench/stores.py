"""Large stores built quickly with bulk SQL, and the detection cost measured on them."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SOURCES = ("reddit", "mastodon", "bluesky", "hackernews")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def build_store(db: Path, posts: int, seed: int = 3) -> None:
    """``posts`` posts over the past 30 days (a fifth of them upset), written with executemany."""
    from monitor.store.database import open_database

    open_database(f"sqlite:///{db}").dispose()  # the schema, through the migrations
    rng = random.Random(seed)
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA synchronous = OFF")
        rows = []
        for n in range(posts):
            created = NOW - timedelta(seconds=rng.randint(3600, 30 * 86400))
            upset = rng.random() < 0.2
            rows.append(
                (
                    SOURCES[n % 4],
                    f"old{n}",
                    created.strftime(fmt),
                    created.strftime(fmt),
                    (created + timedelta(minutes=30)).strftime(fmt),
                    f"u{rng.randint(1, posts // 4)}",
                    "Northwind Air was late again" if upset else "Flew Northwind Air today",
                    n,
                    -0.6 if upset else 0.3,
                    "negative" if upset else "positive",
                    int(upset),
                    rng.randint(0, 50),
                    SOURCES[n % 4],  # found_by: one configured source per platform, named after it
                )
            )
            if len(rows) == 50_000:
                _insert(conn, rows)
                rows = []
        _insert(conn, rows)


def _insert(conn: sqlite3.Connection, rows: list[tuple[object, ...]]) -> None:
    conn.executemany(
        "INSERT INTO posts (source, post_id, created_at, first_seen_at, last_observed_at, author_id, text, "
        "text_hash, compound, label, upset, likes, found_by, pos, neu, neg, abusive, topics) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, '')",
        rows,
    )


def detection_ms_per_snapshot(db: Path, posts: int, fresh: int = 60, sightings: int = 4) -> float:
    """Milliseconds per new snapshot of young upset posts ingested with detection on, on this store."""
    from monitor.config import validate
    from monitor.core.observations import Observation
    from monitor.pipeline import Pipeline
    from monitor.polling import tracked_post_ids
    from monitor.store.database import open_database

    build_store(db, posts)
    config = validate({"database": {"url": f"sqlite:///{db}"}})
    engine = open_database(config.database.url)
    pipeline = Pipeline(engine, config, clock=lambda: NOW)
    timings: list[float] = []
    for round_ in range(sightings):
        batch = [
            Observation.model_validate(
                {
                    "observed_at": NOW + timedelta(minutes=10 * round_),
                    "source": SOURCES[n % 4],
                    "id": f"new{n}",
                    "created_at": NOW - timedelta(minutes=5),
                    "author": {"id": f"a{n}", "handle": f"a{n}", "followers": 50},
                    "text": f"Northwind Air cancelled flight NW{n} and kept my money, never again",
                    "engagement": {"likes": 5 * round_ * (n % 5), "replies": round_},
                }
            )
            for n in range(fresh)
        ]
        began = time.perf_counter()
        pipeline.ingest(batch)
        for source in SOURCES:
            tracked_post_ids(engine, config, source, source, NOW + timedelta(minutes=10 * round_ + 1))
        if round_:  # the first round scores and clusters new texts; later rounds are pure detection
            timings.append((time.perf_counter() - began) / fresh * 1000)
    engine.dispose()
    return statistics.median(timings)
