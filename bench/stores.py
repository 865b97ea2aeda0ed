"""Large stores built quickly with bulk SQL, and the detection cost measured on them."""

from __future__ import annotations

import logging
import random
import sqlite3
import statistics
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

SOURCES = ("reddit", "mastodon", "bluesky", "hackernews")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PER_DAY = 5_000  # posts a day: a busy brand; a 10k store holds two days, a 1M store 200


def build_store(db: Path, posts: int, seed: int = 3, per_day: int = PER_DAY) -> None:
    """``posts`` posts at a steady rate of ``per_day`` a day up to now (a fifth of them upset), written
    with executemany.

    The rate is the same whatever the size, so a larger store is the same brand's longer history:
    what detection must not pay for. The young posts a re-poll follows (the last
    ``detection.track_for``) are as many in a 10k store as in a 1M one; a denser store (more posts
    a day) is more work by design, not store growth.
    """
    from monitor.store.database import open_database

    open_database(f"sqlite:///{db}").dispose()  # the schema at head (a new database is built from the models)
    rng = random.Random(seed)
    span = max(1, posts * 86400 // per_day)  # seconds of history
    fmt = "%Y-%m-%d %H:%M:%S.%f"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA synchronous = OFF")
        rows = []
        for n in range(posts):
            created = NOW - timedelta(seconds=rng.randint(3600, 3600 + span))
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


@dataclass
class DetectionCost:
    """Milliseconds per new snapshot on one store: medians of many interleaved rounds."""

    wall_ms: float
    cpu_ms: float
    rounds: int


class _DetectionRun:
    """A pipeline with detection on, over one store, that ingests rounds of young upset posts."""

    def __init__(self, db: Path, posts: int, fresh: int) -> None:
        from monitor.config import validate
        from monitor.pipeline import Pipeline
        from monitor.store.database import open_database

        build_store(db, posts)
        self.config = validate({"database": {"url": f"sqlite:///{db}"}})
        self.engine = open_database(self.config.database.url)
        self.pipeline = Pipeline(self.engine, self.config, clock=lambda: NOW)
        self.fresh = fresh
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def wave(self, wave: int, sightings: int) -> None:
        """New posts seen ``sightings`` times; every sighting after the first is timed."""
        from monitor.core.observations import Observation
        from monitor.polling import tracked_post_ids

        for round_ in range(sightings):
            at = NOW + timedelta(minutes=10 * round_)
            batch = [
                Observation.model_validate(
                    {
                        "observed_at": at,
                        "source": SOURCES[n % 4],
                        "id": f"new{wave}_{n}",
                        "created_at": NOW - timedelta(minutes=5),
                        "author": {"id": f"a{wave}_{n}", "handle": f"a{wave}_{n}", "followers": 50},
                        "text": f"Northwind Air cancelled flight NW{wave}{n} and kept my money, never again",
                        "engagement": {"likes": 5 * round_ * (n % 5), "replies": round_},
                    }
                )
                for n in range(self.fresh)
            ]
            wall, cpu = time.perf_counter(), time.process_time()
            self.pipeline.ingest(batch)
            for source in SOURCES:
                tracked_post_ids(self.engine, self.config, source, source, at + timedelta(minutes=1))
            if round_:  # the first sighting scores and clusters new texts; later ones are pure detection
                self.wall.append((time.perf_counter() - wall) / self.fresh * 1000)
                self.cpu.append((time.process_time() - cpu) / self.fresh * 1000)

    def cost(self) -> DetectionCost:
        self.engine.dispose()
        return DetectionCost(statistics.median(self.wall), statistics.median(self.cpu), len(self.wall))


def detection_costs(
    small_db: Path, small: int, large_db: Path, large: int, *, waves: int = 5, fresh: int = 60, sightings: int = 4
) -> tuple[DetectionCost, DetectionCost]:
    """The cost per new snapshot on a small and a large store, measured in alternation.

    Waves of new posts go to one store, then the other, ``waves`` times: a burst of load from
    elsewhere on a shared machine falls on both stores alike instead of on one of them, and the
    medians of many rounds stand for each.
    """
    runs = (_DetectionRun(small_db, small, fresh), _DetectionRun(large_db, large, fresh))
    logging.disable(logging.WARNING)  # each wave's drafts warn about their refund wording: not the figure's business
    try:
        for wave in range(waves):
            for run in runs:
                run.wave(wave, sightings)
    finally:
        logging.disable(logging.NOTSET)
    return runs[0].cost(), runs[1].cost()
