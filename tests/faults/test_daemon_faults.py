"""Fault matrix, daemon rows: `repmon run` as a process, killed, stopped and starved of its database.

Per row: posts lost 0, alerts lost 0 and doubled 0 (counted in the fake Slack), the daemon
alive or cleanly stopped, and a one-line reason in its log.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from alerts.notify import SlackNotifier
from tests.fake_slack import FakeSlack, _Failure
from tests.faults.harness import (
    OUTPUTS,
    SECRET_PASSWORD,
    Daemon,
    FakeSource,
    Proxy,
    Reply,
    assert_no_secrets,
    fake_source,
    hn_hit,
    hn_page,
    post_ids,
    repmon,
    rows,
    scalar,
    wait_for,
    write_config,
)

pytestmark = pytest.mark.slow

STOP_LIMIT = 10.0  # seconds a service manager's stop timeout gives us
RESTART_LIMIT = 15.0  # a restarted daemon polls again within this
COMPLAINT = "Northwind Air cancelled my flight and kept my money, the agent laughed at me. Never again."
KEY_ACCOUNT = "bigcorp_travel"


@pytest.fixture
def fake() -> Iterator[FakeSource]:
    with fake_source() as source:
        yield source


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake_slack:
        yield fake_slack


def hn(fake: FakeSource, name: str, **options: Any) -> dict[str, Any]:
    return {"type": "hackernews", "name": name, "query": "northwind", "base_url": f"{fake.url}/{name}", **options}


def complaint_page(post_id: int) -> Reply:
    """A key account's complaint: it alerts at once, so the alert path runs without a spread."""
    return hn_page([hn_hit(post_id, COMPLAINT, author=KEY_ACCOUNT)])


def alert_config(tmp: Path, fake: FakeSource, slack: FakeSlack, name: str, **daemon: Any) -> Path:
    return write_config(
        tmp / "repmon.toml",
        f"sqlite:///{tmp / 'repmon.db'}",
        [hn(fake, name, interval="1h")],
        slack={"channel": "C0ALERTS", "base_url": slack.url},
        daemon={"outbox_interval": "1s", "lease": "20s", **daemon},  # a claim is held 20 s at least
        key_accounts=[KEY_ACCOUNT],
    )


def delivered(slack: FakeSlack) -> list[Any]:
    return slack.top_level("C0ALERTS")


def test_sigterm_during_a_long_retry_after_stops_within_the_limit(tmp_path: Path, fake: FakeSource) -> None:
    fake.script("slow", steady=Reply(429, b"{}", {"Retry-After": "120"}))
    db = f"sqlite:///{tmp_path / 'repmon.db'}"
    config = write_config(tmp_path / "repmon.toml", db, [hn(fake, "slow", max_attempts=3)])
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        daemon.wait_log("slow: HTTP 429", timeout=60)  # the retry line: it is now waiting out 120 s
        code, took = daemon.terminate()
    finally:
        daemon.stop_quietly()
    assert code == 0 and took < STOP_LIMIT, f"exit {code} after {took:.1f}s"
    log = daemon.log()
    assert "slow: poll stopped by shutdown" in log and "stopped cleanly" in log
    assert scalar(db, "SELECT lease_owner FROM source_state WHERE name = 'slow'") is None  # nothing left held
    print(f"[figure] SIGTERM during a 120 s Retry-After: exited in {took:.2f}s")


def test_kill9_mid_poll_then_restart_polls_again_at_once(tmp_path: Path, fake: FakeSource) -> None:
    held = threading.Event()
    fake.script("hn", Reply(hang=held), steady=hn_page([hn_hit(51, "Northwind lost my bag"), hn_hit(52, "Northwind")]))
    db = f"sqlite:///{tmp_path / 'repmon.db'}"
    config = write_config(tmp_path / "repmon.toml", db, [hn(fake, "hn", interval="1h")])
    first = Daemon(config, tmp_path / "first.log")
    try:
        wait_for(lambda: fake.requests("hn") >= 1, 60, "the first daemon's poll to reach the source")
        first.kill9()
    finally:
        held.set()
        first.stop_quietly()
    assert scalar(db, "SELECT lease_owner FROM source_state WHERE name = 'hn'")  # the dead process's lease
    second = Daemon(config, tmp_path / "second.log")
    try:
        second.wait_log("hn: 2 observations", timeout=60)
        took = time.monotonic() - second.started
        stalled = repmon("status", "--config", str(config)).stdout
        code, _ = second.terminate()
    finally:
        second.stop_quietly()
    assert {"51", "52"} <= post_ids(db)
    assert took < RESTART_LIMIT + 10, f"restart polled after {took:.1f}s"  # + process start-up on a busy machine
    assert "skipped" not in second.log()
    assert code == 0 and "hn" in stalled
    print(f"[figure] kill -9 mid-poll: the restarted daemon stored the page {took:.1f}s after it was started")


