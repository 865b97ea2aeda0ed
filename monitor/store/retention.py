"""Retention: keep the database bounded at a steady rate of posts without losing what matters.

Two rules, run by ``repmon db prune`` and by the daemon once a day:

1. **Downsample engagement snapshots.** Snapshots older than ``hourly_after`` are thinned to the
   last one of each hour per post, and older than ``daily_after`` to the last one of each day.
   Counters are cumulative, so the last sighting of a bucket says everything the others did.
   Each post always keeps its first snapshot (where velocity starts) and its peak (the most
   interactions ever seen), whatever their age.
2. **Delete old posts.** A post not observed for ``posts_for`` is deleted with its snapshots and
   echo bands, unless it belongs to an incident: incidents keep their evidence. Decisions about
   lone posts (digest only) older than that go too; an incident's decisions stay with it.

Posts are thinned two hundred at a time, each batch in its own short transaction, so a daemon and a CLI command
sharing an SQLite file never wait long for each other.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, case, delete, distinct, exists, func, select

from monitor.store import decisions
from monitor.store.database import transaction
from monitor.store.tables import EchoBand, IncidentPost, Post, Snapshot

POSTS = Post.__table__  # type: ignore[attr-defined]
SNAPSHOTS = Snapshot.__table__  # type: ignore[attr-defined]
BANDS = EchoBand.__table__  # type: ignore[attr-defined]
MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]
COUNTERS = ("likes", "reposts", "replies", "quotes")
POSTS_PER_BATCH = 200
HOUR = 3600
DAY = 86400


@dataclass
class PruneReport:
    snapshots_thinned: int = 0
    posts_deleted: int = 0
    snapshots_deleted: int = 0
    bands_deleted: int = 0
    decisions_deleted: int = 0

    def line(self) -> str:
        return (
            f"retention: {self.snapshots_thinned} snapshots thinned, {self.posts_deleted} old posts deleted "
            f"with {self.snapshots_deleted} snapshots and {self.bands_deleted} echo bands, "
            f"{self.decisions_deleted} old decisions about lone posts"
        )


def prune(
    engine: Engine, now: datetime, *, hourly_after: timedelta, daily_after: timedelta, posts_for: timedelta
) -> PruneReport:
    """Apply both rules as of ``now``; safe to run again at any time (it converges)."""
    report = PruneReport()
    report.posts_deleted, report.snapshots_deleted, report.bands_deleted = delete_old_posts(engine, now - posts_for)
    report.snapshots_thinned = downsample_snapshots(engine, now - hourly_after, now - daily_after)
    report.decisions_deleted = decisions.forget_post_decisions_before(engine, now - posts_for)
    return report


def _unprotected_old_posts(cutoff: datetime) -> Any:
    in_incident = exists().where(and_(MEMBERS.c.source == POSTS.c.source, MEMBERS.c.post_id == POSTS.c.post_id))
    return and_(POSTS.c.last_observed_at < cutoff, ~in_incident)


def delete_old_posts(engine: Engine, cutoff: datetime) -> tuple[int, int, int]:
    """Posts last observed before ``cutoff`` and in no incident, with their snapshots and bands."""
    doomed = _unprotected_old_posts(cutoff)
    with transaction(engine) as conn:
        snapshots = conn.execute(
            delete(SNAPSHOTS).where(
                exists().where(
                    and_(POSTS.c.source == SNAPSHOTS.c.source, POSTS.c.post_id == SNAPSHOTS.c.post_id, doomed)
                )
            )
        ).rowcount
        bands = conn.execute(
            delete(BANDS).where(
                exists().where(and_(POSTS.c.source == BANDS.c.source, POSTS.c.post_id == BANDS.c.post_id, doomed))
            )
        ).rowcount
        posts = conn.execute(delete(POSTS).where(doomed)).rowcount
    return int(posts), int(snapshots), int(bands)


def downsample_snapshots(engine: Engine, hourly_before: datetime, daily_before: datetime) -> int:
    """Thin snapshots older than ``hourly_before`` to one per hour, older than ``daily_before`` to one per day."""
    with engine.connect() as conn:
        hour, day = _buckets(conn.dialect.name)
        bucket = case((SNAPSHOTS.c.observed_at < daily_before, day), else_=hour)
        # more old snapshots than buckets, plus the first and the peak: already-thinned posts are skipped
        crowded = conn.execute(
            select(SNAPSHOTS.c.source, SNAPSHOTS.c.post_id)
            .where(SNAPSHOTS.c.observed_at < hourly_before)
            .group_by(SNAPSHOTS.c.source, SNAPSHOTS.c.post_id)
            .having(func.count() > func.count(distinct(bucket)) + 2)
        ).all()
    by_source: dict[str, list[str]] = defaultdict(list)
    for source, post_id in crowded:
        by_source[source].append(post_id)
    removed = 0
    for source, post_ids in by_source.items():
        for start in range(0, len(post_ids), POSTS_PER_BATCH):
            with transaction(engine) as conn:
                removed += _thin_posts(conn, source, post_ids[start : start + POSTS_PER_BATCH], hourly_before,
                                       daily_before)  # fmt: skip
    return removed


def _buckets(dialect: str) -> tuple[Any, Any]:
    """Hour and day of a snapshot as SQL: SQLite stores 'YYYY-MM-DD HH:MM:SS' text, PostgreSQL a timestamp."""
    if dialect == "postgresql":
        return func.date_trunc("hour", SNAPSHOTS.c.observed_at), func.date_trunc("day", SNAPSHOTS.c.observed_at)
    return func.substr(SNAPSHOTS.c.observed_at, 1, 13), func.substr(SNAPSHOTS.c.observed_at, 1, 10)


_DELETE_ONE = delete(SNAPSHOTS).where(
    and_(
        SNAPSHOTS.c.source == bindparam("s"),
        SNAPSHOTS.c.post_id == bindparam("p"),
        SNAPSHOTS.c.observed_at == bindparam("t"),
    )
)


def _thin_posts(
    conn: Connection, source: str, post_ids: list[str], hourly_before: datetime, daily_before: datetime
) -> int:
    """One read of these posts' snapshots, one batched delete of those the rule drops."""
    rows = conn.execute(
        select(SNAPSHOTS.c.post_id, SNAPSHOTS.c.observed_at, *(SNAPSHOTS.c[name] for name in COUNTERS))
        .where(and_(SNAPSHOTS.c.source == source, SNAPSHOTS.c.post_id.in_(post_ids)))
        .order_by(SNAPSHOTS.c.post_id, SNAPSHOTS.c.observed_at)
    ).all()
    series: dict[str, list[tuple[datetime, int]]] = defaultdict(list)
    for row in rows:
        series[row[0]].append((row[1], sum(v or 0 for v in row[2:])))
    doomed = [
        {"s": source, "p": post_id, "t": moment}
        for post_id, points in series.items()
        for moment in snapshots_to_drop(points, hourly_before, daily_before)
    ]
    if doomed:
        conn.execute(_DELETE_ONE, doomed)
    return len(doomed)


def snapshots_to_drop(
    series: Sequence[tuple[datetime, int]], hourly_before: datetime, daily_before: datetime
) -> list[datetime]:
    """Which of one post's snapshots (time order, with total interactions) retention removes."""
    if len(series) < 2:
        return []
    first = series[0][0]
    peak = max(series, key=lambda item: item[1])[0]  # the earliest sighting of the highest count
    last_in_bucket: dict[tuple[int, int], datetime] = {}
    for moment, _ in series:
        if moment >= hourly_before:
            break
        width = DAY if moment < daily_before else HOUR
        last_in_bucket[(width, int(moment.timestamp()) // width)] = moment  # later ones overwrite
    keep = {first, peak, *last_in_bucket.values()}
    return [moment for moment, _ in series if moment < hourly_before and moment not in keep]


def size_of(engine: Engine, tables: Iterable[str] = ("posts", "snapshots", "echo_bands")) -> dict[str, int]:
    """Row counts per table, for ``repmon db prune`` and the retention benchmark."""
    chosen = {"posts": POSTS, "snapshots": SNAPSHOTS, "echo_bands": BANDS}
    with engine.connect() as conn:
        return {name: int(conn.execute(select(func.count()).select_from(chosen[name])).scalar_one()) for name in tables}
