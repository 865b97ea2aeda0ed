"""Observations in; posts scored and stored, spread detected, incidents and deliveries out.

:meth:`Pipeline.ingest` is the list of stages (``monitor/ingest/``), run in one transaction
together with the source's cursor: after a crash either the page of posts *and* the cursor that
points past them are stored, or neither is, so nothing is lost and nothing is read twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import partial
from typing import Any

from monitor import telemetry
from monitor.brands import BrandMatcher, own_accounts
from monitor.config import Config
from monitor.core.errors import SkipRecord
from monitor.core.observations import Observation
from monitor.core.statuses import ChangeKind
from monitor.ingest.assessing import Baselines, assess_units
from monitor.ingest.batch import Batch, IngestReport
from monitor.ingest.brand_filter import filter_by_brand
from monitor.ingest.clustering import Clusterer, KnownWords, cluster_echoes
from monitor.ingest.grouping import group_into_incidents
from monitor.ingest.merging import merge_sightings
from monitor.ingest.notifying import enqueue_notifications, record_digest_only
from monitor.ingest.sanitize import ImpossibleDate, raw_record, sanitize
from monitor.ingest.scoring import KnownFailure, score_texts
from monitor.ingest.screening import QUARANTINED, note_disorder, screen_sightings
from monitor.ingest.screening import describe as describe_anomalies
from monitor.ingest.storing import store_posts, stored_baseline, update_baselines
from monitor.scoring import Scorer, TextScorer
from monitor.store import quarantine, sources
from monitor.store.database import Database, UnitOfWork, transaction
from monitor.store.failures import is_record_problem, one_line
from monitor.store.posts import PostRow
from monitor.store.quarantine import Reject

log = logging.getLogger("repmon.pipeline")
QUARANTINE_LOG_LINES = 3  # records of one page logged one by one; the rest in one line

__all__ = ["IngestReport", "Pipeline"]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Pipeline:
    def __init__(
        self,
        engine: Database,
        config: Config,
        *,
        scorer: TextScorer | None = None,
        raise_incidents: bool = True,
        clock: Callable[[], datetime] = utcnow,
        known_words: KnownWords | None = None,
        known_failure: KnownFailure | None = None,
    ) -> None:
        """``known_words``, ``known_failure``: posts' echo terms and failure readings done elsewhere
        already (an import's scoring worker reads them beside the scores), looked up by the clustering
        walk and the scoring stage before they read a text themselves."""
        self.engine = engine
        self.config = config
        self.scorer: TextScorer = scorer or Scorer(config.scoring)
        self.brands = BrandMatcher(config.brands)
        self.raise_incidents = raise_incidents
        self.clock = clock
        self._brand_words = {word.lower() for b in config.brands for t in b.include for word in t.strip('"').split()}
        self._key_accounts = {h.lower().lstrip("@") for b in config.brands for h in b.key_accounts}
        self._own_accounts = own_accounts(config.brands)
        self._clusterer = Clusterer(config.detection, self._brand_words, self._own_accounts, known_words)
        self.post_words = self._clusterer.read  # what reads a post's echo terms: a scoring worker may be handed it
        self._known_failure = known_failure
        self._assigned_brand = {s.source_name: s.brand for s in config.sources if s.brand}

    def ingest(
        self,
        observations: Sequence[Observation],
        *,
        source_name: str | None = None,
        source_type: str | None = None,
        cursor: dict[str, Any] | None = None,
        rejects: Sequence[Reject] = (),
        origin: str | None = None,
        sanitized: bool = False,
    ) -> IngestReport:
        """Store a page; a record that cannot be stored is quarantined, never the page.

        Each observation is sanitised first. If the database still refuses the page because of
        one record's values, the page is stored record by record and the refused ones set aside;
        the cursor moves either way. A database that is unavailable raises: nothing was stored.
        ``sanitized`` says the caller already passed every observation through ``sanitize``
        (``import`` does, as it reads the file) so it is not done twice.
        """
        origin = origin or ("poll" if source_name is not None else "import")
        dates = IngestReport()  # impossible dates sanitize refused, counted with the screening's anomalies
        clean, rejected = (list(observations), []) if sanitized else self._sanitize(observations, source_name, dates)
        assigned = self._assigned_brand.get(source_name or "")
        rejected.extend(rejects)
        present = max(self.clock(), utcnow())  # a replay's simulated clock lags the real one: later is still future
        try:
            with transaction(self.engine) as uow:
                batch = self._run_stages(uow, clean, assigned, source_name, present)
                report = batch.report
                self._close_page(uow, source_name, source_type, cursor, report, [*rejected, *batch.set_aside], origin)
            return self._done(report, dates, len(observations), source_name)
        except Exception as exc:
            if not is_record_problem(exc):
                raise
            log.warning("a record of this page was refused (%s); storing the page record by record", one_line(exc))
        report = IngestReport()
        for obs in clean:
            try:
                with transaction(self.engine) as uow:
                    batch = self._run_stages(uow, [obs], assigned, source_name, present)
                report.add(batch.report)
                rejected.extend(batch.set_aside)
            except Exception as exc:
                if not is_record_problem(exc):
                    raise
                rejected.append(Reject(source_name or obs.source, one_line(exc), raw_record(obs), obs.id))
        with transaction(self.engine) as uow:
            self._close_page(uow, source_name, source_type, cursor, report, rejected, origin)
        return self._done(report, dates, len(observations), source_name)

    def _done(self, report: IngestReport, dates: IngestReport, received: int, source_name: str | None) -> IngestReport:
        """After the commit (a rolled-back page is not counted): metrics, and one line for any odd data."""
        report.received = received
        report.add(dates)
        telemetry.ingested(source_name, report)
        if report.anomalies:
            telemetry.anomalies(source_name, report.anomalies)
            # data set aside is a warning; a clamp (an unlike, a replay out of order) is routine: info
            lost = any(action == QUARANTINED for _, action in report.anomalies)
            level = logging.WARNING if lost else logging.INFO
            log.log(level, "%s: %s", source_name or "import", describe_anomalies(report.anomalies))
        return report

    def _sanitize(
        self, observations: Sequence[Observation], source_name: str | None, dates: IngestReport
    ) -> tuple[list[Observation], list[Reject]]:
        clean: list[Observation] = []
        rejected: list[Reject] = []
        for obs in observations:
            try:
                clean.append(sanitize(obs))
            except SkipRecord as exc:
                rejected.append(Reject(source_name or obs.source, str(exc), raw_record(obs), obs.id))
                if isinstance(exc, ImpossibleDate):
                    key = (exc.kind, QUARANTINED)
                    dates.anomalies[key] = dates.anomalies.get(key, 0) + 1
        return clean, rejected

    def _close_page(
        self,
        uow: UnitOfWork,
        source_name: str | None,
        source_type: str | None,
        cursor: dict[str, Any] | None,
        report: IngestReport,
        rejected: Sequence[Reject],
        origin: str,
    ) -> None:
        """Quarantine the page's refused records and move the cursor, in the page's last transaction."""
        if rejected:
            quarantine.set_aside(uow, rejected, origin, self.clock())
            for reject in rejected[:QUARANTINE_LOG_LINES]:
                log.warning("%s: record %s quarantined: %s", reject.source, reject.post_id or "?", reject.reason)
            if len(rejected) > QUARANTINE_LOG_LINES:  # a bad file is a few lines in the log, not thousands
                more = len(rejected) - QUARANTINE_LOG_LINES
                log.warning(
                    "%s: %d more records of this page quarantined (repmon quarantine list)", rejected[0].source, more
                )
        report.quarantined += len(rejected)
        if source_name is not None:
            sources.record_page(uow, source_name, source_type or "", cursor, report.new_posts, self.clock())

    def _run_stages(
        self,
        uow: UnitOfWork,
        observations: Sequence[Observation],
        assigned_brand: str | None = None,
        source_name: str | None = None,
        present: datetime | None = None,
    ) -> Batch:
        detection = self.config.detection
        present = present or max(self.clock(), utcnow())
        batch = Batch(IngestReport(received=len(observations)), present=present, found_by=source_name)
        note_disorder(batch, observations)
        filter_by_brand(batch, observations, self.brands, assigned_brand)
        if not batch.kept:
            return batch
        screen_sightings(uow, batch, self.config.ingest.clock_skew)
        merge_sightings(uow, batch, detection.velocity_window)
        with telemetry.scoring():
            # a first-hand account alerts only at cold_start_velocity over at least half an hour
            score_texts(
                batch,
                self.scorer,
                detection.upset_threshold,
                detection.cold_start_velocity * 0.5,
                self._own_accounts,
                self._known_failure,
            )
        clustered = cluster_echoes(uow, batch, self._clusterer)
        store_posts(uow, batch)
        before = update_baselines(uow, batch)
        batch.report.snapshots, batch.report.new_upset = len(batch.snapshots), len(batch.new_upset)
        if self.raise_incidents:
            baselines = Baselines(before, batch.rate_samples, partial(stored_baseline, uow))
            with telemetry.detection():
                findings = assess_units(uow, batch, self.config, baselines, self._key_accounts, clustered)
            changes = group_into_incidents(uow, batch, findings, self.config, self._draft, self.clock())
            batch.report.opened_levels = [
                f.assessment.level for f, c in zip(findings, changes, strict=True) if c.kind is ChangeKind.OPENED
            ]
            enqueue_notifications(uow, changes, self.config.slack, self.clock())
            record_digest_only(uow, batch, findings, self.clock())
        return batch

    def _draft(self, root_row: PostRow) -> str:
        from alerts.drafting import draft_reply  # only when an incident opens: an import never loads it

        score = self.scorer.score(root_row["text"], root_row.get("lang"))
        return draft_reply(
            text=root_row["text"],
            author_handle=root_row.get("author_handle"),
            source=root_row["source"],
            topics=score.topics,
            perceptions=score.perceptions,
            abusive=score.abusive,
            facts=self.config.facts,
            reply=self.config.reply,
            brand_names=[brand.name for brand in self.config.brands],
            # the scoring stage stored what ``reads_as_complaint`` answers: read it, don't work it out again
            complaint=bool(root_row.get("upset") or root_row.get("failure")),
        )
