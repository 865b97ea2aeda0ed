"""Run one poll of one source: the framework half of every connector.

The connector yields pages; this module owns the rest, the same way for every source: a lease
so two daemon instances never poll one source at once, the stored cursor, the retrying HTTP
client, storing each page with its cursor in one transaction, re-polling upset posts to follow
their engagement, and a one-line health record of how it went.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import Engine, and_, or_, select, update

from connectors import connector_for
from connectors.base import FetchContext, SourceConfig, SourceError
from connectors.http import HTTPProblem, SourceHTTP, make_client
from monitor.config import Config
from monitor.pipeline import IngestReport, Pipeline
from monitor.store.database import transaction, upsert
from monitor.store.tables import Incident, IncidentPost, Post, SourceState

log = logging.getLogger("repmon.poll")

STATE = SourceState.__table__  # type: ignore[attr-defined]
POSTS = Post.__table__  # type: ignore[attr-defined]
INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]
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


def acquire_lease(engine: Engine, source: SourceConfig, owner: str, now: datetime, lease_for: float) -> bool:
    """Claim the right to poll ``source`` until the lease expires; False if another instance has it."""
    name = source.source_name
    with transaction(engine) as conn:
        upsert(conn, STATE, [{"name": name, "type": source.type, "posts_stored": 0}], ["name"], ["type"])
        claimed = conn.execute(
            update(STATE)
            .where(
                and_(
                    STATE.c.name == name,
                    or_(STATE.c.lease_until.is_(None), STATE.c.lease_until < now, STATE.c.lease_owner == owner),
                )
            )
            .values(lease_owner=owner, lease_until=now + timedelta(seconds=lease_for), last_poll_started_at=now)
        )
        return bool(claimed.rowcount)


def _finish(engine: Engine, source: SourceConfig, owner: str, error: str | None, now: datetime) -> None:
    values: dict[str, object] = {
        "lease_owner": None,
        "lease_until": None,
        "next_due_at": now + source.interval,
    }
    if error is None:
        values |= {"last_success_at": now, "consecutive_failures": 0}
    else:
        values |= {
            "last_error": error,
            "last_error_at": now,
            "consecutive_failures": STATE.c.consecutive_failures + 1,
        }
    with transaction(engine) as conn:
        conn.execute(
            update(STATE).where(and_(STATE.c.name == source.source_name, STATE.c.lease_owner == owner)).values(**values)
        )


def tracked_post_ids(engine: Engine, config: Config, platform: str, now: datetime) -> list[str]:
    """Upset posts still young enough to spread, and members of open incidents, newest first."""
    since = now - config.detection.track_for
    with engine.connect() as conn:
        upset = conn.execute(
            select(POSTS.c.post_id)
            .where(
                and_(
                    POSTS.c.source == platform,
                    POSTS.c.upset.is_(True),
                    POSTS.c.created_at >= since,
                    POSTS.c.last_observed_at < now,  # not the ones this very poll just saw
                )
            )
            .order_by(POSTS.c.created_at.desc())
            .limit(REFRESH_LIMIT)
        ).scalars()
        in_incidents = conn.execute(
            select(MEMBERS.c.post_id)
            .join(INCIDENTS, INCIDENTS.c.id == MEMBERS.c.incident_id)
            .join(POSTS, and_(POSTS.c.source == MEMBERS.c.source, POSTS.c.post_id == MEMBERS.c.post_id))
            .where(and_(MEMBERS.c.source == platform, INCIDENTS.c.status != "resolved", POSTS.c.last_observed_at < now))
            .limit(REFRESH_LIMIT)
        ).scalars()
        ids = list(dict.fromkeys([*in_incidents, *upset]))
    return ids[:REFRESH_LIMIT]


async def poll_source(
    engine: Engine,
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
    if not acquire_lease(engine, source, owner, now, config.daemon.lease.total_seconds()):
        return PollResult(name, ok=True, skipped=True, error="another instance holds the lease")
    connector = connector_for(source)
    with engine.connect() as conn:
        cursor = conn.execute(select(STATE.c.cursor).where(STATE.c.name == name)).scalar_one_or_none()
    total = IngestReport()
    error: str | None = None
    try:
        async with client_factory(source.timeout.total_seconds()) as client:
            kwargs = {"sleep": sleep} if sleep is not None else {}
            http = SourceHTTP(client, source=name, max_attempts=source.max_attempts, **kwargs)  # type: ignore[arg-type]
            ctx = FetchContext(cursor=cursor, http=http, now=now, log=logging.getLogger(f"repmon.source.{name}"))
            async for page in connector.fetch(ctx):
                total.add(
                    pipeline.ingest(page.observations, source_name=name, source_type=source.type, cursor=page.cursor)
                )
                if page.cursor is not None:
                    ctx.cursor = page.cursor
            if connector.can_refresh:
                platform = connector.type
                ids = tracked_post_ids(engine, config, platform, now)
                if ids:
                    async for page in connector.refresh(ctx, ids):
                        total.add(pipeline.ingest(page.observations, source_name=name, source_type=source.type))
    except (HTTPProblem, SourceError) as exc:
        error = str(exc)
    except Exception as exc:  # a connector bug must not stop the daemon; say what it was in one line
        error = f"{name}: unexpected {type(exc).__name__}: {exc}"
        log.debug("poll of %s failed", name, exc_info=True)
    _finish(engine, source, owner, error, clock())
    if error is not None:
        log.error("%s", error)
        return PollResult(name, ok=False, error=error, report=total)
    return PollResult(name, ok=True, report=total)
