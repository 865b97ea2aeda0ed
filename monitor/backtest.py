"""Replay an observation file in simulated time and report the alerts repmon would have raised.

Runs the real pipeline on a throwaway SQLite file with the clock set to each observation's
``observed_at``; nothing is delivered. With labels, precision, recall and lead time say how well
detection did (see the labels section of the observations spec).
"""

from __future__ import annotations

import json
import statistics
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from monitor.config import Config, DatabaseConfig
from monitor.core.observations import BadLine, Observation, read_file
from monitor.core.statuses import alerts
from monitor.ingest.sanitize import sanitize
from monitor.pipeline import IngestReport, Pipeline
from monitor.store import incidents
from monitor.store.database import open_database

REPLAY_BATCH = 200


def simulated_batches(
    observations: Sequence[Observation], size: int = REPLAY_BATCH, *, per_minute: bool = True
) -> Iterator[list[Observation]]:
    """Consecutive slices in time order.

    With ``per_minute`` a batch never spans two observed_at minutes, so detection sees the data
    as a live poller would (backtest, demo); an import has no alerts to time and takes big batches.
    """
    batch: list[Observation] = []
    for obs in observations:
        new_minute = (
            per_minute and batch and obs.observed_at.replace(second=0) != batch[-1].observed_at.replace(second=0)
        )
        if batch and (len(batch) >= size or new_minute):
            yield batch
            batch = []
        batch.append(obs)
    if batch:
        yield batch


@dataclass
class BacktestResult:
    alerts: list[dict[str, Any]]
    skipped_lines: int
    bad_lines: list[BadLine]
    report: IngestReport
    metrics: dict[str, Any] | None = None
    label_problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"alerts": self.alerts, "skipped_lines": self.skipped_lines}
        if self.metrics is not None:
            out["metrics"] = self.metrics
        return out


def replay(
    observations: Sequence[Observation],
    config: Config,
    db_dir: Path,
    *,
    after_batch: Callable[[Pipeline, datetime], None] | None = None,
) -> tuple[Pipeline, IngestReport]:
    """Feed observations through a pipeline on a fresh SQLite file, the clock following the data."""
    sandbox = config.model_copy(update={"database": DatabaseConfig(url=f"sqlite:///{db_dir / 'backtest.db'}")})
    engine = open_database(sandbox.database.url)
    clock = {"now": observations[0].observed_at if observations else datetime.now().astimezone()}
    pipeline = Pipeline(engine, sandbox, clock=lambda: clock["now"])
    total = IngestReport()
    for batch in simulated_batches(observations):
        clock["now"] = max(clock["now"], *(o.observed_at for o in batch))  # a file out of order never turns it back
        total.add(pipeline.ingest(batch))
        if after_batch is not None:
            after_batch(pipeline, clock["now"])
    return pipeline, total


def run_backtest(path: Path, config: Config, labels: Path | None = None, *, strict: bool = False) -> BacktestResult:
    read = read_file(path, strict=strict, check=sanitize)
    with tempfile.TemporaryDirectory(prefix="repmon-backtest-") as tmp:
        pipeline, report = replay(read.observations, config, Path(tmp))
        alerts = collect_alerts(pipeline)
        pipeline.engine.dispose()
    result = BacktestResult(alerts, len(read.bad_lines), read.bad_lines, report)
    if labels is not None:
        result.metrics, result.label_problems = score_alerts(alerts, read.observations, labels)
    return result


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def collect_alerts(pipeline: Pipeline) -> list[dict[str, Any]]:
    """The incidents the team would have been pinged about; those only ever on watch pinged nobody."""
    found = [
        (inc, members) for inc, members in incidents.all_incidents_with_members(pipeline.engine) if alerts(inc["level"])
    ]
    return [
        {
            "incident": inc["key"],
            "source": inc["root_source"],
            "id": inc["root_post_id"],
            "at": _iso(inc["first_alert_at"]),
            "level": inc["level"],
            "score": inc["score"],
            "reasons": list(inc["reasons"]),
            "posts": [[source, post_id] for source, post_id in members],
            "draft": inc["draft"],
        }
        for inc, members in found
    ]


def score_alerts(
    alerts: list[dict[str, Any]], observations: Sequence[Observation], labels_path: Path
) -> tuple[dict[str, Any], list[str]]:
    """Precision and recall per labelled incident, and how long before the peak each was caught."""
    problems: list[str] = []
    spreading: dict[tuple[str, str], str] = {}
    with labels_path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            try:
                label = json.loads(raw)
                key = (str(label["source"]), str(label["id"]))
            except (ValueError, KeyError, TypeError):
                problems.append(f"labels line {number}: not a label object with source and id")
                continue
            if label.get("spreading"):
                spreading[key] = str(label.get("incident") or f"{key[0]}:{key[1]}")

    truth: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for key, name in spreading.items():
        truth[name].add(key)

    caught: dict[str, datetime] = {}
    false_alerts = 0
    for alert in alerts:
        hit = {spreading[(s, i)] for s, i in alert["posts"] if (s, i) in spreading}
        if not hit:
            false_alerts += 1
        at = datetime.fromisoformat(alert["at"])
        for name in hit:
            caught[name] = min(caught.get(name, at), at)

    true_alerts = len(alerts) - false_alerts
    peaks = _peaks(truth, observations)
    leads = [(peaks[name] - at).total_seconds() / 60 for name, at in caught.items() if name in peaks]
    metrics: dict[str, Any] = {
        "alerts": len(alerts),
        "true_alerts": true_alerts,
        "false_alerts": false_alerts,
        "labelled_incidents": len(truth),
        "caught_incidents": len(caught),
        "precision": round(true_alerts / len(alerts), 3) if alerts else None,
        "recall": round(len(caught) / len(truth), 3) if truth else None,
        "lead_time_minutes": {
            "median": round(statistics.median(leads), 1) if leads else None,
            "min": round(min(leads), 1) if leads else None,
            "per_incident": {
                name: round((peaks[name] - caught[name]).total_seconds() / 60, 1)
                for name in sorted(caught)
                if name in peaks
            },
        },
    }
    return metrics, problems


def _peaks(truth: dict[str, set[tuple[str, str]]], observations: Sequence[Observation]) -> dict[str, datetime]:
    """A single post's engagement peak; for an echo incident, when it reached half its posts."""
    first_seen: dict[tuple[str, str], datetime] = {}
    peak: dict[tuple[str, str], tuple[int, datetime]] = {}
    for obs in observations:
        first_seen.setdefault(obs.key, obs.observed_at)
        total = obs.engagement.total()
        if obs.key not in peak or total > peak[obs.key][0]:
            peak[obs.key] = (total, obs.observed_at)
    moments: dict[str, datetime] = {}
    for name, keys in truth.items():
        present = [k for k in keys if k in first_seen]
        if not present:
            continue
        if len(present) == 1:
            moments[name] = peak[present[0]][1]
        else:
            times = sorted(first_seen[k] for k in present)
            moments[name] = times[(len(times) + 1) // 2 - 1]
    return moments
