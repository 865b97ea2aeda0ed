"""The held-out brand's weeks hold what its docstring promises, read back from the written files.

Writing a week takes a few seconds, so every test on one is ``slow`` (the full suite runs them).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.config import load
from tests.tools.crosscheck.weeks import check_hard_negatives, created, members, read_week
from tools.crosscheck.generate import BRANDS, build_week, config_path, write
from tools.crosscheck.pennyworth import PENNYWORTH
from tools.crosscheck.pennyworth_stories import QUICK_ECHOES, RETELLINGS
from tools.crosscheck.week import UPSET_CAP

SEEDS = (21, 22)


needs_a_week = pytest.mark.slow


@pytest.fixture(scope="module", params=SEEDS)
def week(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One written week: each post's last sighting, every sighting's counters, and the labels."""
    path = tmp_path_factory.mktemp("pennyworth") / f"pennyworth-{request.param}.jsonl"
    write(build_week(PENNYWORTH, request.param), path)
    return read_week(path)


@needs_a_week
def test_each_of_the_seven_incidents_is_in_the_file_and_the_hard_negatives_too(week: dict[str, Any]) -> None:
    incidents = {label["incident"] for label in week["labels"].values() if label["spreading"]}
    assert {name.split("-")[0] for name in incidents} == {"burst", "reach", "echo", "wave", "foreign", "deadpan"}
    assert len(incidents) == 7  # two echoes: a long one and a quick one
    kinds = Counter(label["kind"] for label in week["labels"].values() if not label["spreading"])
    assert set(kinds) == {"viral_praise", "viral_news", "angry_ignored", "angry_ordinary", "repeater", "topic_burst"}


@needs_a_week
def test_volume_is_a_mid_sized_brand_with_quieter_weekends(week: dict[str, Any]) -> None:
    per_day = Counter(created(row).date() for row in week["last"].values())
    assert 600 * 7 <= sum(per_day.values()) <= 1000 * 7
    payday = Counter(
        created(week["last"][k]).date() for k, v in week["labels"].items() if v.get("kind") == "topic_burst"
    )
    weekdays = [n for day, n in per_day.items() if day.weekday() < 5 and day != payday.most_common(1)[0][0]]
    weekends = [n for day, n in per_day.items() if day.weekday() >= 5]
    assert sum(weekends) / len(weekends) < 0.95 * sum(weekdays) / len(weekdays)


@needs_a_week
def test_payday_is_one_local_day_of_ordinary_engagement(week: dict[str, Any]) -> None:
    burst = members(week, "topic_burst")["topic_burst"]
    assert len(burst) >= 90
    days = Counter((created(row) + timedelta(hours=1)).date() for row in burst)  # midnight posts start the day
    assert len(days) <= 2 and max(days.values()) >= 0.9 * len(burst)
    for row in burst:
        likes = (row.get("engagement") or {}).get("likes") or 0
        assert likes <= UPSET_CAP[row["source"]], row["text"]


@needs_a_week
def test_the_long_echo_is_many_authors_some_calm_and_the_quick_one_is_fast(week: dict[str, Any]) -> None:
    echoes = members(week, "echo-")
    quick_names = {f"echo-{story.name}-" for story in QUICK_ECHOES}
    [quick] = [name for name in echoes if any(name.startswith(prefix) for prefix in quick_names)]
    [long] = [name for name in echoes if name != quick]
    tellings = echoes[long]
    assert len(tellings) >= 8
    assert len({row["author"]["id"] for row in tellings}) == len(tellings)
    assert len({row["source"] for row in tellings}) >= 2
    calm = {text.lower() for text in RETELLINGS[long.removeprefix("echo-").rsplit("-", 1)[0]]}
    assert any(any(row["text"].lower().startswith(text) for text in calm) for row in tellings)
    moments = sorted(created(row) for row in echoes[quick])
    assert len(moments) >= 5 and moments[-1] - moments[0] <= timedelta(hours=3)
    payday = [created(row) for row in members(week, "topic_burst")["topic_burst"]]
    assert min(payday) < moments[0] < max(payday)  # it starts inside the payday burst


@needs_a_week
def test_hard_negatives_look_like_their_kind(week: dict[str, Any]) -> None:
    check_hard_negatives(week, praise_likes=500, ref_prefix="PWT")  # praise still growing: its final is 2,000+


@needs_a_week
def test_non_english_post_spreads_and_reviews_wave_stays_on_the_stores_mostly(week: dict[str, Any]) -> None:
    [(name, foreign)] = members(week, "foreign-").items()
    assert any(row["in_reply_to"] is None and row["lang"] in (name.split("-")[1], "en") for row in foreign)
    [wave] = members(week, "wave-").values()
    stores = [row for row in wave if row["source"] in ("appstore", "googleplay")]
    assert len(stores) >= 0.7 * len(wave) and all(row["rating"] <= 3 for row in stores)


@needs_a_week
def test_every_post_a_search_would_find_names_the_bank(week: dict[str, Any]) -> None:
    """Replies too: a connector searching for the brand finds no post that does not name it."""
    for row in week["last"].values():
        if row["source"] not in ("appstore", "googleplay"):  # the bank's own platforms: no name needed
            assert "pennyworth" in row["text"].lower(), row["text"]


def test_config_keeps_the_bank_and_drops_the_butler() -> None:
    config = load(config_path(BRANDS["pennyworth"]))
    excludes = [term.lower() for term in config.brands[0].exclude]
    assert all(any(term in text.lower() for term in excludes) for text in PENNYWORTH.offbrand)


@pytest.mark.slow
def test_scorecard_scores_the_held_out_brand(tmp_path: Path) -> None:
    from tools.crosscheck.scorecard import run

    [score] = run("pennyworth", 1, 7, keep=tmp_path)
    assert score.incidents == 7
    assert score.posts > 4000 and score.lines > 2 * score.posts
