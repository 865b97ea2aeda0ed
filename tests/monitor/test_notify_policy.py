"""The alert budget and quiet hours: held, never dropped, summarised once; a rising level breaks through.

Everything goes through the real pipeline, the real outbox and the real slack-sdk against the
loopback fake Slack, on SQLite and PostgreSQL. Time is an injected clock: nothing sleeps.
Listed key accounts alert on their first upset post, so each complaint is one observation.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from alerts.notify import SUMMARY_EVENT, SlackNotifier
from monitor.outbox import Outbox
from monitor.pipeline import Pipeline
from monitor.store import decisions
from monitor.store.tables import Delivery
from tests.builders import config, obs
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.monitor.slack_setup import BOT_TOKEN, Clock

pytestmark = pytest.mark.slow  # the whole pipeline and the fake Slack per test: left out of the inner loop

DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
KEY_ACCOUNT = "bigcorp_travel"
BRAND = {"name": "Northwind Air", "include": ["northwind"], "key_accounts": [KEY_ACCOUNT]}
COMPLAINTS = [
    "Northwind Air lost our whole team's bookings and nobody calls back. Unacceptable.",
    "Northwind Air charged us twice for every ticket and support ignores us. Awful.",
    "Northwind Air cancelled our flight to Oslo and kept the money. Never again.",
    "Northwind Air staff were rude at the gate and we missed the meeting. Terrible.",
]
NOON = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PARIS_NIGHT = datetime(2026, 11, 20, 22, 30, tzinfo=UTC)  # 23:30 in Paris


class Setup:
    """A pipeline and an outbox on one database, the fake Slack, and the clock they share."""

    def __init__(self, engine: Engine, fake: FakeSlack, now: datetime, **slack: Any) -> None:
        self.engine, self.fake = engine, fake
        self.clock = Clock(now)
        self.config = config("sqlite://", brands=[BRAND], slack={"channel": "C0ALERTS", "base_url": fake.url, **slack})
        self.pipeline = Pipeline(engine, self.config, clock=self.clock)
        self.outbox = self.restart()

    def restart(self) -> Outbox:
        """A new outbox, as after a daemon restart: it knows only what the database holds."""
        notifier = SlackNotifier(BOT_TOKEN, "C0ALERTS", base_url=self.fake.url, sleep=lambda _s: None)
        self.outbox = Outbox(self.engine, notifier, clock=self.clock, policy=self.config.slack.policy())
        return self.outbox

    def complain(self, n: int, likes: int = 3, minute: float = 1) -> None:
        """Key account complaint ``n`` (an incident of its own), seen ``minute`` after it was posted."""
        created = (self.clock.now - datetime(2026, 11, 20, 9, 0, tzinfo=UTC)).total_seconds() / 60
        self.pipeline.ingest(
            [obs(f"k{n}", created + minute, COMPLAINTS[n], author=KEY_ACCOUNT, likes=likes, created=created)]
        )

    def escalate(self, n: int, created: float) -> None:
        """Complaint ``n`` gains hundreds of likes in minutes: spreading -> viral."""
        self.pipeline.ingest(
            [obs(f"k{n}", created + 11, COMPLAINTS[n], author=KEY_ACCOUNT, likes=900, created=created)]
        )

    def alerts(self) -> list[Any]:
        return [m for m in self.fake.top_level() if (m.metadata or {}).get("event_type") != SUMMARY_EVENT]

    def summaries(self) -> list[Any]:
        return [m for m in self.fake.top_level() if (m.metadata or {}).get("event_type") == SUMMARY_EVENT]

    def kinds(self, key: str) -> list[str]:
        return [d.kind for d in decisions.why(self.engine, key).decisions]

    def statuses(self) -> list[str]:
        with self.engine.connect() as conn:
            return [s for (s,) in conn.execute(select(DELIVERIES.c.status).order_by(DELIVERIES.c.id))]


def _minutes_since_t0(moment: datetime) -> float:
    return (moment - datetime(2026, 11, 20, 9, 0, tzinfo=UTC)).total_seconds() / 60


def test_over_budget_alerts_are_held_then_summarised_once(engine: Engine, fake_slack: FakeSlack) -> None:
    s = Setup(engine, fake_slack, NOON, budget_per_hour=2)
    for n in range(4):
        s.complain(n)
    report = s.outbox.dispatch()
    assert (report.sent, report.held, report.summaries) == (2, 2, 0)
    assert len(s.alerts()) == 2 and s.statuses().count("held") == 2

    s.clock.advance(minutes=59)  # the two alerts of 12:00 still fill the hour
    assert s.outbox.dispatch().summaries == 0 and not s.summaries()

    s.clock.advance(minutes=2)  # 13:01: the window frees
    report = s.outbox.dispatch()
    assert report.summaries == 1 and report.sent == 0
    [summary] = s.summaries()
    body = str(summary.blocks)
    assert "2 alerts were held over the budget of 2 an hour" in (summary.text or "")
    assert "reddit:k2" in body and "reddit:k3" in body and "reddit:k0" not in body
    assert "https://example.test/reddit/k2" in body  # a link to each held complaint
    assert s.statuses() == ["sent"] * 4

    s.clock.advance(hours=3)
    assert s.outbox.dispatch().summaries == 0  # listed once: never again
    assert len(s.summaries()) == 1 and len(s.alerts()) == 2
    assert s.kinds("reddit:k2") == ["queued", "budget", "summarised"]
    assert s.kinds("reddit:k0") == ["queued", "sent"]


def test_quiet_hours_hold_alerts_and_summarise_them_when_they_end(engine: Engine, fake_slack: FakeSlack) -> None:
    s = Setup(engine, fake_slack, PARIS_NIGHT, quiet_hours="22:00-07:00", quiet_hours_timezone="Europe/Paris")
    s.complain(0)
    s.complain(1)
    report = s.outbox.dispatch()
    assert (report.sent, report.held) == (0, 2) and not fake_slack.top_level()
    [why] = [d.reason for d in decisions.why(engine, "reddit:k0").decisions if d.kind == "quiet_hours"]
    assert "held until 07:00" in why

    s.clock.now = datetime(2026, 11, 21, 5, 59, tzinfo=UTC)  # 06:59 in Paris
    assert s.outbox.dispatch().summaries == 0 and not fake_slack.top_level()

    s.clock.now = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)  # 07:00: the quiet hours end
    assert s.outbox.dispatch().summaries == 1
    [summary] = s.summaries()
    assert "held during quiet hours (22:00-07:00 Europe/Paris)" in (summary.text or "")
    assert "reddit:k0" in str(summary.blocks) and "reddit:k1" in str(summary.blocks)
    assert not s.alerts()

    s.complain(2)  # after the quiet hours an alert goes out as usual
    assert s.outbox.dispatch().sent == 1
    assert len(s.alerts()) == 1 and len(s.summaries()) == 1


def test_a_rising_level_breaks_through_quiet_hours(engine: Engine, fake_slack: FakeSlack) -> None:
    s = Setup(engine, fake_slack, PARIS_NIGHT, quiet_hours="22:00-07:00", quiet_hours_timezone="Europe/Paris")
    created = _minutes_since_t0(s.clock.now)
    s.complain(0)
    assert s.outbox.dispatch().held == 1 and not fake_slack.top_level()

    s.escalate(0, created)  # spreading -> viral, still in the quiet hours
    s.clock.advance(minutes=10)
    report = s.outbox.dispatch()
    assert (report.sent, report.broke_through, report.held) == (1, 1, 0)
    [alert] = s.alerts()
    assert "Viral" in str(alert.blocks)
    assert s.statuses() == ["sent", "sent"]  # the held first version went with it
    assert s.kinds("reddit:k0") == ["queued", "quiet_hours", "queued", "breakthrough"]
    [through] = [d.reason for d in decisions.why(engine, "reddit:k0").decisions if d.kind == "breakthrough"]
    assert through.startswith("broke through quiet hours: the level rose (escalated from spreading to viral")

    s.clock.now = datetime(2026, 11, 21, 6, 30, tzinfo=UTC)  # after the quiet hours: nothing left to summarise
    assert s.outbox.dispatch().summaries == 0 and not s.summaries()


def test_a_rising_level_breaks_through_a_spent_budget(engine: Engine, fake_slack: FakeSlack) -> None:
    s = Setup(engine, fake_slack, NOON, budget_per_hour=1)
    created = _minutes_since_t0(s.clock.now)
    s.complain(0)
    s.complain(1)
    assert (s.outbox.dispatch().sent, len(s.alerts())) == (1, 1)  # k1 is held
    s.escalate(0, created)
    s.clock.advance(minutes=12)
    report = s.outbox.dispatch()
    assert (report.sent, report.broke_through) == (1, 1)
    assert len(fake_slack.calls("chat.update")) == 1  # k0's message updated in place, over the budget
    assert s.kinds("reddit:k0")[-1] == "breakthrough" and s.kinds("reddit:k1") == ["queued", "budget"]
    s.clock.advance(hours=1, minutes=1)  # both messages age out of the hour: k1 is summarised
    assert s.outbox.dispatch().summaries == 1
    assert s.kinds("reddit:k1") == ["queued", "budget", "summarised"]


def test_held_alerts_survive_a_restart_and_a_lost_answer_is_not_summarised_twice(
    engine: Engine, fake_slack: FakeSlack
) -> None:
    s = Setup(engine, fake_slack, PARIS_NIGHT, quiet_hours="22:00-07:00", quiet_hours_timezone="Europe/Paris")
    for n in range(3):
        s.complain(n)
    assert s.outbox.dispatch().held == 3

    s.restart()  # the daemon restarts during the night: the held alerts are in the database, not in memory
    s.clock.now = datetime(2026, 11, 21, 6, 5, tzinfo=UTC)
    fake_slack.drop_next(method="chat.postMessage")  # Slack keeps the summary, the answer is lost
    report = s.outbox.dispatch()
    assert (report.summaries, len(s.summaries())) == (0, 1)

    s.restart()
    s.clock.advance(minutes=5)  # past the retry's backoff
    assert s.outbox.dispatch().summaries == 1  # found by its metadata, recorded, not posted again
    assert len(s.summaries()) == 1 and not s.alerts()
    assert "3 alerts were held" in (s.summaries()[0].text or "")
    assert s.statuses() == ["sent"] * 3
    s.clock.advance(hours=1)
    assert s.outbox.dispatch().summaries == 0 and len(fake_slack.top_level()) == 1


def test_the_priority_channel_has_its_own_budget(engine: Engine, fake_slack: FakeSlack) -> None:
    s = Setup(engine, fake_slack, NOON, priority_channel="C0PRIO", channel_budgets={"C0PRIO": 1})
    s.complain(0)
    s.complain(1)
    ordinary = "Northwind Air cancelled my flight, kept my money and the agent laughed at me. Never again."
    start = _minutes_since_t0(s.clock.now)
    for minute, likes in ((2, 5), (12, 600)):  # no baseline yet: hundreds of likes an hour alert
        s.pipeline.ingest([obs("angry", start + minute, ordinary, likes=likes, created=start, author="dana")])
    report = s.outbox.dispatch()
    assert (report.sent, report.held) == (2, 1)
    where = {m.metadata["event_payload"]["key"]: m.channel for m in s.alerts()}
    assert where == {"reddit:k0": "C0PRIO", "reddit:angry": "C0ALERTS"}  # the main channel has no budget
    assert s.kinds("reddit:k1") == ["queued", "budget"]


def test_a_quiet_reminder_waits_for_the_morning(engine: Engine, fake_slack: FakeSlack) -> None:
    s = Setup(engine, fake_slack, datetime(2026, 11, 20, 20, 0, tzinfo=UTC), quiet_hours="22:00-07:00")
    s.complain(0)
    assert s.outbox.dispatch().sent == 1
    s.clock.now = datetime(2026, 11, 20, 23, 0, tzinfo=UTC)
    assert s.outbox.remind(timedelta(minutes=30)) == 0  # nobody took it, but it is the night
    s.clock.now = datetime(2026, 11, 21, 7, 1, tzinfo=UTC)
    assert s.outbox.remind(timedelta(minutes=30)) == 1


def test_a_summary_cut_off_mid_send_is_found_after_its_lease_not_sent_again(
    engine: Engine, fake_slack: FakeSlack
) -> None:
    from alerts.summary import HeldSummary
    from monitor.store import summaries

    s = Setup(engine, fake_slack, PARIS_NIGHT, quiet_hours="22:00-07:00", quiet_hours_timezone="Europe/Paris")
    s.complain(0)
    s.complain(1)
    assert s.outbox.dispatch().held == 2
    s.clock.now = datetime(2026, 11, 21, 6, 1, tzinfo=UTC)
    # a process opens the summary, claims it, posts it to Slack and is killed before recording anything
    summary_id = summaries.open_summary(engine, "C0ALERTS", s.clock.now)
    assert summary_id is not None and summaries.claim_due_summaries(engine, s.clock.now, timedelta(minutes=2))
    s.outbox.notifier.post_summary(HeldSummary(summary_id, []), "C0ALERTS")
    assert len(s.summaries()) == 1

    s.restart()
    assert s.outbox.dispatch().summaries == 0  # still claimed by the dead process
    s.clock.advance(minutes=3)  # its claim runs out
    assert s.outbox.dispatch().summaries == 1
    assert len(s.summaries()) == 1 and s.statuses() == ["sent", "sent"]
    assert s.kinds("reddit:k1") == ["queued", "quiet_hours", "summarised"]
