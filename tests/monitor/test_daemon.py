"""`repmon run` as ops run it: a real process, a replay source, the fake Slack, a SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from monitor.store.database import open_database
from monitor.store.tables import Incident, Post
from tests.builders import background, obs, repmon_process
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.slack_driver import SocketModeServer, block_action

pytestmark = pytest.mark.slow  # real data or processes: left out of the inner loop (-m "not slow")

TOKEN = "xoxb-daemon-test-secret"
COMPLAINT = "Northwind Air cancelled my flight, kept my money and the agent laughed at me. Never again."


def wait_for(condition: threading.Event, what: str, timeout: float = 60) -> None:
    assert condition.wait(timeout), f"timed out waiting for {what}"


def test_daemon_polls_alerts_and_stops_cleanly_on_sigterm(tmp_path: Path, fake_slack: FakeSlack) -> None:
    feed = tmp_path / "feed.jsonl"
    spike = [
        obs("angry", 100 + m, COMPLAINT, likes=n, created=100, author="dana") for m, n in ((2, 5), (12, 150), (22, 600))
    ]
    feed.write_text("".join(o.model_dump_json() + "\n" for o in [*background("reddit", 40, ticks=8), *spike]))
    db = tmp_path / "repmon.db"
    config = tmp_path / "repmon.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{db}"\n'
        f'[slack]\nchannel = "C0ALERTS"\nbase_url = "{fake_slack.url}"\n'
        '[daemon]\noutbox_interval = "1s"\n'
        '[[sources]]\ntype = "replay"\nname = "feed"\ninterval = "1s"\npath = "feed.jsonl"\n'
    )
    posted = threading.Event()
    original = fake_slack._post_message

    def record(body: dict[str, object]) -> dict[str, object]:
        answer = original(body)
        posted.set()
        return answer

    fake_slack._post_message = record  # type: ignore[method-assign]
    env = {**os.environ, "SLACK_BOT_TOKEN": TOKEN, "SLACK_APP_TOKEN": "xapp-daemon-test"}
    with SocketModeServer(fake_slack) as socket_mode:
        process = repmon_process("run", config, env)
        try:
            wait_for(posted, "the alert to reach Slack")
            [alert] = fake_slack.top_level()
            # the Slack app runs inside `repmon run`: a click over Socket Mode reaches the same process
            click = block_action("repmon_ack", channel=alert.channel, ts=alert.ts, value="reddit:angry")
            assert socket_mode.send("interactive", click, timeout=60)["envelope_id"]
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 0, stderr
    assert "received SIGTERM" in stderr and "repmon daemon stopped cleanly" in stderr
    assert TOKEN not in stderr
    [message] = fake_slack.top_level()
    assert "cancelled my flight" in str(message.blocks)
    engine = open_database(f"sqlite:///{db}")
    incidents = Incident.__table__  # type: ignore[attr-defined]
    with engine.connect() as conn:
        posts = conn.execute(select(func.count()).select_from(Post.__table__)).scalar_one()  # type: ignore[attr-defined]
        taken = conn.execute(select(incidents.c.status, incidents.c.acknowledged_by)).one()
    engine.dispose()
    assert posts == 41
    assert tuple(taken) == ("acknowledged", "U0MAYA")
    assert "taken by <@U0MAYA>" in str(fake_slack.message(alert.ts).blocks)


def test_run_refuses_to_start_when_slack_is_configured_but_the_token_is_missing(tmp_path: Path) -> None:
    config = tmp_path / "repmon.toml"
    config.write_text(f'[database]\nurl = "sqlite:///{tmp_path / "r.db"}"\n[slack]\nchannel = "C0ALERTS"\n')
    env = {k: v for k, v in os.environ.items() if k not in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")}
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "run", "--config", str(config)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "$SLACK_BOT_TOKEN is empty" in done.stderr
    assert "Traceback" not in done.stderr
