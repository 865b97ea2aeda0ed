"""The second held-out brand's weeks hold what its modules promise, read back from the written files.

Writing a week takes a few seconds, so every test on one is ``slow`` (the full suite runs them).
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.config import load
from tests.tools.crosscheck.weeks import (
    check_hard_negatives,
    check_independent_burst,
    created,
    likes,
    members,
    read_week,
)
from tools.crosscheck.generate import BRANDS, build_week, config_path, write
from tools.crosscheck.halden import HALDEN
from tools.crosscheck.halden_stories import BUSY_DAYS, LOCAL_ECHOES, RETELLINGS

SEEDS = (21, 22, 23)
LOCAL = tuple(f"echo-{name}-" for name in LOCAL_ECHOES)


@pytest.fixture(scope="module", params=SEEDS)
def week(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One written week: each post's last sighting, every sighting's counters, and the labels."""
    path = tmp_path_factory.mktemp("halden") / f"halden-{request.param}.jsonl"
    write(build_week(HALDEN, request.param), path)
    return read_week(path)


@pytest.mark.slow
def test_seven_incidents_of_six_kinds_and_every_hard_negative(week: dict[str, Any]) -> None:
    incidents = {label["incident"] for label in week["labels"].values() if label["spreading"]}
    assert {name.split("-")[0] for name in incidents} == {"burst", "reach", "echo", "wave", "foreign", "deadpan"}
    assert len(incidents) == 7  # two echoes: one chain-wide, one of a single hotel
    kinds = Counter(label["kind"] for label in week["labels"].values() if not label["spreading"])
    assert set(kinds) == {"viral_praise", "viral_news", "angry_ignored", "angry_ordinary", "repeater", "topic_burst"}


@pytest.mark.slow
def test_a_mid_size_chain_busier_at_weekends_on_review_sites_and_forums(week: dict[str, Any]) -> None:
    rows = list(week["last"].values())
    per_day = Counter((created(row) + timedelta(hours=1)).date() for row in rows)  # local days
    assert 200 * 7 <= len(rows) <= 600 * 7
    busy = {(created(row) + timedelta(hours=1)).date() for row in members(week, "topic_burst")["topic_burst"]}
    weekdays = [n for day, n in per_day.items() if day.weekday() < 5 and day not in busy]
    weekends = [n for day, n in per_day.items() if day.weekday() >= 5]
    assert sum(weekends) / len(weekends) > 1.02 * sum(weekdays) / len(weekdays)
    sources = Counter(row["source"] for row in rows)
    assert sources["appstore"] + sources["googleplay"] + sources["discourse"] >= 0.35 * len(rows)
    assert sources["lemmy"] > 0 and sources["rss"] > 0


@pytest.mark.slow
def test_guests_write_in_five_other_languages_and_gripes_recur_daily(week: dict[str, Any]) -> None:
    tags = Counter(row["lang"] for row in week["last"].values())
    assert {"de", "fr", "es", "it", "nl"} <= set(tags)
    for words in ("check", "wifi", "breakfast", "parking"):
        days = {created(row).date() for row in week["last"].values() if words in row["text"].lower()}
        assert len(days) == 7, words


@pytest.mark.slow
def test_the_busy_day_is_one_city_within_a_day_at_ordinary_engagement(week: dict[str, Any]) -> None:
    burst = members(week, "topic_burst")["topic_burst"]
    assert len(burst) >= 50
    cities = [city for city, _, _ in BUSY_DAYS]
    named = Counter(city for row in burst for city in cities if city.lower() in row["text"].lower())
    [(city, count)] = named.most_common(1)
    assert count >= 0.9 * len(burst), city
    check_independent_burst(burst, hours=21)


@pytest.mark.slow
def test_the_chain_echo_is_many_guests_some_calm_and_the_hotel_echo_one_hotel(week: dict[str, Any]) -> None:
    echoes = members(week, "echo-")
    [local] = [name for name in echoes if name.startswith(LOCAL)]
    [chain] = [name for name in echoes if name != local]
    tellings = echoes[chain]
    assert len(tellings) >= 7
    assert len({row["author"]["id"] for row in tellings}) == len(tellings)
    assert len({row["source"] for row in tellings}) >= 2
    assert len({row["text"] for row in tellings}) == len(tellings)  # paraphrase, not copies
    story = chain.removeprefix("echo-").rsplit("-", 1)[0]
    calm = {text.lower()[:40] for text in RETELLINGS[story]}
    upset = [row for row in tellings if row["text"].lower()[:40] not in calm]
    assert len(upset) >= 0.6 * len(tellings)
    hotels = Counter(hotel for row in echoes[local] for hotel in HALDEN.fill["hotel"] if hotel in row["text"])
    [(hotel, count)] = hotels.most_common(1)
    assert count == len(echoes[local]) >= 5, hotel
    moments = sorted(created(row) for row in echoes[local])
    assert moments[-1] - moments[0] >= timedelta(hours=3)


@pytest.mark.slow
def test_hard_negatives_look_like_their_kind(week: dict[str, Any]) -> None:
    check_hard_negatives(week, praise_likes=150, ref_prefix="HLD")


@pytest.mark.slow
def test_the_foreign_post_takes_off_and_the_wave_is_in_the_stores(week: dict[str, Any]) -> None:
    [(name, foreign)] = members(week, "foreign-").items()
    [root] = [row for row in foreign if row["in_reply_to"] is None]
    assert root["lang"] in (name.split("-")[1], "en", None) and likes(root) >= 100
    [wave] = members(week, "wave-").values()
    stores = [row for row in wave if row["source"] in ("appstore", "googleplay")]
    assert len(stores) >= 0.75 * len(wave) and all(row["rating"] <= 3 for row in stores)


@pytest.mark.slow
def test_every_post_a_search_would_find_names_the_chain(week: dict[str, Any]) -> None:
    for row in week["last"].values():
        if row["source"] not in ("appstore", "googleplay"):  # the chain's own app: no name needed
            assert "halden" in row["text"].lower(), row["text"]


def test_config_keeps_the_chain_and_drops_the_norwegian_town() -> None:
    config = load(config_path(BRANDS["halden"]))
    excludes = [term.lower() for term in config.brands[0].exclude]
    assert all(any(term in text.lower() for term in excludes) for text in HALDEN.offbrand)
    everyday = [*HALDEN.praise, *HALDEN.mild, *HALDEN.news, *(t for ts in HALDEN.topics.values() for t in ts)]
    assert not any(term in text.lower() for term in excludes for text in everyday)


@pytest.mark.slow
def test_scorecard_scores_the_hotel_chain(tmp_path: Path) -> None:
    from tools.crosscheck.scorecard import run

    [score] = run("halden", 1, 7, keep=tmp_path)
    assert score.incidents == 7
    assert score.posts > 1400 and score.lines > 2 * score.posts
