"""The Slack app in HTTP mode: every button and modal, /repmon, and requests that must be refused.

Slack's side is played by signed HTTP requests to the app's real server; the app answers through
the real bolt and slack-sdk into the loopback fake Slack.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from alerts.slack import modals
from alerts.slack.serve import HttpSlackServer
from monitor.cli import app
from monitor.store import workflow
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)
from tests.monitor.slack_setup import BOT_TOKEN, SIGNING_SECRET, Alerted, alerted
from tests.slack_driver import block_action, form_body, post, sign, signed_post, slash_command, view_submission

GOOD_REPLY = (
    "I can see why a cancelled flight and no refund has left you angry, and I'm sorry: that's on us. "
    "Your refund is on its way today; could you send us a DM so we can confirm the details?"
)
ARGUING = "Actually, our policy clearly states refunds take 10 days. You should have read the terms."


def click(a: Alerted, url: str, action_id: str, **kwargs: str) -> tuple[int, str]:
    value = None if "selected" in kwargs else a.key
    body = form_body(block_action(action_id, channel=a.channel, ts=a.ts, value=value, **kwargs))
    return signed_post(url, SIGNING_SECRET, body)


def url_of(server: object) -> str:
    assert isinstance(server, HttpSlackServer)
    return server.url


@pytest.mark.slow
def test_every_button_changes_the_incident_and_the_message(
    engine: Engine, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    a = alerted(engine, fake_slack)
    with a.app(monkeypatch) as (_, server):
        url = url_of(server)
        assert click(a, url, "repmon_ack")[0] == 200
        incident = a.incident()
        assert (incident["status"], incident["acknowledged_by"]) == ("acknowledged", "U0MAYA")
        assert incident["acknowledged_at"] == a.clock.now
        assert "taken by <@U0MAYA> at 14:02" in json.dumps(fake_slack.message(a.ts).blocks)
        assert "repmon_ack" not in json.dumps(fake_slack.message(a.ts).blocks)
        with engine.connect() as conn:  # what `repmon incidents --json` lists
            [listed] = [row.as_dict() for row in workflow.list_incidents(conn)]
        assert (listed["status"], listed["acknowledged_by"], listed["acknowledged_by_name"]) == (
            "acknowledged",
            "U0MAYA",
            "maya",
        )

        assert click(a, url, "repmon_ack", user="U0OTHER", name="other")[0] == 200
        assert a.incident()["acknowledged_by"] == "U0MAYA"  # the first owner is kept
        assert fake_slack.ephemerals[-1]["user"] == "U0OTHER"
        assert "already taken" in fake_slack.ephemerals[-1]["text"]
        assert "taken by <@U0MAYA> at 14:02" in fake_slack.ephemerals[-1]["text"]  # by whom, and when

        click(a, url, "repmon_snooze", selected="4h")
        incident = a.incident()
        assert incident["status"] == "snoozed"
        assert incident["snoozed_until"] == a.clock.now + timedelta(hours=4)
        assert "snoozed until 18:02 UTC" in json.dumps(fake_slack.message(a.ts).blocks)

        click(a, url, "repmon_resolve")
        assert (a.incident()["status"], a.incident()["resolved_by"]) == ("resolved", "U0MAYA")
        assert json.dumps(fake_slack.message(a.ts).blocks).count('"action_id": "repmon_reopen"') == 1

        click(a, url, "repmon_reopen")
        assert a.incident()["status"] == "acknowledged"  # back to its owner

        click(a, url, "repmon_not_relevant", selected="spam", user="U0LEAD", name="lead")
        assert a.incident()["status"] == "closed"
        with engine.connect() as conn:
            [verdict] = workflow.feedback(conn)
        assert (verdict["key"], verdict["user_id"], verdict["reason"]) == (a.key, "U0LEAD", "spam")
        click(a, url, "repmon_not_relevant", selected="spam")  # closed already: no second verdict
        with engine.connect() as conn:
            assert len(workflow.feedback(conn)) == 1
    config = tmp_path / "repmon.toml"
    config.write_text(f'[database]\nurl = "{engine.url.render_as_string(hide_password=False)}"\n')
    listed = CliRunner().invoke(app, ["feedback", "--labels", "--config", str(config)])
    assert listed.exit_code == 0, listed.output
    source, _, post_id = a.key.partition(":")
    assert json.loads(listed.stdout) == {"source": source, "id": post_id, "spreading": False, "feedback": "spam"}


def test_edit_draft_runs_the_tone_check_before_accepting(
    engine: Engine, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = alerted(engine, fake_slack)
    with a.app(monkeypatch) as (_, server):
        url = url_of(server)
        assert click(a, url, "repmon_edit")[0] == 200
        [opened] = fake_slack.views
        view = opened["view"]
        assert opened["trigger_id"].startswith("trigger.")
        assert view["callback_id"] == modals.EDIT_CALLBACK
        assert view["blocks"][1]["element"]["initial_value"] == a.incident()["draft"]

        typed = {modals.DRAFT_BLOCK: {modals.DRAFT_INPUT: ARGUING}}
        status, answer = signed_post(url, SIGNING_SECRET, form_body(view_submission(view, typed)))
        assert status == 200
        errors = json.loads(answer)
        assert errors["response_action"] == "errors"
        assert "Before this goes out" in errors["errors"][modals.DRAFT_BLOCK]
        assert a.incident()["draft"] != ARGUING
        assert fake_slack.replies(a.ts) == []

        typed = {modals.DRAFT_BLOCK: {modals.DRAFT_INPUT: GOOD_REPLY}}
        status, answer = signed_post(url, SIGNING_SECRET, form_body(view_submission(view, typed)))
        assert (status, answer) == (200, "")
        incident = a.incident()
        assert (incident["draft"], incident["draft_by"]) == (GOOD_REPLY, "U0MAYA")
        [note] = fake_slack.replies(a.ts)
        assert note.text is not None
        assert note.text.startswith("✍️ Reply text by <@U0MAYA>")
        assert "I can see why a cancelled flight" in note.text
        assert "edited by <@U0MAYA>" in json.dumps(fake_slack.message(a.ts).blocks)


def test_mark_replied_records_the_time_to_first_reply(
    engine: Engine, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = alerted(engine, fake_slack)
    with a.app(monkeypatch) as (_, server):
        url = url_of(server)
        click(a, url, "repmon_replied")
        view = fake_slack.views[-1]["view"]
        assert view["callback_id"] == modals.REPLIED_CALLBACK
        bad = {modals.URL_BLOCK: {modals.URL_INPUT: "javascript:alert(1)"}}
        _, answer = signed_post(url, SIGNING_SECRET, form_body(view_submission(view, bad)))
        assert json.loads(answer)["response_action"] == "errors"
        assert a.incident()["replied_at"] is None
        a.clock.advance(minutes=25)
        link = "https://bsky.app/profile/northwind/post/1"
        good = {modals.URL_BLOCK: {modals.URL_INPUT: link}}
        assert signed_post(url, SIGNING_SECRET, form_body(view_submission(view, good)))[0] == 200
    incident = a.incident()
    assert (incident["replied_by"], incident["reply_url"]) == ("U0MAYA", link)
    with engine.connect() as conn:
        [row] = workflow.list_incidents(conn)
    waited = incident["replied_at"] - incident["first_alert_at"]
    assert row.minutes_to_first_reply == pytest.approx(waited.total_seconds() / 60, abs=0.1)
    assert "replied publicly by <@U0MAYA>" in json.dumps(fake_slack.message(a.ts).blocks)


@pytest.mark.slow
def test_the_slash_command_answers_ephemerally(
    engine: Engine, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = alerted(engine, fake_slack)
    with a.app(monkeypatch) as (_, server):
        url = url_of(server)

        def command(text: str) -> dict[str, str]:
            status, answer = signed_post(url, SIGNING_SECRET, urlencode(slash_command(text)).encode())
            assert status == 200, answer
            parsed: dict[str, str] = json.loads(answer)
            assert parsed["response_type"] == "ephemeral"
            return parsed

        click(a, url, "repmon_ack")
        assert "1 acknowledged" in command("status")["text"]
        assert "taken by maya" in command("status")["text"]
        listed = command("incidents")["text"]
        assert a.key in listed and "taken by <@U0MAYA>" in listed
        assert "found:" in command(f"check {ARGUING}")["text"]
        assert "found nothing" in command(f"check {GOOD_REPLY}")["text"]
        drafted = command("draft They lost my bag and nobody answers the phone")["text"]
        assert drafted.startswith("Suggested reply:")
        assert "no post with that URL" in command("draft https://example.com/unknown")["text"]
        assert "/repmon status" in command("")["text"]


@pytest.mark.parametrize(
    ("why", "headers"),
    [
        ("no X-Slack-Request-Timestamp", {"X-Slack-Signature": "v0=" + "0" * 64}),
        ("a non-numeric timestamp", {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=" + "0" * 64}),
        ("no X-Slack-Signature", {"X-Slack-Request-Timestamp": "{now}"}),
        ("a malformed signature", {"X-Slack-Request-Timestamp": "{now}", "X-Slack-Signature": "sha1=abc"}),
        ("a forged or stale signature", {"X-Slack-Request-Timestamp": "{now}", "X-Slack-Signature": "v0=" + "a" * 64}),
    ],
)
def test_unsigned_or_badly_signed_requests_get_401_and_change_nothing(
    why: str,
    headers: dict[str, str],
    engine: Engine,
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    a = alerted(engine, fake_slack)
    body = form_body(block_action("repmon_ack", channel=a.channel, ts=a.ts, value=a.key))
    now = str(int(time.time()))
    with a.app(monkeypatch) as (_, server), caplog.at_level(logging.WARNING, logger="repmon.slack"):
        status, _ = post(url_of(server), body, {k: v.replace("{now}", now) for k, v in headers.items()})
    assert status == 401
    assert why in caplog.text
    assert a.incident()["status"] == "open"
    assert SIGNING_SECRET not in caplog.text and BOT_TOKEN not in caplog.text


def test_stale_and_non_utf8_requests_get_401_and_a_replay_changes_nothing_twice(
    engine: Engine, fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    a = alerted(engine, fake_slack)
    body = form_body(block_action("repmon_ack", channel=a.channel, ts=a.ts, value=a.key))
    with a.app(monkeypatch) as (_, server), caplog.at_level(logging.WARNING, logger="repmon.slack"):
        url = url_of(server)
        stale = int(time.time()) - 600
        assert signed_post(url, SIGNING_SECRET, body, timestamp=stale)[0] == 401
        assert a.incident()["status"] == "open"
        latin = "payload=caf\xe9".encode("latin-1")
        assert signed_post(url, SIGNING_SECRET, latin)[0] == 401
        assert "not UTF-8" in caplog.text
        assert signed_post(url, SIGNING_SECRET, b"payload=not-json")[0] == 400  # signed, but garbage: no 500
        assert signed_post(url, SIGNING_SECRET, b"payload=%7B%7D")[0] < 500

        now = int(time.time())
        headers = {"X-Slack-Request-Timestamp": str(now), "X-Slack-Signature": sign(SIGNING_SECRET, body, now)}
        assert post(url, body, headers)[0] == 200
        edits = len(fake_slack.message(a.ts).edits)
        assert post(url, body, headers)[0] == 200  # the same signed request again, within 5 minutes
        assert len(fake_slack.message(a.ts).edits) == edits
        assert fake_slack.ephemerals == []
        assert "replayed" in caplog.text
    with engine.connect() as conn:
        assert conn.execute(select(workflow._REQUESTS.c.digest)).all() != []
