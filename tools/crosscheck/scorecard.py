"""Scorecard of the crosscheck weeks: repmon on brands and weeks it was never tuned on.

    python -m tools.crosscheck.scorecard [--weeks 3] [--seed 100] [--brand basketly --brand lumen
        --brand pennyworth --brand halden --brand driftborne] [--json] [--keep DIR]

Every brand is scored unless ``--brand`` picks some. ``driftborne`` was written blind to the
detector; its first run (README) is the honest figure, and the detector's fourth round was then
tuned on it and on ``halden``, as the third was on ``pennyworth``: no brand here is held out now.

Each week is generated into a temporary directory (or ``--keep DIR``), replayed with the brand's
own config (``tools/crosscheck/<brand>.toml``) and scored by ``tools.simulator.scorecard``'s
``score_week``, so the figures mean exactly what the simulator's scorecard means.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from dataclasses import asdict
from pathlib import Path

from monitor.config import load
from tools.crosscheck.generate import BRANDS, build_week, config_path, labels_path, write
from tools.simulator.scorecard import WeekScore, render, score_week


def run(brand_slug: str, weeks: int, base_seed: int, keep: Path | None = None) -> list[WeekScore]:
    brand = BRANDS[brand_slug]
    config = load(config_path(brand))
    scores = []
    with tempfile.TemporaryDirectory(prefix="repmon-crosscheck-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for seed in range(base_seed, base_seed + weeks):
            path = folder / f"{brand.slug}-{seed}.jsonl"
            write(build_week(brand, seed), path)
            scores.append(score_week(path, labels_path(path), config, seed))
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score repmon on the crosscheck weeks.")
    parser.add_argument("--weeks", type=int, default=3)
    parser.add_argument("--seed", type=int, default=100)
    parser.add_argument("--brand", action="append", choices=sorted(BRANDS))
    parser.add_argument("--keep", type=Path, help="write the weeks here instead of a temporary directory")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    for slug in args.brand or sorted(BRANDS):
        scores = run(slug, args.weeks, args.seed, args.keep)
        if args.json:
            print(json.dumps({slug: [asdict(s) for s in scores]}, indent=2))
        else:
            print(f"\n## {BRANDS[slug].name}\n\n{render(scores)}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
