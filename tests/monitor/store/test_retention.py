"""Retention thins old snapshots to hourly then daily, keeps each post's first and peak, and deletes
old posts unless an incident needs them; on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, insert, select

from monitor.pipeline import Pipeline
from monitor.store.retention import prune, size_of, snapshots_to_drop
from monitor.store.tables import Incident, IncidentPost, Post, Snapshot
from tests.builders import T0, config, obs

SNAPSHOTS = Snapshot.__table__  # type: ignore[attr-defined]
POSTS = Post.__table__  # type: ignore[attr-defined]
KEEP = {"hourly_after": timedelta(days=3), "daily_after": timedelta(days=14), "posts_for": timedelta(days=30)}


def _times(engine: Engine, post_id: str) -> list[datetime]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(SNAPSHOTS.c.observed_at).where(SNAPSHOTS.c.post_id == post_id).order_by(SNAPSHOTS.c.observed_at)
        )
        return [row[0] for row in rows]


def _likes(minute: int) -> int:
    """Climbs to a peak of 900 at minute 600, then some likes are withdrawn."""
    return 900 if minute == 600 else min(minute, 800)


def test_the_rule_keeps_the_last_of_each_bucket_the_first_and_the_peak() -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    series = [(start + timedelta(minutes=10 * n), 100 if n == 4 else n) for n in range(13)]  # 2 h, peak at n=4
    drop = snapshots_to_drop(series, hourly_before=start + timedelta(days=1), daily_before=start)
    kept = [t for t, _ in series if t not in drop]
    first, peak = start, start + timedelta(minutes=40)
    ends = [start + timedelta(minutes=50), start + timedelta(minutes=110), start + timedelta(minutes=120)]
    assert kept == sorted({first, peak, *ends})
    daily = snapshots_to_drop(series, hourly_before=start + timedelta(days=1), daily_before=start + timedelta(days=1))
    assert [t for t, _ in series if t not in daily] == [first, peak, start + timedelta(minutes=120)]
    assert snapshots_to_drop(series[:1], start + timedelta(days=9), start + timedelta(days=9)) == []


def test_prune_thins_old_snapshots_and_deletes_old_posts_outside_incidents(engine: Engine) -> None:
    cfg = config(str(engine.url.render_as_string(hide_password=False)))
    recent = T0 + timedelta(days=40)
    now = recent + timedelta(hours=2)
    pipeline = Pipeline(engine, cfg, raise_incidents=False, clock=lambda: now)  # day 40 is not in the future
    minutes = range(0, 48 * 60, 10)  # every 10 minutes for two days
    pipeline.ingest([obs("tracked", m, likes=_likes(m)) for m in minutes])
    pipeline.ingest([obs(name, 0, likes=1) for name in ("kept-by-incident", "forgotten")])
    fresh = [obs("fresh", 0, likes=n).model_copy(update={"observed_at": recent + timedelta(minutes=10 * n)})
             for n in range(6)]  # fmt: skip
    pipeline.ingest(fresh)
    with engine.begin() as conn:
        incident = conn.execute(
            insert(Incident.__table__).values(  # type: ignore[attr-defined]
                key="reddit:kept-by-incident",
                root_source="reddit",
                root_post_id="kept-by-incident",
                reasons=[],
                signals={},
                draft="",
                first_alert_at=T0,
                last_change_at=T0,
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(IncidentPost.__table__).values(  # type: ignore[attr-defined]
                incident_id=incident, source="reddit", post_id="kept-by-incident", added_at=T0
            )
        )
    before = _times(engine, "tracked")

    report = prune(engine, now - timedelta(days=20), **KEEP)  # T0 + 20 d: "tracked" is 18-20 days old
    after = _times(engine, "tracked")
    days = {t.date() for t in before}
    assert len(after) == len(days) + 2  # the last of each day, the first, the peak
    assert after[0] == before[0] and T0 + timedelta(minutes=600) in after
    assert all(max(t for t in before if t.date() == day) in after for day in days)
    assert report.snapshots_thinned == len(before) - len(after) and report.posts_deleted == 0
    assert prune(engine, now - timedelta(days=20), **KEEP).snapshots_thinned == 0  # it converges

    report = prune(engine, now, **KEEP)  # 40 days on: past the 30-day window
    with engine.connect() as conn:
        left = set(conn.execute(select(POSTS.c.post_id)).scalars())
    assert left == {"kept-by-incident", "fresh"}
    assert report.posts_deleted == 2 and report.snapshots_deleted == len(after) + 1
    assert _times(engine, "tracked") == [] and len(_times(engine, "kept-by-incident")) == 1
    assert len(_times(engine, "fresh")) == 6  # young snapshots are never thinned
    assert size_of(engine)["posts"] == 2
