"""The daemon's weekly digest job: post last week's digest once, at the configured day and time.

The job runs every minute in every daemon instance; the week's row in ``digest_runs`` (a unique
key per week) decides which instance sends it, so several instances, or a restart inside the
scheduled minute, still post once. A daemon that was down at the scheduled time finds the row
missing when it starts and posts that week once (not every week it missed: only the latest).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient

from monitor.config import Config
from monitor.digest import charts
from monitor.digest.config import DigestConfig
from monitor.digest.output import build
from monitor.digest.slack import DigestPostError, post
from monitor.digest.weeks import Week
from monitor.store import digest_runs
from monitor.store.database import Database

log = logging.getLogger("repmon.digest")
CHECK_EVERY = timedelta(minutes=1)
CLAIM_LEASE = timedelta(minutes=10)  # a sender that died mid-send is replaced after this


def latest_schedule(now: datetime, cfg: DigestConfig) -> datetime:
    """The most recent scheduled moment at or before ``now`` (UTC)."""
    local = now.astimezone(cfg.zone)
    monday = local.date() - timedelta(days=local.weekday())
    moment = datetime.combine(monday + timedelta(days=cfg.weekday), cfg.clock, tzinfo=cfg.zone)
    if moment > local:
        moment = datetime.combine(monday + timedelta(days=cfg.weekday - 7), cfg.clock, tzinfo=cfg.zone)
    return moment.astimezone(UTC)


def due_week(now: datetime, cfg: DigestConfig) -> Week:
    """The week the latest scheduled post reports on: the last complete week at that moment."""
    return Week.last_complete(latest_schedule(now, cfg), cfg.zone)


def claim_key(week: Week, brand: str | None) -> str:
    return str(week) if brand is None else f"{week}:{brand}"


ClientFactory = Callable[[str, str], WebClient]


def _client(token: str, base_url: str) -> WebClient:
    return WebClient(token=token, base_url=base_url, timeout=30)


def send_weekly(
    engine: Database,
    config: Config,
    owner: str,
    now: datetime | None = None,
    client_factory: ClientFactory = _client,
) -> str:
    """One tick of the job; returns what it did (for logs and tests): sent, skipped or failed."""
    cfg = config.digest
    now = now or datetime.now(UTC)
    if not cfg.channel:
        return "skipped: no [digest] channel"
    token = config.slack.token()
    if not token:
        return f"skipped: ${config.slack.token_env} is empty"
    week = due_week(now, cfg)
    key = claim_key(week, cfg.brand)
    claim = digest_runs.claim_digest(engine, key, owner, now, CLAIM_LEASE)
    if not claim.won:
        return f"skipped: {key} is {claim.status}"
    try:
        digest = build(engine, config, week, cfg.brand, now)
        posted = post(
            client_factory(token, config.slack.base_url), cfg.channel, digest, charts.sentiment_by_day(digest)
        )
    except DigestPostError as exc:
        digest_runs.finish_digest(engine, key, owner, now, error=str(exc))
        log.error("weekly digest %s not posted: %s; retrying in %s", key, exc, CLAIM_LEASE)
        return f"failed: {exc}"
    except Exception as exc:  # never let the digest take the daemon down; the next tick retries
        digest_runs.finish_digest(engine, key, owner, now, error=f"{type(exc).__name__}: {exc}")
        log.error("weekly digest %s failed: %s: %s", key, type(exc).__name__, exc)
        return f"failed: {type(exc).__name__}"
    digest_runs.finish_digest(engine, key, owner, now, channel=posted.channel, ts=posted.ts, error=None)
    if posted.chart_error:
        log.warning("weekly digest %s posted, but its chart was not uploaded: %s", key, posted.chart_error)
    log.info("weekly digest %s posted to %s", key, cfg.channel)
    return f"sent: {key}"


def add_digest_job(scheduler: Any, engine: Database, config: Config, owner: str) -> None:
    """Register the weekly digest on the daemon's APScheduler (a check every minute; cheap when not due)."""
    if not config.digest.channel:
        return
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler.add_job(
        send_weekly,
        IntervalTrigger(seconds=CHECK_EVERY.total_seconds(), timezone=UTC),
        args=[engine, config, owner],
        id="digest",
        next_run_time=datetime.now(UTC) + timedelta(seconds=5),
    )
