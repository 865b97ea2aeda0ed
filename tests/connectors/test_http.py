"""SourceHTTP, the framework's HTTP for connectors: retries, backoff, Retry-After and one-line errors.

A real loopback server answers; the injected ``sleep`` records the delays instead of waiting.
"""

from __future__ import annotations

import asyncio
import email.utils
import socket
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from pytest_httpserver import HTTPServer

from connectors.http import USER_AGENT, HTTPProblem, SourceHTTP, make_client
from connectors.rate_headers import parse_retry_after

T = TypeVar("T")
PATH = "/api/search"


class SleepRecorder:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def run(
    call: Callable[[SourceHTTP], Awaitable[T]], *, timeout: float = 5.0, **options: Any
) -> tuple[T, SleepRecorder, SourceHTTP]:
    sleeps = SleepRecorder()

    async def go() -> tuple[T, SourceHTTP]:
        async with make_client(timeout) as client:
            http = SourceHTTP(client, source="hn-northwind", sleep=sleeps, **options)
            return await call(http), http

    result, http = asyncio.run(go())
    return result, sleeps, http


def fails(
    call: Callable[[SourceHTTP], Awaitable[Any]], *, timeout: float = 5.0, **options: Any
) -> tuple[HTTPProblem, SleepRecorder]:
    sleeps = SleepRecorder()

    async def go() -> None:
        async with make_client(timeout) as client:
            http = SourceHTTP(client, source="hn-northwind", sleep=sleeps, **options)
            await call(http)

    with pytest.raises(HTTPProblem) as caught:
        asyncio.run(go())
    assert "\n" not in str(caught.value), "health reports need one line"
    return caught.value, sleeps


def test_plain_get_json_and_user_agent(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH, query_string={"query": "Northwind Air"}).respond_with_json({"hits": []})

    data, sleeps, http = run(lambda h: h.get_json(httpserver.url_for(PATH), params={"query": "Northwind Air"}))

    assert data == {"hits": []}
    assert sleeps.delays == []
    assert (http.requests, http.retries) == (1, 0)
    assert httpserver.log[0][0].headers["User-Agent"] == USER_AGENT


def test_429_with_retry_after_seconds_is_honoured(httpserver: HTTPServer) -> None:
    httpserver.expect_ordered_request(PATH).respond_with_data("slow down", status=429, headers={"Retry-After": "7"})
    httpserver.expect_ordered_request(PATH).respond_with_json({"ok": True})

    data, sleeps, http = run(lambda h: h.get_json(httpserver.url_for(PATH)))

    assert data == {"ok": True}
    assert sleeps.delays == [7.0]
    assert (http.requests, http.retries) == (2, 1)
    httpserver.check_assertions()


def test_429_with_retry_after_http_date_is_honoured(httpserver: HTTPServer) -> None:
    when = datetime.now(UTC) + timedelta(seconds=30)
    header = email.utils.format_datetime(when, usegmt=True)
    httpserver.expect_ordered_request(PATH).respond_with_data("", status=429, headers={"Retry-After": header})
    httpserver.expect_ordered_request(PATH).respond_with_json({"ok": True})

    data, sleeps, _ = run(lambda h: h.get_json(httpserver.url_for(PATH)))

    assert data == {"ok": True}
    (delay,) = sleeps.delays
    assert 25.0 < delay <= 30.0, delay


def test_503_is_retried_with_exponential_backoff(httpserver: HTTPServer) -> None:
    for _ in range(3):
        httpserver.expect_ordered_request(PATH).respond_with_data("busy", status=503)
    httpserver.expect_ordered_request(PATH).respond_with_json({"ok": True})

    data, sleeps, http = run(
        lambda h: h.get_json(httpserver.url_for(PATH)), max_attempts=4, initial_backoff=1.0, max_backoff=60.0
    )

    assert data == {"ok": True}
    assert http.retries == 3
    first, second, third = sleeps.delays
    # initial * 2**n plus up to `initial` of jitter
    assert 1.0 <= first <= 2.0
    assert 2.0 <= second <= 3.0
    assert 4.0 <= third <= 5.0


def test_backoff_is_capped_by_max_backoff(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("busy", status=502)

    _, sleeps = fails(lambda h: h.get(httpserver.url_for(PATH)), max_attempts=5, initial_backoff=2.0, max_backoff=5.0)

    assert len(sleeps.delays) == 4
    assert all(delay <= 5.0 for delay in sleeps.delays)
    assert sleeps.delays[-1] == 5.0


def test_retries_exhausted_is_one_line_http_problem_without_the_query(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("busy", status=503)

    problem, sleeps = fails(lambda h: h.get_json(httpserver.url_for(PATH), params={"token": "s3cret"}), max_attempts=3)

    assert str(problem) == f"hn-northwind: HTTP 503 from {httpserver.url_for(PATH)} after 3 attempts"
    assert "s3cret" not in str(problem)
    assert len(httpserver.log) == 3
    assert len(sleeps.delays) == 2


def test_retry_after_beyond_max_retry_after_gives_up_without_sleeping(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("", status=429, headers={"Retry-After": "3600"})

    problem, sleeps = fails(lambda h: h.get(httpserver.url_for(PATH)), max_retry_after=300.0)

    assert sleeps.delays == []
    assert len(httpserver.log) == 1
    assert str(problem) == (
        f"hn-northwind: rate limited by {httpserver.url_for(PATH)} for 3600s; will try again at the next poll"
    )


def test_non_retryable_status_is_returned_once_and_raise_for_status_words_it(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("missing", status=404)

    response, sleeps, http = run(lambda h: h.get(httpserver.url_for(PATH)))

    assert response.status_code == 404
    assert sleeps.delays == []
    assert http.requests == 1
    with pytest.raises(HTTPProblem) as caught:
        http.raise_for_status(response)
    assert str(caught.value) == f"hn-northwind: HTTP 404 NOT FOUND from {httpserver.url_for(PATH)}"


def test_malformed_json_is_an_http_problem(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_data("{not json", content_type="application/json")

    problem, _ = fails(lambda h: h.get_json(httpserver.url_for(PATH)))

    assert str(problem).startswith(f"hn-northwind: malformed JSON from {httpserver.url_for(PATH)} (")


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections and never answers: every read times out."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def test_timeouts_are_retried_then_an_http_problem(silent_port: int) -> None:
    url = f"http://127.0.0.1:{silent_port}/api/search"

    problem, sleeps = fails(lambda h: h.get(url, params={"q": "x"}), timeout=0.05, max_attempts=2)

    assert str(problem) == f"hn-northwind: timed out talking to {url}"
    assert len(sleeps.delays) == 1


def test_unreachable_host_is_an_http_problem() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound but not listening: connections are refused
        url = f"http://127.0.0.1:{port}/feed"

        problem, sleeps = fails(lambda h: h.get(url), max_attempts=2)

    assert str(problem) == f"hn-northwind: cannot reach {url} (ConnectError)"
    assert len(sleeps.delays) == 1


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, None),
        ("", None),
        ("120", 120.0),
        ("-5", 0.0),
        ("soon", None),
        ("Fri, 20 Nov 2026 12:01:00 GMT", 60.0),
        ("Fri, 20 Nov 2026 11:00:00 GMT", 0.0),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, now=datetime(2026, 11, 20, 12, 0, tzinfo=UTC)) == seconds


def test_make_client_follows_redirects(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_json({"moved": True})

    data, _, _ = run(lambda h: h.get_json(httpserver.url_for("/old")))

    assert data == {"moved": True}
