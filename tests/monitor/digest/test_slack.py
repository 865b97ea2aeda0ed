"""The weekly Slack post through the real slack-sdk against the fake Slack, and the once-a-week claim."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.background import BackgroundScheduler
from slack_sdk import WebClient
from sqlalchemy import Engine

from monitor.config import Config
from monitor.digest import charts, output, schedule
from monitor.digest.slack import post
from monitor.digest.weeks import Week
from monitor.store import digest_runs
from monitor.store.database import open_database
from tests.builders import config
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.monitor.digest import week_fixture as fx

TOKEN = "xoxb-digest-test"
SCHEDULED = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # Monday 09:00 after 2026-W47
PNG = b"\x89PNG\r\n\x1a\n"


def cfg(url: str, fake: FakeSlack, **digest: str) -> Config:
    return config(
        url,
        slack={"channel": "#alerts", "base_url": fake.url, "token_env": "REPMON_DIGEST_TEST_TOKEN"},
        brands=[{"name": fx.BRAND, "include": ["northwind air"]}],
        digest={"channel": "#marketing", "brand": fx.BRAND, **digest},
    )


@pytest.fixture(autouse=True)
def token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPMON_DIGEST_TEST_TOKEN", TOKEN)


@pytest.mark.slow
def test_post_sends_blocks_then_the_chart_through_the_v2_upload_flow(
    engine: Engine, db_url: str, fake_slack: FakeSlack
) -> None:
    fx.build(engine)
    digest = output.build(engine, cfg(db_url, fake_slack), Week.parse(fx.WEEK), fx.BRAND, SCHEDULED)
    digest["brand"] = "Fish & <Chips>"  # user text reaching Slack is escaped
    chart = charts.sentiment_by_day(digest)
    posted = post(WebClient(token=TOKEN, base_url=fake_slack.url), "#marketing", digest, chart)

    methods = [r.method for r in fake_slack.calls() if r.method != "auth.test"]
    assert methods == ["chat.postMessage", "files.getUploadURLExternal", "files.completeUploadExternal"]
    (message,) = fake_slack.top_level()
    assert (message.channel, message.ts) == (posted.channel, posted.ts)
    assert message.blocks is not None and message.blocks[0]["type"] == "header"
    fields = next(b for b in message.blocks if b.get("fields"))["fields"]
    assert f"*Posts*\n{digest['volume']['total']} " in fields[0]["text"]
    assert "Fish &amp; &lt;Chips&gt;" in str(message.blocks) and "<Chips>" not in str(message.blocks)
    (uploaded,) = fake_slack.files
    assert uploaded.data == chart and uploaded.data.startswith(PNG)
    assert (uploaded.channel, uploaded.thread_ts) == (posted.channel, posted.ts)
    assert uploaded.id == posted.file_id and uploaded.filename == f"digest-{fx.WEEK}.png"


@pytest.mark.slow
def test_two_daemons_at_the_scheduled_minute_post_once(db_url: str, fake_slack: FakeSlack) -> None:
    first, second = open_database(db_url), open_database(db_url)
    fx.build(first)
    config_ = cfg(db_url, fake_slack)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def daemon(engine: Engine, owner: str) -> None:
        start.wait()
        outcomes.append(schedule.send_weekly(engine, config_, owner, SCHEDULED + timedelta(seconds=1)))

    threads = [threading.Thread(target=daemon, args=(e, o)) for e, o in ((first, "host-a:1"), (second, "host-b:1"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(o.split(":")[0] for o in outcomes) == ["sent", "skipped"]
    assert len(fake_slack.top_level()) == 1 and len(fake_slack.files) == 1
    # a restart in the same minute (a new process: a new owner) finds the week sent
    assert schedule.send_weekly(second, config_, "host-a:2", SCHEDULED + timedelta(seconds=40)).startswith("skipped")
    assert len(fake_slack.top_level()) == 1
    run = digest_runs.digest_run(first, f"{fx.WEEK}:{fx.BRAND}")
    assert run is not None and run["status"] == "sent" and run["ts"] == fake_slack.top_level()[0].ts
    first.dispose()
    second.dispose()


@pytest.mark.slow
def test_a_daemon_down_at_the_scheduled_time_catches_up_once(
    engine: Engine, db_url: str, fake_slack: FakeSlack
) -> None:
    fx.build(engine)
    config_ = cfg(db_url, fake_slack)
    before = schedule.send_weekly(engine, config_, "d:1", SCHEDULED - timedelta(minutes=1))
    assert before == f"sent: 2026-W46:{fx.BRAND}"  # the latest schedule then was a week earlier
    fake_slack.reset()
    wednesday = SCHEDULED + timedelta(days=2, hours=5)  # back after being down on Monday morning
    assert schedule.send_weekly(engine, config_, "d:2", wednesday) == f"sent: {fx.WEEK}:{fx.BRAND}"
    assert schedule.send_weekly(engine, config_, "d:2", wednesday + timedelta(days=1)).startswith("skipped")
    assert len(fake_slack.top_level()) == 1
    next_week = schedule.send_weekly(engine, config_, "d:2", SCHEDULED + timedelta(weeks=1, minutes=1))
    assert next_week == f"sent: 2026-W48:{fx.BRAND}"


@pytest.mark.slow
def test_a_refused_post_is_retried_after_the_lease_and_never_doubled(
    engine: Engine, db_url: str, fake_slack: FakeSlack
) -> None:
    fx.build(engine)
    config_ = cfg(db_url, fake_slack)
    fake_slack.fail_next(error="not_in_channel", method="chat.postMessage")
    assert schedule.send_weekly(engine, config_, "d:1", SCHEDULED) == "failed: Slack said not_in_channel"
    assert schedule.send_weekly(engine, config_, "d:1", SCHEDULED + timedelta(minutes=1)).startswith("skipped")
    later = SCHEDULED + schedule.CLAIM_LEASE + timedelta(minutes=1)
    assert schedule.send_weekly(engine, config_, "d:1", later).startswith("sent")
    assert len(fake_slack.top_level()) == 1


@pytest.mark.slow
def test_a_failed_chart_upload_keeps_the_post_and_does_not_repost(
    engine: Engine, db_url: str, fake_slack: FakeSlack
) -> None:
    fx.build(engine)
    config_ = cfg(db_url, fake_slack)
    fake_slack.fail_next(error="internal_error", method="files.completeUploadExternal")
    assert schedule.send_weekly(engine, config_, "d:1", SCHEDULED).startswith("sent")
    later = SCHEDULED + schedule.CLAIM_LEASE + timedelta(minutes=1)
    assert schedule.send_weekly(engine, config_, "d:1", later).startswith("skipped")
    assert len(fake_slack.top_level()) == 1 and fake_slack.files == []


def test_schedule_follows_the_configured_day_time_and_zone(tmp_path: Path, fake_slack: FakeSlack) -> None:
    paris = cfg(f"sqlite:///{tmp_path / 'x.db'}", fake_slack, timezone="Europe/Paris", day="monday", time="9:00")
    assert paris.digest.day == "mon" and paris.digest.time == "09:00"
    monday_9_paris = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    assert schedule.latest_schedule(monday_9_paris, paris.digest) == monday_9_paris
    assert schedule.latest_schedule(monday_9_paris - timedelta(seconds=1), paris.digest) == monday_9_paris - timedelta(
        weeks=1
    )
    assert str(schedule.due_week(monday_9_paris, paris.digest)) == "2026-W47"
    assert str(schedule.due_week(monday_9_paris - timedelta(seconds=1), paris.digest)) == "2026-W46"


@pytest.mark.slow
def test_the_daemon_hook_adds_one_job_only_when_a_channel_is_set(tmp_path: Path, fake_slack: FakeSlack) -> None:
    url = f"sqlite:///{tmp_path / 'x.db'}"
    engine = open_database(url)
    scheduler = BackgroundScheduler(timezone=UTC)
    schedule.add_digest_job(scheduler, engine, config(url), "d:1")
    assert scheduler.get_job("digest") is None
    schedule.add_digest_job(scheduler, engine, cfg(url, fake_slack), "d:1")
    job = scheduler.get_job("digest")
    assert job is not None and job.func is schedule.send_weekly
    engine.dispose()
