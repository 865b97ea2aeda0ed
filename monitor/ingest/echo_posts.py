"""What a stored post is to echo detection: who wrote it, whether it can be a voice, its topic, its cluster.

Shared by the clustering walk, the review-wave rule and the assessment of clusters.
"""

from __future__ import annotations

from monitor.brands import account_name
from monitor.core.platforms import profile_for
from monitor.store.posts import PostKey, PostRow

Key = PostKey
MAX_CANDIDATES = 12  # most similar earlier complaints compared in full
WAVE = "~"  # prefix of the words reviews are indexed by for waves (rare in the store's complaints)


def key_str(source: str, post_id: str) -> str:
    return f"{source}:{post_id}"


def author_of(row: PostRow) -> str:
    """Who wrote it; posts with no known author (news feeds) never count as distinct echoing voices."""
    return str(row.get("author_id") or row.get("author_handle") or "")


def can_echo(row: PostRow, own: frozenset[str] = frozenset()) -> bool:
    """Complaints from people: a news feed carrying a story word for word is syndication, not a voice,
    and the brand's ``own`` accounts (``brands.own_accounts``) naming a flight are not one more teller."""
    if profile_for(row["source"]).syndication:
        return False
    return not (own and account_name(row.get("author_handle")) in own)


def topic_of(row: PostRow) -> str:
    topics = [t for t in (row.get("topics") or "").split(",") if t]
    return topics[0] if topics else "other"


def join_cluster(row: PostRow, root: Key, rows: dict[Key, PostRow], dirty: dict[Key, PostRow]) -> None:
    """Put the post in the root's cluster, the root opening it if it was alone (and then saved again)."""
    root_row = rows[root]
    cluster = root_row.get("cluster") or key_str(*root)
    if root_row.get("cluster") is None:
        root_row["cluster"] = cluster
        dirty[root] = root_row
    row["cluster"] = cluster
