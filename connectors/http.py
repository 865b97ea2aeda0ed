"""HTTP for connectors: retries with backoff and jitter, rate-limit pacing, one readable error.

The framework hands every connector a :class:`SourceHTTP`, so no connector writes its own
retry loop and every source behaves the same way under 429s, 5xx, timeouts and rate limits:

- **Retries**: 429, 5xx, timeouts and connection errors are retried ``max_attempts`` times with
  exponential backoff and jitter; a ``Retry-After`` (seconds or HTTP-date) replaces the backoff.
  A wait longer than ``max_retry_after`` ends the poll instead (the daemon tries at the next one).
- **Pacing**: every response's rate-limit headers (``x-ratelimit-*``, ``RateLimit-*``,
  ``X-RateLimit-*``: remaining and reset) are read; when the budget runs low the next request waits
  so the remaining calls spread over the time left, and at zero it waits for the reset. Sources that
  signal limits in the body (Stack Exchange ``backoff``) call :meth:`SourceHTTP.pause`.
- **Errors**: one line naming the source, the status and the URL *without* its query string;
  secrets registered with :meth:`SourceHTTP.add_secret` are masked in every message.
- **Bodies**: :meth:`SourceHTTP.get_json` tells an empty body, an HTML error page, invalid UTF-8 and
  truncated JSON apart, each as a one-line :class:`HTTPProblem` (retriable: the cursor stays put).
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime
from typing import Any

import certifi
import httpx
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from connectors.rate_headers import parse_retry_after, rate_limit
from monitor.core.errors import RetriableError

log = logging.getLogger("repmon.http")
RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "repmon (+https://github.com/repmon/repmon)"


class HTTPProblem(RetriableError):
    """A request failed for this poll; the message is one line naming the source and the reason.

    Retriable: the framework tries the source again at its next poll.
    """


class RetryableResponse(Exception):
    def __init__(self, response: httpx.Response, retry_after: float | None) -> None:
        super().__init__(f"HTTP {response.status_code}")
        self.response = response
        self.retry_after = retry_after


class _WaitRetryAfterOrBackoff:
    """Use the server's Retry-After when it gave one, else exponential backoff with jitter."""

    def __init__(self, initial: float, maximum: float) -> None:
        self._backoff = wait_exponential_jitter(multiplier=initial, max=maximum, jitter=initial)
        self._maximum = maximum

    def __call__(self, state: RetryCallState) -> float:
        outcome = state.outcome
        error = outcome.exception() if outcome is not None else None
        if isinstance(error, RetryableResponse) and error.retry_after is not None:
            return error.retry_after
        return float(self._backoff(state))


