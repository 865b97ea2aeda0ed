"""`poll --once` fetches sources concurrently, within the per-host bound, and keeps their results apart."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import Engine

from monitor.config import validate
from monitor.pipeline import Pipeline
from monitor.polling import poll_all


class _Gate:
    """Holds each request until ``expected`` are in flight at once (or a generous timeout passes).

    Once fewer than ``expected`` of the ``total`` requests remain, it waits for all of those instead:
    the last ones are never left waiting out the timeout for requests that will not come.
    """

    def __init__(self, expected: int, total: int) -> None:
        self.expected = expected
        self.total = total
        self.in_flight = 0
        self.peak = 0
        self.served = 0
        self.condition = threading.Condition()

    def enter(self) -> None:
        with self.condition:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            self.condition.notify_all()
            self.condition.wait_for(lambda: self.in_flight >= min(self.expected, self.total - self.served), timeout=10)

    def leave(self) -> None:
        with self.condition:
            self.in_flight -= 1
            self.served += 1
            self.condition.notify_all()


@pytest.fixture
def slow_api() -> Iterator[tuple[str, _Gate]]:
    gate = _Gate(expected=4, total=12)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            gate.enter()
            body = json.dumps({"hits": [], "nbHits": 0}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            gate.leave()

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)  # prompt stop
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", gate
    server.shutdown()
    server.server_close()


def test_sources_on_one_host_are_fetched_together_up_to_the_per_host_bound(
    engine: Engine, tmp_path: Path, slow_api: tuple[str, _Gate]
) -> None:
    url, gate = slow_api
    sources = [
        {"type": "hackernews", "name": f"hn-{n}", "query": "northwind", "base_url": url, "max_attempts": 1}
        for n in range(12)
    ]
    config = validate({"sources": sources, "daemon": {"max_polls_per_host": 4, "max_concurrent_polls": 16}})
    results = asyncio.run(poll_all(engine, config, Pipeline(engine, config)))
    assert [r.source for r in results] == [f"hn-{n}" for n in range(12)]  # configured order
    assert all(r.ok for r in results), [r.line() for r in results]
    assert gate.served == 12
    assert gate.peak == 4  # concurrent, and never more than the per-host bound
