"""Why a crosscheck week scored as it did: every alert with its posts, and every labelled post left out.

    python -m tools.crosscheck.explain WEEK.jsonl --brand basketly [--all]

For each incident the team would have been pinged about (``--all``: also those only on watch that
hold a labelled post): its level, first alert, reasons, and its posts with their label, the
scorer's reading and whether the failure rule sees a first-hand failure. Then every labelled
spreading post that no alerting incident holds, with the same facts: the reading that kept it out
is usually the answer. Replays the week with ``repmon backtest``'s code.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from monitor.backtest import replay
from monitor.config import load
from monitor.core.observations import Observation, read_file
from monitor.core.statuses import alerts
from monitor.ingest.sanitize import sanitize
from monitor.scoring.analyzer import Scorer
from monitor.spread.failure import reports_failure
from monitor.store import incidents
from tools.crosscheck.generate import BRANDS, config_path, labels_path

Key = tuple[str, str]


def _labels(path: Path) -> tuple[dict[Key, str], set[Key]]:
    """Each labelled post's incident or kind, and which posts are labelled spreading."""
    names: dict[Key, str] = {}
    spreading: set[Key] = set()
    for line in labels_path(path).read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        key = (label["source"], label["id"])
        names[key] = label.get("incident") or label.get("kind") or ""
        if label.get("spreading"):
            spreading.add(key)
    return names, spreading


def explain(path: Path, brand: str, show_watch: bool = False) -> str:
    config = load(config_path(BRANDS[brand]))
    labels, spreading = _labels(path)
    read = read_file(path, check=sanitize)
    last: dict[Key, Observation] = {o.key: o for o in read.observations}
    scorer = Scorer()

    def describe(key: Key) -> str:
        post = last[key]
        score = scorer.score(post.text, post.lang)
        failure = reports_failure(post.text, post.lang, score.compound)
        return (
            f"[{labels.get(key, '-')}] {key[0]} {post.created_at:%a %H:%M} {score.label} {score.compound} "
            f"failure={failure} rating={post.rating} | {post.text[:160]!r}"
        )

    with tempfile.TemporaryDirectory(prefix="repmon-explain-") as tmp:
        pipeline, _ = replay(read.observations, config, Path(tmp))
        found = incidents.all_incidents_with_members(pipeline.engine)
        pipeline.engine.dispose()
    out: list[str] = []
    alerted: set[Key] = set()
    for incident, members in found:
        labelled = sorted({labels[m] for m in members if m in labels})
        if alerts(incident["level"]):
            alerted.update(members)
        elif not (show_watch and set(members) & spreading):
            continue
        out.append(
            f"\n== {incident['key']} level={incident['level']} first_alert={incident['first_alert_at']} "
            f"labels={labelled or 'none'}"
        )
        out += [f"   reason: {reason}" for reason in incident["reasons"]]
        out += [f"    {describe(m)}" for m in members[:8]]
        if len(members) > 8:
            out.append(f"    ... {len(members)} posts")
    out.append("\n== labelled spreading posts in no alerting incident")
    out += [describe(key) for key in sorted(spreading - alerted, key=lambda k: labels[k]) if key in last]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Explain a crosscheck week's scorecard.")
    parser.add_argument("week", type=Path)
    parser.add_argument("--brand", choices=sorted(BRANDS), required=True)
    parser.add_argument("--all", action="store_true", help="also incidents only on watch that hold a labelled post")
    args = parser.parse_args(argv)
    print(explain(args.week, args.brand, args.all))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