def test_status_names_a_dead_holder_and_since_when(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'repmon.db'}"
    config = write_config(tmp_path / "repmon.toml", db, [])
    gone = subprocess.Popen(["true"])
    gone.wait()
    conn = sqlite3.connect(tmp_path / "repmon.db")
    with conn:
        conn.execute(
            "INSERT INTO source_state (name, type, posts_stored, consecutive_failures, lease_owner, lease_until,"
            " last_poll_started_at) VALUES ('hn', 'hackernews', 0, 0, ?, '2999-01-01 00:00:00',"
            " '2026-11-27 10:00:00')",
            (f"{os.uname().nodename}:{gone.pid}",),
        )
    conn.close()
    out = repmon("status", "--config", str(config)).stdout
    assert "stalled" in out and f":{gone.pid} since 2026-11-27T10:00:00" in out


def test_kill9_mid_send_then_restart_sends_the_alert_once(tmp_path: Path, fake: FakeSource, slack: FakeSlack) -> None:
    fake.script("hn", steady=complaint_page(61))
    release = threading.Event()

    def hang_then_fail(_fake: FakeSlack, _request: Any) -> Any:
        release.wait(60)  # the process is killed while this request is in flight; Slack never took it
        return 500, {"ok": False, "error": "internal_error"}

    slack.on("chat.postMessage", hang_then_fail)
    config = alert_config(tmp_path, fake, slack, "hn")
    first = Daemon(config, tmp_path / "first.log")
    try:
        wait_for(lambda: slack.calls("chat.postMessage"), 90, "the alert to be in flight")
        first.kill9()
    finally:
        release.set()
        first.stop_quietly()
    db = f"sqlite:///{tmp_path / 'repmon.db'}"
    assert scalar(db, "SELECT status FROM deliveries") == "sending"  # what the crash left behind
    slack._handlers.pop("chat.postMessage")
    second = Daemon(config, tmp_path / "second.log")
    try:
        wait_for(lambda: scalar(db, "SELECT status FROM deliveries") == "sent", 60, "the alert to be sent")
        code, _ = second.terminate()
    finally:
        second.stop_quietly()
    assert code == 0
    assert len(delivered(slack)) == 1  # alerts lost 0, doubled 0


def test_slack_429_5xx_and_an_outage_deliver_the_alert_once(tmp_path: Path, fake: FakeSource, slack: FakeSlack) -> None:
    """A ten-minute outage in compressed time: Slack answers 503 with Retry-After 1 s, many times."""
    fake.script("hn", steady=complaint_page(71))
    slack.rate_limit_next(1, retry_after=1, method="chat.postMessage")
    outage = _Failure(503, {"ok": False, "error": "service_unavailable"}, "", {"Retry-After": "1"}, None, 5)
    slack._queue(outage)
    config = alert_config(tmp_path, fake, slack, "hn")
    daemon = Daemon(config, tmp_path / "daemon.log")
    db = f"sqlite:///{tmp_path / 'repmon.db'}"
    try:
        wait_for(lambda: scalar(db, "SELECT status FROM deliveries") == "sent", 90, "the alert to get through")
        assert daemon.alive()
        code, _ = daemon.terminate()
    finally:
        daemon.stop_quietly()
    log = daemon.log()
    assert code == 0 and len(delivered(slack)) == 1
    reasons = [line for line in log.splitlines() if "not delivered" in line]
    assert any("rate limited" in line for line in reasons) and any("503" in line for line in reasons)
    assert len(slack.calls("chat.postMessage")) >= 2  # refused at least once, then through exactly once


@pytest.mark.skipif(not hasattr(SlackNotifier, "find"), reason="needs the notifier's metadata lookup (Slack issue)")
def test_a_connection_dropped_after_slack_accepted_does_not_double(
    tmp_path: Path, fake: FakeSource, slack: FakeSlack
) -> None:
    fake.script("hn", steady=complaint_page(81))
    dropped = {"done": False}

    def accept_then_drop(fake_slack: FakeSlack, request: Any) -> Any:
        answer = fake_slack._post_message(request.body)
        if not dropped["done"]:
            dropped["done"] = True
            raise ConnectionResetError("dropped after accepting")  # the client sees the connection close
        return answer

    slack.on("chat.postMessage", accept_then_drop)
    config = alert_config(tmp_path, fake, slack, "hn")
    daemon = Daemon(config, tmp_path / "daemon.log")
    db = f"sqlite:///{tmp_path / 'repmon.db'}"
    try:
        wait_for(lambda: scalar(db, "SELECT status FROM deliveries") == "sent", 90, "the alert to be recorded")
        code, _ = daemon.terminate()
    finally:
        daemon.stop_quietly()
    assert code == 0 and len(delivered(slack)) == 1


