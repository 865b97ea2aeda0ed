"""Stage 2: merge each sighting into its post row and keep its engagement snapshot.

A post's row always holds its latest known state; a counter missing from a sighting means
unknown, not zero, so what was known is kept. Older or repeated sightings only add their
snapshot. Texts that are new or edited are marked for the scoring stage; unchanged text is never
rescored.
"""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from operator import attrgetter

from monitor.core.observations import DELETED, Observation
from monitor.ingest.batch import Batch, engagement_total, load_page_rows
from monitor.scoring.normalize import plain_text
from monitor.store.database import UnitOfWork
from monitor.store.posts import SNAPSHOT_COUNTERS, PostKey, PostRow


def merge_sightings(uow: UnitOfWork, batch: Batch, velocity_window: timedelta) -> None:
    load_page_rows(uow, batch)
    # the page's collections bound once: this loop runs for every sighting of an import
    rows, dirty, new_keys, last_seen = batch.rows, batch.dirty, batch.new_keys, batch.last_seen
    sightings, snapshots, found_by = batch.sightings, batch.snapshots, batch.found_by
    for obs, brand, key in batch.kept:  # the key as the brand filter worked it out: not rebuilt here
        seen = obs.observed_at
        counts = _COUNTS(obs.engagement)
        values = dict(zip(SNAPSHOT_COUNTERS, counts, strict=True))
        row = rows.get(key)
        if row is None:
            row = _new_row(obs, brand, found_by, values)
            rows[key] = row
            new_keys.add(key)
            batch.to_score.add(key)
            batch.report.new_posts += 1
            _sample_early_rate(batch, row, None, velocity_window)
        elif seen > row["last_observed_at"]:
            seen_before = row["last_observed_at"]
            _apply_sighting(batch, row, obs, key, brand, counts)
            _sample_early_rate(batch, row, seen_before, velocity_window)
            if key not in dirty and key not in new_keys:
                batch.report.updated_posts += 1
        if row.get("found_by") is None:
            row["found_by"] = found_by  # nobody's yet (imported): the first source to yield it adopts it
        dirty[key] = row
        last = last_seen.get(key)
        last_seen[key] = seen if last is None or seen > last else last
        sightings[key].append((seen, values))
        if counts != _UNKNOWN:  # any counter known
            snapshots.append({"source": obs.source, "post_id": obs.id, "observed_at": seen, **values})


_COUNTS = attrgetter(*SNAPSHOT_COUNTERS)  # a sighting's counters as one tuple, in SNAPSHOT_COUNTERS order
_UNKNOWN = (None,) * len(SNAPSHOT_COUNTERS)


def stored_text(obs: Observation) -> str:
    """The text as stored and scored: HTML reduced to plain text, entities decoded."""
    return plain_text(obs.text) if "<" in obs.text or "&" in obs.text else obs.text


def _new_row(obs: Observation, brand: str | None, found_by: str | None, counters: dict[str, int | None]) -> PostRow:
    """``counters``: the sighting's snapshot counters, already read once by the caller (copied in)."""
    author, seen = obs.author, obs.observed_at
    return {
        "source": obs.source,
        "post_id": obs.id,
        "found_by": found_by,
        "url": obs.url,
        "created_at": obs.created_at or seen,
        "first_seen_at": seen,
        "last_observed_at": seen,
        "author_id": author.id,
        "author_handle": author.handle,
        "author_followers": author.followers,
        "text": stored_text(obs),
        "text_hash": zlib.crc32(obs.text.encode()),
        "in_reply_to": obs.in_reply_to,
        "lang": obs.lang,
        "rating": obs.rating,
        "brand": brand,
        "cluster": None,
        "signature": None,
        "extra": obs.extra or None,
        **counters,
    }


def _apply_sighting(
    batch: Batch, row: PostRow, obs: Observation, key: PostKey, brand: str | None, counts: tuple[int | None, ...]
) -> None:
    row["last_observed_at"] = obs.observed_at
    for name, value in zip(SNAPSHOT_COUNTERS, counts, strict=True):
        if value is not None:
            row[name] = value
    if obs.author.followers is not None:
        row["author_followers"] = obs.author.followers
    if obs.url and not row.get("url"):
        row["url"] = obs.url
    if obs.model_extra and obs.extra.get(DELETED):  # deleted or removed at the source: keep its words and score
        row["extra"] = {**(row.get("extra") or {}), DELETED: True}
        batch.rewritten.add(key)
        return
    text_hash = zlib.crc32(obs.text.encode())
    if text_hash != row["text_hash"]:  # edited: the new words are scored
        row.update(text=stored_text(obs), text_hash=text_hash, brand=brand or row.get("brand"))
        batch.to_score.add(key)


def _sample_early_rate(batch: Batch, row: PostRow, seen_before: datetime | None, window: timedelta) -> None:
    """One baseline sample per post: its engagement rate over its first velocity window.

    Comparing an upset post's early rate with other posts' early rates is like with like; a
    median over every re-poll would be dominated by old posts that no longer move.
    """
    age = row["last_observed_at"] - row["created_at"]
    if age < window or (seen_before is not None and seen_before - row["created_at"] >= window):
        return  # too young to tell yet, or sampled at an earlier sighting
    total = engagement_total(row)
    if total is not None:
        batch.rate_samples[row["source"]].append((row["last_observed_at"], total / (age.total_seconds() / 3600)))
