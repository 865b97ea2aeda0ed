"""Stage 5: write the page's posts, snapshots and velocity-baseline samples, in the page's transaction."""

from __future__ import annotations

from monitor.ingest.batch import Batch
from monitor.spread.baseline import VelocityBaseline
from monitor.store import posts, sources
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostRow


def store_posts(uow: UnitOfWork, batch: Batch) -> None:
    """New and rescored posts are written whole; a re-sighting writes only its changing state."""
    new, rescored, rewritten = batch.new_keys, batch.to_score, batch.rewritten
    whole: list[PostRow] = []
    state: list[PostRow] = []
    for key, row in batch.dirty.items():  # one pass, no union of the sets built first: both keep page order
        (whole if key in new or key in rescored or key in rewritten else state).append(row)
    posts.save_posts(uow, whole)
    posts.update_post_state(uow, state)
    posts.add_snapshots(uow, batch.snapshots)
    posts.move_creation_back(uow, [batch.rows[key] for key in sorted(batch.moved_back)])


def update_baselines(uow: UnitOfWork, batch: Batch) -> dict[str, VelocityBaseline]:
    """Fold this page's early-rate samples into each platform's stored baseline.

    Returns the baselines as they were *before* this page: detection replays the page's samples
    onto them in event time, so a sample counts only from the moment it was observed.
    """
    stored = sources.load_baselines(uow, sorted(batch.rate_samples))
    before: dict[str, VelocityBaseline] = {}
    for platform, samples in batch.rate_samples.items():
        before[platform] = VelocityBaseline.from_json(stored[platform])
        baseline = VelocityBaseline.from_json(stored[platform])
        baseline.add_many([rate for _, rate in samples])
        sources.save_baseline(uow, platform, baseline.to_json())
    return before


def stored_baseline(uow: UnitOfWork, platform: str) -> VelocityBaseline:
    return VelocityBaseline.from_json(sources.load_baselines(uow, [platform])[platform])
