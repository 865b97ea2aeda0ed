"""What an import's scoring worker reads in each new text beside its score, for the importing process.

In a default import one worker process scores while the importing process parses, clusters and
stores, which is most of the work: the worker idled for much of the import. So the worker also
does the per-text work that depends on nothing but the text, its language and its score (never on
the store or on the order posts arrive in): the post's echo terms (``PostWords``) and what its
words say of a failure (``read_failure``). The importing process looks both up by text and
language, and reads a text itself only when it was not sent (then to the same answer).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from monitor.scoring import Score, Scorer
from monitor.spread.complaint import FailureRead, read_failure
from monitor.spread.post_words import PostWords


class Reading(NamedTuple):
    """A text's echo terms and its failure reading, as the scoring worker read them."""

    words: frozenset[str]
    failure: FailureRead


class TextReader:
    """The reader a :class:`~monitor.scoring.pool.ScoringPool` is handed (plain data: picklable)."""

    def __init__(self, words: PostWords) -> None:
        self.words = words

    def __call__(self, scorer: Scorer, text: str, lang: str | None, score: Score) -> Reading:
        return Reading(self.words(text, lang), read_failure(text, score, scorer, lang))


class KnownReadings:
    """Lookups of what a worker read, in the shapes the clustering walk and the scoring stage ask for."""

    def __init__(self, read: Callable[[str, str | None], Reading | None]) -> None:
        """``read``: a :class:`~monitor.scoring.pool.PrefetchedScorer`'s ``read``."""
        self._read = read

    def words(self, text: str, lang: str | None) -> frozenset[str] | None:
        found = self._read(text, lang)
        return found.words if found is not None else None

    def failure(self, text: str, lang: str | None) -> FailureRead | None:
        found = self._read(text, lang)
        return found.failure if found is not None else None
