"""The reach cache every connector shares: :meth:`connectors.base.Connector.reach` reads it first."""

from __future__ import annotations

import time


class _ReachCache:
    """Author reach by (source, author id) for ``ttl`` seconds: a daemon looks each author up rarely."""

    def __init__(self, ttl: float = 6 * 3600) -> None:
        self.ttl = ttl
        self._values: dict[tuple[str, str], tuple[float, int]] = {}

    def get(self, source: str, author: str) -> int | None:
        hit = self._values.get((source, author))
        if hit is None or time.monotonic() - hit[0] > self.ttl:
            return None
        return hit[1]

    def put(self, source: str, author: str, reach: int) -> None:
        self._values[(source, author)] = (time.monotonic(), reach)

    def clear(self) -> None:
        self._values.clear()


REACH_CACHE = _ReachCache()
