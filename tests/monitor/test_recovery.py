"""Crash recovery and clear failures, in process: leases of dead holders, the outbox after a crash,
one-line database errors, masked secrets and config checks. The fault matrix (tests/faults)
drives the same paths through real processes."""

from __future__ import annotations

import logging
import subprocess
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy import exc as sa_exc

from alerts.notify import SendResult, SlackNotifier
from monitor import config as cfg
from monitor.cli.common import setup_logging
from monitor.core.view import IncidentView
from monitor.outbox import Outbox
from monitor.pipeline import Pipeline
from monitor.polling import instance_id, presumed_dead
from monitor.store import sources
from monitor.store.failures import is_record_problem, one_line, unavailable_reason
from monitor.store.tables import Delivery
from tests.builders import T0, config, obs
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)

DELIVERIES = Delivery.__table__  # type: ignore[attr-defined]
KEY = "bigcorp"


def _dead_pid() -> int:
    gone = subprocess.Popen(["true"])
    gone.wait()
    return gone.pid


def test_a_dead_local_holder_is_taken_over_at_once_a_live_one_is_not(engine: Engine) -> None:
    host = instance_id().rpartition(":")[0]
    dead, alive = f"{host}:{_dead_pid()}", f"{host}:1"
    lease = timedelta(minutes=10)
    assert sources.acquire_lease(engine, "hn", "hackernews", dead, T0, lease)
    assert presumed_dead(dead) and not presumed_dead(alive) and not presumed_dead("elsewhere:123")
    assert sources.acquire_lease(engine, "hn", "hackernews", "me:1", T0, lease, presumed_dead)
    assert sources.lease_holder(engine, "hn") == ("me:1", T0)
    # a holder that is alive (or on another host) keeps its lease until it expires
    assert not sources.acquire_lease(engine, "hn", "hackernews", "other:2", T0, lease, presumed_dead)
    assert sources.acquire_lease(engine, "hn", "hackernews", "other:2", T0 + lease * 2, lease, presumed_dead)


class Recorder:
    """A notifier that remembers what it was asked and can say an alert is already in Slack."""

    def __init__(self, already_there: bool) -> None:
        self.already_there = already_there
        self.posts: list[str] = []
        self.finds: list[str] = []

    def post(self, view: IncidentView, channel: str | None = None) -> SendResult:
        self.posts.append(view.key)
        return SendResult(ok=True, channel="C1", ts="1.0")

    def update(self, view: IncidentView, channel: str, ts: str) -> SendResult:
        return SendResult(ok=True, channel=channel, ts=ts)

    def find(self, view: IncidentView, channel: str | None = None) -> SendResult | None:
        self.finds.append(view.key)
        return SendResult(ok=True, channel="C1", ts="0.5") if self.already_there else None


def _incident(engine: Engine, url: str) -> None:
    brands = [{"name": "Northwind Air", "include": ["northwind"], "key_accounts": [KEY]}]
    pipeline = Pipeline(engine, config(url, brands=brands), clock=lambda: T0)
    text = "Northwind Air cancelled my flight and kept my money. Never again."
    pipeline.ingest([obs("p", 1, text, author=KEY, likes=3)])


def _left_sending(engine: Engine) -> None:
    """What a crash mid-send leaves: claimed (attempt 1), status sending, its lease long over."""
    with engine.begin() as conn:
        conn.execute(update(DELIVERIES).values(status="sending", attempts=1, next_attempt_at=T0))


@pytest.mark.parametrize("already_there", [True, False])
def test_a_delivery_left_sending_is_reconciled_before_it_is_sent(
    engine: Engine, db_url: str, already_there: bool
) -> None:
    _incident(engine, db_url)
    _left_sending(engine)
    notifier = Recorder(already_there)
    report = Outbox(engine, notifier, clock=lambda: T0 + timedelta(hours=1)).dispatch()
    assert report.sent == 1 and len(notifier.finds) == 1
    assert notifier.posts == ([] if already_there else notifier.finds)  # posted only when not found
    with engine.connect() as conn:
        assert conn.execute(select(DELIVERIES.c.status)).scalar_one() == "sent"


def test_a_stopping_outbox_hands_its_claims_back(engine: Engine, db_url: str) -> None:
    import threading

    _incident(engine, db_url)
    stop = threading.Event()
    stop.set()
    notifier = Recorder(False)
    report = Outbox(engine, notifier, clock=lambda: T0 + timedelta(hours=1), shutdown=stop).dispatch()
    assert report.sent == 0 and notifier.posts == []
    with engine.connect() as conn:
        assert conn.execute(select(DELIVERIES.c.status)).scalar_one() == "pending"


def test_database_errors_are_one_line_without_sql_or_values() -> None:
    locked = sa_exc.OperationalError("UPDATE source_state SET x=?", ("secret text",), Exception("database is locked"))
    assert unavailable_reason(locked) == "database is locked: another process held it longer than the busy timeout"
    refused = sa_exc.DataError(
        "INSERT INTO posts (text) VALUES (%s)", ("a post's words",), ValueError("NUL (0x00) bytes")
    )
    assert is_record_problem(refused) and not is_record_problem(locked)
    line = one_line(refused)
    assert line == "ValueError: NUL (0x00) bytes" and "INSERT" not in line and "words" not in line
    down = sa_exc.OperationalError(
        "SELECT 1", None, Exception('connection to "postgresql://u:pw-123456@db:5432" failed\nDETAIL: refused')
    )
    assert "pw-123456" not in one_line(down) and "\n" not in one_line(down)


def test_log_lines_are_masked_whoever_writes_them(caplog: pytest.LogCaptureFixture, capsys: Any) -> None:
    setup_logging()
    logging.getLogger("anything").warning("cannot reach %s", "https://user:hunter2-secret@feeds.example/x?token=abc")
    err = capsys.readouterr().err
    assert "hunter2-secret" not in err and "https://user:***@feeds.example/x?token=***" in err


def test_config_urls_and_names_are_checked_in_one_pass() -> None:
    with pytest.raises(cfg.ConfigError) as caught:
        cfg.validate(
            {
                "sources": [
                    {"type": "rss", "name": "a", "url": "http://u:topsecret@/feed"},
                    {"type": "rss", "name": "a", "url": "https://ok.example/feed"},
                    {"type": "hackernews", "query": "x", "base_url": "ftp://h/x", "interval": "soon"},
                ]
            }
        )
    problems = caught.value.problems
    assert any("sources[0].url" in p and "has no host" in p for p in problems)
    assert any("two sources are named 'a'" in p for p in problems)
    assert any("sources[2].base_url" in p for p in problems) and any("sources[2].interval" in p for p in problems)
    assert not any("topsecret" in p for p in problems)


def test_a_relative_feed_url_is_fine_with_a_base_url() -> None:
    loaded = cfg.validate({"sources": [{"type": "rss", "url": "feed.xml", "base_url": "https://news.example"}]})
    assert loaded.sources[0].source_name == "rss"


def test_a_real_slack_notifier_is_usable_by_the_outbox(fake_slack: FakeSlack, engine: Engine, db_url: str) -> None:
    """Whatever the notifier offers for reconciling, a retried first post reaches Slack exactly once."""
    _incident(engine, db_url)
    _left_sending(engine)
    outbox = Outbox(engine, SlackNotifier("xoxb-t", "C0ALERTS", base_url=fake_slack.url), clock=lambda: T0)
    outbox.clock = lambda: T0 + timedelta(hours=1)
    assert outbox.dispatch().sent == 1
    assert len(fake_slack.top_level()) == 1