class SourceHTTP:
    """The one HTTP client a connector uses; see the module docstring for what it guarantees."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        source: str,
        max_attempts: int = 4,
        initial_backoff: float = 1.0,
        max_backoff: float = 60.0,
        max_retry_after: float = 300.0,
        reserve: int = 2,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.client = client
        self.source = source
        self.max_attempts = max_attempts
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self.reserve = reserve
        self._sleep = sleep
        self._clock = clock
        self._secrets: set[str] = set()
        self._not_before = 0.0  # monotonic time before which the next request must not start
        self.requests = 0
        self.retries = 0
        self.rate_limit_waits = 0  # 429s waited out; the framework reports them as metrics
        self.rate_limit_seconds = 0.0
        self.paced = 0.0  # seconds spent waiting to stay inside the source's rate limit

    # -- public ------------------------------------------------------------------------------

    def add_secret(self, value: str | None) -> None:
        """Mask ``value`` in every message this client produces (tokens, keys, passwords)."""
        if value and len(value) >= 4:
            self._secrets.add(value)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def problem(self, message: str, retry_after: float | None = None) -> HTTPProblem:
        """A one-line retriable problem for this source (``message`` without the source name), secrets masked."""
        return HTTPProblem(f"{self.source}: " + " ".join(self.redact(message).split()), retry_after)

    def pause(self, seconds: float) -> None:
        """Hold the next request for ``seconds`` (a body-level signal such as Stack Exchange ``backoff``)."""
        self._not_before = max(self._not_before, time.monotonic() + max(0.0, seconds))

    async def get(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> httpx.Response:
        """GET with retries; returns any non-retryable response (the caller reads 304, 404 ...)."""
        return await self.request("GET", url, params=params, headers=headers)

    async def post(
        self,
        url: str,
        *,
        data: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        json: Any = None,
    ) -> httpx.Response:
        """POST with the same retries; ``data`` is sent form-encoded, ``json`` as a JSON body."""
        return await self.request("POST", url, params=params, headers=headers, data=data, auth=auth, json=json)

    async def request(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        data: Mapping[str, Any] | None = None,
        auth: tuple[str, str] | None = None,
        json: Any = None,
    ) -> httpx.Response:
        retrying = AsyncRetrying(
            retry=retry_if_exception_type((RetryableResponse, httpx.TransportError)),
            stop=stop_after_attempt(self.max_attempts),
            wait=_WaitRetryAfterOrBackoff(self.initial_backoff, self.max_backoff),
            sleep=self._sleep,
            before_sleep=self._count_retry,
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    return await self._once(method, url, params, headers, data, auth, json)
        except RetryableResponse as exc:
            raise self.problem(
                f"HTTP {exc.response.status_code} from {short_url(url)} after {self.max_attempts} attempts",
                exc.retry_after,
            ) from None
        except httpx.TimeoutException:
            raise self.problem(f"timed out talking to {short_url(url)}") from None
        except httpx.TransportError as exc:
            raise self.problem(f"cannot reach {short_url(url)} ({type(exc).__name__})") from None
        raise AssertionError("unreachable")  # pragma: no cover

    async def get_json(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> Any:
        response = await self.get(url, params=params, headers=headers)
        self.raise_for_status(response)
        return self.json_of(response)

    def json_of(self, response: httpx.Response) -> Any:
        """The JSON body, or a one-line problem saying what came instead (empty, HTML, bad bytes, cut off)."""
        where = short_url(str(response.request.url))
        body = response.content
        if not body.strip():
            raise self.problem(f"empty response from {where}")
        try:
            text = body.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise self.problem(f"response from {where} is not valid UTF-8 (byte {exc.start})") from None
        if text.lstrip()[:1] == "<":
            raise self.problem(f"HTML page instead of JSON from {where} (an error page or a login wall?)")
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise self.problem(f"malformed JSON from {where} ({exc.msg} at char {exc.pos} of {len(text)})") from None

    def raise_for_status(self, response: httpx.Response) -> None:
        if response.status_code >= 400:
            raise self.problem(
                f"HTTP {response.status_code} {response.reason_phrase} from {short_url(str(response.request.url))}"
            )

    # -- internals ---------------------------------------------------------------------------

    async def _once(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
        data: Mapping[str, Any] | None,
        auth: tuple[str, str] | None,
        json: Any = None,
    ) -> httpx.Response:
        await self._wait_turn()
        self.requests += 1
        response = await self.client.request(
            method,
            url,
            params=params,
            headers=headers,
            data=data,
            json=json,
            auth=auth if auth else httpx.USE_CLIENT_DEFAULT,
        )
        self._note_budget(response)
        if response.status_code in RETRYABLE_STATUS:
            retry_after = parse_retry_after(response.headers.get("Retry-After"), self._clock())
            if retry_after is None and response.status_code == 429:
                budget = rate_limit(response.headers, self._clock())
                retry_after = budget[1] if budget else None
            if retry_after is not None and retry_after > self.max_retry_after:
                raise self.problem(
                    f"rate limited by {short_url(url)} for {retry_after:.0f}s; will try again at the next poll",
                    retry_after,
                )
            raise RetryableResponse(response, retry_after)
        return response

    def _note_budget(self, response: httpx.Response) -> None:
        """Spread what is left of the rate-limit budget over the time until it resets."""
        budget = rate_limit(response.headers, self._clock())
        if budget is None:
            return
        remaining, reset = budget
        if remaining > self.reserve:
            return
        delay = reset if remaining < 1 else reset / (remaining + 1)
        if delay > self.max_retry_after:
            raise self.problem(
                f"rate limit of {short_url(str(response.request.url))} spent until it resets in {delay:.0f}s; "
                "will try again at the next poll",
                delay,
            )
        self.pause(delay)

    async def _wait_turn(self) -> None:
        delay = self._not_before - time.monotonic()
        if delay > 0:
            self.paced += delay
            self._not_before = 0.0
            await self._sleep(delay)

    async def _count_retry(self, state: RetryCallState) -> None:
        self.retries += 1
        error = state.outcome.exception() if state.outcome is not None else None
        if isinstance(error, RetryableResponse) and error.response.status_code == 429:
            self.rate_limit_waits += 1
            self.rate_limit_seconds += state.next_action.sleep if state.next_action is not None else 0.0
        what = str(error) if isinstance(error, RetryableResponse) else type(error).__name__
        wait = state.next_action.sleep if state.next_action is not None else 0.0
        log.warning(
            "%s: %s; retry %d of %d in %.1fs", self.source, what, state.attempt_number, self.max_attempts - 1, wait
        )


def short_url(url: str) -> str:
    """The URL without query string or user-info: enough to find the problem, never a token in it."""
    url = url.split("?", 1)[0].split("#", 1)[0]
    scheme, sep, rest = url.partition("://")
    if sep and "@" in rest.split("/", 1)[0]:
        host_and_path = rest.split("@", 1)[1]
        return f"{scheme}://{host_and_path}"
    return url


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context for every client: loading the CA bundle costs more than a whole poll."""
    return ssl.create_default_context(cafile=certifi.where())


def make_client(timeout: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        verify=_tls(),
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": USER_AGENT},
        follow_redirects=True,
    )
