"""Alerts go where the people who handle them are: the priority channel, the brand's, or the default."""

from __future__ import annotations

from sqlalchemy import Engine

from alerts.config import SlackConfig
from alerts.notify import SlackNotifier
from monitor.outbox import Outbox
from monitor.pipeline import Pipeline
from tests.builders import background, config, obs
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.monitor.slack_setup import BOT_TOKEN

BRAND = {"name": "Northwind Air", "include": ["northwind"], "key_accounts": ["bigcorp_travel"]}


def test_channel_choice() -> None:
    slack = SlackConfig(channel="C0MAIN", priority_channel="C0PRIO", brand_channels={"Northwind Air": "C0NW"})
    assert slack.channel_for("Northwind Air", priority=True) == "C0PRIO"
    assert slack.channel_for("Northwind Air", priority=False) == "C0NW"
    assert slack.channel_for("Other", priority=False) == "C0MAIN"
    assert SlackConfig(channel="C0MAIN").channel_for("Northwind Air", priority=True) == "C0MAIN"


def test_a_key_account_goes_to_the_priority_channel_and_the_rest_to_the_brands(
    engine: Engine, fake_slack: FakeSlack
) -> None:
    cfg = config(
        "sqlite://",
        brands=[BRAND],
        slack={
            "channel": "C0MAIN",
            "base_url": fake_slack.url,
            "priority_channel": "C0PRIO",
            "brand_channels": {"Northwind Air": "C0NW"},
        },
    )
    pipeline = Pipeline(engine, cfg)
    pipeline.ingest(background("reddit", 40, ticks=8))
    key_customer = "Northwind Air lost our whole team's bookings and nobody calls back. Unacceptable."
    pipeline.ingest([obs("vip", 102, key_customer, likes=3, created=100, author="bigcorp_travel")])
    ordinary = "Northwind Air cancelled my flight, kept my money and the agent laughed at me. Never again."
    for n, count in enumerate([5, 150]):
        pipeline.ingest([obs("angry", 100 + 10 * n + 2, ordinary, likes=count, created=100, author="dana")])
    outbox = Outbox(engine, SlackNotifier(BOT_TOKEN, "C0MAIN", base_url=fake_slack.url, sleep=lambda _s: None))
    assert outbox.dispatch().sent == 2
    where = {m.metadata["event_payload"]["key"]: m.channel for m in fake_slack.top_level() if m.metadata}
    assert where == {"reddit:vip": "C0PRIO", "reddit:angry": "C0NW"}
