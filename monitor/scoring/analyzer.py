"""PLACEHOLDER - being written by the scoring helper; the interface below is fixed."""

from __future__ import annotations

from dataclasses import dataclass, field

from monitor.config import ScoringConfig


@dataclass(frozen=True, slots=True)
class Score:
    compound: float | None  # None when unscored (non-English, empty)
    pos: float | None
    neu: float | None
    neg: float | None
    label: str  # "positive" | "neutral" | "negative" | "unscored"
    topics: tuple[str, ...] = ()  # complaint topics matched, e.g. ("refund", "double_charge")
    perceptions: tuple[str, ...] = field(default=())  # the customer's own words that matched, e.g. "charged me twice"
    abusive: bool = False  # insults, threats, harassment: routed to a lead, no warm draft


class Scorer:
    def __init__(self, config: ScoringConfig | None = None) -> None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        self._vader = SentimentIntensityAnalyzer()

    def score(self, text: str, lang: str | None = None) -> Score:
        s = self._vader.polarity_scores(text[:1000])
        c = s["compound"]
        label = "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"
        return Score(c, s["pos"], s["neu"], s["neg"], label)
