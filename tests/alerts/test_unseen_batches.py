"""Floors on the two unseen batches (tests/fixtures/replies/unseen/): posts and replies for brands
outside the demo airline, written before the drafting and tone rules were read.

Batch A was tuned on (its failures guided general rule changes); batch B was held out and measured
once after the changes, so its floors are simply what was measured, not a target that was chased.
The first-pass figures (before any change) are in the README's "Measured" section.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from bench.replies_scorecard import LIBRARY, Scorecard, load, run

UNSEEN = LIBRARY / "unseen"

# (count at least, of) for counts that should be high; wrongly_flagged is a ceiling.
FLOORS = {
    "a": {
        "kinds": (24, 25),
        "specific": (20, 20),
        "clean": (23, 23),
        "caught": (30, 30),
        "right_rule": (30, 30),
        "wrongly_flagged": (0, 17),
    },
    "b": {
        "kinds": (23, 25),
        "specific": (17, 19),
        "clean": (22, 22),
        "caught": (21, 30),
        "right_rule": (16, 30),
        "wrongly_flagged": (2, 17),
    },
}


@cache
def card(batch: str) -> Scorecard:
    return run(UNSEEN / batch)


@pytest.mark.parametrize("batch", sorted(FLOORS))
def test_the_batch_is_the_size_and_mix_it_was_written_with(batch: str) -> None:
    path: Path = UNSEEN / batch
    posts = load("posts", path)
    replies = load("replies", path)["reply"]
    assert len(posts["post"]) == 25 and posts["brands"]
    bad = [r for r in replies if r["expect"]]
    assert len(replies) == 47 and len(bad) == 30


@pytest.mark.parametrize(("batch", "figure"), [(b, f) for b in sorted(FLOORS) for f in FLOORS[b]])
def test_the_batch_holds_its_floor(batch: str, figure: str) -> None:
    count, of = card(batch).figures()[figure]
    floor, expected_of = FLOORS[batch][figure]
    assert of == expected_of
    if figure == "wrongly_flagged":
        assert count <= floor, f"{batch}: {count}/{of} good replies flagged"
    else:
        assert count >= floor, f"{batch}: {figure} {count}/{of}"
