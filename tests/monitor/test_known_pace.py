"""A story told before is judged against its own pace: rare at that pace, not just three times it.

Everyday gripes come in bunches (``echo_known_tail``), while one teller who began a story a few
hours ago gives it no pace at all (``KNOWN_TRICKLE``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from monitor.core.observations import Observation
from tests.builders import obs
from tests.monitor.test_detection_lifecycle import BRANDS, incidents, run

GRIPE = [
    "Northwind Air app logged me out and the verification text never arrives. Useless.",
    "northwind air app logged me out again, verification text never arrives. useless",
    "Northwind Air app logged me out and the verification text still never arrives! Useless.",
]
# every word of a one-gripe test store is "common" at the default share: here only the pace matters
SECTIONS: dict[str, Any] = {**BRANDS, "detection": {"echo_common_share": 0.9}}


def _telling(n: int, minute: float, text: str | None = None) -> Observation:
    body = text or GRIPE[n % len(GRIPE)]
    return obs(f"t{n}", minute, body, author=f"teller{n}", likes=1, created=minute, source="reddit")


def _bunch(count: int) -> list[Observation]:
    """Twelve tellings every three hours (about two a window), then ``count`` within one hour."""
    steady = [_telling(n, 180 * n) for n in range(12)]
    return steady + [_telling(100 + n, 36 * 60 + 8 * n) for n in range(count)]


def _alerted(engine: Engine) -> list[dict[str, Any]]:
    return [i for i in incidents(engine) if i["level"] != "watch"]


def test_a_gripe_told_twice_a_window_bunching_seven_times_is_still_its_pace(engine: Engine) -> None:
    run(engine, [[o] for o in _bunch(7)], **SECTIONS)  # three times its pace would have alerted at 7
    assert _alerted(engine) == []


def test_the_same_gripe_gathering_far_beyond_its_pace_alerts(engine: Engine) -> None:
    run(engine, [[o] for o in _bunch(12)], **SECTIONS)
    assert len(_alerted(engine)) == 1


def test_one_teller_just_out_of_the_window_gives_a_story_no_pace(engine: Engine) -> None:
    link = " https://forum.example.org/t/northwind-app-logout/77"
    first = obs("lost", 0, "Northwind Air lost my suitcase in Denver. Furious.", author="dana", likes=1, created=0)
    story = [_telling(n, 13 * 60 + (0 if n == 0 else 370 + 5 * n), GRIPE[n % 3] + link) for n in range(5)]
    run(engine, [[first], *([o] for o in story)], **SECTIONS)
    assert [i["key"] for i in _alerted(engine)] == ["reddit:t0"]
