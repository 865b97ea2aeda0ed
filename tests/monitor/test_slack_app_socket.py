"""The Slack app in Socket Mode: envelopes over a loopback WebSocket, acknowledged by the real bolt."""

from __future__ import annotations

import json
import logging

import pytest
from sqlalchemy import Engine

from alerts.slack import modals
from monitor.slack_app import start_slack_app
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.monitor.slack_setup import APP_TOKEN, alerted
from tests.monitor.test_slack_app_http import ARGUING, GOOD_REPLY
from tests.slack_driver import SocketModeServer, block_action, slash_command, view_submission


@pytest.mark.slow
def test_the_whole_workflow_over_socket_mode(
    engine: Engine, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = alerted(engine, fake_slack, mode="socket")
    with SocketModeServer(fake_slack) as slack, a.app(monkeypatch):
        assert slack.connected.wait(15), "the app did not connect"
        [opened] = fake_slack.calls("apps.connections.open")
        assert opened.authorization == f"Bearer {APP_TOKEN}"

        ack = slack.send("interactive", block_action("repmon_ack", channel=a.channel, ts=a.ts, value=a.key))
        assert ack["envelope_id"].startswith("env-")
        assert (a.incident()["status"], a.incident()["acknowledged_by"]) == ("acknowledged", "U0MAYA")
        assert "taken by <@U0MAYA> at 14:02" in json.dumps(fake_slack.message(a.ts).blocks)

        slack.send("interactive", block_action("repmon_snooze", channel=a.channel, ts=a.ts, selected="1h"))
        assert a.incident()["status"] == "snoozed"

        slack.send("interactive", block_action("repmon_edit", channel=a.channel, ts=a.ts, value=a.key))
        view = fake_slack.views[-1]["view"]
        refused = slack.send("interactive", view_submission(view, {modals.DRAFT_BLOCK: {modals.DRAFT_INPUT: ARGUING}}))
        assert refused["payload"]["response_action"] == "errors"
        assert modals.DRAFT_BLOCK in refused["payload"]["errors"]
        slack.send("interactive", view_submission(view, {modals.DRAFT_BLOCK: {modals.DRAFT_INPUT: GOOD_REPLY}}))
        assert a.incident()["draft_by"] == "U0MAYA"
        assert len(fake_slack.replies(a.ts)) == 1

        slack.send("interactive", block_action("repmon_replied", channel=a.channel, ts=a.ts, value=a.key))
        slack.send("interactive", view_submission(fake_slack.views[-1]["view"], {}))
        assert a.incident()["replied_at"] is not None

        slack.send("interactive", block_action("repmon_resolve", channel=a.channel, ts=a.ts, value=a.key))
        assert a.incident()["status"] == "resolved"
        slack.send("interactive", block_action("repmon_reopen", channel=a.channel, ts=a.ts, value=a.key))
        slack.send(
            "interactive",
            block_action("repmon_not_relevant", channel=a.channel, ts=a.ts, selected="already_handled"),
        )
        assert a.incident()["status"] == "closed"

        answer = slack.send("slash_commands", slash_command("incidents"))
        assert answer["payload"]["response_type"] == "ephemeral"
        assert a.key in answer["payload"]["text"]
        checked = slack.send("slash_commands", slash_command(f"check {ARGUING}"))
        assert "found:" in checked["payload"]["text"]


@pytest.mark.slow
def test_a_refused_app_token_leaves_delivery_running_and_says_so(
    engine: Engine, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    a = alerted(engine, fake_slack, mode="socket")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-revoked")  # the fake has no Socket Mode server: refused
    with caplog.at_level(logging.ERROR, logger="repmon.slack"):
        assert start_slack_app(a.config, engine) is None
    assert "slack app NOT running" in caplog.text
    assert "xapp-revoked" not in caplog.text
