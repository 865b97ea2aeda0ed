"""How long the weekly digest takes on a big store: 1M posts on SQLite, one week, target < 5 s.

    python bench/digest.py [--posts 1000000] [--weeks 26] [--keep DIR]

Builds a fresh SQLite store by bulk SQL (posts spread evenly over ``--weeks`` weeks, three
brands, six sources, incidents and poll history), then times, for a week in the middle:
1. the digest's figures (every aggregate the JSON holds), for all brands and for one brand;
2. the whole HTML digest (figures, six charts, the page);
and prints the peak memory of the process. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.digest_store import BRANDS, fill, utc_monday
from monitor.config import validate
from monitor.digest import output
from monitor.digest.render import to_html
from monitor.digest.weeks import Week
from monitor.store.database import open_database

FIRST_WEEK = "2026-W22"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_digest(db: Path, posts: int, weeks: int = 26) -> tuple[float, int]:
    """Seconds to build one week's digest figures (all brands, first call) on a fresh store; the week's posts."""
    url = f"sqlite:///{db}"
    engine = open_database(url)
    fill(engine, posts, utc_monday(FIRST_WEEK), weeks, incidents=400, poll_every=15)
    week = Week.parse(FIRST_WEEK).shifted(weeks // 2)
    began = time.perf_counter()
    digest = output.build(
        engine, validate({"database": {"url": url}}), week, None, datetime.now(UTC) + timedelta(weeks=60)
    )
    seconds = time.perf_counter() - began
    engine.dispose()
    return seconds, int(digest["volume"]["total"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--weeks", type=int, default=26)
    parser.add_argument("--keep", type=Path, help="build the store in this directory and keep it")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="repmon-digest-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{workdir / 'bench.db'}"
    engine = open_database(url)
    start = utc_monday(FIRST_WEEK)
    began = time.perf_counter()
    fill(engine, args.posts, start, args.weeks, incidents=400, poll_every=15)
    built = time.perf_counter() - began
    week = Week.parse(FIRST_WEEK).shifted(args.weeks // 2)
    config = validate({"database": {"url": url}})
    now = datetime.now(UTC) + timedelta(weeks=60)
    print(f"store: {args.posts:,} posts over {args.weeks} weeks in {built:.1f} s ({workdir / 'bench.db'})")
    print(f"peak memory before the digest: {peak_mb():.0f} MB")

    for label, brand in (("all brands", None), (BRANDS[0], BRANDS[0])):
        began = time.perf_counter()
        digest = output.build(engine, config, week, brand, now)
        seconds = time.perf_counter() - began
        print(f"digest figures {week} ({label}): {seconds:.2f} s  ({digest['volume']['total']:,} posts that week, "
              f"{len(digest['incidents'])} incidents)")  # fmt: skip
    began = time.perf_counter()
    page = to_html(output.build(engine, config, week, None, now))
    print(f"HTML digest {week} (all brands, figures + charts + page): {time.perf_counter() - began:.2f} s, "
          f"{len(page) / 1024:.0f} KiB")  # fmt: skip
    print(f"peak memory after the digest: {peak_mb():.0f} MB (target: digest under 5 s on SQLite)")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
