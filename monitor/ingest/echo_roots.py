"""Which earlier complaint a post echoes by what it says: candidates ranked by shared rare words.

The clustering walk (``clustering``) asks this once per complaint and once per retelling, so it is
kept lean: candidates are counted by how many of the post's rarest words they hold, the dozen
holding most are compared in full, and a pair sharing too few specifics is never weighed.
"""

from __future__ import annotations

from collections import Counter, deque
from datetime import datetime
from operator import itemgetter

from monitor.config import DetectionConfig
from monitor.ingest.echo_posts import MAX_CANDIDATES, Key, author_of
from monitor.spread import echo
from monitor.spread.content import TermCounts
from monitor.spread.identifiers import conflicting, instance_terms
from monitor.store.posts import PostRow


def similar_root(
    cfg: DetectionConfig,
    key: Key,
    specific: list[str],
    candidates: dict[str, deque[tuple[Key, datetime]]],
    rows: dict[Key, PostRow],
    terms: TermCounts,
    naming: bool = False,
) -> Key | None:
    """The most similar earlier complaint by someone else; with ``naming``, only one naming the same instance."""
    row = rows[key]
    at = row["first_seen_at"]
    words = echo.decode_signature(row["signature"])
    author, brand = author_of(row), row.get("brand")
    since = at - cfg.echo_window  # ``at - seen <= window``, one subtraction per post instead of per holder
    empty: tuple[tuple[Key, datetime], ...] = ()
    shared = Counter([k for term in specific for k, seen in candidates.get(term, empty) if seen >= since])
    shared.pop(key, None)
    best: tuple[float, Key] | None = None
    match = terms.matcher(words, at, cfg.echo_common_share, cfg.echo_min_docs, cfg.echo_min_shared)
    # ``shared.most_common``, which is this sort (ties in first-counted order) done by a heap in Python
    for other, _ in sorted(shared.items(), key=itemgetter(1), reverse=True)[:MAX_CANDIDATES]:
        other_row = rows.get(other)
        if other_row is None or author_of(other_row) == author or other_row.get("brand") != brand:
            continue
        other_words = echo.decode_signature(other_row.get("signature"))
        if conflicting(words, other_words) or (naming and not instance_terms(words & other_words)):
            continue
        similarity = match(other_words)
        if similarity is not None and similarity >= cfg.echo_similarity and (best is None or similarity > best[0]):
            best = (similarity, other)
    return best[1] if best else None
