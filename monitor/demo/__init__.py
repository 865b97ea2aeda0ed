"""`repmon demo`: the bundled Northwind Air day, replayed through the real pipeline.

No config, no network, no Slack: a temporary SQLite file, simulated time, and the console
notifier printing each alert (and each update to it) exactly as Slack would render the blocks.
"""

from __future__ import annotations

import tempfile
import tomllib
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import TextIO

from alerts.notify import ConsoleNotifier
from monitor.backtest import collect_alerts, replay
from monitor.config import Config, validate
from monitor.core.observations import read_lines
from monitor.outbox import Outbox
from monitor.pipeline import Pipeline
from monitor.store import posts as stored_posts

DEMO_FILE = "northwind.jsonl"


def demo_config() -> Config:
    return validate(tomllib.loads(files(__package__).joinpath("config.toml").read_text(encoding="utf-8")))


def demo_lines() -> list[str]:
    return files(__package__).joinpath(DEMO_FILE).read_text(encoding="utf-8").splitlines(keepends=True)


def run_demo(out: TextIO) -> int:
    config = demo_config()
    read = read_lines(demo_lines())
    posts = len({o.key for o in read.observations})
    start, end = read.observations[0].observed_at, read.observations[-1].observed_at
    out.write(
        f"repmon demo: replaying {len(read.observations)} sightings of {posts} posts about Northwind Air "
        f"(a fictional airline)\nfrom {start:%Y-%m-%d %H:%M} to {end:%H:%M} UTC, in simulated time, "
        "on a temporary SQLite file. Alerts print below as Slack would show them.\n\n"
    )
    notifier = ConsoleNotifier(out)
    state: dict[str, Outbox] = {}

    def deliver(pipeline: Pipeline, now: datetime) -> None:
        outbox = state.setdefault("outbox", Outbox(pipeline.engine, notifier, clock=lambda: now))
        outbox.clock = lambda: now
        outbox.dispatch()

    with tempfile.TemporaryDirectory(prefix="repmon-demo-") as tmp:
        pipeline, report = replay(read.observations, config, Path(tmp), after_batch=deliver)
        alerts = collect_alerts(pipeline)
        upset = stored_posts.count_upset(pipeline.engine)
        pipeline.engine.dispose()
    out.write(
        f"\nDone: {report.new_posts} posts scored and stored ({report.unscored} not in English, left unscored), "
        f"{upset} upset; {len(alerts)} incident(s) alerted. Everything else stayed quiet.\n"
    )
    return 0
