"""Notifiers: Slack through the real slack-sdk against a loopback fake, the console, and the choice."""

from __future__ import annotations

import io
import logging
import socket
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from alerts.config import SlackConfig
from alerts.notify import ConsoleNotifier, SendResult, SlackNotConfigured, SlackNotifier, notifier_from_config
from monitor.core.view import IncidentView, PostView
from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)

TOKEN = "xoxb-000-test-SECRET-token"


def make_view(**changes: Any) -> IncidentView:
    post = PostView(
        source="mastodon",
        post_id="110",
        url="https://mastodon.example/@jane/110",
        author_handle="@jane@mastodon.example",
        author_followers=2300,
        text="<!channel> Northwind charged me twice and kept my money",
        compound=-0.7,
        label="negative",
        created_at=datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
        likes=40,
        reposts=12,
    )
    view = IncidentView(
        key="mastodon:110",
        brand="Northwind Air",
        level="warning",
        status="open",
        score=2.1,
        reasons=["echoed by 3 authors in 24h"],
        root=post,
        post_count=3,
        author_count=3,
        sources=["mastodon"],
        draft="I can see why being charged twice has left you worried. I'm sorry; that's on us.",
        abusive=False,
        first_alert_at=datetime(2024, 5, 1, 9, 45, tzinfo=UTC),
        version=1,
    )
    return replace(view, **changes)


def notifier(fake: FakeSlack, **kwargs: Any) -> SlackNotifier:
    # Posts to one channel are paced a second apart (tests/monitor/test_delivery.py checks it on a
    # fake clock); here the wait is skipped, as in tests/monitor/slack_setup.py.
    kwargs.setdefault("sleep", lambda seconds: None)
    return SlackNotifier(TOKEN, kwargs.pop("channel", "C0ALERTS"), base_url=fake.url, **kwargs)


def assert_failed_cleanly(result: SendResult) -> None:
    assert result.ok is False
    assert result.error is not None
    assert result.error.startswith("slack: ")
    assert "\n" not in result.error
    assert len(result.error) <= 300
    assert TOKEN not in result.error
    assert "SECRET" not in result.error


# --- construction ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "channel", "base_url", "problem"),
    [
        ("", "C0ALERTS", "https://slack.com/api/", "token"),
        ("   ", "C0ALERTS", "https://slack.com/api/", "token"),
        (TOKEN, "", "https://slack.com/api/", "channel"),
        (TOKEN, "C0ALERTS", "slack.com/api", "base_url"),
    ],
)
def test_a_slack_notifier_is_checked_when_built(token: str, channel: str, base_url: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem) as raised:
        SlackNotifier(token, channel, base_url=base_url)
    assert TOKEN not in str(raised.value)


def test_the_token_is_not_in_the_repr() -> None:
    slack = SlackNotifier(TOKEN, "#alerts", base_url="https://slack.com/api")
    assert TOKEN not in repr(slack)
    assert "#alerts" in repr(slack)
    assert slack.base_url == "https://slack.com/api/"


# --- posting and updating through the real WebClient ----------------------------------------------


def test_post_sends_blocks_and_returns_channel_and_ts(fake_slack: FakeSlack) -> None:
    result = notifier(fake_slack).post(make_view())
    assert result == SendResult(ok=True, channel="C0ALERTS", ts=fake_slack.messages[0].ts)
    [call] = fake_slack.calls()
    assert call.method == "chat.postMessage"
    assert call.authorization == f"Bearer {TOKEN}"
    assert call.body["channel"] == "C0ALERTS"
    assert call.body["unfurl_links"] is False
    assert call.body["blocks"][0]["type"] == "header"
    assert "&lt;!channel&gt;" in call.body["text"]
    assert "<!channel>" not in call.body["text"]
    message = fake_slack.top_level()[0]
    assert message.thread_ts is None
    assert message.blocks == call.body["blocks"]


def test_a_channel_name_is_answered_with_the_channel_id(fake_slack: FakeSlack) -> None:
    result = notifier(fake_slack, channel="#alerts").post(make_view())
    assert result.ok
    assert result.channel == FakeSlack.channel_id("#alerts")
    assert result.channel.startswith("C")


