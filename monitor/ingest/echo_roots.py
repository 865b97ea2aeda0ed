"""Which earlier complaint a post echoes by what it says: candidates ranked by shared rare words.

The clustering walk (``clustering``) asks this once per complaint and once per retelling, so it is
kept lean: candidates are counted by how many of the post's rarest words they hold, the dozen
holding most are compared in full, and a pair sharing too few specifics is never weighed.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from datetime import datetime, timedelta
from operator import itemgetter

from monitor.config import DetectionConfig
from monitor.ingest.echo_posts import MAX_CANDIDATES, Key, author_of
from monitor.spread import echo
from monitor.spread.content import TermCounts
from monitor.spread.identifiers import conflicting, instance_terms, may_conflict
from monitor.store import posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostRow


def similar_root(
    cfg: DetectionConfig,
    post: tuple[UnitOfWork, Key],
    specific: list[str],
    candidates: dict[str, deque[tuple[Key, datetime]]],
    rows: dict[Key, PostRow],
    terms: TermCounts,
    naming: bool = False,
) -> Key | None:
    """The most similar earlier complaint by someone else; with ``naming``, only one naming the same instance.

    ``post``: the unit of work (to read a cluster's root) and the post's key.
    """
    conn, key = post
    row = rows[key]
    at = row["first_seen_at"]
    words = echo.decode_signature(row["signature"])
    author, brand = author_of(row), row.get("brand")
    since = at - cfg.echo_window  # ``at - seen <= window``, one subtraction per post instead of per holder
    empty: tuple[tuple[Key, datetime], ...] = ()
    shared = Counter([k for term in specific for k, seen in candidates.get(term, empty) if seen >= since])
    shared.pop(key, None)
    if not shared:  # no earlier complaint holds its rare words: nothing to weigh it against
        return None
    best: tuple[float, Key] | None = None
    naming_any = may_conflict(words)  # else no candidate conflicts with it: not asked per candidate
    match = terms.matcher(words, at, cfg.echo_common_share, cfg.echo_min_docs, cfg.echo_min_shared)
    # ``shared.most_common``, which is this sort (ties in first-counted order) done by a heap in Python
    for other, _ in sorted(shared.items(), key=itemgetter(1), reverse=True)[:MAX_CANDIDATES]:
        other_row = rows.get(other)
        if other_row is None or author_of(other_row) == author or other_row.get("brand") != brand:
            continue
        other_words = echo.decode_signature(other_row.get("signature"))
        if (naming_any and conflicting(words, other_words)) or (naming and not instance_terms(words & other_words)):
            continue
        similarity = match(other_words)
        if similarity is None or similarity < cfg.echo_similarity or (best is not None and similarity <= best[0]):
            continue
        if tells_story(conn, cfg, words, other_row, rows, terms, at):
            best = (similarity, other)
    return best[1] if best else None


def tells_story(
    conn: UnitOfWork,
    cfg: DetectionConfig,
    words: frozenset[str],
    other_row: PostRow,
    rows: dict[Key, PostRow],
    terms: TermCounts,
    at: datetime,
) -> bool:
    """Whether a post that matches a member of a cluster also tells the story that opened it.

    Matching any member is single linkage: a post that tells two gripes at once ("usage never
    loads. And the outage again") bridges two stories, and a week of such bridges chains a
    brand's recurring gripes into one cluster that seems to gather voices fast. A voice must
    share the specifics of the cluster's root too (``echo_root_min_shared``).
    """
    cluster = other_row.get("cluster")
    if cluster is None:
        return True
    source, _, post_id = cluster.partition(":")
    root = (source, post_id)
    if root not in rows:
        rows.update(posts.load_posts(conn, {root}))
    root_row = rows.get(root)
    if root_row is None or root_row is other_row:
        return True
    root_words = echo.decode_signature(root_row.get("signature"))
    terms.load(root_words)  # read from the store, or in this page from another source: its words weigh as stored
    _, common = terms.similarity(words, root_words, at, cfg.echo_common_share, cfg.echo_min_docs)
    return common >= cfg.echo_root_min_shared


def echo_voices(
    post: tuple[Key, Key],
    candidates: dict[str, deque[tuple[Key, datetime]]],
    rows: dict[Key, PostRow],
    moment: tuple[datetime, timedelta],
) -> Callable[[str], int]:
    """How many voices of the post's cluster but its root (``post``: the post and its root) used a
    word within the echo's window (``moment``: now and the window). ``story_pace`` sets them aside:
    they are the echo being judged, not the story's history. One function for the words of one
    story: the cluster and the window's start are read once, not once per word."""
    at, window = moment
    cluster, since = rows[post[0]].get("cluster"), at - window
    nowhere: dict[str, object] = {}

    def voices(word: str) -> int:
        return sum(
            1
            for other, seen in candidates.get(word, ())
            if since < seen <= at and other not in post and rows.get(other, nowhere).get("cluster") == cluster
        )

    return voices
