"""Everyday gripes, everyday popular posts and posts people argue with are not spreading complaints.

Rules on their own (no database): a story's busiest earlier window, the pace its latest teller
before the window measured, and the early rate only a source's busiest posts reach.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from monitor.config import DetectionConfig
from monitor.ingest.assessing import known_support
from monitor.ingest.echo_clusters import EchoCluster
from monitor.spread import echo
from monitor.spread.baseline import VelocityBaseline
from monitor.spread.detector import Evidence, assess

CFG = DetectionConfig()
START = datetime(2027, 1, 4, tzinfo=UTC)
WINDOW = timedelta(hours=6)


def _member(n: int, hours: float, author: str, signature: frozenset[str] = frozenset({"outag"})) -> tuple:  # type: ignore[type-arg]
    return (("reddit", f"p{n}"), author, START + timedelta(hours=hours), True, echo.encode_signature(signature), None)


def _echo(recent: int, peak: int = 0) -> Evidence:
    return Evidence(
        source="reddit",
        author="ana",
        followers=300,
        engagement_total=0,
        upset=True,
        echo_authors=recent + peak,
        echo_recent_authors=recent,
        echo_sources=3,
        echo_peak=peak,
    )


def test_the_busiest_earlier_window_counts_distinct_authors_before_the_current_window() -> None:
    members = [_member(n, 0.5 * n, f"a{n}") for n in range(5)]  # five voices within two hours
    members += [_member(10 + n, 0.5 * n, "a0") for n in range(3)]  # one of them again: one voice
    members += [_member(20 + n, 30 + n, f"b{n}") for n in range(2)]  # two more, a day later
    cluster = EchoCluster(members)
    assert cluster.peak_before(START + timedelta(hours=40), WINDOW) == 5
    # voices inside the current window are the echo being judged, not its history
    assert cluster.peak_before(START + timedelta(hours=4), WINDOW) == 0
    assert EchoCluster([]).peak_before(START, WINDOW) == 0


def test_a_story_alerts_only_when_it_tops_its_busiest_earlier_window() -> None:
    level = assess(_echo(recent=8), CFG)
    assert level is not None and level.kinds == ["echo"]  # a new story: eight voices is news
    ordinary = assess(_echo(recent=10, peak=6), CFG)  # it had six in one window before: its ordinary
    assert ordinary is not None and ordinary.level == "watch"
    assert ordinary.reasons == [
        "echoed by 10 distinct authors within 6 h (13 alert; it gathered 6 in one window before)"
    ]
    topped = assess(_echo(recent=13, peak=6), CFG)  # more than twice its busiest window
    assert topped is not None and topped.kinds == ["echo"]


def test_the_story_pace_is_the_latest_teller_before_the_window_not_the_first() -> None:
    opened = frozenset({"outag", "#pace:0.05"})
    later = frozenset({"outag", "#pace:1"})
    inside = frozenset({"outag", "#pace:5"})
    cluster = EchoCluster([_member(0, 0, "a0", opened), _member(1, 30, "a1", later), _member(2, 47, "a2", inside)])
    # on the third day, the pace the story had reached by the second: one telling an hour, six a window
    assert cluster.recurring(START + timedelta(hours=48), WINDOW)[0] == 6.0
    # before any teller left the window, the pace the story had when it began to echo
    assert cluster.recurring(START + timedelta(hours=1), WINDOW)[0] == pytest.approx(0.3)
    assert EchoCluster([_member(0, 0, "a0")]).recurring(START + timedelta(hours=48), WINDOW)[0] == 0.0


def test_a_pace_rests_on_as_many_tellings_as_the_hours_it_was_measured_over_hold() -> None:
    cluster = EchoCluster([_member(0, 30, "a0", frozenset({"outag", "#pace:0.5"}))])
    per_window, paced_at = cluster.recurring(START + timedelta(hours=48), WINDOW)
    assert (per_window, paced_at) == (3.0, START + timedelta(hours=30))
    assert paced_at is not None
    # half a telling an hour, measured 30 h after the brand was first watched: about fourteen tellings
    thirty_hours = known_support((0.0, (per_window, paced_at)), START, CFG)
    assert 13 < thirty_hours < 15  # a little under 15: the counts decay (mean life 104 h) as they gather
    # the same pace measured on the first morning rests on one or two
    assert known_support((0.0, (per_window, paced_at)), paced_at - timedelta(hours=3), CFG) < 2
    # and a week in, on many more; a trickle of the cluster's own rests on its voices
    assert known_support((0.0, (per_window, paced_at)), paced_at - timedelta(days=7), CFG) > 40
    assert known_support((4.0, None), START, CFG) == 4.0
    assert known_support((0.0, (per_window, None)), START, CFG) == 0.0  # no pace recorded: unknown


def test_the_top_of_a_sources_early_rates_is_a_quantile_of_its_histogram() -> None:
    baseline = VelocityBaseline()
    # each sample decays once per later one, as one ``add`` each would: the forty is the oldest here
    baseline.add_many([40.0] + [0.0] * 80 + [2.0] * 15 + [8.0] * 4)
    assert baseline.median() == 0.0
    top = baseline.quantile(0.99)
    assert top is not None and 6 < top < 10  # the 99th of 100 posts: the eights, not the single forty
    assert VelocityBaseline().quantile(0.99) is None  # too few samples to trust


def test_a_post_must_outpace_the_sources_busiest_ordinary_posts() -> None:
    def velocity(rate: float, top: float | None) -> Evidence:
        return Evidence(
            source="reddit",
            author="ana",
            followers=300,
            engagement_total=int(rate),
            upset=True,
            rate_per_hour=rate,
            baseline_median=0.8,
            baseline_top=top,
            gained={"likes": int(rate)},
            window=timedelta(hours=1),
        )

    def alerting(evidence: Evidence, config: DetectionConfig = CFG) -> list[str]:
        found = assess(evidence, config)
        return [] if found is None or found.level == "watch" else found.kinds

    # forty an hour is forty times the median, but one post in twenty here gets twelve
    assert alerting(velocity(40, 12.0)) == []
    held = assess(velocity(40, 12.0), CFG)
    assert held is not None and held.reasons == [
        "picking up: likes +40 in 1 h, 40x this source's median rate "
        "(alerts from 48/h here: 4x its busiest posts' pace)"
    ]
    assert alerting(velocity(90, 12.0)) == ["velocity"]
    assert alerting(velocity(40, 4.0)) == ["velocity"]  # where the busiest posts get four, forty is a spike
    assert alerting(velocity(40, 12.0), DetectionConfig(velocity_top_ratio=0)) == ["velocity"]


def test_a_post_argued_with_is_not_a_complaint_spreading() -> None:
    def gained(**counts: int) -> Evidence:
        total = sum(counts.values())
        return Evidence(
            source="reddit",
            author="troll",
            followers=300,
            engagement_total=total,
            upset=True,
            rate_per_hour=2.0 * total,
            baseline_median=0.8,
            baseline_top=2.0,
            gained=counts,
            window=timedelta(minutes=30),
        )

    # a rage post drawing mocking replies and hardly a like: on watch, and it says why
    mocked = assess(gained(likes=2, replies=31, quotes=5), CFG)
    assert mocked is not None and mocked.level == "watch"
    assert mocked.reasons[0].startswith("drawing replies, not agreement: likes +2, replies +31, quotes +5")
    # the same replies with the likes of people who agree: spreading
    agreed = assess(gained(likes=40, replies=31, quotes=5), CFG)
    assert agreed is not None and agreed.kinds == ["velocity"]


def test_a_baseline_is_the_same_however_its_samples_were_grouped_and_saved() -> None:
    """A page of 2,000 and single polls store the same baseline, to the last bit (issue 8)."""
    rates = [float((n * 37) % 50) for n in range(2500)]  # past two rescalings (REBASE)
    whole = VelocityBaseline()
    whole.add_many(rates)
    one_by_one = VelocityBaseline()
    for rate in rates:
        one_by_one.add(rate)
    paged = VelocityBaseline()
    for start in range(0, len(rates), 333):  # saved and read back after every page, as the pipeline does
        paged = VelocityBaseline.from_json(json.loads(json.dumps(paged.to_json())))
        paged.add_many(rates[start : start + 333])
    assert whole.to_json() == one_by_one.to_json() == paged.to_json()
    # a baseline saved before the anchor was kept reads as the weights at its last sample
    old = VelocityBaseline.from_json({"counts": {"0": 30.5, "4": 1.0}, "samples": 40})
    assert old.anchor == 39 and old.quantile(0.5) == 0.0
