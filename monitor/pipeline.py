"""Observations in; posts scored and stored, spread detected, incidents and deliveries out.

Everything one call to :meth:`Pipeline.ingest` does happens in one transaction, together with
the source's cursor: after a crash either the page of posts *and* the cursor that points past
them are stored, or neither is, so nothing is lost and nothing is read twice.
"""

from __future__ import annotations

import logging
import zlib
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select, update

from alerts.drafting import draft_reply
from monitor import incidents
from monitor.brands import BrandMatcher
from monitor.config import Config
from monitor.core.observations import Observation
from monitor.scoring import Score, Scorer
from monitor.scoring.normalize import plain_text
from monitor.spread import echo
from monitor.spread.baseline import VelocityBaseline
from monitor.spread.detector import COUNTERS, Assessment, Evidence, assess
from monitor.store.database import insert_ignore, transaction, upsert
from monitor.store.tables import EchoBand, Post, Snapshot, SourceState

log = logging.getLogger("repmon.pipeline")

POSTS = Post.__table__  # type: ignore[attr-defined]
SNAPSHOTS = Snapshot.__table__  # type: ignore[attr-defined]
BANDS = EchoBand.__table__  # type: ignore[attr-defined]
STATE = SourceState.__table__  # type: ignore[attr-defined]

