"""A story's pace sets aside the echo's own voices of the window: counted once per story, word by word."""

from __future__ import annotations

from collections import deque
from datetime import UTC, datetime, timedelta

from monitor.ingest.echo_roots import echo_voices
from monitor.spread.content import SINCE, TermCounts, baseline_rate, story_pace
from monitor.store.posts import PostKey, PostRow

NOW = datetime(2027, 1, 4, 12, tzinfo=UTC)
WINDOW = timedelta(hours=3)


def _key(n: int) -> PostKey:
    return ("reddit", f"p{n}")


def test_voices_are_the_clusters_others_within_the_window_that_used_the_word() -> None:
    rows: dict[PostKey, PostRow] = {_key(n): {"cluster": "reddit:p0" if n < 6 else None} for n in range(8)}
    post, root = _key(5), _key(0)
    candidates = {
        "refund": deque(
            [(root, NOW - timedelta(hours=1))] + [(_key(n), NOW - timedelta(minutes=n)) for n in (1, 2, 6)]
        ),
        "twice": deque([(_key(3), NOW - timedelta(hours=4)), (_key(4), NOW + timedelta(minutes=1)), (post, NOW)]),
        "late": deque([(_key(1), NOW - WINDOW), (_key(2), NOW - WINDOW + timedelta(seconds=1)), (("x", "gone"), NOW)]),
    }
    voices = echo_voices((post, root), candidates, rows, (NOW, WINDOW))
    # the root and the post itself are not voices; nor another cluster's posts, the future, or the window's edge
    assert [voices(word) for word in ("refund", "twice", "late", "never")] == [2, 0, 1, 0]


def test_a_storys_pace_is_its_rarest_shared_word_as_each_word_alone_would_say() -> None:
    told = TermCounts(timedelta(hours=24))
    told.counts[SINCE] = (1.0, NOW - timedelta(days=2))
    for n in range(40):
        told.add_document({"refund", "twice"} if n % 4 else {"refund"}, NOW - timedelta(hours=n))
    echoing = {"refund": 2, "twice": 0}.__getitem__
    expected = min(baseline_rate(told, word, NOW, 1 + echoing(word), unseen=0.0) for word in ("refund", "twice"))
    assert story_pace(told, ["refund", "twice"], NOW, echoing) == expected > 0
    assert story_pace(told, [], NOW, echoing) == 0.0
