"""Detection cost per new snapshot as the store grows, and one batch against many polls.

    python bench/detection.py [--sizes 10000 100000] [--live 400]

1. Fills a fresh SQLite store with N background posts (the import path: ``raise_incidents=False``,
   as ``repmon import`` does), then times live polls with detection on: ``--live`` re-sightings of
   recent upset and ordinary posts plus an echoing complaint, one poll per minute. The cost per
   new snapshot should not grow with N: every lookup detection makes is indexed by post, cluster
   or word, never a scan of the store.
2. Times the same live day ingested in one batch (event-time walking of every sighting) against
   the same day in per-minute polls.
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ingest import make_file


def live_day(start_minute: int, posts: int) -> list[object]:
    from tests.builders import obs

    out = []
    for n in range(posts):
        created = start_minute + n
        text = "Northwind Air flight was fine today." if n % 4 else f"Northwind Air lost my bag on NW {n}. Awful."
        for tick in range(6):
            out.append(obs(f"live{n}", created + 10 * (tick + 1), text, likes=2 * tick, created=created))
    return sorted(out, key=lambda o: o.observed_at)  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--live", type=int, default=400, help="live posts (6 sightings each)")
    args = parser.parse_args()

    from monitor.backtest import simulated_batches
    from monitor.config import validate
    from monitor.core.observations import read_file
    from monitor.pipeline import Pipeline
    from monitor.store.database import open_database
    from tests.builders import T0

    for size in args.sizes:
        tmp = Path(tempfile.mkdtemp(prefix="repmon-bench-det-"))
        data = tmp / "history.jsonl"
        make_file(data, size)
        config = validate({"database": {"url": f"sqlite:///{tmp / 'bench.db'}"}})
        engine = open_database(config.database.url)
        began = time.perf_counter()
        importer = Pipeline(engine, config, raise_incidents=False)
        for batch in simulated_batches(read_file(data).observations, size=2000, per_minute=False):
            importer.ingest(batch)
        filled = time.perf_counter() - began
        last = max(o.observed_at for o in read_file(data).observations)
        offset = int((last - T0).total_seconds() / 60) + 10
        day = live_day(offset, args.live)
        polls = list(simulated_batches(day))  # type: ignore[arg-type]
        clock = {"now": last}
        live = Pipeline(engine, config, clock=lambda c=clock: c["now"])
        began = time.perf_counter()
        for poll in polls:
            clock["now"] = poll[-1].observed_at
            live.ingest(poll)
        per_snapshot = (time.perf_counter() - began) / len(day) * 1e6
        engine.dispose()
        print(f"store of {size:>9,} posts (filled in {filled:.0f} s): {per_snapshot:,.0f} µs per live snapshot")

        for mode in ("polls", "one batch"):
            once = validate({"database": {"url": f"sqlite:///{tmp / (mode.replace(' ', '') + '.db')}"}})
            fresh = open_database(once.database.url)
            clock["now"] = day[-1].observed_at + timedelta(minutes=1)  # type: ignore[attr-defined]
            p = Pipeline(fresh, once, clock=lambda c=clock: c["now"])
            began = time.perf_counter()
            for poll in polls if mode == "polls" else [day]:
                p.ingest(poll)  # type: ignore[arg-type]
            print(f"  live day of {len(day):,} sightings as {mode}: {time.perf_counter() - began:.2f} s")
            fresh.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
