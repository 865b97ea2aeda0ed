"""Stage 3: score new and edited texts, and find which posts are upset.

Scoring runs after merging so a post sighted several times in one page is scored once, on its
latest words.
"""

from __future__ import annotations

from monitor.ingest.batch import Batch
from monitor.scoring import Score, TextScorer
from monitor.store.posts import PostRow


def score_texts(batch: Batch, scorer: TextScorer, upset_threshold: float) -> None:
    for key, row in batch.dirty.items():  # in order of first sighting, as clustering expects
        if key not in batch.to_score:
            continue
        score = scorer.score(row["text"], row.get("lang"))
        _apply_score(row, score, upset_threshold)
        if key in batch.new_keys:
            batch.report.unscored += score.label == "unscored"
            if row["upset"]:
                batch.new_upset.append(key)
    for key, row in batch.dirty.items():
        if row["upset"]:
            batch.touched_upset[key] = batch.last_seen[key]
    batch.report.upset = len(batch.touched_upset)


def _apply_score(row: PostRow, score: Score, upset_threshold: float) -> None:
    row.update(
        compound=score.compound,
        pos=score.pos,
        neu=score.neu,
        neg=score.neg,
        label=score.label,
        upset=score.compound is not None and score.compound <= upset_threshold,
        abusive=score.abusive,
        topics=",".join(score.topics)[:255],
    )
