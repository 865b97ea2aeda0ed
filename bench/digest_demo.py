"""Draw a digest from demo data: the README's screenshot (docs/digest.png) and a sample HTML.

    python bench/digest_demo.py [--out docs/digest.png] [--html digest-demo.html]

Builds a small synthetic store (three brands, six sources, six weeks, incidents, poll history
with an outage), writes the HTML digest of its last week for one brand, and, when Chromium is
installed, screenshots the top of it at laptop width.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.digest_store import BRANDS, fill, utc_monday
from monitor.config import validate
from monitor.digest import output
from monitor.digest.output import Format
from monitor.digest.weeks import Week
from monitor.store.database import open_database

FIRST_WEEK = "2026-W41"
WEEKS = 6


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("docs/digest.png"))
    parser.add_argument("--html", type=Path, default=Path("digest-demo.html"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="repmon-digest-demo-"))
    url = f"sqlite:///{work / 'demo.db'}"
    engine = open_database(url)
    fill(engine, 30_000, utc_monday(FIRST_WEEK), WEEKS, incidents=60, poll_every=15)
    week = Week.parse(FIRST_WEEK).shifted(WEEKS - 1)
    config = validate({
        "database": {"url": url},
        "brands": [{"name": b, "include": [b.lower()]} for b in BRANDS],
        "sources": [{"type": "replay", "name": n, "path": "x.jsonl", "interval": "15m"} for n in ("bluesky", "rss")],
    })  # fmt: skip
    now = utc_monday(str(week)) + timedelta(weeks=1, hours=9)
    output.write(engine, config, week, BRANDS[0], Format.HTML, args.html, now)
    engine.dispose()
    print(f"wrote {args.html}")
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium is not installed: no screenshot")
        return 0
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         f"--user-data-dir={work / 'profile'}", "--window-size=1280,1500", f"--screenshot={args.out.resolve()}",
         args.html.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
