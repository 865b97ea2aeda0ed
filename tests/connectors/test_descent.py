"""Walking a newest-first listing down to the stored mark, including a walk stopped by the cap."""

from __future__ import annotations

from datetime import UTC, datetime

from connectors.descent import Descent


def at(hour: int) -> datetime:
    return datetime(2026, 11, 20, hour, tzinfo=UTC)


def page(*posts: tuple[int, str]) -> list[tuple[datetime, str, str]]:
    return [(at(hour), post_id, post_id) for hour, post_id in posts]


def test_a_first_poll_reads_one_page_and_marks_its_newest_post() -> None:
    walk = Descent(None)
    assert walk.take(page((10, "c"), (9, "b"))) == ["c", "b"]
    assert not walk.go_on(), "no backfill on a first poll"
    assert walk.cursor("token-2", capped=False) == {"moment": "2026-11-20T10:00:00Z", "ids": ["c"]}


def test_a_walk_stops_at_the_stored_mark() -> None:
    walk = Descent({"moment": "2026-11-20T09:00:00Z", "ids": ["b"]})
    assert walk.take(page((11, "d"), (10, "c"))) == ["d", "c"]
    assert walk.go_on()
    assert walk.take(page((9, "b2"), (9, "b"), (8, "a"))) == ["b2"], "same moment, not stored: kept"
    assert not walk.go_on()
    assert walk.cursor("token-3", capped=False) == {"moment": "2026-11-20T11:00:00Z", "ids": ["d"]}


def test_a_capped_walk_keeps_the_old_mark_until_it_reaches_it() -> None:
    walk = Descent({"moment": "2026-11-20T08:00:00Z", "ids": ["a"]})
    walk.take(page((11, "d"), (10, "c")))
    unfinished = walk.cursor("token-2", capped=True)
    assert unfinished == {
        "moment": "2026-11-20T08:00:00Z",
        "ids": ["a"],
        "resume": "token-2",
        "top": {"moment": "2026-11-20T11:00:00Z", "ids": ["d"]},
    }
    resumed = Descent(unfinished)
    assert resumed.resume == "token-2"
    assert resumed.take(page((9, "b"), (8, "a"))) == ["b"]
    assert resumed.cursor(None, capped=False) == {"moment": "2026-11-20T11:00:00Z", "ids": ["d"]}


def test_nothing_new_leaves_the_cursor_alone() -> None:
    walk = Descent({"moment": "2026-11-20T09:00:00Z", "ids": ["b"]})
    assert walk.take(page((9, "b"), (8, "a"))) == []
    assert walk.cursor("token-2", capped=False) is None
