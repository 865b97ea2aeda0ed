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
from monitor.core.statuses import Level, level_rank
from monitor.core.units import compact_count
from monitor.spread.chance import required_authors, unlikely_count

COUNTERS = ("likes", "reposts", "replies", "quotes")
MIN_BASELINE_RATE = 1.0  # interactions/hour: a silent source must not turn every like into "∞x"
ACCELERATION_FACTOR = 2.0
RATIOED_MIN_REPLIES = 10  # a post is argued with (velocity_ratioed) only once it has this many replies and quotes
REACH_TRACTION = 2.0  # a high-reach post gains traction when it outpaces twice the source's median
UNCERTAIN_FACTOR = 2.0  # words that do not read upset need this multiple of the velocity bar
FIRST_HAND_FACTOR = 3.0  # ...and a first-hand account naming no failure this multiple
Reasons = dict[str, list[str]]


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
    baseline_top: float | None = None  # the early rate only the source's busiest posts pass (velocity_top_share)
    echo_authors: int = 1  # distinct authors of the echo cluster so far
    echo_sources: int = 1
    echo_recent_authors: int = 1  # ...of whom joined within the rolling window (the root counts)
    echo_expected: float = 0.0  # authors coincidence alone would add in that window (topic baseline)
    echo_known: float = 0.0  # ...of which the story's own history (its trickle, its pace) explains (busy included)
    echo_known_support: float = 0.0  # tellings that known pace was measured on (0: unknown, assume many)
    echo_peak: int = 0  # most distinct authors it gathered in one earlier window (its busiest before now)
    echo_busy: float = 1.0  # the brand's complaint traffic now against its usual pace (in echo_expected already)
    echo_burst: int = 0  # other stories gathering voices at the same time, counted when the brand is busy
    echo_topic: str | None = None
    echo_anchored: bool = True  # shares an identifier, a link or a reply thread (else it needs more voices)
    echo_learning: bool = False  # born before the brand had a baseline, and no teller said "me too"
    reach_threshold: int = 10_000
    key_account: bool = False
    upset: bool = True  # False: sentiment does not say upset, but the post reports a service failure
    sentiment: str = "negative"  # the scorer's label, for the note when sentiment is uncertain
    first_hand: bool = False  # not a complaint: the writer's own account, neither upset nor happy


KIND_ORDER = ("velocity", "echo", "folded", "reach", "key_account", "sentiment", "watch")


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
    """Reasons in a fixed order of kinds; 'watch' notes only while nothing stronger has fired."""
    kinds = [k for k in KIND_ORDER if by_kind.get(k)]
    if len(kinds) > 1 and "watch" in kinds:
        kinds.remove("watch")
    return [reason for kind in kinds for reason in by_kind[kind]]


