"""The connector framework pieces every source relies on: pacing, masking, paging, config, records."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest
from pydantic import ValidationError
from pytest_httpserver import HTTPServer

from connectors.base import REACH_CACHE, FetchContext, Paging, SourceConfig, SourceError
from connectors.http import HTTPProblem, SourceHTTP, make_client, short_url
from connectors.rate_headers import parse_reset, rate_limit
from connectors.reddit import RedditConfig, RedditConnector
from monitor.core.errors import RetriableError, SkipRecord
from tests.connectors.suite import SleepRecorder

T = TypeVar("T")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
PATH = "/api"


def run(call: Callable[[SourceHTTP], Awaitable[T]], **options: Any) -> tuple[T, SleepRecorder, SourceHTTP]:
    sleeps = SleepRecorder()

    async def go() -> tuple[T, SourceHTTP]:
        async with make_client(5.0) as client:
            http = SourceHTTP(client, source="src", sleep=sleeps, clock=lambda: NOW, **options)
            return await call(http), http

    result, http = asyncio.run(go())
    return result, sleeps, http


# -- rate-limit headers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("35", 35.0),  # Reddit, IETF RateLimit-Reset: seconds left
        (str(int(NOW.timestamp()) + 90), 90.0),  # GitHub, Bluesky: a Unix time
        ("2026-11-20T12:02:00.000Z", 120.0),  # Mastodon: an ISO moment
        ("Fri, 20 Nov 2026 12:00:30 GMT", 30.0),  # an HTTP date
        ("soon", None),
        (None, None),
    ],
)
def test_reset_is_read_in_every_form_sources_use(value: str | None, seconds: float | None) -> None:
    assert parse_reset(value, NOW) == seconds


@pytest.mark.parametrize("prefix", ["X-RateLimit-", "x-ratelimit-", "RateLimit-", "X-Rate-Limit-"])
def test_rate_limit_headers_under_every_prefix(prefix: str) -> None:
    assert rate_limit({prefix.lower() + "remaining": "597.0", prefix.lower() + "reset": "34"}, NOW) == (597.0, 34.0)


@pytest.mark.parametrize(
    ("remaining", "reset", "waits"),
    [("0", "30", [30.0]), ("1", "20", [10.0]), ("2", "30", [10.0]), ("50", "30", [])],
)
def test_a_low_budget_spreads_the_next_requests_over_the_time_left(
    httpserver: HTTPServer, remaining: str, reset: str, waits: list[float]
) -> None:
    headers = {"X-Ratelimit-Remaining": remaining, "X-Ratelimit-Reset": reset}
    httpserver.expect_request(PATH).respond_with_json({"ok": True}, headers=headers)

    async def twice(http: SourceHTTP) -> None:
        await http.get_json(httpserver.url_for(PATH))
        await http.get_json(httpserver.url_for(PATH))

    _, sleeps, http = run(twice)
    assert [round(d) for d in sleeps.delays] == waits, "paced before being refused, not after"
    assert http.retries == 0


def test_a_budget_spent_for_longer_than_the_limit_ends_the_poll(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_json(
        {}, headers={"RateLimit-Remaining": "0", "RateLimit-Reset": "900"}
    )
    with pytest.raises(HTTPProblem) as caught:
        run(lambda h: h.get(httpserver.url_for(PATH)))
    assert "spent until it resets in 900s" in str(caught.value)
    assert caught.value.retry_after == 900


def test_429_without_retry_after_waits_for_the_rate_limit_reset(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request(PATH).respond_with_data(
        "", 429, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW.timestamp()) + 45)}
    )
    httpserver.expect_request(PATH).respond_with_json({"ok": True})
    result, sleeps, _ = run(lambda h: h.get_json(httpserver.url_for(PATH)))
    assert result == {"ok": True}
    assert 45.0 in [round(d) for d in sleeps.delays]


def test_pause_holds_the_next_request(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_json({"backoff": 10})

    async def call(http: SourceHTTP) -> None:
        await http.get_json(httpserver.url_for(PATH))
        http.pause(10)
        await http.get_json(httpserver.url_for(PATH))

    _, sleeps, http = run(call)
    assert len(sleeps.delays) == 1 and 9 < sleeps.delays[0] <= 10
    assert http.paced == sleeps.delays[0]


# -- secrets --------------------------------------------------------------------------------------


def test_registered_secrets_and_url_credentials_never_reach_a_message(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/k/sk-live-123456").respond_with_data("no", 403)

    async def call(http: SourceHTTP) -> None:
        http.add_secret("sk-live-123456")
        response = await http.get(httpserver.url_for("/k/sk-live-123456") + "?key=other-secret")
        http.raise_for_status(response)

    with pytest.raises(HTTPProblem) as caught:
        run(call)
    message = str(caught.value)
    assert "sk-live-123456" not in message and "other-secret" not in message
    assert "/k/***" in message
    assert short_url("https://user:pa55@host.example/path?token=x#f") == "https://host.example/path"


# -- paging ---------------------------------------------------------------------------------------


def paging(**options: Any) -> Paging:
    config = SourceConfig(type="x", **options)
    return Paging(config, logging.getLogger("test"), "x")


def test_paging_ends_on_no_token_nothing_new_a_repeated_token_or_the_cap(caplog: pytest.LogCaptureFixture) -> None:
    p = paging()
    assert p.is_new("a") and not p.is_new("a")
    assert p.more("t1")
    assert not p.more("t2") and p.reason == "a page with nothing new"

    p = paging()
    p.is_new("a")
    assert p.more("t1")
    p.is_new("b")
    assert not p.more("t1") and p.reason == "the cursor did not advance"

    p = paging()
    p.is_new("a")
    assert not p.more(None) and not p.capped

    p = paging(max_pages=2)
    for n in range(2):
        p.is_new(str(n))
        more = p.more(f"t{n}")
    assert not more and p.capped
    assert "stopped at the cap of 2 pages" in caplog.text

    p = paging(max_items=3)
    for n in range(4):
        p.is_new(str(n))
    assert not p.more("t") and p.capped


# -- config ---------------------------------------------------------------------------------------


def test_env_options_take_a_variable_name_never_the_secret() -> None:
    with pytest.raises(ValidationError) as caught:
        RedditConfig(query="x", client_secret_env="hunter2 is my password")
    assert "NAME of an environment variable" in str(caught.value)


def test_url_options_must_be_http() -> None:
    with pytest.raises(ValidationError, match="auth_url must be an http"):
        RedditConfig(query="x", auth_url="file:///etc/passwd")


def test_missing_credentials_name_the_variable_and_its_use() -> None:
    config = RedditConfig(query="x", client_id_env="MY_REDDIT_ID")
    problems = config.missing_credentials({"REDDIT_CLIENT_SECRET": "s"})
    assert problems == [
        "$MY_REDDIT_ID is not set (client_id_env: the id of a Reddit script app (reddit.com/prefs/apps))"
    ]


# -- records and reach ----------------------------------------------------------------------------


def ctx_for(http: SourceHTTP) -> FetchContext:
    return FetchContext(cursor=None, http=http, now=NOW, environ={})


def test_records_skip_bad_ones_with_reasons_but_an_unreadable_page_is_an_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    connector = RedditConnector(RedditConfig(query="x"))

    def parse(raw: Any) -> int | None:
        if raw == "bad":
            raise SkipRecord("no id")
        return None if raw == "drop" else int(raw)

    async def call(http: SourceHTTP) -> list[int]:
        return connector.records(ctx_for(http), ["1", "bad", "drop", "2"], parse, "post")

    with caplog.at_level(logging.WARNING):
        kept, _, _ = run(call)
    assert kept == [1, 2]
    assert "post skipped: no id" in caplog.text

    async def all_bad(http: SourceHTTP) -> list[int]:
        return connector.records(ctx_for(http), ["bad", "bad"], parse, "post")

    with pytest.raises(SourceError, match="none of the 2 posts on the page could be read"):
        run(all_bad)


def test_reach_is_batched_cached_and_a_failed_lookup_is_only_logged(caplog: pytest.LogCaptureFixture) -> None:
    REACH_CACHE.clear()
    connector = RedditConnector(RedditConfig(query="x", name="reach-test"))
    calls: list[list[str]] = []

    async def lookup(ids: list[str]) -> dict[str, int]:
        calls.append(ids)
        return {i: 10 for i in ids}

    async def failing(ids: list[str]) -> dict[str, int]:
        raise RetriableError("reach: HTTP 503")

    async def call(http: SourceHTTP) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
        ctx = ctx_for(http)
        first = await connector.reach(ctx, ["a", "b", "a"], lookup)
        second = await connector.reach(ctx, ["a", "c"], lookup)
        third = await connector.reach(ctx, ["d"], failing)
        return first, second, third

    with caplog.at_level(logging.WARNING):
        (first, second, third), _, _ = run(call)
    assert calls == [["a", "b"], ["c"]], "one batch per poll, cached authors not asked again"
    assert first == {"a": 10, "b": 10} and second == {"a": 10, "c": 10} and third == {}
    assert "will retry later" in caplog.text
    REACH_CACHE.clear()


def test_optional_lookups_do_not_swallow_programming_errors() -> None:
    connector = RedditConnector(RedditConfig(query="x"))

    async def broken() -> None:
        raise KeyError("bug")

    async def call(http: SourceHTTP) -> None:
        await connector.optional(ctx_for(http), "reach", broken())

    with pytest.raises(KeyError):
        run(call)
