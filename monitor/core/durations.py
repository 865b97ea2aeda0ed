"""Human durations in config ("90s", "5m", "1h30m", "2d") as ``timedelta``."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(value: Any) -> timedelta:
    if isinstance(value, timedelta):
        return value
    if isinstance(value, bool):
        raise ValueError("expected a duration such as '90s', '5m' or '1h'")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError("a duration cannot be negative")
        return timedelta(seconds=value)
    if isinstance(value, str):
        text = value.strip().lower().replace(" ", "")
        if text.isdigit():
            return timedelta(seconds=int(text))
        pos, seconds = 0, 0.0
        for match in _PART.finditer(text):
            if match.start() != pos:
                break
            seconds += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
            pos = match.end()
        if text and pos == len(text):
            return timedelta(seconds=seconds)
    raise ValueError(f"expected a duration such as '90s', '5m' or '1h', got {value!r}")


def format_duration(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    if seconds % 86400 == 0 and seconds:
        return f"{seconds // 86400}d"
    if seconds % 3600 == 0 and seconds:
        return f"{seconds // 3600}h"
    if seconds % 60 == 0 and seconds:
        return f"{seconds // 60}m"
    return f"{seconds}s"


def humanize(value: timedelta) -> str:
    """Words for alert reasons: '30 min', '2 h', '1 h 30 min'."""
    minutes = round(value.total_seconds() / 60)
    if minutes < 1:
        return f"{round(value.total_seconds())} s"
    if minutes < 60:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h" if rest == 0 else f"{hours} h {rest} min"


Duration = Annotated[timedelta, BeforeValidator(parse_duration), PlainSerializer(format_duration)]


def backoff(
    attempts: int,
    retry_after: float | None = None,
    *,
    first: timedelta = timedelta(seconds=15),
    cap: timedelta = timedelta(minutes=30),
) -> timedelta:
    """How long to wait after ``attempts`` failed tries: the service's ``Retry-After``, else doubling up to ``cap``."""
    if retry_after is not None:
        return timedelta(seconds=max(1.0, retry_after))
    doubled: timedelta = first * 2 ** max(0, attempts - 1)
    return min(doubled, cap)
