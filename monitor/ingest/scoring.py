"""Stage 3: score new and edited texts, and find which posts are upset.

Scoring runs after merging so a post sighted several times in one page is scored once, on its
latest words.
"""

from __future__ import annotations

from collections.abc import Callable

from monitor.brands import account_name
from monitor.core.platforms import COUNTERS, profile_for
from monitor.ingest.batch import Batch
from monitor.scoring import Score, TextScorer
from monitor.spread.complaint import ComplaintSigns, FailureRead, complaint_signs
from monitor.spread.failure import first_hand
from monitor.store.posts import PostRow

KnownFailure = Callable[[str, str | None], FailureRead | None]
"""A text's failure reading by (text, language) if read already (an import's scoring worker reads it)."""


def score_texts(
    batch: Batch,
    scorer: TextScorer,
    upset_threshold: float,
    first_hand_floor: float = 0.0,
    own_accounts: frozenset[str] = frozenset(),
    known_failure: KnownFailure | None = None,
) -> None:
    """Score the page's new and edited texts; ``first_hand_floor``: the interactions a first-hand
    account needs before it is worth reading its words for one (it alerts only far above that).
    ``known_failure``: texts' failure readings done elsewhere already, looked up before reading one here.

    A post by one of the brand's ``own_accounts`` is the brand speaking (a trailer, patch notes
    listing the crashes they fixed): scored for the digest, never a customer's complaint.
    """
    for key, row in batch.dirty.items():  # in order of first sighting, as clustering expects
        if key not in batch.to_score:
            continue
        text, lang = row["text"], row.get("lang")
        score = scorer.score(text, lang)
        read = known_failure(text, lang) if known_failure is not None else None
        signs = complaint_signs(text, score, scorer, upset_threshold, lang=lang, rating=row.get("rating"), read=read)
        _apply_score(row, score, signs)
        if own_accounts and account_name(row.get("author_handle")) in own_accounts:
            row.update(upset=False, failure=False)
            continue
        if key in batch.new_keys:
            batch.report.unscored += score.label == "unscored"
            if row["upset"] or row["failure"]:
                batch.new_upset.append(key)
    for key, row in batch.dirty.items():
        if own_accounts and account_name(row.get("author_handle")) in own_accounts:
            continue
        if row["upset"] or row.get("failure") or (engagement(row) >= first_hand_floor and told_first_hand(row)):
            batch.touched_upset[key] = batch.last_seen[key]
    batch.report.upset = len(batch.touched_upset)


def _apply_score(row: PostRow, score: Score, signs: ComplaintSigns) -> None:
    row.update(
        failure=signs.failure,
        compound=score.compound,
        pos=score.pos,
        neu=score.neu,
        neg=score.neg,
        label=score.label,
        upset=signs.upset,
        abusive=score.abusive,
        topics=",".join(score.topics)[:255],
    )


def engagement(row: PostRow) -> int:
    return sum(int(row.get(name) or 0) for name in COUNTERS)


def told_first_hand(row: PostRow) -> bool:
    """A person's own account that reads neither upset nor happy: watched only for spreading fast.

    Not a complaint (it never gathers echoes); reviews speak through their stars and news feeds
    are nobody's own story.
    """
    if row["upset"] or row.get("failure") or row.get("rating") is not None or row.get("label") is None:
        return False
    if profile_for(row["source"]).syndication:
        return False
    return first_hand(row["text"], row.get("lang"), row.get("compound"))