def test_critical_alerts_mention_the_configured_people(fake_slack: FakeSlack) -> None:
    slack = notifier(fake_slack, mention_on_critical="<!subteam^S0ONCALL>")
    slack.post(make_view(level="warning"))
    slack.post(make_view(level="critical"))
    warning, critical = fake_slack.calls("chat.postMessage")
    assert "<!subteam^S0ONCALL>" not in warning.body["text"]
    assert critical.body["text"].startswith("<!subteam^S0ONCALL> ")


def test_update_edits_the_message_then_notes_the_change_in_its_thread(fake_slack: FakeSlack) -> None:
    slack = notifier(fake_slack, mention_on_critical="@here")
    first = slack.post(make_view())
    assert first.channel
    assert first.ts
    later = make_view(level="critical", version=2, post_count=7, changes=["escalated from warning to critical"])
    result = slack.update(later, first.channel, first.ts)
    assert result == SendResult(ok=True, channel=first.channel, ts=first.ts)

    assert [c.method for c in fake_slack.calls()] == ["chat.postMessage", "chat.update", "chat.postMessage"]
    message = fake_slack.message(first.ts)
    assert len(message.edits) == 1
    assert "7 posts" in str(message.blocks)
    [note] = fake_slack.replies(first.ts)
    assert note.thread_ts == first.ts
    assert note.text is not None
    assert note.text.startswith("<!here> ")
    assert "escalated from warning to critical" in note.text
    assert note.body["reply_broadcast"] is True  # the escalation shows in the channel too
    assert len(fake_slack.top_level()) == 1


def test_a_quiet_update_is_not_broadcast(fake_slack: FakeSlack) -> None:
    slack = notifier(fake_slack, mention_on_critical="@here")
    first = slack.post(make_view(level="critical"))
    assert first.channel
    assert first.ts
    slack.update(
        make_view(level="critical", version=2, changes=["now echoed by 6 distinct authors (was 3)"]),
        first.channel,
        first.ts,
    )
    [note] = fake_slack.replies(first.ts)
    assert note.body["reply_broadcast"] is False
    assert note.text is not None
    assert "<!here>" not in note.text


def test_updating_a_message_that_is_gone_fails_cleanly(fake_slack: FakeSlack) -> None:
    result = notifier(fake_slack).update(make_view(version=2), "C0ALERTS", "1700000099.000099")
    assert_failed_cleanly(result)
    assert result.error is not None
    assert "message_not_found" in result.error
    assert fake_slack.calls("chat.postMessage") == []  # no thread note without the message


# --- failures become results, never exceptions ----------------------------------------------------


def test_an_ok_false_answer_is_a_failed_result_with_a_hint(fake_slack: FakeSlack) -> None:
    fake_slack.fail_next(error="not_in_channel")
    result = notifier(fake_slack).post(make_view())
    assert_failed_cleanly(result)
    assert result.error == "slack: chat.postMessage failed: not_in_channel (invite the bot to the channel with /invite)"
    assert result.retry_after is None
    fake_slack.fail_next(error="missing_scope", needed="chat:write")
    scope = notifier(fake_slack).post(make_view())
    assert scope.error is not None
    assert "add the chat:write scope" in scope.error


def test_a_server_error_is_a_failed_result(fake_slack: FakeSlack) -> None:
    fake_slack.server_error_next(status=500)
    result = notifier(fake_slack).post(make_view())
    assert_failed_cleanly(result)
    assert result.error == "slack: HTTP 500 from chat.postMessage"
    assert len(fake_slack.calls()) == 1  # no retries inside the notifier: the outbox retries
    assert notifier(fake_slack).post(make_view()).ok  # the failure was for one call only


def test_rate_limiting_surfaces_retry_after(fake_slack: FakeSlack) -> None:
    fake_slack.rate_limit_next(retry_after=7)
    result = notifier(fake_slack).post(make_view())
    assert_failed_cleanly(result)
    assert result.retry_after == 7.0
    assert result.error == "slack: rate limited on chat.postMessage (retry after 7s)"
    assert len(fake_slack.calls()) == 1


