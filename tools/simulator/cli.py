"""Command line: write the demo, the held-out scenarios or a simulated week.

python -m tools.simulator demo          # monitor/demo/northwind(.labels).jsonl
python -m tools.simulator scenarios     # tests/fixtures/scenarios/<name>(.labels).jsonl
python -m tools.simulator scenarios --only quiet_day --seed 4100 --out /tmp/x
"""

from __future__ import annotations

import argparse
from pathlib import Path

from tools.simulator.scenarios import BUILDERS, DEMO_SEED, SCENARIO_BASE_SEED, SCENARIOS, build_demo

REPO = Path(__file__).resolve().parents[2]
DEMO_DIR = REPO / "monitor" / "demo"
SCENARIO_DIR = REPO / "tests" / "fixtures" / "scenarios"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write deterministic observation files for repmon.")
    parser.add_argument("what", choices=["demo", "scenarios"], help="which files to write")
    parser.add_argument(
        "--seed",
        type=int,
        default=None,
        help=f"demo seed (default {DEMO_SEED}) or scenario base seed (default {SCENARIO_BASE_SEED}; "
        "each scenario adds its own offset)",
    )
    parser.add_argument("--out", type=Path, default=None, help="output directory (default: the bundled location)")
    parser.add_argument("--only", action="append", choices=sorted(BUILDERS), help="scenario(s) to write")
    args = parser.parse_args(argv)
    if args.what == "demo":
        seed = DEMO_SEED if args.seed is None else args.seed
        path = (args.out or DEMO_DIR) / "northwind.jsonl"
        posts, lines = build_demo(seed).write(path)
        print(f"{path}: {posts} posts, {lines} lines, {path.stat().st_size} bytes (seed {seed})")
        return 0
    base = SCENARIO_BASE_SEED if args.seed is None else args.seed
    for name, builder in BUILDERS.items():
        if args.only and name not in args.only:
            continue
        seed = base + SCENARIOS[name]
        path = (args.out or SCENARIO_DIR) / f"{name}.jsonl"
        posts, lines = builder(seed).write(path)
        print(f"{path}: {posts} posts, {lines} lines, {path.stat().st_size} bytes (seed {seed})")
    return 0
