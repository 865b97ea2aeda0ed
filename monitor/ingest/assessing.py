"""Stage 6: measure each touched upset post (velocity, echo, reach) and keep the strongest per unit.

A unit is a cluster (every echo of one complaint) or a lone post; the strongest assessment of
a unit in this page is what the incident stage sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from monitor.config import Config
from monitor.core.platforms import COUNTERS
from monitor.ingest.batch import Batch, engagement_total
from monitor.ingest.clustering import key_str
from monitor.ingest.storing import baseline_for
from monitor.spread.baseline import VelocityBaseline
from monitor.spread.detector import Assessment, Evidence, assess
from monitor.store import posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostKey, PostRow

MIN_RATE_SPAN = timedelta(minutes=30)  # a rate is never measured over less than this: short spans are noise


@dataclass(frozen=True)
class Finding:
    """The strongest assessment of one unit in this page, and the post and moment it came from."""

    unit: str
    assessment: Assessment
    post: PostKey
    at: datetime


def assess_units(
    uow: UnitOfWork, batch: Batch, config: Config, baselines: dict[str, VelocityBaseline], key_accounts: set[str]
) -> list[Finding]:
    best: dict[str, Finding] = {}
    cluster_voices: dict[str, tuple[int, int]] = {}
    for key, now in batch.touched_upset.items():
        row = batch.rows[key]
        evidence = Evidence(
            source=row["source"],
            author=row["author_handle"],
            followers=row["author_followers"],
            engagement_total=engagement_total(row) or 0,
            reach_threshold=config.reach_threshold(row["source"]),
            key_account=(row["author_handle"] or "").lower().lstrip("@") in key_accounts,
        )
        measure_velocity(uow, row, now, evidence, baseline_for(uow, row["source"], baselines), config)
        cluster = row["cluster"]
        if cluster is not None:
            if cluster not in cluster_voices:
                cluster_voices[cluster] = posts.cluster_voices(uow, cluster)
            evidence.echo_authors, evidence.echo_sources = cluster_voices[cluster]
        assessment = assess(evidence, config.detection)
        if assessment is None:
            continue
        unit = cluster or key_str(*key)
        if unit not in best or assessment.score > best[unit].assessment.score:
            best[unit] = Finding(unit, assessment, key, now)
    return list(best.values())


def measure_velocity(
    uow: UnitOfWork, row: PostRow, now: datetime, evidence: Evidence, baseline: VelocityBaseline, config: Config
) -> None:
    cfg = config.detection
    evidence.baseline_median = baseline.median()
    total = evidence.engagement_total
    if total < cfg.min_velocity * MIN_RATE_SPAN.total_seconds() / 3600:
        return  # cannot reach min_velocity over any measurable span: skip the lookups
    window = cfg.velocity_window
    then_row, then = _snapshot_before(uow, row, now - window)
    gained = {name: (row.get(name) or 0) - (then_row.get(name) or 0) for name in COUNTERS}
    span = max(now - then, MIN_RATE_SPAN)
    evidence.gained = gained
    evidence.window = now - then if now - then > timedelta(0) else MIN_RATE_SPAN
    evidence.rate_per_hour = max(0, sum(gained.values())) / (span.total_seconds() / 3600)
    if then > row["created_at"]:
        prev_row, prev = _snapshot_before(uow, row, then - window)
        prev_gain = (engagement_total(then_row) or 0) - (engagement_total(prev_row) or 0)
        prev_span = max(then - prev, MIN_RATE_SPAN)
        evidence.previous_rate_per_hour = max(0, prev_gain) / (prev_span.total_seconds() / 3600)


def _snapshot_before(uow: UnitOfWork, row: PostRow, moment: datetime) -> tuple[PostRow, datetime]:
    """Engagement at or just before ``moment``; a post had none when it was created."""
    if moment <= row["created_at"]:
        return {}, row["created_at"]
    found = posts.snapshot_before(uow, row["source"], row["post_id"], moment)
    if found is None:
        return {}, row["created_at"]
    return found, found["observed_at"]
