"""The high-water mark: posts sharing the boundary moment are neither lost nor stored twice."""

from __future__ import annotations

from connectors.watermark import Watermark


def test_an_empty_mark_admits_everything_then_rises() -> None:
    mark: Watermark[int] = Watermark()
    assert mark.admits(5, "a")
    assert mark.advance([(5, "a"), (7, "b"), (7, "c"), (6, "d")])
    assert (mark.moment, mark.sorted_ids()) == (7, ["b", "c"])


def test_the_boundary_moment_admits_only_posts_not_stored() -> None:
    mark = Watermark(7, {"b"})
    assert not mark.admits(6, "z"), "older than the mark: stored before"
    assert not mark.admits(7, "b"), "at the mark and stored: not again"
    assert mark.admits(7, "c"), "at the mark but new: not lost"
    assert mark.admits(8, "b")


def test_posts_at_the_mark_join_it_and_older_ones_do_not_move_it() -> None:
    mark = Watermark(7, {"b"})
    assert mark.advance([(7, "c")])
    assert mark.sorted_ids() == ["b", "c"]
    assert not mark.advance([(3, "x")])
    assert (mark.moment, mark.sorted_ids()) == (7, ["b", "c"])
