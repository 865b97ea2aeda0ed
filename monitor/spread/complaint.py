"""What repmon reads as a complaint: one answer for detection, the alert's draft, the CLI and Slack.

A post is a complaint when it reads upset (its compound score at or below the threshold, or one or
two stars) or when it reports a failure first-hand whatever its score says, including a report that
reads positive only for a sarcastic closing line ("... Great map!"). Detection used to compute this
inline while `repmon draft` and the Slack app asked only whether VADER's label was negative, so the
same sarcastic post was a complaint in an alert and thanked for in the CLI. Every caller now asks here.
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.scoring import Score, TextScorer
from monitor.scoring.language import tag_is_english
from monitor.spread.failure import POSITIVE, reports_failure, without_sign_off

LOW_RATING = 2  # one or two stars say upset, whatever the words; four or five say it was fine
HIGH_RATING = 4


@dataclass(frozen=True)
class ComplaintSigns:
    """Why a post is a complaint: it reads upset, or it reports a failure (kept apart for detection)."""

    upset: bool
    failure: bool

    @property
    def complaint(self) -> bool:
        return self.upset or self.failure


def complaint_signs(
    text: str,
    score: Score,
    scorer: TextScorer,
    upset_threshold: float,
    *,
    lang: str | None = None,
    rating: int | None = None,
) -> ComplaintSigns:
    """How ``text`` (already scored as ``score``) reads: upset, a failure report, both or neither."""
    upset = score.compound is not None and score.compound <= upset_threshold
    upset = upset or (rating is not None and rating <= LOW_RATING)
    satisfied = rating is not None and rating >= HIGH_RATING
    # the tag, unless the scorer found the words are not the English it claims: then every language
    words_lang = None if score.label == "unscored" and tag_is_english(lang) else lang
    failure = not upset and not satisfied and reports_failure(text, words_lang, score.compound)
    if not upset and not failure and (score.compound or 0.0) > POSITIVE and rating is None:
        failure = _sarcastic_report(text, lang, scorer)  # reviews speak through their stars
    return ComplaintSigns(upset=upset, failure=failure)


def reads_as_complaint(
    text: str,
    scorer: TextScorer,
    upset_threshold: float,
    *,
    lang: str | None = None,
    rating: int | None = None,
    score: Score | None = None,
) -> bool:
    """Whether repmon reads ``text`` as a complaint, so a draft for it is never only a thank-you."""
    score = score if score is not None else scorer.score(text, lang)
    return complaint_signs(text, score, scorer, upset_threshold, lang=lang, rating=rating).complaint


def _sarcastic_report(text: str, lang: str | None, scorer: TextScorer) -> bool:
    """A failure report that reads positive only for its closing line of praise ("... Great stuff")."""
    report = without_sign_off(text)
    if not report:
        return False
    return reports_failure(report, lang, scorer.score(report, lang).compound)
