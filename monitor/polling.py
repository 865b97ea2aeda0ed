"""Run one poll of one source: the framework half of every connector.

The connector yields pages; this module owns the rest, the same way for every source: a lease
so two daemon instances never poll one source at once, the stored cursor, the retrying HTTP
client, storing each page with its cursor in one transaction, re-polling upset posts to follow
their engagement, and a one-line health record of how it went.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx

from connectors import Connector, connector_for, registry
from connectors.base import FetchContext, SourceConfig, SourceFatal
from connectors.http import SourceHTTP, make_client
from monitor import telemetry
from monitor.config import Config
from monitor.core.errors import RepmonError
from monitor.pipeline import IngestReport, Pipeline
from monitor.store import posts, sources
from monitor.store.database import Database
from monitor.store.poll_history import record_poll_run

log = logging.getLogger("repmon.poll")

REFRESH_LIMIT = 200


@dataclass
class PollResult:
    source: str
    ok: bool
    skipped: bool = False
    error: str | None = None
    report: IngestReport | None = None

    def line(self) -> str:
        if self.skipped:
            return f"{self.source}: skipped ({self.error})"
        if not self.ok:
            return f"{self.source}: FAILED {self.error}"
        r = self.report or IngestReport()
        return (
            f"{self.source}: {r.received} observations, {r.new_posts} new posts, {r.updated_posts} updated, "
            f"{r.incidents_opened} incidents opened, {r.incidents_updated} updated"
        )


def _utcnow() -> datetime:
    return datetime.now(UTC)


REFRESH_GAPS: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=6), timedelta(0)),  # younger than 6 h: every poll
    (timedelta(hours=24), timedelta(minutes=30)),  # up to a day old: every 30 minutes at most
    (timedelta.max, timedelta(hours=2)),  # older (up to detection.track_for): every 2 hours
)
"""How often a tracked post is re-read by age: a post spreads early or not at all, so old ones cost
fewer requests. Posts held by an active incident are re-read every poll whatever their age."""


def refresh_gap(age: timedelta) -> timedelta:
    return next(gap for limit, gap in REFRESH_GAPS if age < limit)


def tracked_post_ids(engine: Database, config: Config, platform: str, now: datetime) -> list[str]:
    """Upset posts still young enough to spread and members of open incidents that are due a re-read."""
    rows = posts.tracked_posts(engine, platform, now - config.detection.track_for, now, REFRESH_LIMIT)
    return [
        post_id
        for post_id, created_at, seen_at, in_incident in rows
        if in_incident or now - _aware(seen_at) >= refresh_gap(now - _aware(created_at))
    ]


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


async def _refresh(
    connector: Connector[SourceConfig],
    ctx: FetchContext,
    engine: Database,
    config: Config,
    pipeline: Pipeline,
    source: SourceConfig,
    total: IngestReport,
) -> None:
    """Re-fetch engagement of hot posts. A failure here is logged and retried next poll, never a failed poll:
    the new posts this poll fetched are already stored."""
    ids = tracked_post_ids(engine, config, connector.platform_key(), ctx.now)
    if not ids:
        return
    try:
        async for page in connector.refresh(ctx, ids):
            total.add(pipeline.ingest(page.observations, source_name=source.source_name, source_type=source.type))
    except RepmonError as exc:
        ctx.log.warning(
            "%s: refresh of %d tracked posts failed, will retry next poll: %s", source.source_name, len(ids), exc
        )


async def poll_source(
    engine: Database,
    config: Config,
    source: SourceConfig,
    pipeline: Pipeline,
    *,
    owner: str = "cli",
    clock: Callable[[], datetime] = _utcnow,
    client_factory: Callable[[float], httpx.AsyncClient] = make_client,
    sleep: Callable[[float], Awaitable[None]] | None = None,
) -> PollResult:
    name = source.source_name
    now = clock()
    if not sources.acquire_lease(engine, name, source.type, owner, now, config.daemon.lease):
        return PollResult(name, ok=True, skipped=True, error="another instance holds the lease")
    connector = connector_for(source)
    cursor = sources.load_cursor(engine, name)
    total = IngestReport()
    error: str | None = None
    http: SourceHTTP | None = None
    redact: Callable[[str], str] = str
    try:
        async with client_factory(source.timeout.total_seconds()) as client:
            kwargs = {"sleep": sleep} if sleep is not None else {}
            http = SourceHTTP(client, source=name, max_attempts=source.max_attempts, **kwargs)  # type: ignore[arg-type]
            ctx = FetchContext(cursor=cursor, http=http, now=now, log=logging.getLogger(f"repmon.source.{name}"))
            redact = http.redact
            missing = source.missing_credentials(ctx.environ)
            if missing:
                raise SourceFatal(f"{name}: {missing[0]}; see docs/connectors.md")
            async for page in connector.fetch(ctx):
                total.add(
                    pipeline.ingest(page.observations, source_name=name, source_type=source.type, cursor=page.cursor)
                )
                if page.cursor is not None:
                    ctx.cursor = page.cursor
            if connector.can_refresh:
                await _refresh(connector, ctx, engine, config, pipeline, source, total)
    except RepmonError as exc:
        error = redact(str(exc))
    except Exception as exc:  # a connector bug must not stop the daemon; say what it was in one line
        error = redact(" ".join(f"{name}: unexpected {type(exc).__name__}: {exc}".split()))
        log.debug("poll of %s failed", name, exc_info=True)
    if http is not None and http.rate_limit_waits:
        telemetry.rate_limited(name, http.rate_limit_waits, http.rate_limit_seconds)
    finished = clock()
    sources.record_poll(engine, name, owner, error, finished, finished + source.interval)
    record_poll_run(
        engine,
        source=name,
        started_at=now,
        finished_at=finished,
        error=error,
        items=total.received,
        new_posts=total.new_posts,
    )
    if error is not None:
        log.error("%s", error)
        return PollResult(name, ok=False, error=error, report=total)
    return PollResult(name, ok=True, report=total)


async def poll_all(
    engine: Database,
    config: Config,
    pipeline: Pipeline,
    *,
    owner: str = "cli",
    clock: Callable[[], datetime] = _utcnow,
    client_factory: Callable[[float], httpx.AsyncClient] = make_client,
) -> list[PollResult]:
    """Poll every configured source at once, in the order configured for the results.

    Fetches overlap (bounded overall by ``daemon.max_concurrent_polls`` and per host by
    ``daemon.max_polls_per_host``, so one API is never hammered); each source's pages are still
    stored in order with its cursor, and a slow or throttled source delays nobody else.
    """
    overall = asyncio.Semaphore(config.daemon.max_concurrent_polls)
    per_host: dict[str, asyncio.Semaphore] = {}

    async def one(source: SourceConfig) -> PollResult:
        host = source_host(source)
        gate = per_host.setdefault(host, asyncio.Semaphore(config.daemon.max_polls_per_host))
        async with overall, gate:
            return await poll_source(
                engine, config, source, pipeline, owner=owner, clock=clock, client_factory=client_factory
            )

    return list(await asyncio.gather(*(one(source) for source in config.sources)))


def source_host(source: SourceConfig) -> str:
    """The host a source talks to (its own name when it has no URL, e.g. a replay file)."""
    connector_class = registry()[source.type]
    instance = [getattr(source, name) for name in type(source).model_fields if name.endswith("_url")]
    candidates = [source.base_url or connector_class.default_base_url, *instance, getattr(source, "url", None)]
    url = next((candidate for candidate in candidates if candidate), None)
    return urlsplit(str(url)).hostname or source.source_name if url else source.source_name
