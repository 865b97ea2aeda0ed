"""Driving the Slack app as Slack would: interaction payloads, signed HTTP requests, Socket Mode.

:class:`SocketModeServer` is a loopback WebSocket server (the ``websockets`` package) that plays
Slack's side of Socket Mode: attach it to a :class:`~tests.fake_slack.FakeSlack` and the fake's
``apps.connections.open`` answers with its ``ws://`` URL; :meth:`SocketModeServer.send` sends an
envelope to the connected app and returns the app's acknowledgement (with its response payload).

The payload builders give the shapes Slack sends for a button click, a select, a modal
submission and a slash command, with only the fields repmon reads plus the ones bolt needs.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlencode

from websockets.sync.server import Server, ServerConnection, serve

from tests.fake_slack import FakeSlack

TEAM = "T0REPMON"
_ids = itertools.count(1)


def _user(user: str, name: str) -> dict[str, Any]:
    return {"id": user, "username": name, "name": name, "team_id": TEAM}


def block_action(
    action_id: str,
    *,
    channel: str,
    ts: str,
    value: str | None = None,
    selected: str | None = None,
    user: str = "U0MAYA",
    name: str = "maya",
) -> dict[str, Any]:
    """A click on a button (``value``) or a choice in a select (``selected``) of the message (channel, ts)."""
    action: dict[str, Any] = {"action_id": action_id, "block_id": "repmon_actions", "action_ts": f"{time.time():.6f}"}
    if selected is None:
        action |= {"type": "button", "value": value}
    else:
        option = {"value": selected, "text": {"type": "plain_text", "text": selected}}
        action |= {"type": "static_select", "selected_option": option}
    return {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": _user(user, name),
        "api_app_id": "A0REPMON",
        "token": "legacy-verification-token",
        "container": {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": False},
        "trigger_id": f"trigger.{next(_ids)}",
        "channel": {"id": channel, "name": "social-alerts"},
        "message": {"type": "message", "ts": ts, "text": "alert"},
        "actions": [action],
    }


def view_submission(
    view: dict[str, Any], values: dict[str, dict[str, str]], *, user: str = "U0MAYA", name: str = "maya"
) -> dict[str, Any]:
    """Submitting ``view`` (as views.open received it) with ``{block_id: {action_id: text}}`` typed in."""
    state = {block: {action: {"type": "plain_text_input", "value": text} for action, text in acts.items()}
             for block, acts in values.items()}  # fmt: skip
    return {
        "type": "view_submission",
        "team": {"id": TEAM},
        "user": _user(user, name),
        "api_app_id": "A0REPMON",
        "trigger_id": f"trigger.{next(_ids)}",
        "view": {**view, "id": f"V{next(_ids):08d}", "team_id": TEAM, "state": {"values": state}},
    }


def slash_command(text: str, *, user: str = "U0MAYA", channel: str = "C0ALERTS") -> dict[str, str]:
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM,
        "channel_id": channel,
        "user_id": user,
        "user_name": "maya",
        "command": "/repmon",
        "text": text,
        "api_app_id": "A0REPMON",
        "response_url": "http://127.0.0.1:9/commands/response",
        "trigger_id": f"trigger.{next(_ids)}",
    }


def form_body(payload: dict[str, Any]) -> bytes:
    """An interaction payload as Slack POSTs it: ``payload=<json>`` form-encoded."""
    return urlencode({"payload": json.dumps(payload)}).encode()


def sign(secret: str, body: bytes, timestamp: int | str) -> str:
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    """POST to the app's HTTP endpoint; returns (status, body) whatever the status."""
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", **headers})  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def signed_post(url: str, secret: str, body: bytes, *, timestamp: int | None = None) -> tuple[int, str]:
    stamp = int(time.time()) if timestamp is None else timestamp
    return post(url, body, {"X-Slack-Request-Timestamp": str(stamp), "X-Slack-Signature": sign(secret, body, stamp)})


class SocketModeServer:
    """Slack's side of Socket Mode on 127.0.0.1: hello, envelopes out, acknowledgements back."""

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.connected = threading.Event()
        self.acks: dict[str, dict[str, Any]] = {}
        self._acked = threading.Condition()
        self._connection: ServerConnection | None = None
        self._server: Server | None = None
        self._thread: threading.Thread | None = None

    def __enter__(self) -> SocketModeServer:
        self._server = serve(self._handle, "127.0.0.1", 0, compression=None)
        port = self._server.socket.getsockname()[1]
        self.fake.socket_url = f"ws://127.0.0.1:{port}/link/?ticket=test"
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-socket-mode", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.shutdown()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.fake.socket_url = None

    def _handle(self, connection: ServerConnection) -> None:
        self._connection = connection
        connection.send(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0REPMON"}}))
        self.connected.set()
        try:
            for message in connection:
                data = json.loads(message)
                if "envelope_id" in data:
                    with self._acked:
                        self.acks[data["envelope_id"]] = data
                        self._acked.notify_all()
        except Exception:
            pass

    def send(self, kind: str, payload: dict[str, Any], timeout: float = 15) -> dict[str, Any]:
        """Send one envelope (``interactive`` or ``slash_commands``) and wait for the app's ack."""
        assert self.connected.wait(timeout), "the app never connected in Socket Mode"
        assert self._connection is not None
        envelope_id = f"env-{next(_ids)}"
        envelope = {"envelope_id": envelope_id, "type": kind, "payload": payload, "accepts_response_payload": True}
        self._connection.send(json.dumps(envelope))
        with self._acked:
            assert self._acked.wait_for(lambda: envelope_id in self.acks, timeout), f"no ack for {kind}"
            return self.acks[envelope_id]