@contextlib.contextmanager
def sqlite_lock(path: Path) -> Iterator[None]:
    conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        conn.rollback()
        conn.close()


def test_sqlite_locked_past_the_busy_timeout(tmp_path: Path, fake: FakeSource) -> None:
    fake.script("hn", steady=hn_page([hn_hit(91, "Northwind lost my bag")]))
    path = tmp_path / "repmon.db"
    db = f"sqlite:///{path}?timeout=1"
    config = write_config(tmp_path / "repmon.toml", db, [hn(fake, "hn", interval="2s")])
    with sqlite_lock(path):
        status = repmon("status", "--config", str(config))
        poll = repmon("poll", "--config", str(config))
        daemon = Daemon(config, tmp_path / "daemon.log")
        try:
            daemon.wait_log("database is locked", timeout=60)
            assert daemon.alive()
        except BaseException:
            daemon.stop_quietly()
            raise
    try:
        wait_for(lambda: "91" in post_ids(f"sqlite:///{path}"), 60, "the daemon to store the page after the lock")
        code, _ = daemon.terminate()
    finally:
        daemon.stop_quietly()
    for done in (status, poll):
        assert done.returncode == 2
        reasons = [line for line in done.stderr.splitlines() if line.startswith("repmon:")]
        assert len(reasons) == 1 and "database is locked" in reasons[0]  # one line among the log lines
    assert code == 0


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    return done.returncode == 0


def test_disk_full_is_one_line_and_nothing_half_written(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "600k"):
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        lines = [
            json.dumps(
                {
                    "observed_at": "2026-11-23T10:00:00Z",
                    "source": "replay",
                    "id": f"d{n}",
                    "text": f"Northwind bag {n} " + "lorem ipsum " * 300,
                }
            )
            for n in range(300)
        ]
        feed = tmp_path / "feed.jsonl"
        feed.write_text("\n".join(lines) + "\n")
        db = f"sqlite:///{disk / 'repmon.db'}"
        config = write_config(tmp_path / "repmon.toml", db, [{"type": "replay", "name": "r", "path": str(feed)}])
        full = repmon("poll", "--config", str(config))
        reasons = [line for line in full.stderr.splitlines() if line.startswith("repmon:")]
        assert full.returncode == 2 and len(reasons) == 1 and "full" in reasons[0]
        stored_before = len(post_ids(db))
        assert stored_before in (0, 300)  # a page is all or nothing
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        again = repmon("poll", "--config", str(config))
        assert again.returncode == 0, again.stderr
        assert len(post_ids(db)) == 300  # posts lost 0
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_postgres_unreachable_mid_run(tmp_path: Path, postgres_url: str) -> None:
    proxy = Proxy(("127.0.0.1", 5432))
    direct = postgres_url
    via_proxy = postgres_url.replace("postgres@127.0.0.1:5432", f"postgres:{SECRET_PASSWORD}@127.0.0.1:{proxy.port}")
    feed = tmp_path / "feed.jsonl"

    def add(post_id: str) -> None:
        with feed.open("a") as out:
            out.write(
                json.dumps(
                    {"observed_at": "2026-11-23T10:00:00Z", "source": "replay", "id": post_id, "text": "Northwind"}
                )
                + "\n"
            )

    add("p1")
    config = write_config(
        tmp_path / "repmon.toml", via_proxy, [{"type": "replay", "name": "r", "path": str(feed), "interval": "1s"}]
    )
    daemon = Daemon(config, tmp_path / "daemon.log")
    try:
        wait_for(lambda: "p1" in post_ids(direct), 60, "the first post")
        proxy.stop()
        add("p2")
        daemon.wait_log("will retry at the next poll", timeout=30)
        status = repmon("status", "--config", str(config))
        assert daemon.alive()
        proxy.start()
        wait_for(lambda: "p2" in post_ids(direct), 60, "the post that arrived during the outage")
        code, took = daemon.terminate()
    finally:
        daemon.stop_quietly()
        proxy.stop()
    reasons = [line for line in status.stderr.splitlines() if line.startswith("repmon:")]
    assert status.returncode == 2 and len(reasons) == 1
    assert code == 0 and took < STOP_LIMIT
    unavailable = [line for line in daemon.log().splitlines() if "will retry at the next poll" in line]
    assert unavailable and all("SELECT" not in line and "UPDATE" not in line for line in unavailable)
    assert_no_secrets(daemon.log(), status.stderr)


def test_no_secret_in_any_daemon_output() -> None:
    assert_no_secrets(*OUTPUTS)
    assert rows  # the harness's row reader is what the tests above used
