"""What the fault matrix drives: the real `repmon` processes, a scripted loopback source, a TCP proxy.

Everything waits by bounded polling on something observable (a log line, a request reaching a
fake, a database row), never by sleeping a fixed time and hoping. Every output a process writes
is kept, so a test can grep all of it for the secrets its config holds.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, text

from tests.conftest import REPO

SECRET_PASSWORD = "pw-Zq81xK"  # in the database URL (PostgreSQL trust auth accepts any)
SECRET_FEED = "feed-Mv27pR"  # user:secret@ inside a source URL
SECRET_TOKEN = "xoxb-fault-T0k3nV4lue"  # the Slack bot token, from the environment
SECRETS = (SECRET_PASSWORD, SECRET_FEED, SECRET_TOKEN)
BRAND = "Northwind"
CREATED = 1_790_000_000  # created_at_i of the fake posts (2026-09)

OUTPUTS: list[str] = []  # every stdout/stderr of every process, for the secrets check


def wait_for(predicate: Callable[[], Any], timeout: float, what: str, interval: float = 0.1) -> Any:
    """Poll ``predicate`` until it returns something truthy; fail saying ``what`` did not happen."""
    end = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(interval)


# -- a scripted HTTP source -------------------------------------------------------------------------


@dataclass
class Reply:
    """One scripted answer: a status, headers and body, after an optional delay (or never, with hang)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    hang: threading.Event | None = None  # hold the request until this is set (or the client gives up)


class FakeSource:
    """Serves ``/<name>/...``: each name's scripted replies first, then its steady good page."""

    def __init__(self) -> None:
        self.scripts: dict[str, list[Reply]] = {}
        self.steady: dict[str, Reply] = {}
        self.hits: dict[str, int] = {}
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                fake._serve(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def script(self, name: str, *replies: Reply, steady: Reply | None = None) -> None:
        with self._lock:
            self.scripts[name] = list(replies)
            if steady is not None:
                self.steady[name] = steady

    def requests(self, name: str) -> int:
        with self._lock:
            return self.hits.get(name, 0)

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        name = handler.path.lstrip("/").split("/", 1)[0]
        is_item = "/items/" in handler.path
        with self._lock:
            if not is_item:
                self.hits[name] = self.hits.get(name, 0) + 1
            script = self.scripts.get(name) or []
            reply = Reply(404, b'{"error": "not found"}') if is_item else (script.pop(0) if script else None)
            reply = reply or self.steady.get(name) or Reply(404, b"no such source")
        if reply.hang is not None:
            reply.hang.wait(60)
        if reply.delay:
            time.sleep(reply.delay)
        try:
            handler.send_response(reply.status)
            for key, value in {"Content-Type": "application/json", **reply.headers}.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(reply.body)))
            handler.end_headers()
            handler.wfile.write(reply.body)
        except OSError:
            pass  # the client gave up (a timeout being tested)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def hn_hit(
    post_id: int, text: str, *, author: str = "someone", points: int = 1, created: int = CREATED
) -> dict[str, Any]:
    return {
        "objectID": str(post_id),
        "created_at_i": created,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(created)),
        "author": author,
        "comment_text": text,
        "points": points,
        "parent_id": 1,
        "_tags": ["comment", f"author_{author}"],
    }


def hn_page(hits: list[dict[str, Any]]) -> Reply:
    return Reply(200, json.dumps({"hits": hits, "nbHits": len(hits), "hitsPerPage": 100}).encode())


def rss_feed(items: list[tuple[str, str]]) -> Reply:
    entries = "".join(
        f"<item><title>{title}</title><link>https://example.test/{guid}</link><guid>{guid}</guid>"
        f"<description>{title}</description><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate></item>"
        for guid, title in items
    )
    body = (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'
    )
    return Reply(200, body.encode(), {"Content-Type": "application/rss+xml"})


# -- processes ----------------------------------------------------------------------------------------


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REPMON_", "SLACK_"))}
    env.update({"PYTHONUNBUFFERED": "1", "SLACK_BOT_TOKEN": SECRET_TOKEN, "NO_COLOR": "1", "COLUMNS": "200"})
    env.update(extra)
    return env


