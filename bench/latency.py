"""Alert latency: from the page that shows a complaint crossing the line to the Slack message.

The daemon drains the outbox right after every poll (``Daemon.poll`` calls ``deliver``), so the
latency a team sees is the time to store the crossing page's incident and delivery plus one
outbox dispatch through the real slack-sdk to a loopback Slack. Measured here in-process against
the suite's fake Slack (``tests/fake_slack.py``): ingest the quiet background, then for each run a
fresh spreading complaint in two sightings; the clock starts when the page with the second
(crossing) sighting is handed to the pipeline, so storing, detection, the draft and the send are all
inside it, and stops when the fake has the message. The reference is the target (1 s). Runs are
spaced by Slack's one-message-per-second pacing, as polls minutes apart would be.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path


def alert_latency_seconds(runs: int = 7) -> list[float]:
    from alerts.notify import PER_CHANNEL_INTERVAL, SlackNotifier
    from monitor.outbox import Outbox
    from monitor.pipeline import Pipeline
    from monitor.store.database import open_database
    from tests.builders import background, config, obs
    from tests.fake_slack import FakeSlack

    text = "Northwind Air cancelled my flight {n}, kept my money and the agent laughed at me. Never again."
    folder = Path(tempfile.mkdtemp(prefix="repmon-latency-"))
    latencies: list[float] = []
    with FakeSlack() as fake:
        url = f"sqlite:///{folder / 'latency.db'}"
        engine = open_database(url)
        cfg = config(url, slack={"channel": "C0ALERTS", "base_url": fake.url})
        pipeline = Pipeline(engine, cfg)
        pipeline.ingest(background("reddit", 40, ticks=8))
        outbox = Outbox(engine, SlackNotifier("xoxb-bench", "C0ALERTS", base_url=fake.url))
        for run in range(runs):
            start = 100 + 60 * run
            post, words = f"angry{run}", text.format(n=f"NW{100 + run}")
            pipeline.ingest([obs(post, start + 2, words, likes=5, created=start, author=f"dana{run}")])
            time.sleep(PER_CHANNEL_INTERVAL)  # polls are minutes apart: Slack's per-channel pacing is idle
            before = len(fake.top_level())
            began = time.perf_counter()
            pipeline.ingest([obs(post, start + 12, words, likes=150, created=start, author=f"dana{run}")])
            outbox.dispatch()
            if len(fake.top_level()) > before:
                latencies.append(time.perf_counter() - began)
        engine.dispose()
    return latencies


def median_latency() -> tuple[float | None, int]:
    found = alert_latency_seconds()
    return (statistics.median(found) if found else None), len(found)
