"""Shared set-up for the Slack app tests: an incident alerted into the fake Slack, the app built on it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from alerts.notify import SlackNotifier
from alerts.slack.app import RepmonSlackApp
from alerts.slack.serve import SlackAppServer
from monitor.config import Config
from monitor.outbox import Outbox
from monitor.pipeline import Pipeline
from monitor.slack_app import build_slack_app
from monitor.store.tables import Incident
from tests.builders import background, config, obs
from tests.fake_slack import FakeSlack

BOT_TOKEN = "xoxb-app-test-SECRET"
APP_TOKEN = "xapp-app-test-SECRET"
SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
COMPLAINT = "Northwind Air cancelled my flight, kept my money and the agent laughed at me. Never again."


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Alerted:
    """One incident alerted into the fake Slack, and everything around it."""

    engine: Engine
    fake: FakeSlack
    config: Config
    clock: Clock
    pipeline: Pipeline
    outbox: Outbox
    key: str
    channel: str
    ts: str

    def incident(self) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(select(INCIDENTS).where(INCIDENTS.c.key == self.key)).mappings().one()

    @contextmanager
    def app(self, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[RepmonSlackApp, SlackAppServer]]:
        monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
        monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
        monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
        repmon_app, server = build_slack_app(self.config, self.engine, clock=self.clock)
        server.start()
        try:
            yield repmon_app, server
        finally:
            server.stop()


def spread(pipeline: Pipeline, likes: list[int], start: float = 100) -> None:
    for n, count in enumerate(likes):
        pipeline.ingest([obs("angry", start + 10 * n + 2, COMPLAINT, likes=count, created=start, author="dana")])


def alerted(
    engine: Engine, fake: FakeSlack, mode: str = "http", detection: dict[str, Any] | None = None, **slack: Any
) -> Alerted:
    clock = Clock(datetime(2026, 11, 20, 14, 2, tzinfo=UTC))  # the day of the builders' T0, in the afternoon
    cfg = config(
        "sqlite://",
        slack={
            "channel": "C0ALERTS",
            "base_url": fake.url,
            "app": {"mode": mode, "listen": "127.0.0.1:0"},
            **slack,
        },
        detection=detection or {},
    )
    pipeline = Pipeline(engine, cfg, clock=clock)
    pipeline.ingest(background("reddit", 40, ticks=8))
    spread(pipeline, [5, 150])
    outbox = Outbox(engine, SlackNotifier(BOT_TOKEN, "C0ALERTS", base_url=fake.url, sleep=lambda _s: None), clock=clock)
    assert outbox.dispatch().sent == 1
    [message] = fake.top_level()
    with engine.connect() as conn:
        key = conn.execute(select(INCIDENTS.c.key)).scalar_one()
    return Alerted(engine, fake, cfg, clock, pipeline, outbox, key, message.channel, message.ts)
