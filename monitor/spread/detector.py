"""Combine the spread signals of one upset post into an assessment with reasons in words.

Pure functions over an :class:`Evidence` record the pipeline gathers from the store, so the
rules can be read, tested and tuned without a database.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from monitor.config import DetectionConfig
from monitor.core.durations import humanize
from monitor.core.units import compact_count

COUNTERS = ("likes", "reposts", "replies", "quotes")
MIN_BASELINE_RATE = 1.0  # interactions/hour: a silent source must not turn every like into "∞x"
ACCELERATION_FACTOR = 2.0
REACH_TRACTION = 2.0  # a high-reach post gains traction when it outpaces twice the source's median


@dataclass
class Evidence:
    source: str
    author: str | None
    followers: int | None
    engagement_total: int
    gained: dict[str, int] = field(default_factory=dict)  # counter -> increase over the window
    window: timedelta = timedelta(0)
    rate_per_hour: float = 0.0
    previous_rate_per_hour: float | None = None
    baseline_median: float | None = None
    echo_authors: int = 1
    echo_sources: int = 1
    reach_threshold: int = 10_000
    key_account: bool = False


KIND_ORDER = ("velocity", "echo", "reach", "key_account")


@dataclass
class Assessment:
    score: float
    level: str
    reasons_by_kind: dict[str, list[str]]
    signals: dict[str, Any]

    @property
    def kinds(self) -> list[str]:
        return list(self.reasons_by_kind)

    @property
    def reasons(self) -> list[str]:
        return flatten_reasons(self.reasons_by_kind)


def flatten_reasons(by_kind: dict[str, list[str]]) -> list[str]:
    return [reason for kind in KIND_ORDER for reason in by_kind.get(kind, [])]


def assess(evidence: Evidence, config: DetectionConfig) -> Assessment | None:
    """None when nothing suggests the complaint is spreading (the quiet, common case)."""
    score = 0.0
    reasons: dict[str, list[str]] = {}
    signals: dict[str, Any] = {}

    median = evidence.baseline_median
    rate = evidence.rate_per_hour
    gains = ", ".join(
        f"{name} +{compact_count(evidence.gained[name])}" for name in COUNTERS if evidence.gained.get(name, 0) > 0
    )
    if median is not None:
        ratio = rate / max(median, MIN_BASELINE_RATE)
        fired = rate >= config.min_velocity and ratio >= config.velocity_ratio
        why = f"{gains} in {humanize(evidence.window)}, {ratio:.0f}x this source's median rate"
    else:  # no history for this source yet: only an unmistakable absolute rate counts
        ratio = config.velocity_ratio * rate / max(config.cold_start_velocity, MIN_BASELINE_RATE)
        fired = rate >= config.cold_start_velocity
        why = f"{gains} in {humanize(evidence.window)} ({rate:.0f}/h; no baseline for this source yet)"
    if fired:
        strength = 1.0 + math.log10(ratio / config.velocity_ratio)
        velocity = reasons.setdefault("velocity", [])
        velocity.append(why)
        previous = evidence.previous_rate_per_hour
        if previous is not None and evidence.rate_per_hour >= ACCELERATION_FACTOR * max(previous, 1.0):
            strength += 0.5
            factor = evidence.rate_per_hour / max(previous, 1.0)
            velocity.append(f"accelerating: {factor:.0f}x the rate of the window before")
        score += strength
        signals["velocity_ratio"] = round(ratio, 1)
        signals["rate_per_hour"] = round(evidence.rate_per_hour, 1)

    if evidence.echo_authors >= config.echo_min_authors:
        score += evidence.echo_authors / config.echo_min_authors + 0.25 * (evidence.echo_sources - 1)
        where = "1 source" if evidence.echo_sources == 1 else f"{evidence.echo_sources} sources"
        reasons["echo"] = [f"echoed by {evidence.echo_authors} distinct authors on {where}"]
    signals["authors"] = evidence.echo_authors
    signals["sources"] = evidence.echo_sources

    followers = evidence.followers or 0
    traction = max(config.min_velocity, REACH_TRACTION * (median or 0.0))
    if (
        evidence.reach_threshold > 0
        and followers >= evidence.reach_threshold
        and evidence.engagement_total >= config.high_reach_min_engagement
        and rate >= traction
    ):
        score += 1.0 + math.log10(followers / evidence.reach_threshold)
        who = f"@{evidence.author}" if evidence.author else "the author"
        reasons["reach"] = [
            f"high-reach author {who}: {compact_count(followers)} followers, "
            f"{compact_count(evidence.engagement_total)} interactions so far"
        ]
        signals["followers"] = followers

    if evidence.key_account:
        score += 1.0
        reasons["key_account"] = [f"listed key customer @{evidence.author}"]

    if not reasons:
        return None
    signals["kinds"] = list(reasons)
    level = "critical" if score >= config.critical_score else "warning"
    return Assessment(round(score, 2), level, reasons, signals)


LEVELS = {"warning": 1, "critical": 2}


def material_changes(old: dict[str, Any], new: dict[str, Any], old_level: str, new_level: str) -> list[str]:
    """What changed enough to be worth telling the channel about (the rest updates silently)."""
    changes: list[str] = []
    if LEVELS.get(new_level, 0) > LEVELS.get(old_level, 0):
        changes.append(f"escalated from {old_level} to {new_level}")
    for kind in new.get("kinds", []):
        if kind not in old.get("kinds", []):
            changes.append(
                {
                    "velocity": "engagement is now accelerating far above normal",
                    "echo": "other customers are now echoing the complaint",
                    "reach": "a high-reach author is now involved",
                    "key_account": "a listed key customer is involved",
                }.get(kind, f"new signal: {kind}")
            )
    old_authors, new_authors = int(old.get("authors", 1)), int(new.get("authors", 1))
    if new_authors >= max(old_authors + 2, int(old_authors * 1.5)) and new_authors > 1:
        changes.append(f"now echoed by {new_authors} distinct authors (was {old_authors})")
    old_ratio, new_ratio = float(old.get("velocity_ratio", 0)), float(new.get("velocity_ratio", 0))
    if old_ratio and new_ratio >= 2 * old_ratio:
        changes.append(f"velocity now {new_ratio:.0f}x the source median (was {old_ratio:.0f}x)")
    return changes
