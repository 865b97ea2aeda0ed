"""The shared connector test suite (in the style of Meltano's standard tap tests).

HOW TO PLUG A CONNECTOR IN (note for everyone writing a connector):
  Add ``tests/connectors/cases/<type>.py`` defining ``CASE = SuiteCase(...)``. ``test_suite.py``
  finds it by itself and runs every standard test on it; a registered connector without a case
  fails ``test_every_connector_has_a_suite_case``. A case says:

  - ``type``: the connector type; ``config``: its options *except* URL options (the suite points
    every option ending in ``url`` at one loopback server; ``url_paths`` gives the path under that
    server per option when it is not ``/``, e.g. ``{"base_url": "/xrpc"}``).
  - ``listing_path``: the path of the request that lists new posts. The suite answers it with
    ``page()`` (your own fixture bytes, in the shape the live API returns) for any query string, so
    the connector must also filter by its cursor client-side and stop paging on a page with nothing
    new. Failure tests answer it with 429/5xx/broken bodies instead.
  - ``routes(server)``: every other route a full poll calls (token endpoint, reach lookup ...),
    registered with ``server.expect_request(...)``; it must not register ``listing_path``.
  - ``real()``: the bytes of a real payload for the listing, read with ``shared_path(...)`` (which
    skips cleanly when ../shared is absent); ``None`` if ../shared has none for this source.
  - ``env``: fake credential values (the suite checks none of them ever shows up in an error or log).
  - ``cursor_key``: turns a cursor into something comparable, to check it only moves forward.
  - ``bad_config``: ``(options, fragment)`` pairs: options that must be refused, with a fragment of
    the expected message.

  Run: ``REPMON_SHARED_DIR=/work/shared .venv/bin/python -m pytest -q tests/connectors/test_suite.py -k <type>``
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from pytest_httpserver import HTTPServer

from connectors import registry
from connectors.base import Connector, Cursor, FetchContext, Page, SourceConfig
from connectors.http import SourceHTTP, make_client
from monitor.core.errors import RepmonError

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
MAX_ATTEMPTS = 3


@dataclass
class SuiteCase:
    type: str
    config: dict[str, Any]
    listing_path: str
    page: Callable[[], bytes]
    cursor_key: Callable[[Cursor], Any]
    routes: Callable[[HTTPServer], None] = lambda server: None
    real: Callable[[], bytes] | None = None
    env: dict[str, str] = field(default_factory=dict)
    url_paths: dict[str, str] = field(default_factory=dict)
    bad_config: list[tuple[dict[str, Any], str]] = field(default_factory=list)
    content_type: str = "application/json"
    listing_method: str = "GET"
    min_observations: int = 1
    dated: bool = True  # every post carries its creation time (feeds may have undated entries)

    @property
    def connector_class(self) -> type[Connector[SourceConfig]]:
        return registry()[self.type]

    def url_options(self) -> list[str]:
        """The URL options the connector calls: those with a default (``base_url`` when the connector has one)."""
        cls = self.connector_class
        return [
            name
            for name, info in cls.config_class.model_fields.items()
            if (name.endswith("_url") and info.default is not None) or (name == "base_url" and cls.default_base_url)
        ]

    def source(self, server: HTTPServer, **overrides: Any) -> dict[str, Any]:
        """The ``[[sources]]`` entry with every URL option on the loopback server."""
        root = server.url_for("/").rstrip("/")
        every = [name for name in self.connector_class.config_class.model_fields if name.endswith(("_url", "base_url"))]
        urls = {option: root + self.url_paths.get(option, "/") for option in every}
        return {"type": self.type, **self.config, **urls, **overrides}

    def connector(self, server: HTTPServer, **overrides: Any) -> Connector[SourceConfig]:
        cls = self.connector_class
        return cls(cls.config_class.model_validate(self.source(server, **overrides)))

    def serve(self, server: HTTPServer, body: bytes | None = None, **response: Any) -> None:
        """Every route of a full poll; the listing answers ``body`` (default: the own fixture page)."""
        self.routes(server)
        response.setdefault("content_type", self.content_type)
        server.expect_request(self.listing_path, method=self.listing_method).respond_with_data(
            self.page() if body is None else body, **response
        )


class SleepRecorder:
    """Stands in for ``asyncio.sleep``: records each delay, waits for none."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def _loopback_only(request: httpx.Request) -> None:
    """No connector may call a host that no URL option names: in the suite every option is loopback."""
    host = request.url.host
    if host != "localhost" and not ipaddress.ip_address(host).is_loopback:
        raise AssertionError(f"connector called {host}, which no URL option points at")


async def _hook(request: httpx.Request) -> None:
    _loopback_only(request)


@dataclass
class Run:
    pages: list[Page]
    error: RepmonError | None
    sleeps: list[float]
    requests: int

    @property
    def observations(self) -> list[Any]:
        return [o for page in self.pages for o in page.observations]

    @property
    def cursor(self) -> Cursor | None:
        cursors = [page.cursor for page in self.pages if page.cursor is not None]
        return cursors[-1] if cursors else None


def run_fetch(
    conn: Connector[SourceConfig],
    cursor: Cursor | None = None,
    *,
    env: Mapping[str, str] | None = None,
    refresh: list[str] | None = None,
) -> Run:
    """One fetch (or refresh) the way the framework runs it, keeping the pages stored before any error."""
    sleeps = SleepRecorder()
    pages: list[Page] = []

    async def go() -> tuple[RepmonError | None, int]:
        client = make_client(5.0)
        client.event_hooks["request"].append(_hook)
        async with client:
            http = SourceHTTP(client, source=conn.name, max_attempts=MAX_ATTEMPTS, sleep=sleeps)
            ctx = FetchContext(cursor=cursor, http=http, now=NOW, environ=dict(env or {}))
            stream: AsyncIterator[Page] = conn.refresh(ctx, refresh) if refresh is not None else conn.fetch(ctx)
            try:
                async for page in stream:
                    pages.append(page)
                    if page.cursor is not None:
                        ctx.cursor = page.cursor
            except RepmonError as exc:
                return exc, http.requests
            return None, http.requests

    error, requests = asyncio.run(go())
    return Run(pages, error, sleeps.delays, requests)
