"""The daemon's HTTP face for ops: ``/healthz``, ``/readyz`` and ``/metrics`` on ``[daemon] listen``.

- ``/healthz``: the process is up and serving (200, always, while it runs). A container
  HEALTHCHECK or a systemd watchdog script restarts it when this stops answering.
- ``/readyz``: repmon is doing its job: the database answers, its schema is at this version's head,
  Slack took the last delivery (or nothing failed yet), and each source succeeded within
  ``[daemon] stale_after`` times its interval. 200 when all hold, else 503; the JSON body names
  every check and, for a failing one, why.
- ``/metrics``: :mod:`monitor.telemetry`'s registry in the Prometheus text format, served by
  prometheus-client's own WSGI app.

A WSGI app on the standard library's threaded server: no framework, one daemon thread.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from prometheus_client import make_wsgi_app

from monitor import telemetry
from monitor.config import Config, parse_listen
from monitor.core.durations import humanize
from monitor.store import sources
from monitor.store.database import head_revision
from monitor.store.health import current_revision, ping
from monitor.store.problems import explain

log = logging.getLogger("repmon.endpoints")

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


def _ago(moment: datetime, now: datetime) -> str:
    return humanize(max(timedelta(0), now - moment)) + " ago"


class Readiness:
    """The checks behind ``/readyz``; cheap enough to run on every probe."""

    def __init__(
        self,
        config: Config,
        engine: Any,
        *,
        slack_configured: bool,
        started_at: datetime | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.config = config
        self.engine = engine
        self.slack_configured = slack_configured
        self.clock = clock
        self.started_at = started_at or clock()

    def checks(self) -> list[Check]:
        now = self.clock()
        try:
            ping(self.engine)
        except Exception as exc:
            why = explain(exc, self.config.database.url) or f"{type(exc).__name__}: {exc}"
            return [Check("database", False, why), self._slack(now)]
        found = [Check("database", True, "reachable")]
        current, head = current_revision(self.engine), head_revision()
        found.append(Check("migrations", current == head, f"at {current}, head {head}"))
        found.append(self._slack(now))
        found.extend(self._sources(now))
        return found

    def _slack(self, now: datetime) -> Check:
        if not self.slack_configured:
            return Check("slack", True, "not configured: alerts go to the console")
        state = telemetry.delivery_state()
        if state.last_error_at is None:
            return Check("slack", True, "no failed delivery")
        if state.last_ok_at is not None and state.last_ok_at >= state.last_error_at:
            return Check("slack", True, "last delivery sent")
        failed_at = datetime.fromtimestamp(state.last_error_at, UTC)
        return Check("slack", False, f"last delivery failed {_ago(failed_at, now)}: {state.last_error}")

    def _sources(self, now: datetime) -> list[Check]:
        health = {row["name"]: row for row in sources.source_health(self.engine)}
        factor = self.config.daemon.stale_after
        found = []
        for source in self.config.sources:
            allowed = source.interval * factor
            stored = health.get(source.source_name, {})
            last = stored.get("last_success_at")
            name = f"source:{source.source_name}"
            if last is not None and now - last <= allowed:
                found.append(Check(name, True, f"last success {_ago(last, now)}"))
            elif last is None and now - self.started_at <= allowed:
                found.append(Check(name, True, "waiting for its first poll"))
            else:
                when = _ago(last, now) if last else "never"
                error = f"; last error: {stored['last_error']}" if stored.get("last_error") else ""
                found.append(Check(name, False, f"last success {when} (allowed {humanize(allowed)}){error}"))
        return found


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


class OpsServer:
    """Serves the three endpoints on a daemon thread until :meth:`stop`."""

    def __init__(self, listen: str, readiness: Readiness) -> None:
        self.readiness = readiness
        self._metrics = make_wsgi_app(telemetry.REGISTRY)
        host, port = parse_listen(listen)
        self._server = make_server(host, port, self._app, server_class=_Server, handler_class=_QuietHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="repmon-endpoints", daemon=True)

    @property
    def url(self) -> str:
        host, port = str(self._server.server_address[0]), self._server.server_address[1]
        return f"http://{f'[{host}]' if ':' in host else host}:{port}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _app(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/metrics":
            return self._metrics(environ, start_response)  # type: ignore[no-any-return]
        if path == "/healthz":
            return _send(start_response, "200 OK", b"ok\n", "text/plain; charset=utf-8")
        if path == "/readyz":
            started = time.monotonic()
            checks = self.readiness.checks()
            ready = all(c.ok for c in checks)
            body = {
                "ready": ready,
                "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in checks},
                "took_seconds": round(time.monotonic() - started, 3),
            }
            status = "200 OK" if ready else "503 Service Unavailable"
            return _send(start_response, status, json.dumps(body).encode(), "application/json")
        return _send(start_response, "404 Not Found", b"try /healthz, /readyz or /metrics\n", "text/plain")


def _send(start_response: StartResponse, status: str, body: bytes, content_type: str) -> list[bytes]:
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))])
    return [body]
