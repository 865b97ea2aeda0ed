"""A loopback fake of the Slack Web API, for tests that send through the real ``slack_sdk``.

A real HTTP server on 127.0.0.1 (random port, one thread per request) that speaks enough of the
Web API for repmon: ``chat.postMessage`` (with message ``metadata``), ``chat.update``,
``chat.delete``, ``chat.postEphemeral``, ``conversations.history`` (``include_all_metadata``),
``views.open``/``views.update``, ``apps.connections.open`` (answering the ``ws://`` URL of the
Socket Mode server in ``tests/slack_socket.py`` once one is attached) and ``auth.test``.

More failures on demand: ``fake.drop_next(method=...)`` records the call (a post is kept!) then
closes the connection without an answer, as a crash or a cut network would; ``fake.hang_next()``
holds the answer until ``fake.release()`` (client timeouts); ``fake.outage = True`` answers every
call with 503; ``fake.revoked = True`` answers every call with ``account_inactive``.
Point slack-sdk (or repmon's ``SlackNotifier``/``[slack] base_url``) at ``fake.url``, which ends
with ``/`` as slack-sdk expects. The ``fake_slack`` fixture is defined as ``fake_slack_fixture``
(so importing it doesn't shadow the test argument); import it, or load this module once with
``pytest_plugins = ("tests.fake_slack",)`` in the top-level ``tests/conftest.py``, or use
``with FakeSlack() as fake:`` directly::

    from tests.fake_slack import FakeSlack, fake_slack_fixture  # noqa: F401  (provides fake_slack)

    def test_something(fake_slack: FakeSlack) -> None:
        notifier = SlackNotifier("xoxb-test", "C0ALERTS", base_url=fake_slack.url)
        result = notifier.post(view)
        assert fake_slack.messages[0].text.startswith(...)
        assert fake_slack.requests[0].authorization == "Bearer xoxb-test"

What it records (``fake.requests``): every call, with the API method, the parsed body (JSON or
form; a form's ``blocks``/``attachments`` JSON strings are decoded), the query string, the
headers and the ``Authorization`` header, in arrival order. What it keeps (``fake.messages``):
every message posted, top-level and thread replies alike, with its ``thread_ts`` and every
``chat.update`` applied to it (``message.edits``).

How it answers:

* ``chat.postMessage``: ``{"ok": true, "channel": <id>, "ts": <unique, increasing>, "message": ...}``.
  A channel given by name (``#alerts`` or ``alerts``) is answered with a stable ID (``C`` + ...),
  as Slack does, so callers must store the returned channel. A ``thread_ts`` must name an
  existing top-level message in that channel (else ``thread_not_found``).
* ``chat.update``: needs an existing ``ts`` in that channel (``message_not_found`` otherwise) and
  replaces its text/blocks.
* ``chat.delete``: removes the message (``message_not_found`` if absent).
* ``auth.test``: the bot's identity.
* the files upload v2 flow, as slack-sdk's ``files_upload_v2`` drives it:
  ``files.getUploadURLExternal`` (needs ``filename`` and ``length``) answers a ``file_id`` and an
  ``upload_url`` on this server; a ``POST`` of the bytes to that URL stores them (``length``
  must match); ``files.completeUploadExternal`` shares the uploaded files to ``channel_id``
  (and ``thread_ts``), ``file_not_found`` for an ID never uploaded. Shared files are in
  ``fake.files`` (:class:`File`, with the bytes, channel, thread and title).
* any other method: ``{"ok": false, "error": "unknown_method"}``, unless a handler was added
  with :meth:`FakeSlack.on`.

With ``FakeSlack(token="xoxb-...")`` a request carrying another token gets ``invalid_auth``.

Failures on demand, for the next N calls (optionally only for one method), first queued first used:
``fake.fail_next(error="channel_not_found")`` (HTTP 200, ``ok: false``),
``fake.server_error_next(status=500)`` (an HTML error page, like a load balancer's) and
``fake.rate_limit_next(retry_after=30)`` (HTTP 429 with ``Retry-After``).
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

TS_BASE = 1_700_000_000
UPLOAD_PATH = "/upload/v1/"
_ID_CHARS = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"


@dataclass
class Request:
    """One call the fake received."""

    method: str  # the API method, e.g. "chat.postMessage"
    path: str  # the full request path, e.g. "/api/chat.postMessage"
    body: dict[str, Any]  # JSON body, or form fields (one value each; blocks decoded)
    query: dict[str, str]
    headers: dict[str, str]
    authorization: str | None  # the Authorization header as sent, e.g. "Bearer xoxb-..."
    content_type: str
    raw: bytes


@dataclass
class Message:
    """A message as the fake stores it."""

    channel: str
    ts: str
    text: str | None
    blocks: list[dict[str, Any]] | None
    thread_ts: str | None = None
    body: dict[str, Any] = field(default_factory=dict)  # everything the post sent
    edits: list[dict[str, Any]] = field(default_factory=list)  # each chat.update body, in order
    deleted: bool = False
    metadata: dict[str, Any] | None = None


@dataclass
class File:
    """A file uploaded through the v2 flow (``data`` is empty until its bytes arrive)."""

    id: str
    filename: str
    length: int
    alt_txt: str | None = None
    data: bytes = b""
    uploaded: bool = False
    title: str | None = None
    channel: str | None = None  # set by files.completeUploadExternal
    thread_ts: str | None = None
    initial_comment: str | None = None
    completed: bool = False


@dataclass
class _Failure:
    status: int
    payload: dict[str, Any] | None  # JSON answer; None sends ``text`` as an HTML page
    text: str
    headers: dict[str, str]
    method: str | None
    remaining: int


Handler = Callable[["FakeSlack", Request], "tuple[int, dict[str, Any]] | dict[str, Any]"]


class FakeSlack:
    """The fake server; use as a context manager or through the ``fake_slack`` fixture."""

    def __init__(self, *, token: str | None = None, bot_user: str = "U0REPMON", team: str = "T0REPMON") -> None:
        self.token = token
        self.bot_user = bot_user
        self.team = team
        self.requests: list[Request] = []
        self.messages: list[Message] = []
        self.uploads: dict[str, File] = {}  # every file an upload URL was issued for, by ID
        self._failures: list[_Failure] = []
        self._handlers: dict[str, Handler] = {}
        self._counter = 0
        self.ephemerals: list[dict[str, Any]] = []  # chat.postEphemeral bodies
        self.views: list[dict[str, Any]] = []  # views.open/update bodies, with "method"
        self.socket_url: str | None = None  # set by a SocketModeServer
        self.outage = False
        self.revoked = False
        self._drops: list[str | None] = []
        self._hangs: list[str | None] = []
        self._released = threading.Event()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------------------

    def start(self) -> FakeSlack:
        fake = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                fake._serve(self)

            def do_GET(self) -> None:
                fake._serve(self)

            def log_message(self, format: str, *args: Any) -> None:  # quiet test output
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},  # so close() returns promptly
            name="fake-slack",
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeSlack is not started")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The Web API root to give slack-sdk as ``base_url`` (ends with ``/``)."""
        return f"http://127.0.0.1:{self.port}/api/"

    # -- telling it what to do ----------------------------------------------------------------------

    def fail_next(self, n: int = 1, *, error: str = "internal_error", method: str | None = None, **extra: Any) -> None:
        """Answer the next ``n`` calls (of ``method``, if given) with HTTP 200 and ``ok: false``."""
        self._queue(_Failure(200, {"ok": False, "error": error, **extra}, "", {}, method, n))

    def server_error_next(self, n: int = 1, *, status: int = 500, method: str | None = None) -> None:
        """Answer the next ``n`` calls with an HTML error page and ``status`` (500, 502, 503 ...)."""
        page = f"<html><body><h1>{status} Server Error</h1></body></html>"
        self._queue(_Failure(status, None, page, {}, method, n))

    def rate_limit_next(self, n: int = 1, *, retry_after: int = 30, method: str | None = None) -> None:
        """Answer the next ``n`` calls with HTTP 429, ``Retry-After: retry_after`` and ``ratelimited``."""
        headers = {"Retry-After": str(retry_after)}
        self._queue(_Failure(429, {"ok": False, "error": "ratelimited"}, "", headers, method, n))

    def drop_next(self, *, method: str | None = None) -> None:
        """Handle the next call (of ``method``) normally, then hang up without answering."""
        with self._lock:
            self._drops.append(method)

    def hang_next(self, *, method: str | None = None) -> None:
        """Hold the answer to the next call until :meth:`release` (the client times out first)."""
        with self._lock:
            self._hangs.append(method)
        self._released.clear()

    def release(self) -> None:
        self._released.set()

    def on(self, method: str, handler: Handler) -> None:
        """Answer ``method`` with ``handler(fake, request)``: a payload dict, or ``(status, payload)``."""
        self._handlers[method] = handler

    def reset(self) -> None:
        with self._lock:
            self.requests.clear()
            self.messages.clear()
            self.uploads.clear()
            self._failures.clear()

    def _queue(self, failure: _Failure) -> None:
        if failure.remaining < 1:
            raise ValueError("n must be at least 1")
        with self._lock:
            self._failures.append(failure)

    # -- reading what happened ----------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if method is None or r.method == method]

    def message(self, ts: str, channel: str | None = None) -> Message:
        with self._lock:
            for m in self.messages:
                if m.ts == ts and (channel is None or m.channel == self.channel_id(channel)):
                    return m
        raise KeyError(ts)

    def top_level(self, channel: str | None = None) -> list[Message]:
        """Messages that are not thread replies, oldest first (deleted ones left out)."""
        with self._lock:
            return [
                m
                for m in self.messages
                if m.thread_ts is None and not m.deleted and (channel is None or m.channel == self.channel_id(channel))
            ]

    @property
    def files(self) -> list[File]:
        """Files shared by ``files.completeUploadExternal``, in the order they were completed."""
        with self._lock:
            return [f for f in self.uploads.values() if f.completed]

    def replies(self, ts: str) -> list[Message]:
        """Thread replies under the message ``ts``, oldest first."""
        with self._lock:
            return [m for m in self.messages if m.thread_ts == ts and not m.deleted]

    @staticmethod
    def channel_id(channel: str) -> str:
        """The ID the fake answers for ``channel``: IDs as given, names mapped to a stable C-ID."""
        name = channel.strip()
        if name[:1] in ("C", "G", "D") and name[1:].isalnum() and name.isupper():
            return name
        value = sum((i + 1) * ord(ch) for i, ch in enumerate(name.lstrip("#").lower()))
        suffix = ""
        for _ in range(8):
            value, digit = divmod(value * 31 + 7, len(_ID_CHARS))
            suffix += _ID_CHARS[digit]
        return "C" + suffix

    # -- serving ------------------------------------------------------------------------------------

    def _take(self, queue: list[str | None], method: str) -> bool:
        for wanted in queue:
            if wanted is None or wanted == method:
                queue.remove(wanted)
                return True
        return False

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        if urlsplit(handler.path).path.startswith(UPLOAD_PATH):
            self._receive_upload(handler)
            return
        request = self._read(handler)
        with self._lock:
            self.requests.append(request)
            failure = self._take_failure(request.method)
            drop = self._take(self._drops, request.method)
            hang = self._take(self._hangs, request.method)
        if hang:
            self._released.wait(timeout=30)
        if self.outage:
            self._send(handler, 503, b"<html>503 Service Unavailable</html>", "text/html", {})
            return
        if self.revoked and request.method != "apps.connections.open":
            self._send_json(handler, 200, {"ok": False, "error": "account_inactive"})
            return
        if drop:
            self._answer(request)  # Slack did the work...
            handler.close_connection = True  # ...and the answer never arrived
            return
        if failure is not None:
            if failure.payload is None:
                self._send(
                    handler,
                    failure.status,
                    failure.text.encode(),
                    "text/html; charset=utf-8",
                    failure.headers,
                )
            else:
                self._send_json(handler, failure.status, failure.payload, failure.headers)
            return
        status, payload = self._answer(request)
        self._send_json(handler, status, payload)

    def _read(self, handler: BaseHTTPRequestHandler) -> Request:
        parts = urlsplit(handler.path)
        method = parts.path.rstrip("/").rsplit("/", 1)[-1]
        length = int(handler.headers.get("Content-Length") or 0)
        raw = handler.rfile.read(length) if length else b""
        content_type = handler.headers.get("Content-Type", "")
        body: dict[str, Any] = {}
        if raw and "json" in content_type:
            try:
                loaded = json.loads(raw.decode("utf-8"))
                body = loaded if isinstance(loaded, dict) else {"_json": loaded}
            except ValueError:
                body = {"_unparsed": raw.decode("utf-8", "replace")}
        elif raw:
            body = {k: v[-1] for k, v in parse_qs(raw.decode("utf-8"), keep_blank_values=True).items()}
            for key in ("blocks", "attachments", "metadata", "files"):
                if isinstance(body.get(key), str):
                    with contextlib.suppress(ValueError):
                        body[key] = json.loads(body[key])
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        return Request(
            method=method,
            path=parts.path,
            body=body,
            query=query,
            headers={k: v for k, v in handler.headers.items()},
            authorization=handler.headers.get("Authorization"),
            content_type=content_type,
            raw=raw,
        )

    def _take_failure(self, method: str) -> _Failure | None:
        for failure in self._failures:
            if failure.method is None or failure.method == method:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    self._failures.remove(failure)
                return failure
        return None

    def _token_of(self, request: Request) -> str | None:
        if request.authorization and request.authorization.startswith("Bearer "):
            return request.authorization[len("Bearer ") :]
        token = request.body.get("token") or request.query.get("token")
        return str(token) if token else None

    def _answer(self, request: Request) -> tuple[int, dict[str, Any]]:
        sent = self._token_of(request)
        if sent is None:
            return 200, {"ok": False, "error": "not_authed"}
        if request.method == "apps.connections.open":
            if not sent.startswith("xapp-"):
                return 200, {"ok": False, "error": "not_allowed_token_type"}
            if self.socket_url is None:
                return 200, {"ok": False, "error": "socket_mode_not_enabled"}
            return 200, {"ok": True, "url": self.socket_url}
        if self.token is not None and sent != self.token:
            return 200, {"ok": False, "error": "invalid_auth"}
        custom = self._handlers.get(request.method)
        if custom is not None:
            answer = custom(self, request)
            return answer if isinstance(answer, tuple) else (200, answer)
        builtin = {
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "chat.delete": self._delete,
            "auth.test": self._auth_test,
            "chat.postEphemeral": self._post_ephemeral,
            "conversations.history": self._history,
            "views.open": self._view,
            "views.update": self._view,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
        }.get(request.method)
        if builtin is None:
            return 200, {"ok": False, "error": "unknown_method"}
        with self._lock:
            return 200, builtin({**request.query, **request.body})  # GET methods send query parameters

    def _next_ts(self) -> str:
        self._counter += 1
        return f"{TS_BASE + self._counter}.{self._counter:06d}"

    def _find(self, channel: str, ts: str) -> Message | None:
        for m in self.messages:
            if m.channel == channel and m.ts == ts and not m.deleted:
                return m
        return None

    def _post_message(self, body: dict[str, Any]) -> dict[str, Any]:
        if not body.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not body.get("text") and not body.get("blocks") and not body.get("attachments"):
            return {"ok": False, "error": "no_text"}
        channel = self.channel_id(str(body["channel"]))
        thread_ts = body.get("thread_ts")
        if thread_ts is not None:
            parent = self._find(channel, str(thread_ts))
            if parent is None or parent.thread_ts is not None:
                return {"ok": False, "error": "thread_not_found"}
        message = Message(
            channel=channel,
            ts=self._next_ts(),
            text=body.get("text"),
            blocks=body.get("blocks"),
            thread_ts=str(thread_ts) if thread_ts is not None else None,
            body=dict(body),
            metadata=body.get("metadata") if isinstance(body.get("metadata"), dict) else None,
        )
        self.messages.append(message)
        return {"ok": True, "channel": channel, "ts": message.ts, "message": self._as_json(message)}

    def _update(self, body: dict[str, Any]) -> dict[str, Any]:
        if not body.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        channel = self.channel_id(str(body["channel"]))
        message = self._find(channel, str(body.get("ts", "")))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        message.edits.append(dict(body))
        if "text" in body:
            message.text = body["text"]
        if "blocks" in body:
            message.blocks = body["blocks"]
        return {"ok": True, "channel": channel, "ts": message.ts, "text": message.text}

    def _delete(self, body: dict[str, Any]) -> dict[str, Any]:
        channel = self.channel_id(str(body.get("channel", "")))
        message = self._find(channel, str(body.get("ts", "")))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        message.deleted = True
        return {"ok": True, "channel": channel, "ts": message.ts}

    def _post_ephemeral(self, body: dict[str, Any]) -> dict[str, Any]:
        if not body.get("channel") or not body.get("user"):
            return {"ok": False, "error": "invalid_arguments"}
        self.ephemerals.append(dict(body))
        return {"ok": True, "message_ts": self._next_ts()}

    def _history(self, body: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages newest first, ``limit`` per page; metadata only when asked for."""
        channel = self.channel_id(str(body.get("channel", "")))
        with_meta = str(body.get("include_all_metadata", "")).lower() in ("1", "true")
        found = [m for m in reversed(self.messages) if m.channel == channel and m.thread_ts is None and not m.deleted]
        start = int(body.get("cursor") or 0)
        limit = int(body.get("limit") or 100)
        page = found[start : start + limit]
        messages = []
        for m in page:
            out = self._as_json(m)
            if with_meta and m.metadata is not None:
                out["metadata"] = m.metadata
            messages.append(out)
        more = start + limit < len(found)
        return {
            "ok": True,
            "messages": messages,
            "has_more": more,
            "response_metadata": {"next_cursor": str(start + limit) if more else ""},
        }

    def _view(self, body: dict[str, Any]) -> dict[str, Any]:
        view = body.get("view")
        if isinstance(view, str):
            view = json.loads(view)
        if not isinstance(view, dict) or view.get("type") != "modal":
            return {"ok": False, "error": "invalid_arguments"}
        self.views.append({**body, "view": view})
        return {"ok": True, "view": {**view, "id": f"V{len(self.views):08d}"}}

    def _auth_test(self, body: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": "https://fake.slack.test/", "team": "repmon tests", "user": "repmon",
                "team_id": self.team, "user_id": self.bot_user, "bot_id": "B0REPMON"}  # fmt: skip

    def _upload_url(self, body: dict[str, Any]) -> dict[str, Any]:
        filename, length = body.get("filename"), str(body.get("length", ""))
        if not filename or not length.isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        self._counter += 1
        file_id = f"F{TS_BASE + self._counter}"
        self.uploads[file_id] = File(file_id, str(filename), int(length), alt_txt=body.get("alt_txt"))
        return {"ok": True, "file_id": file_id, "upload_url": f"http://127.0.0.1:{self.port}{UPLOAD_PATH}{file_id}"}

    def _receive_upload(self, handler: BaseHTTPRequestHandler) -> None:
        """The upload URL: raw bytes in the body (slack-sdk posts them as-is), answered as Slack's files host does."""
        file_id = urlsplit(handler.path).path[len(UPLOAD_PATH) :]
        length = int(handler.headers.get("Content-Length") or 0)
        data = handler.rfile.read(length) if length else b""
        with self._lock:
            upload = self.uploads.get(file_id)
            if upload is None or upload.uploaded or len(data) != upload.length:
                status, text = 404 if upload is None else 400, "upload rejected"
            else:
                upload.data, upload.uploaded = data, True
                status, text = 200, f"OK - {len(data)}"
        self._send(handler, status, text.encode(), "text/plain; charset=utf-8", {})

    def _complete_upload(self, body: dict[str, Any]) -> dict[str, Any]:
        files = body.get("files")
        if isinstance(files, str):
            files = json.loads(files)
        if not isinstance(files, list) or not files:
            return {"ok": False, "error": "invalid_arguments"}
        wanted = [self.uploads.get(str(f.get("id"))) for f in files]
        if any(f is None or not f.uploaded or f.completed for f in wanted):
            return {"ok": False, "error": "file_not_found"}
        channel = self.channel_id(str(body["channel_id"])) if body.get("channel_id") else None
        thread_ts = body.get("thread_ts")
        if thread_ts is not None and (channel is None or self._find(channel, str(thread_ts)) is None):
            return {"ok": False, "error": "thread_not_found"}
        shared = []
        for spec, upload in zip(files, wanted, strict=True):
            assert upload is not None
            upload.title = spec.get("title") or upload.filename
            upload.channel, upload.thread_ts = channel, str(thread_ts) if thread_ts is not None else None
            upload.initial_comment, upload.completed = body.get("initial_comment"), True
            shared.append({"id": upload.id, "name": upload.filename, "title": upload.title, "size": upload.length})
        return {"ok": True, "files": shared}

    @staticmethod
    def _as_json(message: Message) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "message", "ts": message.ts, "text": message.text or ""}
        if message.blocks is not None:
            out["blocks"] = message.blocks
        if message.thread_ts is not None:
            out["thread_ts"] = message.thread_ts
        return out

    # -- low-level sending --------------------------------------------------------------------------

    @staticmethod
    def _send(
        handler: BaseHTTPRequestHandler,
        status: int,
        payload: bytes,
        content_type: str,
        headers: dict[str, str],
    ) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(payload)

    def _send_json(
        self,
        handler: BaseHTTPRequestHandler,
        status: int,
        payload: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> None:
        self._send(handler, status, json.dumps(payload).encode(), "application/json; charset=utf-8", headers or {})


@pytest.fixture(name="fake_slack")
def fake_slack_fixture() -> Iterator[FakeSlack]:
    """A started :class:`FakeSlack`, stopped after the test. Its ``url`` goes to ``base_url``."""
    with FakeSlack() as fake:
        yield fake
