"""HTTP for connectors: retries with backoff and jitter, honouring Retry-After, one readable error.

The framework hands every connector a :class:`SourceHTTP`, so no connector writes its own
retry loop and every source behaves the same way under 429s, 5xx and timeouts.
"""

from __future__ import annotations

import asyncio
import email.utils
import functools
import json
import logging
import ssl
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

from monitor.core.errors import RetriableError
from monitor.core.redact import mask_url

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


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header in either of its forms (delta-seconds or HTTP-date)."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


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
    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        source: str,
        max_attempts: int = 4,
        initial_backoff: float = 1.0,
        max_backoff: float = 60.0,
        max_retry_after: float = 300.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.client = client
        self.source = source
        self.max_attempts = max_attempts
        self.initial_backoff = initial_backoff
        self.max_backoff = max_backoff
        self.max_retry_after = max_retry_after
        self._sleep = sleep
        self.requests = 0
        self.retries = 0
        self.rate_limit_waits = 0  # 429s waited out; the framework reports them as metrics
        self.rate_limit_seconds = 0.0

    async def get(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> httpx.Response:
        """GET with retries; returns any non-retryable response (the caller reads 304, 404 ...)."""
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
                    return await self._once(url, params, headers)
        except RetryableResponse as exc:
            raise HTTPProblem(
                f"{self.source}: HTTP {exc.response.status_code} from {_short(url)} after {self.max_attempts} attempts"
            ) from None
        except httpx.TimeoutException:
            raise HTTPProblem(f"{self.source}: timed out talking to {_short(url)}") from None
        except httpx.TransportError as exc:
            raise HTTPProblem(f"{self.source}: cannot reach {_short(url)} ({type(exc).__name__})") from None
        raise AssertionError("unreachable")  # pragma: no cover

    async def get_json(
        self, url: str, *, params: Mapping[str, Any] | None = None, headers: Mapping[str, str] | None = None
    ) -> Any:
        response = await self.get(url, params=params, headers=headers)
        self.raise_for_status(response)
        try:
            return response.json()
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise HTTPProblem(f"{self.source}: malformed JSON from {_short(url)} ({exc})") from None

    def raise_for_status(self, response: httpx.Response) -> None:
        if response.status_code >= 400:
            raise HTTPProblem(
                f"{self.source}: HTTP {response.status_code} {response.reason_phrase} "
                f"from {_short(str(response.request.url))}"
            )

    async def _once(
        self, url: str, params: Mapping[str, Any] | None, headers: Mapping[str, str] | None
    ) -> httpx.Response:
        self.requests += 1
        response = await self.client.get(url, params=params, headers=headers)
        if response.status_code in RETRYABLE_STATUS:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if retry_after is not None and retry_after > self.max_retry_after:
                raise HTTPProblem(
                    f"{self.source}: rate limited by {_short(url)} for {retry_after:.0f}s; "
                    "will try again at the next poll"
                )
            raise RetryableResponse(response, retry_after)
        return response

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


def _short(url: str) -> str:
    """The URL without its query string or password: enough to locate the problem, never a secret."""
    return mask_url(url.split("?", 1)[0])


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
