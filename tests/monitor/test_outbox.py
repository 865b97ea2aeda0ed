"""Alerts reach Slack once per incident, are updated in place, and survive a Slack outage."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from alerts.notify import SlackNotifier
from monitor.outbox import Outbox
from monitor.pipeline import Pipeline
from monitor.store.tables import Delivery, Incident
from tests.builders import T0, background, config, obs
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)

DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
TOKEN = "xoxb-test-outbox-token"
HOSTILE = (
    "<!channel> Northwind Air cancelled my flight, kept my money and laughed at me. "
    "Refund here: <http://evil.example|northwindair.com/refunds> @here never again"
)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> Any:
        return self.now


def spread(pipeline: Pipeline, likes: list[int], text: str = HOSTILE, start: float = 100) -> None:
    for n, count in enumerate(likes):
        pipeline.ingest([obs("angry", start + 10 * n + 2, text, likes=count, created=start, author="dana")])


def setup(engine: Engine, fake: FakeSlack, **detection: Any) -> tuple[Pipeline, Outbox, Clock]:
    clock = Clock()
    cfg = config("sqlite://", slack={"channel": "C0ALERTS", "base_url": fake.url}, detection=detection)
    pipeline = Pipeline(engine, cfg, clock=clock)
    pipeline.ingest(background("reddit", 40, ticks=8))
    notifier = SlackNotifier(TOKEN, "C0ALERTS", base_url=fake.url, sleep=lambda _s: None)  # no 1 s pacing waits
    outbox = Outbox(engine, notifier, clock=clock)
    return pipeline, outbox, clock


def test_one_message_per_incident_then_updates_in_place(engine: Engine, fake_slack: FakeSlack) -> None:
    pipeline, outbox, clock = setup(engine, fake_slack, update_interval="5m")
    spread(pipeline, [5, 150])
    report = outbox.dispatch()
    assert (report.sent, report.failed) == (1, 0)
    [message] = fake_slack.top_level()
    assert fake_slack.calls("chat.postMessage")[0].authorization == f"Bearer {TOKEN}"
    assert outbox.dispatch().sent == 0  # nothing new: nothing sent again

    spread(pipeline, [900, 2500, 6000], start=100 + 20)  # escalates: faster, more
    clock.now += timedelta(minutes=1)
    report = outbox.dispatch()
    assert report.sent == 1
    assert len(fake_slack.top_level()) == 1  # still one message...
    assert len(fake_slack.calls("chat.update")) == 1  # ...edited in place
    [note] = fake_slack.replies(message.ts)  # with a thread reply saying what changed
    assert "velocity now" in (note.text or "") or "escalated" in (note.text or "")
    with engine.connect() as conn:
        rows = conn.execute(select(DELIVERIES.c.status, DELIVERIES.c.sent_at)).all()
        incident = conn.execute(select(INCIDENTS)).mappings().one()
    assert {status for status, _ in rows} == {"sent"}
    assert incident["slack_ts"] == message.ts and incident["last_sent_version"] == incident["version"]


def test_user_text_cannot_ping_or_spoof_links(engine: Engine, fake_slack: FakeSlack) -> None:
    pipeline, outbox, _ = setup(engine, fake_slack)
    spread(pipeline, [5, 150])
    assert outbox.dispatch().sent == 1
    body = fake_slack.calls("chat.postMessage")[0].raw.decode()
    assert "<!channel>" not in body and "\\u003c!channel\\u003e" not in body
    assert "<http://evil.example|" not in body
    assert "&lt;!channel&gt;" in body
    assert "&lt;http://evil.example|northwindair.com/refunds&gt;" in body


def test_slack_outage_waits_and_then_sends_once(engine: Engine, fake_slack: FakeSlack) -> None:
    pipeline, outbox, clock = setup(engine, fake_slack)
    spread(pipeline, [5, 150])
    fake_slack.server_error_next(2)
    report = outbox.dispatch()
    assert (report.sent, report.failed) == (0, 1)
    with engine.connect() as conn:
        pending = conn.execute(select(DELIVERIES)).mappings().one()
    assert pending["status"] == "pending" and pending["attempts"] == 1
    assert pending["last_error"].startswith("slack: ") and TOKEN not in pending["last_error"]
    assert "\n" not in pending["last_error"]
    assert outbox.dispatch().sent == 0  # backing off: not due yet
    clock.now = pending["next_attempt_at"]
    assert outbox.dispatch().failed == 1  # second failure
    clock.now += timedelta(hours=1)
    assert outbox.dispatch().sent == 1
    clock.now += timedelta(hours=1)
    assert outbox.dispatch().sent == 0
    assert len(fake_slack.top_level()) == 1


def test_rate_limit_honours_retry_after(engine: Engine, fake_slack: FakeSlack) -> None:
    pipeline, outbox, clock = setup(engine, fake_slack)
    spread(pipeline, [5, 150])
    fake_slack.rate_limit_next(retry_after=120)
    assert outbox.dispatch().failed == 1
    with engine.connect() as conn:
        due = conn.execute(select(DELIVERIES.c.next_attempt_at)).scalar_one()
    assert due == clock.now + timedelta(seconds=120)


@pytest.mark.slow
def test_deleted_slack_message_is_posted_again(engine: Engine, fake_slack: FakeSlack) -> None:
    pipeline, outbox, _ = setup(engine, fake_slack, update_interval="5m")
    spread(pipeline, [5, 150])
    outbox.dispatch()
    fake_slack.top_level()[0].deleted = True  # someone deleted the alert in Slack
    spread(pipeline, [900, 2500, 6000], start=120)
    assert outbox.dispatch().failed == 1
    assert outbox.dispatch().sent == 1  # retried at once, as a new message
    assert len(fake_slack.calls("chat.postMessage")) >= 2
