"""Stage 6: walk the page's sightings of complaints in event time and assess each one.

Detection does not look at a page as one moment. Every sighting of a complaint is assessed as of
the moment it was observed: its engagement then, the velocity baseline as it stood then, the
cluster's voices that had appeared by then. So one page holding a whole day, and the same day in
a thousand polls, find the same incidents at the same moments, and a backlog that arrives late
is found at the moment it would have alerted (the incident stage marks it late).

A unit is a cluster (every echo of one complaint) or a lone post; the strongest assessment of a
unit at one moment is a finding, and findings come out in event time.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from monitor.config import Config, DetectionConfig
from monitor.core.platforms import COUNTERS
from monitor.ingest.batch import Batch
from monitor.ingest.clustering import ClusterResult
from monitor.ingest.echo_clusters import EchoCluster
from monitor.ingest.echo_posts import author_of, key_str, topic_of
from monitor.spread.baseline import VelocityBaseline
from monitor.spread.chance import expected_chance_authors
from monitor.spread.content import (
    TOPIC,
    TermCounts,
)
from monitor.spread.detector import Assessment, Evidence, assess
from monitor.store import echo_terms, posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostKey, PostRow

MIN_RATE_SPAN = timedelta(minutes=30)  # a rate is never measured over less than this: short spans are noise
Counters = dict[str, int | None]
KNOWN_TRICKLE = 2  # voices before the window that make a cluster's trickle a pace (echo_known_tail)


@dataclass(frozen=True)
class Finding:
    """The strongest assessment of one unit at one moment, and the post and members it came from."""

    unit: str
    assessment: Assessment
    post: PostKey
    at: datetime
    members: tuple[PostKey, ...] = ()


@dataclass
class Baselines:
    """Each platform's velocity baseline as it stood at a moment: stored, plus this page's samples so far."""

    stored: dict[str, VelocityBaseline]
    samples: dict[str, list[tuple[datetime, float]]]
    load: Callable[[str], VelocityBaseline]
    _used: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.samples = {platform: sorted(found, key=lambda s: s[0]) for platform, found in self.samples.items()}

    def at(self, platform: str, moment: datetime) -> VelocityBaseline:
        if platform not in self.stored:
            self.stored[platform] = self.load(platform)
        baseline = self.stored[platform]
        pending = self.samples.get(platform, [])
        start = self._used.get(platform, 0)
        end = start
        while end < len(pending) and pending[end][0] <= moment:
            end += 1
        if end > start:
            baseline.add_many([rate for _, rate in pending[start:end]])
            self._used[platform] = end
        return baseline


def assess_units(
    uow: UnitOfWork,
    batch: Batch,
    config: Config,
    baselines: Baselines,
    key_accounts: set[str],
    clustered: ClusterResult,
) -> list[Finding]:
    cfg = config.detection
    events = sorted((at, key) for key in batch.touched_upset for at, _ in batch.sightings.get(key, []))
    clusters: dict[str, EchoCluster] = {}
    counters: dict[PostKey, Counters] = defaultdict(dict)
    sighting_index: dict[PostKey, int] = defaultdict(int)
    best: dict[tuple[str, datetime], Finding] = {}
    first_reached: dict[tuple[str, datetime, str], datetime] = {}
    watched_since: dict[str | None, datetime | None] = {}
    for at, key in events:
        row = batch.rows[key]
        seen = batch.sightings[key][sighting_index[key]]
        sighting_index[key] += 1
        current = counters[key]
        current.update({name: value for name, value in seen[1].items() if value is not None})
        if at < clustered.adopted.get(key, at):
            continue  # a retelling a later complaint took in is a voice from that complaint's arrival on
        evidence = Evidence(
            source=row["source"],
            author=row["author_handle"],
            followers=row["author_followers"],
            engagement_total=sum(int(current.get(name) or 0) for name in COUNTERS),
            reach_threshold=config.reach_threshold(row["source"]),
            key_account=(row["author_handle"] or "").lower().lstrip("@") in key_accounts,
            upset=bool(row["upset"]),
            sentiment=str(row.get("label") or "unscored"),
            first_hand=row["cluster"] is None and not row["upset"] and not row.get("failure"),
        )
        measure_velocity(uow, row, current, at, evidence, baselines.at(row["source"], at), config)
        unit = row["cluster"] or key_str(*key)
        members: tuple[PostKey, ...] = (key,)
        if row["cluster"] is not None:
            cluster = clusters.get(unit) or _load_cluster(uow, unit)
            clusters[unit] = cluster
            authors, recent, sources, members = cluster.as_of(at, cfg.echo_rate_window)
            evidence.echo_authors, evidence.echo_recent_authors, evidence.echo_sources = authors, recent, sources
            evidence.echo_topic = topic_of(row)
            chance = _expected(uow, cluster, row, key, at, clustered, config)
            learning = cluster.learning(at, cfg.echo_rate_window) and not cluster.said_too(at)
            named = cluster.names_one_instance(at, codes=not learning)
            chance = 0.0 if named else chance
            usual, voices = cluster.usual_joins(at, cfg.echo_rate_window)
            recurring, paced_at = cluster.recurring(at, cfg.echo_rate_window)
            # a trickle is a known pace only once several voices made it: one teller just out of
            # the window is where a story began, not how often it is told
            known_trickle = usual if voices >= KNOWN_TRICKLE else 0.0
            evidence.echo_known = max(known_trickle, recurring)
            known_from = (float(voices), None) if known_trickle >= recurring else (0.0, (recurring, paced_at))
            evidence.echo_expected = max(chance, usual, recurring)
            evidence.echo_peak = cluster.peak_before(at, cfg.echo_rate_window)
            if recent >= cfg.echo_min_authors:  # could alert: is the brand busy?
                _weigh_busy(uow, evidence, (cluster, unit, named), row.get("brand"), at, cfg, watched_since)
                evidence.echo_known_support = known_support(known_from, watched_since[row.get("brand")], cfg)
            evidence.upset = evidence.upset or cluster.upset_by(at)
            evidence.echo_anchored = cluster.anchored(codes=not learning)
            evidence.echo_learning = learning
        assessment = assess(evidence, cfg)
        if assessment is None:
            continue
        moment = (unit, at.replace(second=0, microsecond=0))
        # the strongest finding of the minute, timed when its level was first reached in that minute:
        # read page by page the incident would have reached that level then, not at a later sighting
        reached = first_reached.setdefault((*moment, assessment.level), at)
        if moment not in best or assessment.score > best[moment].assessment.score:
            best[moment] = Finding(unit, assessment, key, reached, members)
    return sorted(best.values(), key=lambda f: (f.at, f.unit))


def _weigh_busy(
    uow: UnitOfWork,
    evidence: Evidence,
    echo_unit: tuple[EchoCluster, str, bool],
    brand: str | None,
    at: datetime,
    cfg: DetectionConfig,
    watched_since: dict[str | None, datetime | None],
) -> None:
    """Scale what is usual by how busy the brand was while the echo gathered; in a busy hour, count
    the other stories gathering voices with it (several at once are a burst, not one spreading).
    ``echo_unit``: the cluster, its key, and whether its voices name one instance (exempt from bursts)."""
    cluster, unit, named = echo_unit
    if brand not in watched_since:
        watched_since[brand] = posts.first_negative_at(uow, brand)
    gathered = min(cluster.gathering_since(at, cfg.echo_rate_window), at - cfg.echo_busy_min_span)
    evidence.echo_busy = busy_factor(uow, brand, unit, (gathered, at), watched_since[brand], cfg)
    evidence.echo_expected *= evidence.echo_busy
    evidence.echo_known *= evidence.echo_busy
    if evidence.echo_busy >= cfg.echo_burst_busy and not named:  # a shared link is news however busy the night
        evidence.echo_burst = posts.gathering_clusters(uow, brand, gathered, at, unit, cfg.echo_min_authors)


def known_support(
    known_from: tuple[float, tuple[float, datetime | None] | None], since: datetime | None, cfg: DetectionConfig
) -> float:
    """How many tellings the story's known pace rests on (``echo_known_support``; 0 when none is known).

    ``known_from``: the voices of its own trickle, or its recorded pace per window and when that
    pace was measured. A pace is tellings over the hours the brand's complaints had been counted
    (decaying with ``echo_term_half_life``), so a pace measured on the first morning rests on two
    or three tellings however large it reads.
    """
    voices, paced = known_from
    if paced is None:
        return voices
    per_window, paced_at = paced
    if paced_at is None or since is None or per_window <= 0:
        return 0.0
    mean_life = cfg.echo_term_half_life.total_seconds() / math.log(2)
    span = mean_life * (1 - math.exp(-max((paced_at - since).total_seconds(), 3600.0) / mean_life))
    return per_window * span / cfg.echo_rate_window.total_seconds()


def busy_factor(
    uow: UnitOfWork,
    brand: str | None,
    cluster: str,
    gathering: tuple[datetime, datetime],
    since: datetime | None,
    cfg: DetectionConfig | None = None,
) -> float:
    """How many times its usual pace the brand's complaint traffic ran while an echo gathered its voices
    (``gathering``: from its first voice in the window to now), the echo's own posts aside.

    On a busy evening, or a storm night when many people complain independently at once, recurring
    gripes and chance matches come that much faster: what coincidence explains grows with the
    traffic. A story with no history expects little by coincidence, so this holds back mostly the
    gripes customers repeat and the topics that are busy anyway.
    """
    cfg = cfg or DetectionConfig()
    start, at = gathering
    window = max(at - start, cfg.echo_busy_min_span)
    if since is None or at - since <= window:
        return 1.0  # watched for no longer than the echo itself: nothing to compare with
    span = min(cfg.echo_busy_usual_span, at - since)
    now = posts.negative_posts(uow, brand, at - window, at, except_cluster=cluster)
    usual = posts.negative_posts(uow, brand, at - span, at) * (window / span)
    return max(1.0, now / max(usual, 1.0))


def _load_cluster(uow: UnitOfWork, unit: str) -> EchoCluster:
    return EchoCluster(echo_terms.cluster_member_rows(uow, unit))


def _expected(
    uow: UnitOfWork,
    cluster: EchoCluster,
    row: PostRow,
    key: PostKey,
    at: datetime,
    clustered: ClusterResult,
    config: Config,
) -> float:
    """Authors coincidence would add to this cluster: learnt as the post was clustered, else from the store."""
    if key in clustered.expected:
        cluster.expected = max(cluster.expected or 0.0, clustered.expected[key])
        return clustered.expected[key]
    if cluster.expected is None:
        cfg = config.detection
        terms = TermCounts(cfg.echo_term_half_life)
        topic = topic_of(row)
        terms.counts.update(echo_terms.load_term_counts(uow, row.get("brand") or "", [TOPIC + topic]))
        cluster.expected = expected_chance_authors(terms.topic_rate(topic, at), cfg.echo_rate_window, cfg.echo_chance)
    return cluster.expected


def measure_velocity(
    uow: UnitOfWork,
    row: PostRow,
    current: Counters,
    now: datetime,
    evidence: Evidence,
    baseline: VelocityBaseline,
    config: Config,
) -> None:
    cfg = config.detection
    evidence.baseline_median = baseline.median()
    evidence.baseline_top = baseline.quantile(cfg.velocity_top_share)
    total = evidence.engagement_total
    if total < cfg.min_velocity * cfg.watch_fraction * MIN_RATE_SPAN.total_seconds() / 3600:
        return  # cannot come near min_velocity over any measurable span: skip the lookups
    window = cfg.velocity_window
    then_row, then = _snapshot_before(uow, row, now - window)
    gained = {name: int(current.get(name) or 0) - int(then_row.get(name) or 0) for name in COUNTERS}
    span = max(now - then, MIN_RATE_SPAN)
    evidence.gained = gained
    evidence.window = now - then if now - then > timedelta(0) else MIN_RATE_SPAN
    evidence.rate_per_hour = max(0, sum(gained.values())) / (span.total_seconds() / 3600)
    if then > row["created_at"]:
        prev_row, prev = _snapshot_before(uow, row, then - window)
        prev_gain = _total(then_row) - _total(prev_row)
        prev_span = max(then - prev, MIN_RATE_SPAN)
        evidence.previous_rate_per_hour = max(0, prev_gain) / (prev_span.total_seconds() / 3600)


def _total(row: PostRow) -> int:
    return sum(int(row.get(name) or 0) for name in COUNTERS)


def _snapshot_before(uow: UnitOfWork, row: PostRow, moment: datetime) -> tuple[PostRow, datetime]:
    """Engagement at or just before ``moment``; a post had none when it was created."""
    if moment <= row["created_at"]:
        return {}, row["created_at"]
    found = posts.snapshot_before(uow, row["source"], row["post_id"], moment)
    if found is None:
        return {}, row["created_at"]
    return found, found["observed_at"]


__all__ = ["Baselines", "Finding", "assess_units", "author_of", "measure_velocity"]
