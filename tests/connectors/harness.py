"""Run one connector poll or refresh against a loopback server and collect its pages.

The injected ``sleep`` records delays instead of waiting, so tests can assert on pacing and
retries without timing anything.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from connectors.base import Connector, FetchContext, Page, SourceConfig
from connectors.http import SourceHTTP, make_client
from monitor.core.observations import Observation

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


class SleepRecorder:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def collect(
    conn: Connector[Any],
    cursor: dict[str, Any] | None = None,
    *,
    refresh: Sequence[str] | None = None,
    sleeps: SleepRecorder | None = None,
    now: datetime = NOW,
) -> list[Page]:
    """Every page of one fetch (or refresh of ``refresh`` ids), as the framework would store them."""
    sleeps = sleeps if sleeps is not None else SleepRecorder()

    async def go() -> list[Page]:
        async with make_client(5.0) as client:
            http = SourceHTTP(client, source=conn.name, max_attempts=2, sleep=sleeps)
            ctx = FetchContext(cursor=cursor, http=http, now=now)
            pages: AsyncIterator[Page] = conn.refresh(ctx, refresh) if refresh is not None else conn.fetch(ctx)
            return [page async for page in pages]

    return asyncio.run(go())


def observations(pages: Sequence[Page]) -> list[Observation]:
    return [o for page in pages for o in page.observations]


def last_cursor(pages: Sequence[Page]) -> dict[str, Any] | None:
    cursors = [page.cursor for page in pages if page.cursor is not None]
    return cursors[-1] if cursors else None


__all__ = ["NOW", "SleepRecorder", "SourceConfig", "collect", "last_cursor", "load", "observations"]
