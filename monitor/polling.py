"""Run one poll of one source: the framework half of every connector.

The connector yields pages; this module owns the rest, the same way for every source: a lease
so two daemon instances never poll one source at once, the stored cursor, the retrying HTTP
client, storing each page with its cursor in one transaction, re-polling upset posts to follow
their engagement, and a one-line health record of how it went.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
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
from monitor.store.failures import one_line, unavailable_reason
from monitor.store.poll_history import record_poll_run
from monitor.store.quarantine import Reject

log = logging.getLogger("repmon.poll")

REFRESH_LIMIT = 200
SHUTDOWN_CHECK = 0.1  # seconds between looks at the shutdown event while waiting


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
            + (f", {r.quarantined} quarantined" if r.quarantined else "")
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


def tracked_post_ids(engine: Database, config: Config, platform: str, source_name: str, now: datetime) -> list[str]:
    """Upset posts still young enough to spread and members of open incidents that are due a re-read,
    of those the source instance ``source_name`` yielded first (never another instance's, never imports)."""
    since = now - config.detection.track_for
    rows = posts.tracked_posts(engine, platform, source_name, since, now, REFRESH_LIMIT)
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
    ids = tracked_post_ids(engine, config, connector.platform_key(), source.source_name, ctx.now)
    if not ids:
        return
    try:
        async for page in connector.refresh(ctx, ids):
            total.add(pipeline.ingest(page.observations, source_name=source.source_name, source_type=source.type))
    except RepmonError as exc:
        ctx.log.warning(
            "%s: refresh of %d tracked posts failed, will retry next poll: %s", source.source_name, len(ids), exc
        )


def instance_id() -> str:
    """``host:pid`` of this process: what a lease records as its holder."""
    return f"{socket.gethostname()}:{os.getpid()}"


def presumed_dead(owner: str) -> bool:
    """True when ``owner`` was a process on this host that no longer runs (crashed, killed, restarted).

    Only this host's processes can be checked; a lease held from another host is waited out.
    A pid reused by an unrelated process reads as alive: the lease then simply expires as before.
    """
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True  # our own id from before a restart (a container's daemon is pid 1 every time)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def lease_note(row: dict[str, Any], now: datetime) -> tuple[str | None, str | None]:
    """For `status`: (health word, note) when a source's lease is held, naming the holder and since when."""
    owner, until = row.get("lease_owner"), row.get("lease_until")
    if not owner or until is None or until < now:
        return None, None
    started = row.get("last_poll_started_at")
    since = started.isoformat(timespec="seconds") if started else "?"
    if owner != instance_id() and presumed_dead(owner):
        return "stalled", (
            f"held by {owner} since {since}, a process that is gone; a daemon restarted on this host takes "
            f"over at once, others wait until {until.isoformat(timespec='seconds')}"
        )
    return "polling", f"held by {owner} since {since}"


def _interruptible_sleep(shutdown: threading.Event | None) -> Callable[[float], Awaitable[None]]:
    """A sleep for backoff and Retry-After waits that ends as soon as a shutdown is asked for."""

    async def sleep(seconds: float) -> None:
        deadline = asyncio.get_running_loop().time() + seconds
        while shutdown is None or not shutdown.is_set():
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return
            await asyncio.sleep(min(left, SHUTDOWN_CHECK))
        raise asyncio.CancelledError("shutdown")

    return sleep


async def _until_set(event: threading.Event) -> None:
    while not event.is_set():
        await asyncio.sleep(SHUTDOWN_CHECK)


async def poll_source(
    engine: Database,
    config: Config,
    source: SourceConfig,
    pipeline: Pipeline,
    *,
    owner: str | None = None,
    clock: Callable[[], datetime] = _utcnow,
    client_factory: Callable[[float], httpx.AsyncClient] = make_client,
    sleep: Callable[[float], Awaitable[None]] | None = None,
    shutdown: threading.Event | None = None,
) -> PollResult:
    """One poll of ``source``; with ``shutdown`` set, every wait and request in it is cut short.

    A page is stored in one synchronous transaction, so cancelling between awaits never leaves
    one half-written: the pages stored so far keep their cursor, the rest is read next time.
    """
    name = source.source_name
    owner = owner or instance_id()
    now = clock()
    if not sources.acquire_lease(engine, name, source.type, owner, now, config.daemon.lease, presumed_dead):
        holder = sources.lease_holder(engine, name)
        since = f" since {holder[1].isoformat(timespec='seconds')}" if holder and holder[1] else ""
        who = holder[0] if holder else "another instance"
        return PollResult(name, ok=True, skipped=True, error=f"held by {who}{since}")
    total = IngestReport()
    work = asyncio.ensure_future(
        _poll(engine, config, source, pipeline, now, total, client_factory, sleep or _interruptible_sleep(shutdown))
    )
    waiters: set[asyncio.Future[Any]] = {work}
    if shutdown is not None:
        waiters.add(asyncio.ensure_future(_until_set(shutdown)))
    await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    for waiter in waiters - {work}:
        waiter.cancel()
    if not work.done():
        work.cancel()
    try:
        error = await work
    except asyncio.CancelledError:
        sources.release_lease(engine, name, owner, clock())  # due again at once after the restart
        log.info("%s: poll stopped by shutdown; stored pages keep their cursor", name)
        return PollResult(name, ok=False, error="stopped by shutdown", report=total)
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


async def _poll(
    engine: Database,
    config: Config,
    source: SourceConfig,
    pipeline: Pipeline,
    now: datetime,
    total: IngestReport,
    client_factory: Callable[[float], httpx.AsyncClient],
    sleep: Callable[[float], Awaitable[None]],
) -> str | None:
    """Fetch and store every page; the one-line error, or None. A database outage raises."""
    name = source.source_name
    connector = connector_for(source)
    cursor = sources.load_cursor(engine, name)
    http: SourceHTTP | None = None
    redact: Callable[[str], str] = str
    try:
        async with client_factory(source.timeout.total_seconds()) as client:
            http = SourceHTTP(client, source=name, max_attempts=source.max_attempts, sleep=sleep)
            ctx = FetchContext(cursor=cursor, http=http, now=now, log=logging.getLogger(f"repmon.source.{name}"))
            redact = http.redact
            missing = source.missing_credentials(ctx.environ)
            if missing:
                raise SourceFatal(f"{name}: {missing[0]}; see docs/connectors.md")
            async for page in connector.fetch(ctx):
                rejects = [Reject(name, r.reason, r.raw, r.post_id) for r in page.rejected]
                total.add(
                    pipeline.ingest(
                        page.observations,
                        source_name=name,
                        source_type=source.type,
                        cursor=page.cursor,
                        rejects=rejects,
                    )
                )
                if page.cursor is not None:
                    ctx.cursor = page.cursor
            if connector.can_refresh:
                await _refresh(connector, ctx, engine, config, pipeline, source, total)
    except RepmonError as exc:
        return redact(" ".join(str(exc).split()))
    except Exception as exc:  # a connector bug must not stop the daemon; say what it was in one line
        if unavailable_reason(exc) is not None:
            raise  # not this source's fault: the caller reports it and the poll is retried
        log.debug("poll of %s failed", name, exc_info=True)
        return redact(f"{name}: unexpected {one_line(exc)}")
    finally:
        if http is not None and http.rate_limit_waits:
            telemetry.rate_limited(name, http.rate_limit_waits, http.rate_limit_seconds)
    return None


async def poll_all(
    engine: Database,
    config: Config,
    pipeline: Pipeline,
    *,
    owner: str | None = None,
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
