"""Sentiment scoring: VADER, plus a customer-service lexicon and phrase rules VADER lacks.

Public surface (the pipeline and the drafting code use only this):
- :class:`Score` - the result for one post.
- :class:`Scorer` - ``Scorer(config: ScoringConfig).score(text, lang) -> Score``.
"""

from typing import Protocol

from monitor.scoring.analyzer import Score, Scorer


class TextScorer(Protocol):
    """What the pipeline needs of a scorer: a :class:`Scorer`, or one that serves precomputed scores."""

    def score(self, text: str, lang: str | None = None) -> Score: ...


__all__ = ["Score", "Scorer", "TextScorer"]
