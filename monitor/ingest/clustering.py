"""Stage 4: attach each new upset post to the complaint it echoes, if any (by reply or by wording).

Wording is compared through MinHash bands stored for the echo window; only the most recent
holders of a band are candidates, and only the likeliest few are verified, so a storm of
look-alikes costs a bounded amount of work per post.
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from monitor.ingest.batch import Batch
from monitor.spread import echo
from monitor.store import posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostKey, PostRow

PER_BAND = 8
MAX_CANDIDATES = 8  # echo candidates verified per post: bounds the work in a storm of look-alikes
NEAR_COPY = 0.8  # an echo this similar to what it matched stores no bands of its own


def key_str(source: str, post_id: str) -> str:
    return f"{source}:{post_id}"


def author_of(row: PostRow) -> str:
    """Who wrote it; posts with no known author (news feeds) never count as distinct echoing voices."""
    return str(row.get("author_id") or row.get("author_handle") or "")


def cluster_echoes(
    uow: UnitOfWork, batch: Batch, brand_words: set[str], echo_window: timedelta, echo_similarity: float
) -> None:
    if not batch.new_upset:
        return
    rows = batch.rows
    band_rows: list[dict[str, Any]] = []
    post_bands: dict[PostKey, list[str]] = {}
    for key in batch.new_upset:
        row = rows[key]
        words = echo.signature(row["text"], brand_words, row["topics"].split(","))
        row["signature"] = echo.encode_signature(words)
        post_bands[key] = echo.bands(words, scope=row.get("brand") or "")
    all_bands = sorted({band for bands in post_bands.values() for band in bands})
    earliest = min(rows[k]["last_observed_at"] for k in batch.new_upset) - echo_window
    # per band, the most recent holders only: a band shared by hundreds of look-alikes is one story
    candidates: dict[str, deque[PostKey]] = defaultdict(lambda: deque(maxlen=PER_BAND))
    for band, source, post_id in posts.band_holders(uow, all_bands, earliest):
        candidates[band].append((source, post_id))
    unknown = {k for cands in candidates.values() for k in cands if k not in rows}
    rows.update(posts.load_posts(uow, unknown))
    decoded: dict[PostKey, frozenset[str]] = {}

    def signature_of(other: PostKey, other_row: PostRow) -> frozenset[str]:
        if other not in decoded:
            decoded[other] = echo.decode_signature(other_row["signature"])
        return decoded[other]

    for key in batch.new_upset:
        row = rows[key]
        root, similarity = _reply_root(uow, batch, row), 0.0
        if root is None:
            root, similarity = _similar_root(key, post_bands[key], candidates, rows, signature_of, echo_similarity)
        if root is not None:
            root_row = rows[root]
            cluster = root_row["cluster"] or key_str(*root)
            if root_row["cluster"] is None:
                root_row["cluster"] = cluster
                batch.dirty[root] = root_row
            row["cluster"] = cluster
            if similarity >= NEAR_COPY:
                continue  # a near-copy adds no wording the cluster's bands lack: the band table stays small
        for band in post_bands[key]:
            candidates[band].append(key)  # later posts of this same batch can echo this one
            band_rows.append({"band": band, "source": key[0], "post_id": key[1], "seen_at": row["last_observed_at"]})
    posts.add_bands(uow, band_rows)


def _reply_root(uow: UnitOfWork, batch: Batch, row: PostRow) -> PostKey | None:
    parent_id = row.get("in_reply_to")
    if not parent_id:
        return None
    parent = (row["source"], parent_id)
    if parent not in batch.rows:
        batch.rows.update(posts.load_posts(uow, [parent]))
    parent_row = batch.rows.get(parent)
    if parent_row is None or not parent_row["upset"] or author_of(parent_row) == author_of(row):
        return None
    return parent


def _similar_root(
    key: PostKey,
    bands: list[str],
    candidates: dict[str, deque[PostKey]],
    rows: dict[PostKey, PostRow],
    signatures: Callable[[PostKey, PostRow], frozenset[str]],
    threshold: float,
) -> tuple[PostKey | None, float]:
    row = rows[key]
    words = echo.decode_signature(row["signature"])
    author = author_of(row)
    best: tuple[float, PostKey] | None = None
    shared: Counter[PostKey] = Counter()
    for band in bands:
        shared.update(candidates.get(band, ()))
    shared.pop(key, None)
    # more shared bands means more similar: verify the likeliest few, not every look-alike
    for other, _ in shared.most_common(MAX_CANDIDATES):
        other_row = rows.get(other)
        if other_row is None or author_of(other_row) == author or other_row.get("brand") != row.get("brand"):
            continue
        similarity = echo.jaccard(words, signatures(other, other_row))
        if similarity >= threshold and (best is None or similarity > best[0]):
            best = (similarity, other)
            if similarity >= NEAR_COPY:
                break  # candidates come likeliest first: a near-copy will not be beaten by much
    return (best[1], best[0]) if best else (None, 0.0)
