"""Serving the Slack app: Socket Mode (no public URL) or HTTP at ``/slack/events``.

The HTTP front checks what bolt's own verification would trip over before handing a request to
bolt: a body that is not UTF-8, a missing or non-numeric timestamp, a missing or malformed
signature. Each of those, and a forged or stale signature (bolt's verdict), is answered 401 and
logged with the reason, never 500. Both modes run in background threads so ``repmon run`` stays
one process; :class:`SlackAppServer` starts and stops them.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger("repmon.slack.serve")
EVENTS_PATH = "/slack/events"
BODY_MAX = 1_000_000  # Slack's payloads are far smaller
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


class SlackAppServer(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


def rejection(headers: dict[str, str], raw: bytes) -> str | None:
    """Why a request is refused before bolt sees it, or None to let bolt verify the signature."""
    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if not timestamp:
        return "no X-Slack-Request-Timestamp"
    if not timestamp.strip().isdigit():
        return "a non-numeric timestamp"
    if not signature:
        return "no X-Slack-Signature"
    if not _SIGNATURE.fullmatch(signature.strip()):
        return "a malformed signature"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "a body that is not UTF-8"
    return None


class HttpSlackServer:
    """Slack's HTTP mode on ``host:port``; every request is verified with the signing secret."""

    def __init__(self, app: App, host: str, port: int, signing_secret: str) -> None:
        self.app = app
        self._verifier = SignatureVerifier(signing_secret)
        self.host = host
        self.port = port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{EVENTS_PATH}"

    def start(self) -> None:
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                server._post(self)

            def do_GET(self) -> None:
                server._reply(self, 405, b"POST Slack requests to /slack/events\n", {})

            def log_message(self, format: str, *args: Any) -> None:
                log.debug("http: " + format, *args)

        self._server = ThreadingHTTPServer((self.host, self.port), _Handler)
        self._server.daemon_threads = True
        self.port = int(self._server.server_address[1])  # port 0 picks a free one (tests)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.2}, name="repmon-slack-http", daemon=True
        )
        self._thread.start()
        log.info("slack app: HTTP mode listening on %s", self.url)

    def stop(self) -> None:
        """Stops serving now, not after the loop's next ``poll_interval`` (a fifth of a second).

        ``shutdown()`` only raises a flag the loop reads when its ``select`` returns; shutting the
        listening socket down makes that ``select`` return at once.
        """
        if self._server is not None:
            stopping = threading.Thread(target=self._server.shutdown, name="repmon-slack-http-stop")
            stopping.start()
            with contextlib.suppress(OSError):
                self._server.socket.shutdown(socket.SHUT_RDWR)
            stopping.join()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def _post(self, handler: BaseHTTPRequestHandler) -> None:
        path = urlsplit(handler.path)
        if path.path.rstrip("/") != EVENTS_PATH:
            self._reply(handler, 404, b"not found\n", {})
            return
        try:
            length = int(handler.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= BODY_MAX:
            self._refuse(handler, "a missing or oversized Content-Length", close=True)
            return
        raw = handler.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in handler.headers.items()}
        why = rejection(headers, raw)
        if why is None and not self._verifier.is_valid(
            raw, headers["x-slack-request-timestamp"].strip(), headers["x-slack-signature"].strip()
        ):
            why = "a forged or stale signature"
        if why is not None:
            self._refuse(handler, why)
            return
        try:
            request = BoltRequest(
                body=raw.decode("utf-8"),
                query=path.query,
                headers={k: [v] for k, v in headers.items()},
            )
        except ValueError as exc:  # signed, but not a payload Slack would send
            log.warning("slack app: a signed request from %s could not be read: %s", handler.client_address[0], exc)
            self._reply(handler, 400, b'{"error":"malformed request"}', {"content-type": "application/json"})
            return
        try:
            response: BoltResponse = self.app.dispatch(request)
        except Exception as exc:  # bolt answers errors itself; this is the last guard
            log.error("slack app: a request failed: %s: %s", type(exc).__name__, exc)
            response = BoltResponse(status=500, body="")
        if response.status == 401:
            log.warning("slack app: refused a request from %s: a forged or stale signature", handler.client_address[0])
        headers_out = {k: ", ".join(v) for k, v in response.headers.items() if k.lower() != "content-length"}
        self._reply(handler, response.status, response.body.encode("utf-8"), headers_out)

    def _refuse(self, handler: BaseHTTPRequestHandler, why: str, *, close: bool = False) -> None:
        log.warning("slack app: refused a request from %s: %s", handler.client_address[0], why)
        if close:
            handler.close_connection = True
        self._reply(handler, 401, b'{"error":"invalid request"}', {"content-type": "application/json"})

    @staticmethod
    def _reply(handler: BaseHTTPRequestHandler, status: int, body: bytes, headers: dict[str, str]) -> None:
        handler.send_response(status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


class SocketSlackServer:
    """Socket Mode: repmon dials out to Slack over a WebSocket; no public URL, no signing secret."""

    def __init__(self, app: App, app_token: str) -> None:
        self.handler = SocketModeHandler(app, app_token, ping_interval=10)

    def start(self) -> None:
        try:
            self.handler.connect()  # type: ignore[no-untyped-call]  # background threads; reconnects by itself
        except Exception:
            self.handler.close()  # type: ignore[no-untyped-call]  # no reconnecting threads left behind
            raise
        log.info("slack app: connected in Socket Mode")

    def stop(self) -> None:
        self.handler.close()  # type: ignore[no-untyped-call]
