"""`repmon import`: a backfill of any size in bounded memory, scored beside the storing process.

The file is read a chunk at a time (``stream_file``); while the pipeline stores one chunk, the
worker process(es) of a :class:`~monitor.scoring.pool.ScoringPool` already score the next one's
texts. Nothing alerts: an import is history. Bad lines are reported and skipped; with
``strict`` a first pass finds any bad line before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from monitor.backtest import simulated_batches
from monitor.config import Config, ScoringConfig
from monitor.core.observations import BadLine, Chunk, Observation, StrictModeError, first_bad_line, stream_file
from monitor.ingest.batch import IngestReport
from monitor.ingest.merging import stored_text
from monitor.ingest.reading import KnownReadings, Reading, TextReader
from monitor.ingest.sanitize import sanitize
from monitor.pipeline import Pipeline
from monitor.scoring import Score, Scorer
from monitor.scoring.patterns import validate_pattern
from monitor.scoring.pool import Item, PrefetchedScorer, Reader, Scored, ScoringPool, default_workers
from monitor.store import posts
from monitor.store.database import Database

# observations per transaction, and lines per chunk read (two chunks are held at once), in one process
# as by default: a chunk is sorted by time, so a file out of time order read in other chunk sizes was
# walked in another order and stored other signatures and word counts (docs/detection.md)
BATCH = 2000


@dataclass
class ImportSummary:
    observations: int = 0
    report: IngestReport = field(default_factory=IngestReport)
    bad_lines: list[BadLine] = field(default_factory=list)


def import_file(
    path: Path,
    engine: Database,
    config: Config,
    *,
    strict: bool = False,
    workers: int | None = None,
    on_bad_line: Callable[[BadLine], None] | None = None,
    summary: ImportSummary | None = None,
) -> ImportSummary:
    """Store every good observation of ``path``, scoring in ``workers`` processes beside this one
    (``None``: :func:`~monitor.scoring.pool.default_workers`; 0 scores in this process).

    Every record is sanitised as it is read: what cannot be cleaned is a bad line. ``summary``
    is filled as chunks are stored, so a caller still has it when the database fails half-way.
    """
    if strict:
        bad = first_bad_line(path, sanitize)
        if bad is not None:
            raise StrictModeError(bad)
    summary = summary if summary is not None else ImportSummary()
    scorer = _ScorerOnDemand(config.scoring)
    workers = default_workers() if workers is None else workers
    if workers == 0:
        pipeline = Pipeline(engine, config, scorer=scorer, raise_incidents=False)
        for chunk in stream_file(path, chunk_lines=BATCH, check=sanitize):
            _store(pipeline, chunk, summary, on_bad_line)
        return summary
    prefetched: PrefetchedScorer[Reading] = PrefetchedScorer(scorer)
    known = KnownReadings(prefetched.read)
    pipeline = Pipeline(
        engine,
        config,
        scorer=prefetched,
        raise_incidents=False,
        known_words=known.words,
        known_failure=known.failure,
    )
    # the worker also reads each text's echo terms and failure words: this process only looks them up
    with _LazyPool(config, workers, scorer, TextReader(pipeline.post_words)) as pool:
        chunks = stream_file(path, chunk_lines=BATCH, check=sanitize)
        current = next(chunks, None)
        pending = pool.submit(_new_texts(engine, current)) if current else []
        brought_new = True  # whether the chunk stored last had new posts
        while current is not None:
            following = next(chunks, None)
            # the next chunk is scored while this one is stored; after a chunk of known posts only (a
            # re-observation) it is not looked up ahead: a new post there is scored here, to the same score
            ahead = pool.submit(_new_texts(engine, following)) if following and brought_new else []
            prefetched.add(pending)
            new_before = summary.report.new_posts
            _store(pipeline, current, summary, on_bad_line)
            brought_new = summary.report.new_posts > new_before
            prefetched.clear()
            current, pending = following, ahead
    return summary


class _ScorerOnDemand:
    """The import's :class:`Scorer`, built for the first text to score: re-observing known posts (new
    counters, nothing to score) never loads the lexicon or builds the rule set (~0.06 s of CPU).

    The config's own phrase patterns are checked now, as ``Scorer`` checks them: a bad one is still
    refused at start-up, before anything is stored, with the same error.
    """

    def __init__(self, config: ScoringConfig) -> None:
        for phrase in config.phrases:
            validate_pattern(phrase.pattern)
        self.config = config
        self._scorer: Scorer | None = None

    def get(self) -> Scorer:
        if self._scorer is None:
            self._scorer = Scorer(self.config)
        return self._scorer

    def score(self, text: str, lang: str | None = None) -> Score:
        return self.get().score(text, lang)


class _LazyPool:
    """A :class:`ScoringPool` started with the first text to score: re-observing known posts (new
    counters, nothing to score) never forks workers or builds what they would score with."""

    def __init__(
        self, config: Config, workers: int, scorer: Scorer | _ScorerOnDemand, reader: Reader[Reading] | None = None
    ) -> None:
        self._args = (config, workers, scorer, reader)
        self._pool: ScoringPool[Reading] | None = None

    def submit(self, items: list[tuple[str, str | None]]) -> list[tuple[Sequence[Item], Future[Scored[Reading]]]]:
        if not items:
            return []
        if self._pool is None:
            config, workers, scorer, reader = self._args
            built = scorer.get() if isinstance(scorer, _ScorerOnDemand) else scorer
            self._pool = ScoringPool(config.scoring, workers, scorer=built, reader=reader)
        return self._pool.submit(items)

    def __enter__(self) -> _LazyPool:
        return self

    def __exit__(self, *_: object) -> None:
        if self._pool is not None:
            self._pool.close()


def _new_texts(engine: Database, chunk: Chunk) -> list[tuple[str, str | None]]:
    """Texts of posts the store does not have yet: a re-observed post is never scored again."""
    keys = [obs.key for obs in chunk.observations]  # each built once: ``key`` is a property making a tuple
    known = posts.existing_keys(engine, set(keys))
    return list(
        dict.fromkeys(
            (stored_text(o), o.lang) for o, key in zip(chunk.observations, keys, strict=True) if key not in known
        )
    )


def _store(
    pipeline: Pipeline, chunk: Chunk, summary: ImportSummary, on_bad_line: Callable[[BadLine], None] | None
) -> None:
    for bad in chunk.bad_lines:
        summary.bad_lines.append(bad)
        if on_bad_line is not None:
            on_bad_line(bad)
    summary.observations += len(chunk.observations)
    for batch in _batches(chunk):
        summary.report.add(pipeline.ingest(batch, origin="import", sanitized=True))


def _batches(chunk: Chunk) -> Iterator[list[Observation]]:
    return simulated_batches(chunk.observations, size=BATCH, per_minute=False)
