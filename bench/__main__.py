"""repmon's performance table: every figure beside its reference, measured in the same run.

    python -m bench            # the full table (100k posts, a 1M-post store): several minutes
    python -m bench --quick    # a small version for CI, so a regression is noticed

Each row times repmon and a reference on the same data in the same process run, and prints the
ratio against the target from the performance issue. Nothing is asserted: the machine is noisy,
so the figures are medians of repeated runs where a run is short, and read as ratios.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from bench import figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    parser.add_argument("--posts", type=int, default=None, help="posts in the import figures")
    parser.add_argument("--store", type=int, default=None, help="posts in the large store of the detection figure")
    args = parser.parse_args()
    posts = args.posts or (4_000 if args.quick else 100_000)
    store = args.store or (40_000 if args.quick else 1_000_000)
    cores = len(os.sched_getaffinity(0))
    print(f"repmon bench: {posts} posts, detection store {store} posts, {cores} cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="repmon-bench-") as tmp:
        rows = figures.run_all(Path(tmp), posts=posts, store=store, quick=args.quick)
    print()
    print("| figure | repmon | reference | ratio | target |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(row.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
