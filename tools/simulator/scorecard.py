"""Scorecard of the simulated weeks: did repmon catch what spread, early, and stay quiet otherwise?

    python -m tools.simulator.scorecard [--weeks 3] [--seed 7000] [--config monitor/demo/config.toml] [--json]

Per week: spreading incidents caught; caught early (before the incident's most engaged post reached a
quarter of its peak engagement, or before half of an echo's posts had appeared, whichever is later);
hard negatives alerted; false incidents (alerts holding no spreading post) per simulated day. A week
is generated from its seed into a temporary directory and replayed with ``repmon backtest``'s code.
"""

from __future__ import annotations

import argparse
import json
import math
import tempfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from monitor.backtest import run_backtest
from monitor.config import Config, load
from monitor.core.observations import read_file
from tools.simulator.week_script import build_week

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = REPO / "monitor" / "demo" / "config.toml"
HARD_NEGATIVES = ("viral_praise", "viral_news", "angry_ignored", "angry_ordinary", "repeater")
QUARTER = 0.25
MIN_PEAK = 40  # below this an incident is not an engagement story: only the echo deadline applies


@dataclass
class WeekScore:
    seed: int
    days: float
    posts: int
    lines: int
    incidents: int
    caught: int
    early: int
    hard_negatives_alerted: list[str]
    topic_burst_alerts: int
    false_incidents: int
    false_per_day: float
    alerts: int
    per_incident: dict[str, str] = field(default_factory=dict)


def _labels(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _deadlines(jsonl: Path, incidents: dict[str, set[tuple[str, str]]]) -> dict[str, datetime]:
    """When each incident stopped being early: a quarter of its peak, or half its posts, whichever is later."""
    series: dict[tuple[str, str], list[tuple[datetime, int]]] = defaultdict(list)
    wanted = {key for keys in incidents.values() for key in keys}
    for obs in read_file(jsonl).observations:
        if obs.key in wanted:
            series[obs.key].append((obs.observed_at, obs.engagement.total()))
    deadlines: dict[str, datetime] = {}
    for name, keys in incidents.items():
        candidates: list[datetime] = []
        seen = sorted(series[k][0][0] for k in keys if series.get(k))
        if len(seen) >= 3:
            candidates.append(seen[math.ceil(len(seen) / 2) - 1])
        peak_key = max(keys, key=lambda k: max((t for _, t in series.get(k, [])), default=0))
        points = series.get(peak_key, [])
        peak = max((t for _, t in points), default=0)
        if peak >= MIN_PEAK:
            candidates.append(next(at for at, total in points if total >= QUARTER * peak))
        if candidates:
            deadlines[name] = max(candidates)
    return deadlines


def score_week(jsonl: Path, labels_path: Path, config: Config, seed: int = 0) -> WeekScore:
    labels = _labels(labels_path)
    incidents: dict[str, set[tuple[str, str]]] = defaultdict(set)
    kind_of: dict[tuple[str, str], str] = {}
    for label in labels:
        key = (label["source"], label["id"])
        if label.get("spreading"):
            incidents[label["incident"]].add(key)
        elif label.get("kind"):
            kind_of[key] = label["kind"]
    result = run_backtest(jsonl, config)
    observations = read_file(jsonl).observations
    first, last = observations[0].observed_at, observations[-1].observed_at
    days = max((last - first).total_seconds() / 86400, 1 / 24)
    caught: dict[str, datetime] = {}
    hard: set[str] = set()
    false_incidents = burst_alerts = 0
    for alert in result.alerts:
        posts = {(s, i) for s, i in alert["posts"]}
        at = datetime.fromisoformat(alert["at"].replace("Z", "+00:00"))
        hits = [name for name, keys in incidents.items() if keys & posts]
        for name in hits:
            caught[name] = min(caught.get(name, at), at)
        kinds = {kind_of[k] for k in posts if k in kind_of}
        hard |= kinds & set(HARD_NEGATIVES)
        if not hits:
            false_incidents += 1
            burst_alerts += "topic_burst" in kinds
    deadlines = _deadlines(jsonl, incidents)
    per_incident: dict[str, str] = {}
    early = 0
    for name in sorted(incidents):
        if name not in caught:
            per_incident[name] = "missed"
            continue
        deadline = deadlines.get(name)
        on_time = deadline is None or caught[name] <= deadline
        early += on_time
        lead = "" if deadline is None else f" ({(deadline - caught[name]).total_seconds() / 60:+.0f} min vs deadline)"
        per_incident[name] = ("early" if on_time else "late") + lead
    return WeekScore(
        seed=seed,
        days=round(days, 2),
        posts=len({o.key for o in observations}),
        lines=len(observations),
        incidents=len(incidents),
        caught=len(caught),
        early=early,
        hard_negatives_alerted=sorted(hard),
        topic_burst_alerts=burst_alerts,
        false_incidents=false_incidents,
        false_per_day=round(false_incidents / days, 2),
        alerts=len(result.alerts),
        per_incident=per_incident,
    )


def run(weeks: int, base_seed: int, config: Config) -> list[WeekScore]:
    scores = []
    with tempfile.TemporaryDirectory(prefix="repmon-weeks-") as tmp:
        for index in range(weeks):
            seed = base_seed + index
            path = Path(tmp) / f"week{index}.jsonl"
            build_week(seed, index).write(path)
            scores.append(score_week(path, path.with_name(f"week{index}.labels.jsonl"), config, seed))
    return scores


def render(scores: list[WeekScore]) -> str:
    lines = [
        "| week (seed) | posts | lines | caught | early | hard negatives alerted | false incidents | per day |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        hard = ", ".join(s.hard_negatives_alerted) or "none"
        lines.append(
            f"| {s.seed} | {s.posts:,} | {s.lines:,} | {s.caught}/{s.incidents} | {s.early}/{s.incidents} "
            f"| {hard} | {s.false_incidents} ({s.topic_burst_alerts} in the storm) | {s.false_per_day} |"
        )
    for s in scores:
        lines.append(f"\nweek {s.seed}: " + "; ".join(f"{k} {v}" for k, v in s.per_incident.items()))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score repmon on simulated weeks.")
    parser.add_argument("--weeks", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7000)
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scores = run(args.weeks, args.seed, load(args.config))
    print(json.dumps([asdict(s) for s in scores], indent=2) if args.json else render(scores))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