def test_a_failed_thread_note_fails_the_update_so_it_is_retried(fake_slack: FakeSlack) -> None:
    slack = notifier(fake_slack)
    first = slack.post(make_view())
    assert first.channel
    assert first.ts
    fake_slack.rate_limit_next(retry_after=3, method="chat.postMessage")
    result = slack.update(make_view(version=2, changes=["x"]), first.channel, first.ts)
    assert_failed_cleanly(result)
    assert result.retry_after == 3.0
    assert result.error is not None
    assert "message updated, but the thread note failed" in result.error
    assert len(fake_slack.message(first.ts).edits) == 1
    assert slack.update(make_view(version=2, changes=["x"]), first.channel, first.ts).ok
    assert len(fake_slack.replies(first.ts)) == 1


def test_an_unreachable_slack_is_a_failed_result() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    slack = SlackNotifier(TOKEN, "C0ALERTS", base_url=f"http://127.0.0.1:{port}/api/")
    result = slack.post(make_view())
    assert_failed_cleanly(result)
    assert result.error is not None
    assert result.error.startswith(f"slack: cannot reach 127.0.0.1:{port}")


def test_the_token_never_appears_in_errors_or_logs(fake_slack: FakeSlack, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # slack-sdk's own debug logging included
    slack = notifier(fake_slack)
    fake_slack.fail_next(error="invalid_auth")
    fake_slack.server_error_next()
    fake_slack.rate_limit_next()
    results = [slack.post(make_view()) for _ in range(3)]
    results.append(slack.update(make_view(), "C0ALERTS", "1.2"))
    results.append(slack.post(make_view()))
    assert results[-1].ok
    for result in results[:-1]:
        assert_failed_cleanly(result)
    assert caplog.records
    assert TOKEN not in caplog.text


def test_a_token_echoed_by_the_server_is_redacted(fake_slack: FakeSlack) -> None:
    fake_slack.fail_next(error=f"invalid_auth for {TOKEN}")
    result = notifier(fake_slack).post(make_view())
    assert_failed_cleanly(result)
    assert result.error == "slack: chat.postMessage failed: invalid_auth for [token]"


# --- the console ----------------------------------------------------------------------------------


def test_the_console_prints_the_alert_and_its_updates() -> None:
    out = io.StringIO()
    console = ConsoleNotifier(out)
    first = console.post(make_view())
    second = console.post(make_view(key="mastodon:111"))
    assert first.ok
    assert first.channel == "console"
    assert first.ts
    assert second.ts
    assert first.ts < second.ts
    printed = out.getvalue()
    assert "🟠 Warning: Northwind Air" in printed
    assert "[ Acknowledge ]" in printed
    assert "│ <!channel> Northwind charged me twice" in printed  # shown as typed: a terminal can't be pinged

    out.truncate(0)
    updated = console.update(make_view(version=2, changes=["escalated from warning to critical"]), "console", first.ts)
    assert updated == SendResult(ok=True, channel="console", ts=first.ts)
    printed = out.getvalue()
    assert f"thread reply on mastodon:110 (message {first.ts})" in printed
    assert "• escalated from warning to critical" in printed
    assert "v2" in printed


def test_the_console_defaults_to_stdout_and_never_raises(capsys: pytest.CaptureFixture[str]) -> None:
    assert ConsoleNotifier().post(make_view()).ok
    assert "Northwind Air" in capsys.readouterr().out
    closed = io.StringIO()
    closed.close()
    result = ConsoleNotifier(closed).post(make_view())
    assert result.ok is False
    assert result.error is not None
    assert result.error.startswith("console: ")


# --- choosing a notifier from the config ----------------------------------------------------------


def test_slack_is_used_when_a_token_and_a_channel_are_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPMON_TEST_SLACK_TOKEN", TOKEN)
    config = SlackConfig(token_env="REPMON_TEST_SLACK_TOKEN", channel="#alerts", mention_on_critical="@here")
    chosen = notifier_from_config(config)
    assert isinstance(chosen, SlackNotifier)
    assert chosen.channel == "#alerts"
    assert chosen.mention_on_critical == "@here"


def test_the_console_only_when_slack_is_turned_off(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("REPMON_TEST_SLACK_TOKEN", TOKEN)
    with caplog.at_level(logging.INFO, logger="repmon.notify"):
        chosen = notifier_from_config(SlackConfig(enabled=False, token_env="REPMON_TEST_SLACK_TOKEN", channel="C1"))
    assert isinstance(chosen, ConsoleNotifier)
    assert "console" in caplog.text
    assert TOKEN not in caplog.text


@pytest.mark.parametrize(
    ("token", "channel", "why"),
    [
        (None, "#alerts", "$REPMON_TEST_SLACK_TOKEN is empty"),
        (TOKEN, None, "slack.channel: required"),
        (None, None, "$REPMON_TEST_SLACK_TOKEN is empty"),
    ],
)
def test_slack_enabled_but_unusable_fails_instead_of_printing(
    token: str | None, channel: str | None, why: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if token:
        monkeypatch.setenv("REPMON_TEST_SLACK_TOKEN", token)
    else:
        monkeypatch.delenv("REPMON_TEST_SLACK_TOKEN", raising=False)
    with pytest.raises(SlackNotConfigured) as raised:
        notifier_from_config(SlackConfig(token_env="REPMON_TEST_SLACK_TOKEN", channel=channel))
    assert why in str(raised.value)
    assert TOKEN not in str(raised.value)


def test_notifier_from_config_talks_to_the_configured_base_url(
    fake_slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPMON_TEST_SLACK_TOKEN", TOKEN)
    chosen = notifier_from_config(
        SlackConfig(token_env="REPMON_TEST_SLACK_TOKEN", channel="C0ALERTS", base_url=fake_slack.url.rstrip("/"))
    )
    assert chosen.post(make_view()).ok
    assert fake_slack.calls()[0].authorization == f"Bearer {TOKEN}"


# --- the fake itself, for the other suites that reuse it ------------------------------------------


def test_the_fake_speaks_form_and_json_and_checks_threads(fake_slack: FakeSlack) -> None:
    client = WebClient(token=TOKEN, base_url=fake_slack.url, retry_handlers=[])
    form = client.api_call("chat.postMessage", data={"channel": "C1", "text": "hi", "blocks": '[{"type": "divider"}]'})
    assert form["ok"]
    assert fake_slack.calls()[0].body["blocks"] == [{"type": "divider"}]
    assert "form" in fake_slack.calls()[0].content_type
    reply = client.chat_postMessage(channel="C1", text="in thread", thread_ts=form["ts"])
    assert float(reply["ts"]) > float(form["ts"])
    with pytest.raises(SlackApiError) as missing:
        client.chat_postMessage(channel="C1", text="x", thread_ts="1.1")
    assert missing.value.response["error"] == "thread_not_found"
    with pytest.raises(SlackApiError) as unknown:
        client.api_call("conversations.list")
    assert unknown.value.response["error"] == "unknown_method"
    assert client.auth_test()["user_id"] == "U0REPMON"
    assert [m.text for m in fake_slack.replies(form["ts"])] == ["in thread"]
    client.chat_delete(channel="C1", ts=form["ts"])
    assert fake_slack.top_level() == []


def test_the_fake_checks_the_token_when_told_and_accepts_handlers() -> None:
    with FakeSlack(token=TOKEN) as fake:
        good = WebClient(token=TOKEN, base_url=fake.url, retry_handlers=[])
        bad = WebClient(token="xoxb-wrong", base_url=fake.url, retry_handlers=[])
        assert good.chat_postMessage(channel="C1", text="x")["ok"]
        with pytest.raises(SlackApiError) as denied:
            bad.chat_postMessage(channel="C1", text="x")
        assert denied.value.response["error"] == "invalid_auth"
        fake.on(
            "views.open",
            lambda f, request: {"ok": True, "view": {"id": "V1"}, "seen": request.body["trigger_id"]},
        )
        assert good.views_open(trigger_id="t1", view={"type": "modal"})["seen"] == "t1"
        fake.fail_next(2, error="ratelimited", method="chat.update")
        assert good.chat_postMessage(channel="C1", text="y")["ok"]  # only chat.update fails
        assert fake.url.endswith("/")
