"""The long-running service: APScheduler polls each source at its interval and drains the outbox.

Schedule state lives in the database (``source_state.next_due_at`` and the poll lease), so a
restart resumes where it left off instead of polling everything at once, and several instances
can share one PostgreSQL without polling a source twice. SIGTERM and SIGINT stop it cleanly:
no new work starts, and the unit of work in progress (one page, one delivery) finishes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from alerts.notify import notifier_from_config
from alerts.slack.serve import SlackAppServer
from connectors.base import SourceConfig
from monitor import telemetry
from monitor.config import Config
from monitor.core.durations import format_duration
from monitor.core.redact import mask_url
from monitor.digest.schedule import add_digest_job
from monitor.endpoints import OpsServer, Readiness
from monitor.outbox import Outbox, claim_lease_for
from monitor.pipeline import Pipeline
from monitor.polling import instance_id, poll_source
from monitor.slack_app import start_slack_app
from monitor.store import sources
from monitor.store.database import Database, create_schema, make_engine, open_database
from monitor.store.failures import one_line, unavailable_reason
from monitor.store.retention import prune

log = logging.getLogger("repmon.daemon")
RETENTION_EVERY = timedelta(days=1)
RETENTION_FIRST_AFTER = timedelta(minutes=5)  # not in the busy first seconds after a (re)start


STOP_DEADLINE = 8.0  # seconds the work in progress gets after SIGTERM; a 10 s stop timeout leaves room
START_RETRY = timedelta(seconds=5)  # between attempts to open a database that is not there yet


class Daemon:
    def __init__(self, config: Config, engine: Database | None = None, stopping: threading.Event | None = None) -> None:
        self.config = config
        self.engine = engine or open_database(config.database.url)
        self.pipeline = Pipeline(self.engine, config)
        # one shutdown event: every wait in a poll and the outbox's loop watch it
        self.stopping = stopping or threading.Event()
        claim = claim_lease_for(config.daemon.lease)
        # SlackNotConfigured: fail now
        self.outbox = Outbox(
            self.engine,
            notifier_from_config(config.slack),
            claim_lease=claim,
            shutdown=self.stopping,
            policy=config.slack.policy(),
        )
        self._busy = 0
        self._idle = threading.Condition()
        self.slack_configured = config.slack.enabled
        self.owner = instance_id()
        self.slack_app: SlackAppServer | None = None
        self.endpoints: OpsServer | None = None
        if config.daemon.listen:
            readiness = Readiness(config, self.engine, slack_configured=self.slack_configured)
            self.endpoints = OpsServer(config.daemon.listen, readiness)
        self.scheduler = BackgroundScheduler(
            timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
        )

    @contextlib.contextmanager
    def _working(self) -> Iterator[None]:
        with self._idle:
            self._busy += 1
        try:
            yield
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def _first_run(self, source: SourceConfig) -> datetime:
        """Resume the stored schedule: a restart does not poll a source that was polled a minute ago."""
        now = datetime.now(UTC)
        due = sources.next_due(self.engine, source.source_name)
        if due is None or due <= now:
            return now
        first: datetime = min(due, now + source.interval)
        return first

    def poll(self, source: SourceConfig) -> None:
        if self.stopping.is_set():
            return
        started = time.monotonic()
        try:
            with self._working():
                result = asyncio.run(
                    poll_source(
                        self.engine, self.config, source, self.pipeline, owner=self.owner, shutdown=self.stopping
                    )
                )
        except Exception as exc:  # keep the daemon alive whatever one poll does
            if unavailable_reason(exc) is not None:
                log.error("%s: %s; will retry at the next poll", source.source_name, one_line(exc))
            else:
                log.error("%s: poll crashed: %s", source.source_name, one_line(exc))
            telemetry.poll_finished(source.source_name, seconds=time.monotonic() - started, ok=False, items=0)
        else:
            if not result.skipped:
                items = result.report.received if result.report else 0
                telemetry.poll_finished(
                    source.source_name, seconds=time.monotonic() - started, ok=result.ok, items=items
                )
            idle = result.skipped or (result.ok and result.report is not None and result.report.received == 0)
            log.log(logging.DEBUG if idle else logging.INFO, "%s", result.line())
        self.deliver()

    def deliver(self) -> None:
        if self.stopping.is_set():
            return
        try:
            with self._working():
                report = self.outbox.dispatch()
            report.reminded = self.outbox.remind(self.config.slack.remind_after)
            if report.sent or report.failed or report.reminded or report.held or report.summaries:
                log.info(
                    "outbox: %d sent, %d failed (will retry), %d reminders, %d held, %d summaries of held alerts",
                    report.sent,
                    report.failed,
                    report.reminded,
                    report.held,
                    report.summaries,
                )
            telemetry.deliveries_waiting(self.outbox.pending())
        except Exception as exc:
            log.error("outbox: %s; will retry", one_line(exc))

    def retain(self) -> None:
        """The daily retention run: thin old snapshots, delete posts past the window (see store.retention)."""
        if self.stopping.is_set():
            return
        keep = self.config.retention
        try:
            report = prune(
                self.engine,
                datetime.now(UTC),
                hourly_after=keep.snapshots_hourly_after,
                daily_after=keep.snapshots_daily_after,
                posts_for=keep.posts_for,
            )
        except Exception as exc:
            log.error("retention: %s: %s", type(exc).__name__, exc)
            return
        for table, rows in (("snapshots", report.snapshots_thinned + report.snapshots_deleted),
                            ("posts", report.posts_deleted), ("echo_bands", report.bands_deleted)):  # fmt: skip
            telemetry.pruned(table, rows)
        log.info("%s", report.line())

    def describe(self) -> str:
        """The start-up line: which database, where alerts go, what is polled, where ops can look."""
        slack = self.config.slack
        alerts = (
            f"Slack channel {slack.channel} (token from ${slack.token_env})"
            if self.slack_configured
            else "the console (no Slack token or channel)"
        )
        sources = ", ".join(
            f"{s.source_name} ({s.type}) every {format_duration(s.interval)}" for s in self.config.sources
        )
        endpoints = (
            f"/healthz, /readyz and /metrics on {self.endpoints.url}"
            if self.endpoints
            else "no endpoints ([daemon] listen unset)"
        )
        return (
            f"repmon daemon {self.owner} started: database {mask_url(self.config.database.url)}; alerts to {alerts}; "
            f"sources: {sources or 'none'}; {endpoints}"
        )

    def start(self) -> None:
        for source in self.config.sources:
            try:
                first = self._first_run(source)
            except Exception as exc:  # the database went away since it was opened: poll now, it retries
                log.error("%s: %s", source.source_name, one_line(exc))
                first = datetime.now(UTC)
            self.scheduler.add_job(
                self.poll,
                IntervalTrigger(seconds=source.interval.total_seconds(), timezone=UTC),
                args=[source],
                id=f"poll:{source.source_name}",
                next_run_time=first,
            )
        self.scheduler.add_job(
            self.deliver,
            IntervalTrigger(seconds=self.config.daemon.outbox_interval.total_seconds(), timezone=UTC),
            id="outbox",
            next_run_time=datetime.now(UTC) + timedelta(seconds=1),
        )
        self.scheduler.add_job(
            self.retain,
            IntervalTrigger(seconds=RETENTION_EVERY.total_seconds(), timezone=UTC),
            id="retention",
            next_run_time=datetime.now(UTC) + RETENTION_FIRST_AFTER,
        )
        self.outbox.retry_failed()
        if self.endpoints is not None:
            self.endpoints.start()
        add_digest_job(self.scheduler, self.engine, self.config, self.owner)
        self.scheduler.start()
        self.slack_app = start_slack_app(self.config, self.engine)
        log.info("%s", self.describe())

    def stop(self, deadline: float = STOP_DEADLINE) -> bool:
        """Stop within ``deadline`` seconds; False if work was still running (the caller exits anyway)."""
        self.stopping.set()
        if self.slack_app is not None:
            self.slack_app.stop()
        self.scheduler.shutdown(wait=False)
        end = time.monotonic() + deadline
        with self._idle:
            while self._busy and time.monotonic() < end:
                self._idle.wait(timeout=end - time.monotonic())
            finished = self._busy == 0
        if self.endpoints is not None:
            self.endpoints.stop()
        if not finished:
            log.warning(
                "stop: work still running after %gs (a send or a database wait); exiting anyway: "
                "nothing is half-written, and an alert cut off mid-send is looked up before it is re-sent",
                deadline,
            )
            return False
        self.engine.dispose()
        log.info("repmon daemon stopped cleanly")
        return True


def _open_until_ready(config: Config, stop: threading.Event) -> Database | None:
    """Open the database, retrying while it is down or locked; None if asked to stop meanwhile.

    A missing driver or a malformed URL is fatal at once (``make_engine`` says so in one line).
    """
    where = mask_url(config.database.url)
    engine = make_engine(config.database.url)
    while not stop.is_set():
        try:
            create_schema(engine)
            return engine
        except Exception as exc:
            if unavailable_reason(exc) is None:
                engine.dispose()
                raise
            log.error("%s: %s; retrying in %ds", where, one_line(exc), START_RETRY.seconds)
            stop.wait(START_RETRY.total_seconds())
    engine.dispose()
    return None


def run(config: Config) -> int:
    stop = threading.Event()

    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s; stopping within %gs", signal.Signals(signum).name, STOP_DEADLINE)
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    engine = _open_until_ready(config, stop)
    if engine is None:
        log.info("repmon daemon stopped before the database was reachable")
        return 0
    daemon = Daemon(config, engine, stopping=stop)
    daemon.start()
    while not stop.wait(timeout=1.0):
        pass
    if not daemon.stop():
        log.warning("exiting with work in flight")
    # Everything is stored and the logs are flushed: skip the interpreter's teardown, which takes
    # seconds on a busy host and would hold the interpreter open on a worker still blocked in a send.
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
