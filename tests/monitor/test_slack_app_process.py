"""`repmon slack-app` as ops run it: a real process in HTTP mode, signed and forged requests, SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.builders import repmon_process
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.monitor.slack_setup import BOT_TOKEN, SIGNING_SECRET
from tests.slack_driver import post, signed_post, slash_command


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_listening(port: int, process: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)  # polling for readiness, not timing an assertion
    raise AssertionError("repmon slack-app never listened")


@pytest.mark.slow
def test_slack_app_alone_in_http_mode(tmp_path: Path, fake_slack: FakeSlack) -> None:
    port = free_port()
    config = tmp_path / "repmon.toml"
    config.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "r.db"}"\n'
        f'[slack]\nchannel = "C0ALERTS"\nbase_url = "{fake_slack.url}"\n'
        f'[slack.app]\nmode = "http"\nlisten = "127.0.0.1:{port}"\n'
    )
    env = {**os.environ, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}
    process = repmon_process("slack-app", config, env)
    try:
        wait_until_listening(port, process)
        url = f"http://127.0.0.1:{port}/slack/events"
        status, answer = signed_post(url, SIGNING_SECRET, urlencode(slash_command("status")).encode())
        assert status == 200, answer
        assert "incidents: 0 open" in json.loads(answer)["text"]
        forged_headers = {"X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=" + "b" * 64}
        forged = post(url, b"command=/repmon&text=status", forged_headers)
        assert forged[0] == 401
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, stderr
    assert "refused a request" in stderr
    assert "Traceback" not in stderr
    assert SIGNING_SECRET not in stderr and BOT_TOKEN not in stderr
