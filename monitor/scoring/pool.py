"""Scoring across every core: worker processes score a backfill's texts ahead of the pipeline.

VADER is pure Python, so one process scores at most one core's worth. An import reads far ahead
of what it stores; :class:`ScoringPool` sends the next chunk's texts to worker processes while the
pipeline stores the current one, and :class:`PrefetchedScorer` hands the pipeline those scores
(falling back to scoring in-process for anything it was not sent). Each worker builds the same
:class:`Scorer` from the same config, so the scores are exactly the ones one process would give.

A worker can also read each text with a ``reader`` the pool is given (an import's echo terms and
what the words say of a failure, ``monitor.ingest.reading``): work that depends on the text and
its score alone, done once per text beside the score instead of in the process that clusters and
stores, which has the most work of the two.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Generic, NamedTuple, TypeVar

from monitor.config import ScoringConfig
from monitor.scoring import TextScorer, language
from monitor.scoring.analyzer import Score, Scorer

Item = tuple[str, str | None]
"""A text and its language tag, as the scoring stage passes them."""
R = TypeVar("R")
Reader = Callable[[Scorer, str, str | None, Score], R]
"""What else a worker reads in each text, given the worker's scorer, the text, its language and its
score (picklable: a spawned worker is sent it)."""


class Scored(NamedTuple, Generic[R]):
    """One slice's scores, in order, and what the pool's reader read in each text (None without one)."""

    scores: list[Score]
    read: list[R] | None


_WORKER: Scorer | None = None
_READER: Reader[Any] | None = None
SLICE = 250  # texts per task: large enough to amortise pickling, small enough to spread over workers


def _start_worker(config: dict[str, Any], reader: Reader[Any] | None) -> None:
    """A forked worker keeps the scorer it inherited (its pages stay shared); a spawned one builds its own."""
    global _WORKER, _READER
    _READER = reader
    gc.freeze()  # what the fork inherited stays shared: this process's collector never writes to it
    if _WORKER is None:
        _WORKER = Scorer(ScoringConfig.model_validate(config))


def _score_slice(items: Sequence[Item]) -> Scored[Any]:
    worker, reader = _WORKER, _READER
    assert worker is not None
    scores = [worker.score(text, lang) for text, lang in items]
    if reader is None:
        return Scored(scores, None)
    read = [reader(worker, text, lang, score) for (text, lang), score in zip(items, scores, strict=True)]
    return Scored(scores, read)


def default_workers() -> int:
    """One scoring process beside the importing one on a machine of two cores or more, none on one.

    The importing process parses, clusters and stores; scoring is a small part of the work (an
    import of 30,000 posts on the loaded shared machine: 13.5 to 17 s of CPU in the importing
    process, two thirds of it the echo-clustering walk, against 4 to 7 s in its worker, which also
    reads each text's echo terms and failure words), so one worker keeps up and a second would sit
    idle holding memory. What is left in the importing process depends on the store or on the order
    of posts, so it cannot move to a worker as it stands.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return 1 if cores >= 2 else 0


def warm(scorer: Scorer) -> None:
    """Load what a scorer loads on first need (the language model) before workers fork from it."""
    language.langid_is_english("Northwind a perdu mes bagages et personne ne répond")
    scorer.score("warming up: Northwind lost my bag")


class ScoringPool(Generic[R]):
    """Worker processes scoring ahead of the pipeline (and reading each text with ``reader``).

    On Linux they fork from ``scorer`` (the importing process's own, warmed first), so the rules,
    the lexicon and the mapped language model are pages every process shares, not one copy each.
    """

    def __init__(
        self,
        config: ScoringConfig,
        workers: int | None = None,
        *,
        scorer: Scorer | None = None,
        reader: Reader[R] | None = None,
    ) -> None:
        global _WORKER
        self.workers = max(1, workers or default_workers())
        fork = sys.platform == "linux"  # elsewhere the platform's default (macOS: spawn, as fork is unsafe there)
        if fork:
            _WORKER = scorer or Scorer(config)
            warm(_WORKER)
            if reader is not None:  # what it loads (a stemmer) is then shared too, not one copy per worker
                warming = "warming up: Northwind lost my bag on NW 608 https://example.com/a"
                reader(_WORKER, warming, None, _WORKER.score(warming))
        self._executor = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("fork" if fork else None),
            initializer=_start_worker,
            initargs=(config.model_dump(mode="json"), reader),
        )
        if fork:
            # Fork every worker now, before the caller reads any data, from a frozen heap: the pages
            # they inherit stay shared with this process (its collector no longer writes to them)
            # instead of being copied, and no chunk of the import is inherited.
            gc.freeze()
            self._executor.submit(int)

    def submit(self, items: Sequence[Item]) -> list[tuple[Sequence[Item], Future[Scored[R]]]]:
        """Start scoring ``items``; the results come back in order, slice by slice."""
        slices = [items[i : i + SLICE] for i in range(0, len(items), SLICE)]
        return [(part, self._executor.submit(_score_slice, part)) for part in slices]

    def close(self) -> None:
        global _WORKER
        self._executor.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
        _WORKER = None

    def __enter__(self) -> ScoringPool[R]:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


class PrefetchedScorer(Generic[R]):
    """A :class:`Scorer` that first looks up scores computed ahead of time by a :class:`ScoringPool`
    (and what its reader read in the same texts: ``read``)."""

    def __init__(self, scorer: TextScorer) -> None:
        """``scorer``: what scores a text it was not sent (a :class:`Scorer`, or one built on demand)."""
        self.scorer = scorer
        self._ready: dict[Item, Score] = {}
        self._read: dict[Item, R] = {}

    def add(self, pending: Iterable[tuple[Sequence[Item], Future[Scored[R]]]]) -> None:
        """Wait for submitted slices and keep their scores until they are asked for."""
        for items, future in pending:
            scores, read = future.result()
            self._ready.update(zip(items, scores, strict=True))
            if read is not None:
                self._read.update(zip(items, read, strict=True))

    def score(self, text: str, lang: str | None = None) -> Score:
        found = self._ready.get((text, lang))
        return found if found is not None else self.scorer.score(text, lang)

    def read(self, text: str, lang: str | None = None) -> R | None:
        """What the pool's reader read in this text, if it was sent (None: the caller reads it)."""
        return self._read.get((text, lang))

    def clear(self) -> None:
        self._ready.clear()
        self._read.clear()
