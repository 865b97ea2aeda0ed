"""The held-out brand's weeks hold what its docstring promises, read back from the written files.

Writing a week takes a few seconds, so every test on one is ``slow`` (the full suite runs them).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.config import load
from tools.crosscheck.generate import BRANDS, build_week, config_path, labels_path, write
from tools.crosscheck.pennyworth import PENNYWORTH
from tools.crosscheck.pennyworth_stories import QUICK_ECHOES, RETELLINGS
from tools.crosscheck.week import UPSET_CAP

Key = tuple[str, str]
SEEDS = (21, 22)


needs_a_week = pytest.mark.slow


@pytest.fixture(scope="module", params=SEEDS)
def week(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One written week: each post's last sighting, every sighting's counters, and the labels."""
    path = tmp_path_factory.mktemp("pennyworth") / f"pennyworth-{request.param}.jsonl"
    write(build_week(PENNYWORTH, request.param), path)
    last: dict[Key, dict[str, Any]] = {}
    seen: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = (row["source"], row["id"])
        last[key] = row
        seen[key].append(row)
    labels = {(row["source"], row["id"]): row for row in map(json.loads, labels_path(path).read_text().splitlines())}
    return {"last": last, "seen": seen, "labels": labels}


def _when(row: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(row["created_at"].replace("Z", "+00:00"))


def _members(week: dict[str, Any], prefix: str) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, label in week["labels"].items():
        name = label.get("incident") or label.get("kind")
        if name.startswith(prefix):
            found[name].append(week["last"][key])
    return found


@needs_a_week
def test_each_of_the_seven_incidents_is_in_the_file_and_the_hard_negatives_too(week: dict[str, Any]) -> None:
    incidents = {label["incident"] for label in week["labels"].values() if label["spreading"]}
    assert {name.split("-")[0] for name in incidents} == {"burst", "reach", "echo", "wave", "foreign", "deadpan"}
    assert len(incidents) == 7  # two echoes: a long one and a quick one
    kinds = Counter(label["kind"] for label in week["labels"].values() if not label["spreading"])
    assert set(kinds) == {"viral_praise", "viral_news", "angry_ignored", "angry_ordinary", "repeater", "topic_burst"}


@needs_a_week
def test_volume_is_a_mid_sized_brand_with_quieter_weekends(week: dict[str, Any]) -> None:
    per_day = Counter(_when(row).date() for row in week["last"].values())
    assert 600 * 7 <= sum(per_day.values()) <= 1000 * 7
    payday = Counter(_when(week["last"][k]).date() for k, v in week["labels"].items() if v.get("kind") == "topic_burst")
    weekdays = [n for day, n in per_day.items() if day.weekday() < 5 and day != payday.most_common(1)[0][0]]
    weekends = [n for day, n in per_day.items() if day.weekday() >= 5]
    assert sum(weekends) / len(weekends) < 0.95 * sum(weekdays) / len(weekdays)


@needs_a_week
def test_payday_is_one_local_day_of_ordinary_engagement(week: dict[str, Any]) -> None:
    burst = _members(week, "topic_burst")["topic_burst"]
    assert len(burst) >= 90
    days = Counter((_when(row) + timedelta(hours=1)).date() for row in burst)  # midnight posts start the day
    assert len(days) <= 2 and max(days.values()) >= 0.9 * len(burst)
    for row in burst:
        likes = (row.get("engagement") or {}).get("likes") or 0
        assert likes <= UPSET_CAP[row["source"]], row["text"]


@needs_a_week
def test_the_long_echo_is_many_authors_some_calm_and_the_quick_one_is_fast(week: dict[str, Any]) -> None:
    echoes = _members(week, "echo-")
    quick_names = {f"echo-{story.name}-" for story in QUICK_ECHOES}
    [quick] = [name for name in echoes if any(name.startswith(prefix) for prefix in quick_names)]
    [long] = [name for name in echoes if name != quick]
    tellings = echoes[long]
    assert len(tellings) >= 8
    assert len({row["author"]["id"] for row in tellings}) == len(tellings)
    assert len({row["source"] for row in tellings}) >= 2
    calm = {text.lower() for text in RETELLINGS[long.removeprefix("echo-").rsplit("-", 1)[0]]}
    assert any(any(row["text"].lower().startswith(text) for text in calm) for row in tellings)
    moments = sorted(_when(row) for row in echoes[quick])
    assert len(moments) >= 5 and moments[-1] - moments[0] <= timedelta(hours=3)
    payday = [_when(row) for row in _members(week, "topic_burst")["topic_burst"]]
    assert min(payday) < moments[0] < max(payday)  # it starts inside the payday burst


@needs_a_week
def test_hard_negatives_look_like_their_kind(week: dict[str, Any]) -> None:
    negatives = _members(week, "")
    [praise] = negatives["viral_praise"]
    assert praise["engagement"]["likes"] >= 500  # still growing at its last sighting, final is 2,000+
    for key, label in week["labels"].items():
        if label.get("kind") == "angry_ignored":
            counted = [sum(value or 0 for value in (row.get("engagement") or {}).values()) for row in week["seen"][key]]
            assert max(counted) <= 2  # no likes; a stray reply or repost at most
    repeats = negatives["repeater"]
    assert len(repeats) >= 8 and len({row["author"]["id"] for row in repeats}) == 1
    refs = {word for row in repeats for word in row["text"].replace(".", " ").split() if word.startswith("PWT")}
    assert len(refs) == 1


@needs_a_week
def test_non_english_post_spreads_and_reviews_wave_stays_on_the_stores_mostly(week: dict[str, Any]) -> None:
    [(name, foreign)] = _members(week, "foreign-").items()
    assert any(row["in_reply_to"] is None and row["lang"] in (name.split("-")[1], "en") for row in foreign)
    [wave] = _members(week, "wave-").values()
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