def repmon(*args: str, timeout: float = 90, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run one `repmon` command as a process, as a user or a cron job would."""
    done = subprocess.run(
        [sys.executable, "-m", "monitor", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or environment(),
        cwd=REPO,
        check=False,
    )
    OUTPUTS.extend([done.stdout, done.stderr])
    assert "Traceback" not in done.stderr, done.stderr
    return done


class Daemon:
    """`repmon run` as a child process, its log in a file the test reads while it runs."""

    def __init__(self, config: Path, log: Path, env: dict[str, str] | None = None) -> None:
        self.log_path = log
        self._log = log.open("ab")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "monitor", "run", "--config", str(config)],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env=env or environment(),
            cwd=REPO,
        )

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_log(self, needle: str, timeout: float = 60, count: int = 1) -> str:
        return str(
            wait_for(lambda: self.log().count(needle) >= count and self.log(), timeout, f"{needle!r} in the daemon log")
        )

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill9(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(10)  # reaped: its pid no longer exists, as after a real crash
        self._finish()

    def terminate(self, timeout: float = 15) -> tuple[int, float]:
        """SIGTERM; the exit status and how long it took to exit."""
        sent = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
            raise AssertionError(f"daemon did not exit within {timeout}s of SIGTERM:\n{self.log()[-3000:]}") from None
        self._finish()
        return code, time.monotonic() - sent

    def _finish(self) -> None:
        self._log.close()
        OUTPUTS.append(self.log())

    def stop_quietly(self) -> None:
        if self.alive():
            self.proc.kill()
            self.proc.wait(10)
            self._finish()


# -- config and database -------------------------------------------------------------------------------


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value))


def write_config(
    path: Path,
    db_url: str,
    sources: list[dict[str, Any]],
    *,
    slack: dict[str, Any] | None = None,
    daemon: dict[str, Any] | None = None,
    key_accounts: list[str] | None = None,
) -> Path:
    lines = ["[database]", f"url = {toml_value(db_url)}", ""]
    if slack:
        lines += ["[slack]", *[f"{k} = {toml_value(v)}" for k, v in slack.items()], ""]
        lines += ["[slack.app]", "enabled = false  # the buttons need an app token these tests do not have", ""]
    lines += ["[[brands]]", f'name = "{BRAND} Air"', f'include = ["{BRAND.lower()}"]', "languages = []"]
    if key_accounts:
        lines.append(f"key_accounts = {toml_value(key_accounts)}")
    lines.append("")
    for source in sources:
        lines += ["[[sources]]", *[f"{k} = {toml_value(v)}" for k, v in source.items()], ""]
    lines += ["[daemon]", *[f"{k} = {toml_value(v)}" for k, v in (daemon or {}).items()], ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    create_schema(db_url)
    return path


def create_schema(db_url: str) -> None:
    """The schema a daemon would create, made first so a test can watch tables from the start."""
    from monitor.store.database import open_database

    open_database(db_url.replace("postgresql://", "postgresql+psycopg://", 1)).dispose()


def engine_for(db_url: str) -> Engine:
    return create_engine(db_url.replace("postgresql://", "postgresql+psycopg://", 1))


def scalar(db_url: str, sql: str, **params: Any) -> Any:
    engine = engine_for(db_url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()
    finally:
        engine.dispose()


def rows(db_url: str, sql: str, **params: Any) -> list[Any]:
    engine = engine_for(db_url)
    try:
        with engine.connect() as conn:
            return list(conn.execute(text(sql), params).all())
    finally:
        engine.dispose()


def post_ids(db_url: str) -> set[str]:
    return {row[0] for row in rows(db_url, "SELECT post_id FROM posts")}


# -- a TCP proxy that can be cut -----------------------------------------------------------------------


class Proxy:
    """Forwards 127.0.0.1:<port> to a target; ``stop`` drops every connection and refuses new ones."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._conns: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._lock = threading.Lock()
        self.start()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(32)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                if self._listener is not listener:  # stopped while this one was connecting: drop it
                    client.close()
                    upstream.close()
                    return
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := src.recv(65536):
                dst.sendall(data)
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def stop(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            if listener is not None:
                with contextlib.suppress(OSError):
                    listener.shutdown(socket.SHUT_RDWR)  # wakes the accept thread; close alone may not
                listener.close()
            for conn in self._conns:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self._conns.clear()


@contextlib.contextmanager
def fake_source() -> Iterator[FakeSource]:
    fake = FakeSource()
    try:
        yield fake
    finally:
        fake.close()


def assert_no_secrets(*texts: str) -> None:
    for text_ in texts:
        for secret in SECRETS:
            assert secret not in text_, f"secret {secret[:4]}… leaked in output:\n{text_[:2000]}"
