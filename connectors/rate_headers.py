"""Reading rate-limit and ``Retry-After`` headers: plain functions of header values, no HTTP client.

Apart from :mod:`connectors.http` so a connector that reads these headers itself (GitHub's
secondary limit) does not load httpx and tenacity on import: validating a config imports every
connector module, and ``repmon import`` or ``check-config`` never send a request.
"""

from __future__ import annotations

import email.utils
from collections.abc import Mapping
from datetime import UTC, datetime

RATE_PREFIXES = ("x-ratelimit-", "ratelimit-", "x-rate-limit-")
EPOCH_FLOOR = 1_000_000_000.0  # a reset value above this is a Unix time, below it a number of seconds


def _parse_moment(value: str, now: datetime) -> float | None:
    """Seconds from ``now`` until an HTTP-date or ISO 8601 moment; None when it is neither."""
    when: datetime | None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header in either of its forms (delta-seconds or HTTP-date)."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        return _parse_moment(value, now or datetime.now(UTC))


def parse_reset(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds until a rate-limit window resets, from any of the forms sources use.

    Delta seconds (Reddit, IETF ``RateLimit-Reset``), a Unix time (GitHub, Bluesky) or an ISO 8601
    moment (Mastodon).
    """
    if value is None or not value.strip():
        return None
    value = value.strip()
    now = now or datetime.now(UTC)
    try:
        number = float(value)
    except ValueError:
        return _parse_moment(value, now)
    if number >= EPOCH_FLOOR:
        return max(0.0, number - now.timestamp())
    return max(0.0, number)


def rate_limit(headers: Mapping[str, str], now: datetime | None = None) -> tuple[float, float] | None:
    """``(remaining, seconds_until_reset)`` from a response's rate-limit headers, if it has both."""
    remaining: float | None = None
    reset: float | None = None
    for prefix in RATE_PREFIXES:
        raw_remaining = headers.get(prefix + "remaining")
        if raw_remaining is None:
            continue
        try:
            remaining = float(raw_remaining.split(",")[0].split(";")[0])
        except ValueError:
            continue
        reset = parse_reset(headers.get(prefix + "reset"), now)
        if reset is not None:
            return remaining, reset
    return None
