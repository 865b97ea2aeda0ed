"""Database size over a simulated month at a steady rate of posts, with and without retention.

    python bench/retention.py [--days 45] [--posts-per-day 1500] [--tracked 0.1] [--out bench/out/retention.db]

Every simulated day stores ``posts-per-day`` posts on a fresh SQLite file through the store's own
tables: most are seen twice, and the ``tracked`` share (upset posts the poller follows) is seen
every 15 minutes for 48 hours, as ``detection.track_for`` does. At the end of each day
``monitor.store.retention.prune`` runs as the daemon runs it (here with hourly thinning after 3
days, daily after 7 and posts kept 14 days, so the plateau shows within the month). It prints rows
and the pages in use per day, next to the rows the same traffic leaves without retention.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from monitor.store.database import open_database, transaction
from monitor.store.retention import prune, size_of
from monitor.store.tables import Post, Snapshot

POSTS = Post.__table__  # type: ignore[attr-defined]
SNAPSHOTS = Snapshot.__table__  # type: ignore[attr-defined]
START = datetime(2026, 1, 1, tzinfo=UTC)
TRACK_EVERY = timedelta(minutes=15)
TRACK_FOR = timedelta(hours=48)


def _post(n: int, created: datetime, last: datetime, upset: bool) -> dict[str, object]:
    return {
        "source": "reddit", "post_id": f"p{n}", "created_at": created, "first_seen_at": created,
        "last_observed_at": last, "text": "Northwind Air " + ("lost my bag again" if upset else "was fine today"),
        "text_hash": n, "label": "negative" if upset else "neutral", "upset": upset, "abusive": False, "topics": "",
        "likes": 0, "compound": -0.6 if upset else 0.0,
    }  # fmt: skip


def simulate(path: Path, days: int, per_day: int, tracked: float, seed: int = 7) -> None:
    rng = random.Random(seed)
    engine = open_database(f"sqlite:///{path}")
    keep = {"hourly_after": timedelta(days=3), "daily_after": timedelta(days=7), "posts_for": timedelta(days=14)}
    unpruned = {"posts": 0, "snapshots": 0}
    header = f"{'day':>4} {'posts':>8} {'snapshots':>10} {'MiB used':>9} {'prune s':>8}"
    print(header + "   without retention: posts, snapshots")
    n = 0
    total_prune = 0.0
    for day in range(days):
        posts, snapshots = [], []
        for _ in range(per_day):
            n += 1
            created = START + timedelta(days=day, seconds=rng.randrange(86400))
            is_tracked = rng.random() < tracked
            seen = [created + TRACK_EVERY * k for k in range(int(TRACK_FOR / TRACK_EVERY))] if is_tracked else [
                created, created + timedelta(minutes=rng.randrange(10, 120))
            ]  # fmt: skip
            posts.append(_post(n, created, seen[-1], is_tracked))
            likes = 0
            for moment in seen:
                likes += rng.randrange(0, 5)
                snapshots.append({"source": "reddit", "post_id": f"p{n}", "observed_at": moment, "likes": likes})
        with transaction(engine) as conn:
            conn.execute(insert(POSTS), posts)
            conn.execute(insert(SNAPSHOTS), snapshots)
        unpruned["posts"] += len(posts)
        unpruned["snapshots"] += len(snapshots)
        started = time.perf_counter()
        prune(engine, START + timedelta(days=day + 1), **keep)
        took = time.perf_counter() - started
        total_prune += took
        rows = size_of(engine, ("posts", "snapshots"))
        print(
            f"{day + 1:>4} {rows['posts']:>8,} {rows['snapshots']:>10,} {_used_mib(path):>9.1f} {took:>8.2f}"
            f"   {unpruned['posts']:>8,} {unpruned['snapshots']:>10,}"
        )
    engine.dispose()
    print(f"\nprune took {total_prune:.1f} s over {days} days; file {path.stat().st_size / 2**20:.1f} MiB on disk")


def _used_mib(path: Path) -> float:
    """Pages holding data (freed pages are reused by later inserts, so this is what grows or not)."""
    with sqlite3.connect(path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        free = conn.execute("PRAGMA freelist_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    return float((pages - free) * size / 2**20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=45)
    parser.add_argument("--posts-per-day", type=int, default=1500)
    parser.add_argument("--tracked", type=float, default=0.1, help="share of posts followed for 48 h")
    parser.add_argument("--out", type=Path, help="keep the database here (default: a temporary file)")
    args = parser.parse_args()
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.unlink(missing_ok=True)
        simulate(args.out, args.days, args.posts_per_day, args.tracked)
        return
    with tempfile.TemporaryDirectory(prefix="repmon-retention-") as tmp:
        simulate(Path(tmp) / "retention.db", args.days, args.posts_per_day, args.tracked)


if __name__ == "__main__":
    main()
