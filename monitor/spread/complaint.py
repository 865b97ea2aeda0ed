"""What repmon reads as a complaint: one answer for detection, the alert's draft, the CLI and Slack.

A post is a complaint when it reads upset (its compound score at or below the threshold, or one or
two stars) or when it reports a failure first-hand whatever its score says, including a report that
reads positive only for a sarcastic closing line ("... Great map!"). Detection used to compute this
inline while `repmon draft` and the Slack app asked only whether VADER's label was negative, so the
same sarcastic post was a complaint in an alert and thanked for in the CLI. Every caller now asks here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

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


class FailureRead(NamedTuple):
    """What a text's words say of a failure, given its score: the part of ``complaint_signs`` that
    depends on the text alone (not on a rating or the threshold), so an import's scoring worker
    reads it beside the score (``read_failure``) and the importing process only combines it."""

    reports: bool  # ``reports_failure`` in the words' language
    sarcastic: bool  # ``_sarcastic_report``, read only where ``complaint_signs`` could ask for it


def read_failure(text: str, score: Score, scorer: TextScorer, lang: str | None = None) -> FailureRead:
    """``complaint_signs``'s reading of ``text`` (scored as ``score``), whatever its rating turns out to be.

    The sarcasm check (which scores the text again without its closing line) is done only where
    ``complaint_signs`` would ask for it: no failure reported and a score above ``POSITIVE``.
    """
    reports = reports_failure(text, _words_lang(score, lang), score.compound)
    sarcastic = not reports and (score.compound or 0.0) > POSITIVE and _sarcastic_report(text, lang, scorer)
    return FailureRead(reports, sarcastic)


def complaint_signs(
    text: str,
    score: Score,
    scorer: TextScorer,
    upset_threshold: float,
    *,
    lang: str | None = None,
    rating: int | None = None,
    read: FailureRead | None = None,
) -> ComplaintSigns:
    """How ``text`` (already scored as ``score``) reads: upset, a failure report, both or neither.

    ``read``: ``read_failure`` of the same text, score and language, done elsewhere already (an
    import's scoring worker); without it the text is read here, only as far as the answer needs.
    """
    upset = score.compound is not None and score.compound <= upset_threshold
    upset = upset or (rating is not None and rating <= LOW_RATING)
    satisfied = rating is not None and rating >= HIGH_RATING
    failure = (
        not upset
        and not satisfied
        and (read.reports if read is not None else reports_failure(text, _words_lang(score, lang), score.compound))
    )
    if not upset and not failure and (score.compound or 0.0) > POSITIVE and rating is None:
        # reviews speak through their stars; ``read.reports`` is False here, so ``read`` checked for sarcasm
        failure = read.sarcastic if read is not None else _sarcastic_report(text, lang, scorer)
    return ComplaintSigns(upset=upset, failure=failure)


def _words_lang(score: Score, lang: str | None) -> str | None:
    """The tag, unless the scorer found the words are not the English it claims: then every language."""
    return None if score.label == "unscored" and tag_is_english(lang) else lang


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