MIN_RATE_SPAN = timedelta(minutes=30)  # a rate is never measured over less than this: short spans are noise
LOOKUP_CHUNK = 400
PER_BAND = 8
MAX_CANDIDATES = 8  # echo candidates verified per post: bounds the work in a storm of look-alikes
NEAR_COPY = 0.8  # an echo this similar to what it matched stores no bands of its own
MUTABLE = [c.name for c in POSTS.columns if c.name not in ("source", "post_id", "first_seen_at")]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class IngestReport:
    received: int = 0
    kept: int = 0
    new_posts: int = 0
    updated_posts: int = 0
    unscored: int = 0
    upset: int = 0
    incidents_opened: int = 0
    incidents_updated: int = 0
    changes: list[incidents.Change] = field(default_factory=list)

    def add(self, other: IngestReport) -> None:
        for name in ("received", "kept", "new_posts", "updated_posts", "unscored", "upset"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.incidents_opened += other.incidents_opened
        self.incidents_updated += other.incidents_updated
        self.changes += other.changes


def _total(row: dict[str, Any]) -> int | None:
    values = [row.get(name) for name in COUNTERS]
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def _key_str(source: str, post_id: str) -> str:
    return f"{source}:{post_id}"


class Pipeline:
    def __init__(
        self,
        engine: Engine,
        config: Config,
        *,
        scorer: Scorer | None = None,
        raise_incidents: bool = True,
        clock: Any = utcnow,
    ) -> None:
        self.engine = engine
        self.config = config
        self.scorer = scorer or Scorer(config.scoring)
        self.brands = BrandMatcher(config.brands)
        self.raise_incidents = raise_incidents
        self.clock = clock
        self._brand_words = {word.lower() for b in config.brands for t in b.include for word in t.strip('"').split()}
        self._key_accounts = {h.lower().lstrip("@") for b in config.brands for h in b.key_accounts}

    # -- public -----------------------------------------------------------------------------
    def ingest(
        self,
        observations: Sequence[Observation],
        *,
        source_name: str | None = None,
        source_type: str | None = None,
        cursor: dict[str, Any] | None = None,
    ) -> IngestReport:
        with transaction(self.engine) as conn:
            report = self._ingest(conn, observations)
            if source_name is not None:
                self._save_source_progress(conn, source_name, source_type, cursor, report)
        return report

    # -- the work ---------------------------------------------------------------------------
    def _ingest(self, conn: Connection, observations: Sequence[Observation]) -> IngestReport:
        report = IngestReport(received=len(observations))
        kept: list[tuple[Observation, str | None]] = []
        for obs in sorted(observations, key=lambda o: o.observed_at):
            keep, brand = self.brands.match(obs.text, obs.lang)
            if keep:
                kept.append((obs, brand))
        report.kept = len(kept)
        if not kept:
            return report

        rows = self._load_posts(conn, {obs.key for obs, _ in kept})
        dirty: dict[tuple[str, str], dict[str, Any]] = {}
        snapshots: list[dict[str, Any]] = []
        rates: dict[str, list[float]] = defaultdict(list)
        touched_upset: dict[tuple[str, str], datetime] = {}
        new_upset: list[tuple[str, str]] = []
        scores: dict[tuple[str, str], Score] = {}

        for obs, brand in kept:
            key = obs.key
            row = rows.get(key)
            if row is None:
                row, score = self._new_row(obs, brand)
                rows[key] = row
                scores[key] = score
                report.new_posts += 1
                report.unscored += score.label == "unscored"
                if row["upset"]:
                    new_upset.append(key)
                self._sample_early_rate(row, None, rates)
            elif obs.observed_at > row["last_observed_at"]:
                seen_before = row["last_observed_at"]
                self._apply_update(row, obs, brand, scores)
                self._sample_early_rate(row, seen_before, rates)
                if key not in dirty:
                    report.updated_posts += 1
            else:
                pass  # an older or repeated sighting: only its snapshot (if new) is kept
            dirty[key] = row
            counters = obs.engagement
            if any(getattr(counters, name) is not None for name in (*COUNTERS, "views")):
                snapshots.append(
                    {
                        "source": obs.source,
                        "post_id": obs.id,
                        "observed_at": obs.observed_at,
                        **{name: getattr(counters, name) for name in (*COUNTERS, "views")},
                    }
                )
            if row["upset"]:
                touched_upset[key] = max(touched_upset.get(key, obs.observed_at), obs.observed_at)

        report.upset = sum(1 for key in dirty if dirty[key]["upset"])
        if new_upset:
            self._cluster(conn, new_upset, rows, dirty)
        upsert(conn, POSTS, list(dirty.values()), ["source", "post_id"], MUTABLE)
        insert_ignore(conn, SNAPSHOTS, snapshots)
        baselines = self._update_baselines(conn, rates)
        if self.raise_incidents and touched_upset:
            self._detect(conn, touched_upset, rows, baselines, report)
        return report

    def _sample_early_rate(
        self, row: dict[str, Any], seen_before: datetime | None, rates: dict[str, list[float]]
    ) -> None:
        """One baseline sample per post: its engagement rate over its first velocity window.

        Comparing an upset post's early rate with other posts' early rates is like with like; a
        median over every re-poll would be dominated by old posts that no longer move.
        """
        window = self.config.detection.velocity_window
        age = row["last_observed_at"] - row["created_at"]
        if age < window or (seen_before is not None and seen_before - row["created_at"] >= window):
            return  # too young to tell yet, or sampled at an earlier sighting
        total = _total(row)
        if total is not None:
            rates[row["source"]].append(total / (age.total_seconds() / 3600))

    def _new_row(self, obs: Observation, brand: str | None) -> tuple[dict[str, Any], Score]:
        text = plain_text(obs.text) if "<" in obs.text or "&" in obs.text else obs.text
        score = self.scorer.score(text, obs.lang)
        row: dict[str, Any] = {
            "source": obs.source,
            "post_id": obs.id,
            "url": obs.url,
            "created_at": obs.created_at or obs.observed_at,
            "first_seen_at": obs.observed_at,
            "last_observed_at": obs.observed_at,
            "author_id": obs.author.id,
            "author_handle": obs.author.handle,
            "author_followers": obs.author.followers,
            "text": text,
            "text_hash": zlib.crc32(obs.text.encode()),
            "in_reply_to": obs.in_reply_to,
            "lang": obs.lang,
            "rating": obs.rating,
            "brand": brand,
            "cluster": None,
            "signature": None,
            "extra": obs.extra or None,
            **{name: getattr(obs.engagement, name) for name in (*COUNTERS, "views")},
        }
        self._apply_score(row, score)
        return row, score

    def _apply_score(self, row: dict[str, Any], score: Score) -> None:
        row.update(
            compound=score.compound,
            pos=score.pos,
            neu=score.neu,
            neg=score.neg,
            label=score.label,
            upset=score.compound is not None and score.compound <= self.config.detection.upset_threshold,
            abusive=score.abusive,
            topics=",".join(score.topics)[:255],
        )

    def _apply_update(
        self, row: dict[str, Any], obs: Observation, brand: str | None, scores: dict[tuple[str, str], Score]
    ) -> None:
        row["last_observed_at"] = obs.observed_at
        for name in (*COUNTERS, "views"):
            value = getattr(obs.engagement, name)
            if value is not None:  # missing means unknown, not zero: keep what we knew
                row[name] = value
        if obs.author.followers is not None:
            row["author_followers"] = obs.author.followers
        if obs.url and not row.get("url"):
            row["url"] = obs.url
        text_hash = zlib.crc32(obs.text.encode())
        if text_hash != row["text_hash"]:  # edited: score the new words (unchanged text is never rescored)
            text = plain_text(obs.text) if "<" in obs.text or "&" in obs.text else obs.text
            score = self.scorer.score(text, obs.lang)
            scores[obs.key] = score
            row.update(text=text, text_hash=text_hash, brand=brand or row.get("brand"))
            self._apply_score(row, score)

    # -- stored state -------------------------------------------------------------------------
    def _load_posts(self, conn: Connection, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
        """Rows for these keys, queried per source (SQLite scans the table for a row-value IN)."""
        by_source: dict[str, list[str]] = defaultdict(list)
        for source, post_id in keys:
            by_source[source].append(post_id)
        found: dict[tuple[str, str], dict[str, Any]] = {}
        for source, ids in by_source.items():
            for start in range(0, len(ids), LOOKUP_CHUNK):
                chunk = ids[start : start + LOOKUP_CHUNK]
                result = conn.execute(select(POSTS).where(POSTS.c.source == source, POSTS.c.post_id.in_(chunk)))
                for row in result.mappings():
                    found[(row["source"], row["post_id"])] = dict(row)
        return found

    def _update_baselines(self, conn: Connection, rates: dict[str, list[float]]) -> dict[str, VelocityBaseline]:
        """Per-platform velocity baselines live in ``source_state`` rows named ``baseline:<source>``."""
        baselines: dict[str, VelocityBaseline] = {}
        for source, samples in rates.items():
            name = f"baseline:{source}"
            stored = conn.execute(select(STATE.c.baseline).where(STATE.c.name == name)).scalar_one_or_none()
            baseline = VelocityBaseline.from_json(stored)
            baseline.add_many(samples)
            upsert(
                conn,
                STATE,
                [{"name": name, "type": "baseline", "baseline": baseline.to_json()}],
                ["name"],
                ["baseline"],
            )
            baselines[source] = baseline
        return baselines

    def _baseline(self, conn: Connection, source: str, cache: dict[str, VelocityBaseline]) -> VelocityBaseline:
        if source not in cache:
            stored = conn.execute(
                select(STATE.c.baseline).where(STATE.c.name == f"baseline:{source}")
            ).scalar_one_or_none()
            cache[source] = VelocityBaseline.from_json(stored)
        return cache[source]

    def _save_source_progress(
        self,
        conn: Connection,
        name: str,
        source_type: str | None,
        cursor: dict[str, Any] | None,
        report: IngestReport,
    ) -> None:
        values: dict[str, Any] = {"name": name, "type": source_type or "", "posts_stored": 0}
        upsert(conn, STATE, [values], ["name"], ["type"])
        change: dict[str, Any] = {"posts_stored": STATE.c.posts_stored + report.new_posts}
        if cursor is not None:
            change |= {"cursor": cursor, "cursor_updated_at": self.clock()}
        conn.execute(update(STATE).where(STATE.c.name == name).values(**change))

    # -- echo clustering ----------------------------------------------------------------------
    def _cluster(
        self,
        conn: Connection,
        new_upset: list[tuple[str, str]],
        rows: dict[tuple[str, str], dict[str, Any]],
        dirty: dict[tuple[str, str], dict[str, Any]],
    ) -> None:
        """Attach each new upset post to the complaint it echoes, if any (by reply or by wording)."""
        cfg = self.config.detection
        band_rows: list[dict[str, Any]] = []
        post_bands: dict[tuple[str, str], list[str]] = {}
        for key in new_upset:
            row = rows[key]
            words = echo.signature(row["text"], self._brand_words, row["topics"].split(","))
            row["signature"] = echo.encode_signature(words)
            post_bands[key] = echo.bands(words, scope=row.get("brand") or "")
        all_bands = sorted({band for bands in post_bands.values() for band in bands})
        earliest = min(rows[k]["last_observed_at"] for k in new_upset) - cfg.echo_window
        # per band, the most recent holders only: a band shared by hundreds of look-alikes is one story
        candidates: dict[str, deque[tuple[str, str]]] = defaultdict(lambda: deque(maxlen=PER_BAND))
        for start in range(0, len(all_bands), LOOKUP_CHUNK):
            chunk = all_bands[start : start + LOOKUP_CHUNK]
            found = conn.execute(
                select(BANDS.c.band, BANDS.c.source, BANDS.c.post_id)
                .where(and_(BANDS.c.band.in_(chunk), BANDS.c.seen_at >= earliest))
                .order_by(BANDS.c.seen_at)
            )
            for band, source, post_id in found:
                candidates[band].append((source, post_id))
        unknown = {k for cands in candidates.values() for k in cands if k not in rows}
        rows.update(self._load_posts(conn, unknown))
        decoded: dict[tuple[str, str], frozenset[str]] = {}

        def signature_of(other: tuple[str, str], other_row: dict[str, Any]) -> frozenset[str]:
            if other not in decoded:
                decoded[other] = echo.decode_signature(other_row["signature"])
            return decoded[other]

        for key in new_upset:
            row = rows[key]
            root, similarity = self._reply_root(conn, row, rows, dirty), 0.0
            if root is None:
                root, similarity = self._similar_root(key, post_bands[key], candidates, rows, signature_of)
            if root is not None:
                root_row = rows[root]
                cluster = root_row["cluster"] or _key_str(*root)
                if root_row["cluster"] is None:
                    root_row["cluster"] = cluster
                    dirty[root] = root_row
                row["cluster"] = cluster
                if similarity >= NEAR_COPY:
                    continue  # a near-copy adds no wording the cluster's bands lack: the band table stays small
            for band in post_bands[key]:
                candidates[band].append(key)  # later posts of this same batch can echo this one
                band_rows.append(
                    {"band": band, "source": key[0], "post_id": key[1], "seen_at": row["last_observed_at"]}
                )
        insert_ignore(conn, BANDS, band_rows)

    def _reply_root(
        self,
        conn: Connection,
        row: dict[str, Any],
        rows: dict[tuple[str, str], dict[str, Any]],
        dirty: dict[tuple[str, str], dict[str, Any]],
    ) -> tuple[str, str] | None:
        parent_id = row.get("in_reply_to")
        if not parent_id:
            return None
        parent = (row["source"], parent_id)
        if parent not in rows:
            rows.update(self._load_posts(conn, [parent]))
        parent_row = rows.get(parent)
        if parent_row is None or not parent_row["upset"] or _author(parent_row) == _author(row):
            return None
        return parent

    def _similar_root(
        self,
        key: tuple[str, str],
        bands: list[str],
        candidates: dict[str, deque[tuple[str, str]]],
        rows: dict[tuple[str, str], dict[str, Any]],
        signatures: Callable[[tuple[str, str], dict[str, Any]], frozenset[str]],
    ) -> tuple[tuple[str, str] | None, float]:
        row = rows[key]
        words = echo.decode_signature(row["signature"])
        author = _author(row)
        best: tuple[float, tuple[str, str]] | None = None
        shared: Counter[tuple[str, str]] = Counter()
        for band in bands:
            shared.update(candidates.get(band, ()))
        shared.pop(key, None)
        # more shared bands means more similar: verify the likeliest few, not every look-alike
        for other, _ in shared.most_common(MAX_CANDIDATES):
            other_row = rows.get(other)
            if other_row is None or _author(other_row) == author or other_row.get("brand") != row.get("brand"):
                continue
            similarity = echo.jaccard(words, signatures(other, other_row))
            if similarity >= self.config.detection.echo_similarity and (best is None or similarity > best[0]):
                best = (similarity, other)
                if similarity >= NEAR_COPY:
                    break  # candidates come likeliest first: a near-copy will not be beaten by much
        return (best[1], best[0]) if best else (None, 0.0)

    # -- detection ------------------------------------------------------------------------------
    def _detect(
        self,
        conn: Connection,
        touched: dict[tuple[str, str], datetime],
        rows: dict[tuple[str, str], dict[str, Any]],
        baselines: dict[str, VelocityBaseline],
        report: IngestReport,
    ) -> None:
        cfg = self.config.detection
        best: dict[str, tuple[Assessment, tuple[str, str], datetime]] = {}
        cluster_stats: dict[str, tuple[int, int]] = {}
        for key, now in touched.items():
            row = rows[key]
            evidence = Evidence(
                source=row["source"],
                author=row["author_handle"],
                followers=row["author_followers"],
                engagement_total=_total(row) or 0,
                reach_threshold=self.config.reach_threshold(row["source"]),
                key_account=(row["author_handle"] or "").lower().lstrip("@") in self._key_accounts,
            )
            self._measure_velocity(conn, row, now, evidence, self._baseline(conn, row["source"], baselines))
            cluster = row["cluster"]
            if cluster is not None:
                if cluster not in cluster_stats:
                    cluster_stats[cluster] = self._cluster_stats(conn, cluster)
                evidence.echo_authors, evidence.echo_sources = cluster_stats[cluster]
            assessment = assess(evidence, cfg)
            if assessment is None:
                continue
            unit = cluster or _key_str(*key)
            if unit not in best or assessment.score > best[unit][0].score:
                best[unit] = (assessment, key, now)

        for unit, (assessment, key, now) in best.items():
            source, _, post_id = unit.partition(":")
            root = (source, post_id)
            root_row = rows.get(root) or self._load_posts(conn, [root]).get(root) or rows[key]
            members = self._members(conn, unit, root)
            change = incidents.apply(
                conn,
                key=unit,
                brand=root_row.get("brand"),
                root=root,
                members=members,
                assessment=assessment,
                draft=self._draft(root_row),
                abusive=bool(root_row["abusive"]),
                now=now,
                config=cfg,
                channel=self.config.slack.channel,
                wall_now=self.clock(),
            )
            report.changes.append(change)
            report.incidents_opened += change.kind == "opened"
            report.incidents_updated += change.kind == "updated"

    def _measure_velocity(
        self,
        conn: Connection,
        row: dict[str, Any],
        now: datetime,
        evidence: Evidence,
        baseline: VelocityBaseline,
    ) -> None:
        cfg = self.config.detection
        evidence.baseline_median = baseline.median()
        total = evidence.engagement_total
        if total < cfg.min_velocity * MIN_RATE_SPAN.total_seconds() / 3600:
            return  # cannot reach min_velocity over any measurable span: skip the lookups
        window = cfg.velocity_window
        then_row, then = self._snapshot_before(conn, row, now - window)
        gained = {name: (row.get(name) or 0) - (then_row.get(name) or 0) for name in COUNTERS}
        span = max(now - then, MIN_RATE_SPAN)
        evidence.gained = gained
        evidence.window = now - then if now - then > timedelta(0) else MIN_RATE_SPAN
        evidence.rate_per_hour = max(0, sum(gained.values())) / (span.total_seconds() / 3600)
        if then > row["created_at"]:
            prev_row, prev = self._snapshot_before(conn, row, then - window)
            prev_gain = (_total(then_row) or 0) - (_total(prev_row) or 0)
            prev_span = max(then - prev, MIN_RATE_SPAN)
            evidence.previous_rate_per_hour = max(0, prev_gain) / (prev_span.total_seconds() / 3600)

    def _snapshot_before(
        self, conn: Connection, row: dict[str, Any], moment: datetime
    ) -> tuple[dict[str, Any], datetime]:
        """Engagement at or just before ``moment``; a post had none when it was created."""
        if moment <= row["created_at"]:
            return {}, row["created_at"]
        found = (
            conn.execute(
                select(SNAPSHOTS)
                .where(
                    SNAPSHOTS.c.source == row["source"],
                    SNAPSHOTS.c.post_id == row["post_id"],
                    SNAPSHOTS.c.observed_at <= moment,
                )
                .order_by(SNAPSHOTS.c.observed_at.desc())
                .limit(1)
            )
            .mappings()
            .first()
        )
        if found is None:
            return {}, row["created_at"]
        return dict(found), found["observed_at"]

    def _cluster_stats(self, conn: Connection, cluster: str) -> tuple[int, int]:
        authors, sources = conn.execute(
            select(
                func.count(func.distinct(func.coalesce(POSTS.c.author_id, POSTS.c.author_handle))),
                func.count(func.distinct(POSTS.c.source)),
            ).where(POSTS.c.cluster == cluster)
        ).one()
        return int(authors), int(sources)

    def _members(self, conn: Connection, unit: str, root: tuple[str, str]) -> list[tuple[str, str]]:
        found = conn.execute(select(POSTS.c.source, POSTS.c.post_id).where(POSTS.c.cluster == unit)).all()
        members = {(s, p) for s, p in found}
        members.add(root)
        return sorted(members)

    def _draft(self, root_row: dict[str, Any]) -> str:
        score = self.scorer.score(root_row["text"], root_row.get("lang"))
        return draft_reply(
            text=root_row["text"],
            author_handle=root_row.get("author_handle"),
            source=root_row["source"],
            topics=score.topics,
            perceptions=score.perceptions,
            abusive=score.abusive,
            facts=self.config.facts,
            reply=self.config.reply,
        )


def _author(row: dict[str, Any]) -> str:
    """Who wrote it; posts with no known author (news feeds) never count as distinct echoing voices."""
    return str(row.get("author_id") or row.get("author_handle") or "")
