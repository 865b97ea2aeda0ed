"""Delivery you can trust: no doubles after a lost answer, fatal vs retryable, a long outage, Slack's pace.

The clock is injected everywhere: the outbox's and the notifier's pacing both run on fake time, so
a ten-minute outage takes no real minutes and nothing here sleeps.
"""

from __future__ import annotations

import itertools
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from alerts.notify import METADATA_EVENT, SlackNotifier
from monitor.cli import app
from monitor.outbox import Outbox
from monitor.pipeline import Pipeline
from monitor.slack_app import status_lines
from monitor.store import deliveries, incidents
from monitor.store.tables import Delivery
from tests.builders import background, obs
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.monitor.slack_setup import BOT_TOKEN, INCIDENTS, Clock, alerted, spread

DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
COMPLAINTS = (
    "Northwind Air app logged me out mid booking and the price went up. Ridiculous.",
    "Northwind Air lost my luggage and nobody answers the phone, terrible service.",
    "Northwind Air charged me twice for one ticket and support ignores me. Awful.",
)


class FakeTime:
    """Monotonic seconds for the notifier's pacing; sleeping just moves time on."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def notifier(fake: FakeSlack, time: FakeTime | None = None, **kwargs: Any) -> SlackNotifier:
    time = time or FakeTime()
    return SlackNotifier(BOT_TOKEN, "C0ALERTS", base_url=fake.url, monotonic=time.monotonic, sleep=time.sleep, **kwargs)


def statuses(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return [s for (s,) in conn.execute(select(DELIVERIES.c.status).order_by(DELIVERIES.c.id))]


@pytest.mark.slow
def test_posts_carry_metadata_and_a_dropped_answer_is_reconciled_not_reposted(
    engine: Engine, fake_slack: FakeSlack
) -> None:
    a = alerted(engine, fake_slack)  # one alert already in Slack
    a.fake.reset()
    a.pipeline.ingest(background("mastodon", 40, ticks=8))
    for n, count in enumerate([5, 150]):
        a.pipeline.ingest([obs("lost", 100 + 10 * n + 2, COMPLAINTS[1], likes=count, created=100, author="lee")])
    a.fake.drop_next(method="chat.postMessage")  # Slack keeps the post; repmon never hears back
    report = a.outbox.dispatch()
    assert (report.sent, report.failed, report.fatal) == (0, 1, 0)
    [kept] = fake_slack.top_level()
    assert kept.metadata == {"event_type": METADATA_EVENT, "event_payload": {"key": "reddit:lost", "version": 1}}

    a.clock.advance(minutes=5)
    report = a.outbox.dispatch()
    assert (report.sent, report.reconciled) == (1, 1)
    assert len(fake_slack.top_level()) == 1  # exactly one message afterwards
    [history] = fake_slack.calls("conversations.history")
    assert str({**history.query, **history.body}["include_all_metadata"]) in ("1", "true", "True")
    with engine.connect() as conn:
        recorded = conn.execute(select(INCIDENTS.c.slack_ts).where(INCIDENTS.c.key == "reddit:lost")).scalar_one()
    assert recorded == kept.ts
    assert statuses(engine) == ["sent", "sent"]


def test_a_crash_between_slack_and_the_database_is_reconciled(engine: Engine, fake_slack: FakeSlack) -> None:
    clock = Clock(alerted(engine, fake_slack).clock.now)
    pipeline = Pipeline(engine, alerted_config(fake_slack), clock=clock)
    for n, count in enumerate([5, 150]):
        pipeline.ingest([obs("bags", 100 + 10 * n + 2, COMPLAINTS[1], likes=count, created=100, author="lee")])
    # the process claims the delivery, posts, and dies before recording
    claimed = deliveries.claim_due_deliveries(engine, clock.now, 10, timedelta(minutes=2))
    [(incident_id, _)] = claimed.items()
    with engine.connect() as conn:
        notifier(fake_slack).post(incidents.incident_view(conn, incident_id))
    before = len(fake_slack.top_level())
    clock.now += timedelta(minutes=3)  # the claim's lease runs out
    report = Outbox(engine, notifier(fake_slack), clock=clock).dispatch()
    assert (report.sent, report.reconciled) == (1, 1)
    assert len(fake_slack.top_level()) == before


def alerted_config(fake: FakeSlack) -> Any:
    from tests.builders import config

    return config("sqlite://", slack={"channel": "C0ALERTS", "base_url": fake.url})


@pytest.mark.slow
def test_a_timeout_is_retried_and_the_late_post_is_found(engine: Engine, fake_slack: FakeSlack) -> None:
    a = alerted(engine, fake_slack)
    a.outbox.notifier = notifier(fake_slack, timeout=1)
    for n, count in enumerate([5, 150]):
        a.pipeline.ingest([obs("slow", 100 + 10 * n + 2, COMPLAINTS[2], likes=count, created=100, author="kim")])
    fake_slack.hang_next(method="chat.postMessage")
    report = a.outbox.dispatch()
    fake_slack.release()  # the fake now finishes the post the client gave up on
    assert report.failed == 1
    with engine.connect() as conn:
        error = conn.execute(select(DELIVERIES.c.last_error).where(DELIVERIES.c.status == "pending")).scalar_one()
    assert "timed out" in error or "cannot reach" in error or "failed" in error
    a.clock.advance(minutes=5)
    assert a.outbox.dispatch().sent == 1
    assert len(fake_slack.top_level()) == 2  # the first alert and this one, once


def test_rate_limits_and_server_errors_are_retried_with_backoff(engine: Engine, fake_slack: FakeSlack) -> None:
    a = alerted(engine, fake_slack)
    for n, count in enumerate([5, 150]):
        a.pipeline.ingest([obs("rl", 100 + 10 * n + 2, COMPLAINTS[2], likes=count, created=100, author="kim")])
    fake_slack.rate_limit_next(retry_after=42)
    assert a.outbox.dispatch().failed == 1
    with engine.connect() as conn:
        due = conn.execute(select(DELIVERIES.c.next_attempt_at).where(DELIVERIES.c.status == "pending")).scalar_one()
    assert due == a.clock.now + timedelta(seconds=42)
    a.clock.now = due
    fake_slack.server_error_next(status=502)
    assert a.outbox.dispatch().failed == 1
    assert statuses(engine)[-1] == "pending"
    a.clock.advance(hours=1)
    assert a.outbox.dispatch().sent == 1
    assert statuses(engine) == ["sent", "sent"]


@pytest.mark.slow
def test_a_ten_minute_outage_drains_in_order_none_lost_none_doubled(engine: Engine, fake_slack: FakeSlack) -> None:
    a = alerted(engine, fake_slack)
    time = FakeTime()
    a.outbox.notifier = notifier(fake_slack, time)
    fake_slack.outage = True
    start = a.clock.now
    keys = []
    for i, text in enumerate(COMPLAINTS):  # three new complaints spread during the outage
        for n, count in enumerate([5, 150]):
            a.pipeline.ingest([obs(f"out{i}", 200 + 10 * n + 2, text, likes=count, created=200, author=f"a{i}")])
        keys.append(f"reddit:out{i}")
    attempts = 0
    while a.clock.now < start + timedelta(minutes=10):
        report = a.outbox.dispatch()
        attempts += report.failed
        assert report.sent == 0
        a.clock.advance(seconds=15)
    assert attempts >= 3
    fake_slack.outage = False
    for _ in range(40):  # the backoff is at most 30 minutes
        a.outbox.dispatch()
        a.clock.advance(minutes=1)
    posted = [m.metadata["event_payload"]["key"] for m in fake_slack.top_level()[1:] if m.metadata]
    assert posted == keys  # in order, none lost, none doubled
    assert statuses(engine) == ["sent"] * 4
    gaps = [t for t in time.slept if t > 0]
    assert gaps, "posts to one channel were not paced"
    assert all(t <= 1.0 for t in gaps)


def test_posts_to_one_channel_are_paced_about_one_per_second(fake_slack: FakeSlack) -> None:
    from tests.alerts.test_notify import make_view

    time = FakeTime()
    slack = notifier(fake_slack, time)
    stamps = []
    for i in range(4):
        assert slack.post(make_view(key=f"k{i}")).ok
        stamps.append(time.now)
        time.now += 0.2  # the next alert is ready 0.2 s later
    assert all(later - earlier >= 1.0 for earlier, later in itertools.pairwise(stamps))
    assert slack.post(make_view(key="other"), channel="C0OTHER").ok
    assert time.now == stamps[-1] + 0.2  # another channel does not wait


def test_a_revoked_token_stops_delivery_and_says_so(engine: Engine, fake_slack: FakeSlack) -> None:
    a = alerted(engine, fake_slack)
    for n, count in enumerate([5, 150]):
        a.pipeline.ingest([obs("rev", 100 + 10 * n + 2, COMPLAINTS[0], likes=count, created=100, author="jo")])
    fake_slack.revoked = True
    report = a.outbox.dispatch()
    assert (report.sent, report.failed, report.fatal) == (0, 0, 1)
    assert report.errors is not None
    assert "account_inactive" in report.errors[0]
    assert "install the app again" in report.errors[0]
    assert statuses(engine) == ["sent", "failed"]
    calls = len(fake_slack.calls())
    a.clock.advance(hours=2)
    assert a.outbox.dispatch().fatal == 0  # never retried by itself
    assert len(fake_slack.calls()) == calls
    lines = status_lines(engine)
    assert any(line.startswith("NOT DELIVERED (needs a person) reddit:rev") for line in lines)
    assert BOT_TOKEN not in "\n".join(lines)


@pytest.mark.slow
def test_poll_once_exits_non_zero_on_a_fatal_failure_and_counts_waiting_truthfully(
    tmp_path: Path, fake_slack: FakeSlack, monkeypatch: Any
) -> None:
    feed = tmp_path / "feed.jsonl"
    spike = [obs("angry", 100 + m, COMPLAINTS[0], likes=n, created=100, author="dana") for m, n in ((2, 5), (12, 150))]
    feed.write_text("".join(o.model_dump_json() + "\n" for o in [*background("reddit", 40, ticks=8), *spike]))
    config = tmp_path / "repmon.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "r.db"}"\n'
        f'[slack]\nchannel = "C0ALERTS"\nbase_url = "{fake_slack.url}"\n[slack.app]\nenabled = false\n'
        '[[sources]]\ntype = "replay"\nname = "feed"\npath = "feed.jsonl"\n'
    )
    runner = CliRunner()
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    missing = runner.invoke(app, ["poll", "--once", "--config", str(config)])
    assert missing.exit_code == 2
    assert "$SLACK_BOT_TOKEN is empty" in missing.output
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    fake_slack.server_error_next(1)
    waiting = runner.invoke(app, ["poll", "--once", "--config", str(config)])
    assert waiting.exit_code == 0, waiting.output
    assert "alerts: 0 delivered, 1 waiting to be sent" in waiting.output
    fake_slack.revoked = True
    feed.write_text(feed.read_text())  # replayed again: nothing new, the waiting alert is due later
    status = runner.invoke(app, ["status", "--config", str(config)])
    assert "deliveries waiting: 1" in status.output
    spread_again = [
        obs("angry2", 300 + m, COMPLAINTS[1], likes=n, created=300, author="eve") for m, n in ((2, 5), (12, 150))
    ]
    feed.write_text("".join(o.model_dump_json() + "\n" for o in spread_again))
    failed = runner.invoke(app, ["poll", "--once", "--config", str(config)])
    assert failed.exit_code == 1
    assert "alert NOT delivered, needs a person" in failed.output
    assert "account_inactive" in runner.invoke(app, ["status", "--config", str(config)]).output
    assert BOT_TOKEN not in failed.output
    fake_slack.revoked = False  # a person reinstalled the app
    fixed = runner.invoke(app, ["poll", "--once", "--config", str(config)])
    assert fixed.exit_code == 0, fixed.output
    assert "alerts: 1 delivered" in fixed.output
    assert "NOT DELIVERED" not in runner.invoke(app, ["status", "--config", str(config)]).output
    assert any("luggage" in str(m.text) for m in fake_slack.top_level())


def test_snooze_holds_updates_unless_the_level_rises(engine: Engine, fake_slack: FakeSlack) -> None:
    from monitor.store import workflow
    from monitor.store.database import transaction

    a = alerted(engine, fake_slack, detection={"update_interval": "1m"})
    with transaction(engine) as conn:
        assert workflow.snooze(conn, a.key, a.clock.now + timedelta(hours=4)).changed
    spread(a.pipeline, [400, 900], start=100 + 20)  # more of the same: quiet while snoozed
    a.clock.advance(minutes=5)
    assert a.outbox.dispatch().sent == 0
    assert a.incident()["status"] == "snoozed"
    spread(a.pipeline, [5000, 20000, 60000], start=100 + 40)  # rises to viral: breaks through
    a.clock.advance(minutes=5)
    assert a.outbox.dispatch().sent == 1
    assert a.incident()["level"] == "viral"
    assert a.incident()["status"] == "open"
    note = fake_slack.replies(a.ts)[-1].text or ""
    assert "snooze ended early" in note


def test_one_reminder_for_an_unacknowledged_alert(engine: Engine, fake_slack: FakeSlack) -> None:
    from monitor.store import workflow
    from monitor.store.database import transaction

    a = alerted(engine, fake_slack)
    after = timedelta(minutes=30)
    assert a.outbox.remind(after) == 0  # not yet
    with transaction(engine) as conn:
        workflow.snooze(conn, a.key, a.clock.now + timedelta(hours=1))
    a.clock.advance(minutes=31)
    assert a.outbox.remind(after) == 0  # snoozed: no reminder meanwhile
    a.clock.advance(minutes=30)
    assert a.outbox.remind(after) == 1  # the snooze is over and still nobody took it
    a.clock.advance(hours=3)
    assert a.outbox.remind(after) == 0  # one reminder, not a stream
    [reminder] = fake_slack.replies(a.ts)
    assert "Nobody has taken this one yet" in (reminder.text or "")
    assert json.loads(json.dumps(reminder.body)).get("thread_ts") == a.ts
