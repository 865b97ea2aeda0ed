"""The long-running service: APScheduler polls each source at its interval and drains the outbox.

Schedule state lives in the database (``source_state.next_due_at`` and the poll lease), so a
restart resumes where it left off instead of polling everything at once, and several instances
can share one PostgreSQL without polling a source twice. SIGTERM and SIGINT stop it cleanly:
no new work starts, and the unit of work in progress (one page, one delivery) finishes.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import socket
import threading
from datetime import UTC, datetime, timedelta
from types import FrameType

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from alerts.notify import notifier_from_config
from alerts.slack.serve import SlackAppServer
from connectors.base import SourceConfig
from monitor.config import Config
from monitor.outbox import Outbox
from monitor.pipeline import Pipeline
from monitor.polling import poll_source
from monitor.slack_app import start_slack_app
from monitor.store import sources
from monitor.store.database import Database, open_database

log = logging.getLogger("repmon.daemon")


def instance_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Daemon:
    def __init__(self, config: Config, engine: Database | None = None) -> None:
        self.config = config
        self.engine = engine or open_database(config.database.url)
        self.pipeline = Pipeline(self.engine, config)
        self.outbox = Outbox(self.engine, notifier_from_config(config.slack))  # SlackNotConfigured: fail now
        self.owner = instance_id()
        self.slack_app: SlackAppServer | None = None
        self.stopping = threading.Event()
        self.scheduler = BackgroundScheduler(
            timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
        )

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
        try:
            result = asyncio.run(poll_source(self.engine, self.config, source, self.pipeline, owner=self.owner))
            log.info("%s", result.line())
        except Exception as exc:  # keep the daemon alive whatever one poll does
            log.error("%s: poll crashed: %s: %s", source.source_name, type(exc).__name__, exc)
        self.deliver()

    def deliver(self) -> None:
        if self.stopping.is_set():
            return
        try:
            report = self.outbox.dispatch()
            report.reminded = self.outbox.remind(self.config.slack.remind_after)
            if report.sent or report.failed or report.reminded:
                log.info(
                    "outbox: %d sent, %d failed (will retry), %d reminders", report.sent, report.failed, report.reminded
                )
        except Exception as exc:
            log.error("outbox: %s: %s", type(exc).__name__, exc)

    def start(self) -> None:
        for source in self.config.sources:
            self.scheduler.add_job(
                self.poll,
                IntervalTrigger(seconds=source.interval.total_seconds(), timezone=UTC),
                args=[source],
                id=f"poll:{source.source_name}",
                next_run_time=self._first_run(source),
            )
        self.scheduler.add_job(
            self.deliver,
            IntervalTrigger(seconds=self.config.daemon.outbox_interval.total_seconds(), timezone=UTC),
            id="outbox",
            next_run_time=datetime.now(UTC) + timedelta(seconds=1),
        )
        self.outbox.retry_failed()
        self.scheduler.start()
        self.slack_app = start_slack_app(self.config, self.engine)
        names = ", ".join(f"{s.source_name} every {s.interval}" for s in self.config.sources) or "no sources"
        log.info("repmon daemon %s started: %s", self.owner, names)

    def stop(self) -> None:
        self.stopping.set()
        if self.slack_app is not None:
            self.slack_app.stop()
        self.scheduler.shutdown(wait=True)
        self.engine.dispose()
        log.info("repmon daemon stopped cleanly")


def run(config: Config) -> int:
    daemon = Daemon(config)
    stop = threading.Event()

    def _on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("received %s; finishing the current unit of work", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    daemon.start()
    while not stop.wait(timeout=1.0):
        pass
    daemon.stop()
    return 0