def assess(evidence: Evidence, config: DetectionConfig) -> Assessment | None:
    """None when nothing suggests the complaint is spreading (the quiet, common case)."""
    score = 0.0
    reasons: dict[str, list[str]] = {}
    signals: dict[str, Any] = {}
    watch: list[str] = []

    score += _velocity(evidence, config, reasons, signals, watch)
    score += _echo(evidence, config, reasons, signals, watch)
    signals["authors"] = evidence.echo_authors
    signals["sources"] = evidence.echo_sources

    followers = evidence.followers or 0
    traction = max(config.min_velocity, REACH_TRACTION * (evidence.baseline_median or 0.0))
    high_reach = evidence.reach_threshold > 0 and followers >= evidence.reach_threshold
    if (
        high_reach
        and evidence.engagement_total >= config.high_reach_min_engagement
        and evidence.rate_per_hour >= traction
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
    if "reach" in reasons or "key_account" in reasons:
        signals["priority"] = True  # routed ahead of the rest: the reply method's tiers

    if evidence.first_hand:
        return _first_hand_account(evidence, score, reasons, signals, config)
    if not evidence.upset and _only_weak_spread(reasons, signals, config):
        return _watch_only([*watch, *flatten_reasons(reasons)], signals)
    if not evidence.upset and reasons.keys() & {"velocity", "echo", "reach"}:
        if evidence.sentiment == "unscored":
            note = "sentiment unscored (not a language the scorer reads)"
        else:
            note = f"sentiment uncertain: the words read {evidence.sentiment}"
        reasons["sentiment"] = [f"{note}, but the post reports a service failure and is spreading"]
        signals["sentiment_uncertain"] = True
    elif not evidence.upset:
        return _watch_only(watch, signals) if watch else None

    if not reasons.keys() - {"sentiment"}:
        return _watch_only(watch, signals) if watch else None
    signals["kinds"] = list(reasons)
    return Assessment(round(score, 2), level_for(score, config), reasons, signals)


def _first_hand_account(
    evidence: Evidence, score: float, reasons: Reasons, signals: dict[str, Any], config: DetectionConfig
) -> Assessment | None:
    """Someone's own story about the brand, in words that name no failure, travelling very fast.

    The words read neutral ("my dad's plan of 19 years is ending and they say tough luck") and
    no failure word is there to go on, so only runaway velocity counts: ``FIRST_HAND_FACTOR``
    times the velocity bar *and* the unmistakable absolute rate a source with no baseline needs
    (``cold_start_velocity``), since on a quiet source a few dozen likes are already many times its
    median. The alert says a person should read it before anyone replies.
    """
    ratio = float(signals.get("velocity_ratio", 0.0))
    if ratio < FIRST_HAND_FACTOR * config.velocity_ratio or evidence.rate_per_hour < config.cold_start_velocity:
        return None
    note = (
        "sentiment unscored"
        if evidence.sentiment == "unscored"
        else f"sentiment uncertain: the words read {evidence.sentiment}"
    )
    kept: Reasons = {kind: reasons[kind] for kind in ("velocity", "reach") if kind in reasons}
    kept["sentiment"] = [f"{note}; a first-hand account spreading fast: read it before replying"]
    signals["sentiment_uncertain"] = True
    signals["kinds"] = list(kept)
    return Assessment(round(score, 2), level_for(score, config), kept, signals)


def _only_weak_spread(reasons: Reasons, signals: dict[str, Any], config: DetectionConfig) -> bool:
    """Words that do not read upset need twice the spread: a happy story mentioning a delay also travels."""
    if reasons.keys() & {"echo", "reach", "key_account"}:
        return False
    return float(signals.get("velocity_ratio", 0.0)) < UNCERTAIN_FACTOR * config.velocity_ratio


def level_for(score: float, config: DetectionConfig) -> str:
    if score >= config.viral_score:
        return Level.VIRAL
    return Level.SPREADING if score >= config.spreading_score else Level.WATCH


def _watch_only(watch: list[str], signals: dict[str, Any]) -> Assessment:
    signals["kinds"] = ["watch"]
    return Assessment(0.5, Level.WATCH, {"watch": watch}, signals)


def _velocity(
    evidence: Evidence,
    config: DetectionConfig,
    reasons: dict[str, list[str]],
    signals: dict[str, Any],
    watch: list[str],
) -> float:
    median = evidence.baseline_median
    rate = evidence.rate_per_hour
    gains = ", ".join(
        f"{name} +{compact_count(evidence.gained[name])}" for name in COUNTERS if evidence.gained.get(name, 0) > 0
    )
    if median is not None:
        ratio = rate / max(median, MIN_BASELINE_RATE)
        ordinary = config.velocity_top_ratio * (evidence.baseline_top or 0.0)  # what the busiest posts here reach
        fired = rate >= max(config.min_velocity, ordinary) and ratio >= config.velocity_ratio
        near = (
            rate >= config.min_velocity * config.watch_fraction
            and ratio >= config.velocity_ratio * config.watch_fraction
        )
        why = f"{gains} in {humanize(evidence.window)}, {ratio:.0f}x this source's median rate"
        if not fired and rate >= config.min_velocity and ratio >= config.velocity_ratio and rate < ordinary:
            # held back by the top of the source, not by its median: say so, with the figure
            why += f" (alerts from {ordinary:.0f}/h here: {config.velocity_top_ratio:g}x its busiest posts' pace)"
    else:  # no history for this source yet: only an unmistakable absolute rate counts
        ratio = config.velocity_ratio * rate / max(config.cold_start_velocity, MIN_BASELINE_RATE)
        fired = rate >= config.cold_start_velocity
        near = rate >= config.cold_start_velocity * config.watch_fraction
        why = f"{gains} in {humanize(evidence.window)} ({rate:.0f}/h; no baseline for this source yet)"
    if fired and _ratioed(evidence.gained, config.velocity_ratioed):
        watch.append(f"drawing replies, not agreement: {why}")
        return 0.0
    if not fired:
        if near and gains:
            watch.append(f"picking up: {why}")
        return 0.0
    strength = 1.0 + math.log10(ratio / config.velocity_ratio)
    velocity = reasons.setdefault("velocity", [])
    velocity.append(why)
    previous = evidence.previous_rate_per_hour
    if previous is not None and rate >= ACCELERATION_FACTOR * max(previous, 1.0):
        strength += 0.5
        velocity.append(f"accelerating: {rate / max(previous, 1.0):.0f}x the rate of the window before")
    signals["velocity_ratio"] = round(ratio, 1)
    signals["rate_per_hour"] = round(rate, 1)
    return strength


def _ratioed(gained: dict[str, int], ratio: float) -> bool:
    """Whether a post is being argued with rather than passed on: replies and quotes outnumber likes
    and reposts ``ratio`` times over. A troll's rage post draws hundreds of mocking replies and a
    handful of likes; a complaint that spreads is liked and shared by the people it speaks for."""
    agreement = gained.get("likes", 0) + gained.get("reposts", 0)
    talk = gained.get("replies", 0) + gained.get("quotes", 0)
    return talk >= RATIOED_MIN_REPLIES and talk >= ratio * max(agreement, 1)


def known_dispersion(evidence: Evidence, config: DetectionConfig) -> float:
    """The negative binomial size for a known story's count: its bunching, and how little its pace rests on.

    A pace measured on n tellings is itself uncertain; averaged over that uncertainty (a gamma
    posterior of the rate) a window's count is negative binomial of size n. Both spreads add
    (1/k = 1/dispersion + 1/n): a gripe told three times on the first morning may well be told
    ten times on its first evening, and a week of tellings pins its pace down.
    """
    spreads = [1 / k for k in (config.echo_known_dispersion, evidence.echo_known_support) if k > 0]
    return 1 / sum(spreads) if spreads else 0.0


def _echo(
    evidence: Evidence,
    config: DetectionConfig,
    reasons: dict[str, list[str]],
    signals: dict[str, Any],
    watch: list[str],
) -> float:
    """Distinct authors joining faster than this kind of complaint arrives by coincidence."""
    recent = evidence.echo_recent_authors
    minimum = config.echo_min_authors if evidence.echo_anchored else config.echo_min_authors_unanchored
    above_peak = math.floor(evidence.echo_peak * config.echo_peak_surge) + 1
    needed = max(
        required_authors(evidence.echo_expected, minimum, config.echo_surge),
        unlikely_count(evidence.echo_known, config.echo_known_tail, known_dispersion(evidence, config)),
        above_peak,
    )
    if evidence.echo_burst >= config.echo_burst_stories and recent >= needed:
        if evidence.upset:
            watch.append(
                f"echoed by {recent} distinct authors, but {evidence.echo_burst} other stories gathered voices "
                f"at the same time, with complaints at {evidence.echo_busy:.1f}x their usual pace: a burst of "
                "complaints (the digest's business), not one spreading"
            )
        return 0.0
    if evidence.echo_learning and not evidence.echo_anchored:
        if recent >= needed and evidence.upset:
            watch.append(
                f"echoed by {recent} distinct authors within {humanize(config.echo_rate_window)}, but repmon has "
                f"watched this brand for less than {humanize(config.echo_learning)}: it may be an everyday gripe"
            )
        return 0.0
    if recent < needed:
        if recent >= 2 and evidence.upset:
            busiest = f"; it gathered {evidence.echo_peak} in one window before" if above_peak == needed else ""
            within = humanize(config.echo_rate_window)
            watch.append(f"echoed by {recent} distinct authors within {within} ({needed} alert{busiest})")
        return 0.0
    where = "1 source" if evidence.echo_sources == 1 else f"{evidence.echo_sources} sources"
    why = f"echoed by {evidence.echo_authors} distinct authors on {where}"
    if evidence.echo_recent_authors < evidence.echo_authors:
        why += f", {recent} of them within {humanize(config.echo_rate_window)}"
    if evidence.echo_expected >= 0.5:
        busy = f", with complaints at {evidence.echo_busy:.1f}x their usual pace" if evidence.echo_busy >= 1.5 else ""
        why += f" ({evidence.echo_expected:.1f} would be usual in that time for a complaint like this{busy})"
    reasons["echo"] = [why]
    signals["echo_expected"] = round(evidence.echo_expected, 2)
    return recent / config.echo_min_authors + 0.25 * (evidence.echo_sources - 1)


def material_changes(old: dict[str, Any], new: dict[str, Any], old_level: str, new_level: str) -> list[str]:
    """What changed enough to be worth telling the channel about (the rest updates silently)."""
    changes: list[str] = []
    if level_rank(new_level) > level_rank(old_level):
        changes.append(f"escalated from {old_level} to {new_level}")
    for kind in new.get("kinds", []):
        if kind not in old.get("kinds", []) and kind != "watch":
            changes.append(
                {
                    "velocity": "engagement is now accelerating far above normal",
                    "echo": "other customers are now echoing the complaint",
                    "reach": "a high-reach author is now involved",
                    "key_account": "a listed key customer is involved",
                    "sentiment": "it reports a service failure in words that do not read as upset",
                }.get(kind, f"new signal: {kind}")
            )
    old_authors, new_authors = int(old.get("authors", 1)), int(new.get("authors", 1))
    if new_authors >= max(old_authors + 2, int(old_authors * 1.5)) and new_authors > 1:
        changes.append(f"now echoed by {new_authors} distinct authors (was {old_authors})")
    old_ratio, new_ratio = float(old.get("velocity_ratio", 0)), float(new.get("velocity_ratio", 0))
    if old_ratio and new_ratio >= 2 * old_ratio:
        changes.append(f"velocity now {new_ratio:.0f}x the source median (was {old_ratio:.0f}x)")
    return changes
