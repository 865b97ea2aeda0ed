"""Sentiment scoring: VADER, plus a customer-service lexicon and phrase rules VADER lacks.

Public surface (the pipeline and the drafting code use only this):
- :class:`Score` - the result for one post.
- :class:`Scorer` - ``Scorer(config: ScoringConfig).score(text, lang) -> Score``.
"""

from monitor.scoring.analyzer import Score, Scorer

__all__ = ["Score", "Scorer"]
