"""Driftborne's weeks, written to files and read back, hold what its modules say they hold.

Each week takes a couple of seconds to write, so the tests that need one are marked ``slow``.
"""

from __future__ import annotations

import re
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
from tools.crosscheck.driftborne import DRIFTBORNE
from tools.crosscheck.driftborne_stories import (
    FOREIGN_REPLIES,
    FOREIGN_VIRAL,
    PURCHASE,
    STREAMERS,
    WIPE_CALM,
    WIPE_HASHTAG,
    WIPE_SARCASTIC,
)
from tools.crosscheck.driftborne_traffic import BANTER, MIXED
from tools.crosscheck.generate import BRANDS, build_week, config_path, write

# Between them these weeks hold every share of the bundle echo (code, order, link, none) and of the wipe
# (version, hashtag, none), a patch and a season launch, and a viral post in Portuguese and in Spanish.
SEEDS = (23, 24, 31, 32)
LOCAL = timedelta(hours=DRIFTBORNE.tz)  # US Eastern
STORES = ("appstore", "googleplay")
KINDS = {"viral_praise", "viral_news", "angry_ignored", "angry_ordinary", "repeater", "troll_dunk", "topic_burst"}


@pytest.fixture(scope="module", params=SEEDS)
def week(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One written week: each post's last sighting, every sighting's counters, and the labels."""
    path = tmp_path_factory.mktemp("driftborne") / f"driftborne-{request.param}.jsonl"
    write(build_week(DRIFTBORNE, request.param), path)
    return read_week(path)


def _opening(template: str) -> str:
    """What every telling written from ``template`` starts with: the words before its first slot."""
    return template.split("{")[0][:30].lower()


def _one(week: dict[str, Any], prefix: str) -> tuple[str, list[dict[str, Any]]]:
    [(name, rows)] = members(week, prefix).items()
    return name, rows


@pytest.mark.slow
def test_seven_incidents_of_six_kinds_and_every_hard_negative(week: dict[str, Any]) -> None:
    incidents = {label["incident"] for label in week["labels"].values() if label["spreading"]}
    assert {name.split("-")[0] for name in incidents} == {"burst", "reach", "echo", "wave", "foreign", "deadpan"}
    assert len(incidents) == 7  # two echoes: the undelivered bundle and the progress wipe
    echoes = sorted(name for name in incidents if name.startswith("echo-"))
    assert echoes[0].startswith("echo-bundle-missing-") and echoes[1].startswith("echo-progress-wipe-")
    assert {label["kind"] for label in week["labels"].values() if not label["spreading"]} == KINDS


@pytest.mark.slow
def test_a_big_game_busiest_on_us_evenings_and_saturdays(week: dict[str, Any]) -> None:
    rows = list(week["last"].values())
    assert 900 * 7 <= len(rows) <= 1500 * 7
    burst_days = {(created(row) + LOCAL).date() for row in members(week, "topic_burst")["topic_burst"]}
    per_day = Counter((created(row) + LOCAL).date() for row in rows)
    weekdays = [n for day, n in per_day.items() if day.weekday() < 5 and day not in burst_days]
    [saturday] = [n for day, n in per_day.items() if day.weekday() == 5]
    assert saturday > 1.1 * sum(weekdays) / len(weekdays)
    hours = Counter((created(row) + LOCAL).hour for row in rows)
    assert sum(hours[h] for h in range(18, 24)) > 2.5 * sum(hours[h] for h in range(6, 12))
    sources = Counter(row["source"] for row in rows)
    assert sources.most_common(1)[0][0] == "reddit"
    assert sources["appstore"] + sources["googleplay"] >= 0.15 * len(rows)
    assert sources["lemmy"] and sources["discourse"] and sources["rss"] and not sources["hackernews"]


@pytest.mark.slow
def test_players_write_in_three_other_languages_and_clients_tag_some_en(week: dict[str, Any]) -> None:
    rows = list(week["last"].values())
    assert {"pt", "es", "fr"} <= {row["lang"] for row in rows}
    openings = tuple(_opening(text) for texts in DRIFTBORNE.foreign.values() for text in texts)
    mistagged = [row for row in rows if row["lang"] == "en" and row["text"].lower().startswith(openings)]
    assert len(mistagged) >= 3


@pytest.mark.slow
def test_everyday_tone_is_harsh_and_sarcastic_and_its_identifiers_recur_daily(week: dict[str, Any]) -> None:
    unlabelled = [row for key, row in week["last"].items() if key not in week["labels"]]
    banter = tuple(_opening(text) for text in BANTER + MIXED if not text.startswith("{"))
    harsh = [
        row
        for row in unlabelled
        if row["text"].lower().startswith(banter) or any(mark in row["text"] for mark in ("🤡", "💀", "lmao", "joke"))
    ]
    assert len(harsh) >= 0.1 * len(unlabelled)
    shouted = [row for row in unlabelled if sum(word.isupper() and len(word) > 3 for word in row["text"].split()) >= 3]
    assert len(shouted) >= 20
    identifiers = {
        "version": r"\b2\.1[34]\.\d\b",
        "region": r"\b(?:NA-East|NA-West|NA-Central|OCE|EU-West|SA-East)\b",
        "error code": r"\b(?:0x[0-9A-F]{2}-[A-Z]{2,4}|LZ-0442|E-2209|DS-503)\b",
        "Canadian or Australian dollars": r"(?:CA|A)\$\d",
    }
    for name, pattern in identifiers.items():
        days = {created(row).date() for row in unlabelled if re.search(pattern, row["text"])}
        assert len(days) == 7, name


@pytest.mark.slow
def test_patch_day_is_many_players_own_gripes_within_hours(week: dict[str, Any]) -> None:
    burst = members(week, "topic_burst")["topic_burst"]
    assert len(burst) >= 120
    check_independent_burst(burst, hours=18)
    texts = [row["text"].lower() for row in burst]
    for about in (("queue",), ("crash", "falls over", "freezes", "dies"), ("nerf", "buff", "balance")):
        assert sum(any(word in text for word in about) for text in texts) >= 5, about


@pytest.mark.slow
def test_the_bundle_is_told_in_players_own_words_and_prices(week: dict[str, Any]) -> None:
    name, tellings = _one(week, "echo-bundle-missing-")
    assert len(tellings) >= 7
    assert len({row["author"]["id"] for row in tellings}) == len(tellings)
    assert len({row["text"] for row in tellings}) == len(tellings)
    assert len({row["source"] for row in tellings}) >= 2
    paid = r"(?:CA|A)?\$[\d.]+|[\d.]+ USD|CAD [\d.]+"
    prices = {price for row in tellings for price in re.findall(paid, row["text"])}
    assert len(prices) >= 2
    code = [row for row in tellings if PURCHASE.ident in row["text"]]
    orders = [number for row in tellings for number in re.findall(r"\bDB-\d{4}-\d{6}\b", row["text"])]
    linked = [row for row in tellings if PURCHASE.link in row["text"]]
    share = name.rsplit("-", 1)[1]
    assert (len(code) >= 2) == (share == "code")
    assert (len(orders) >= 2 and len(set(orders)) == len(orders)) == (share == "order")
    assert (len(linked) >= 2) == (share == "link")
    if share == "none":
        assert not code and not orders and not linked


@pytest.mark.slow
def test_the_wipe_is_told_calmly_and_sarcastically_from_patch_day_on(week: dict[str, Any]) -> None:
    name, tellings = _one(week, "echo-progress-wipe-")
    assert len(tellings) >= 8
    assert len({row["author"]["id"] for row in tellings}) == len(tellings)
    assert len({row["source"] for row in tellings}) >= 2
    texts = [row["text"].lower() for row in tellings]
    for tone in (WIPE_CALM, WIPE_SARCASTIC):
        openings = tuple(_opening(text) for text in tone)
        assert any(text.startswith(openings) for text in texts)
    patch_start = min(created(row) for row in members(week, "topic_burst")["topic_burst"])
    moments = sorted(created(row) for row in tellings)
    assert patch_start <= moments[0] <= patch_start + timedelta(hours=40)
    assert moments[-1] - moments[0] >= timedelta(hours=3)
    share = name.rsplit("-", 1)[1]
    versioned = [text for text in texts if re.search(r"\b2\.14\.[12]\b", text)]
    tagged = [text for text in texts if WIPE_HASHTAG.lower() in text]
    assert bool(versioned) == (share == "version") and bool(tagged) == (share == "hashtag")


@pytest.mark.slow
def test_the_anticheat_wave_is_low_reviews_in_the_stores(week: dict[str, Any]) -> None:
    _, wave = _one(week, "wave-")
    stores = [row for row in wave if row["source"] in STORES]
    assert len(stores) >= 15 and len(stores) >= 0.75 * len(wave)
    assert all(row["rating"] <= 3 for row in stores)
    assert sum(row["rating"] == 1 for row in stores) >= 0.5 * len(stores)
    assert len({row["text"] for row in stores}) >= 0.7 * len(stores)


@pytest.mark.slow
def test_the_streamer_reaches_hundreds_of_thousands_and_fans_reply(week: dict[str, Any]) -> None:
    rows = members(week, "reach")["reach"]
    handles = {handle for handle, _, _ in STREAMERS}
    [root] = [row for row in rows if row["in_reply_to"] is None and row["author"]["handle"].split(".")[0] in handles]
    assert root["author"]["followers"] >= 150_000 and likes(root) >= 200
    under = [row for row in rows if row["in_reply_to"] == root["id"]]
    assert len({row["author"]["id"] for row in under}) >= 4  # the fans and the streamer's own update
    assert any(row["author"]["id"] == root["author"]["id"] for row in under)


@pytest.mark.slow
def test_the_foreign_post_takes_off_with_replies_in_its_language(week: dict[str, Any]) -> None:
    name, rows = _one(week, "foreign-")
    lang = name.split("-")[1]
    [root] = [row for row in rows if row["in_reply_to"] is None]
    assert root["lang"] in (lang, "en", None) and likes(root) >= 100
    assert root["text"] == dict(FOREIGN_VIRAL)[lang]
    replies = [row for row in rows if row["in_reply_to"] == root["id"]]
    assert len(replies) >= 2 and all(row["text"] in FOREIGN_REPLIES[lang] for row in replies)


@pytest.mark.slow
def test_the_account_theft_thread_gathers_other_victims(week: dict[str, Any]) -> None:
    rows = members(week, "burst")["burst"]
    roots = [row for row in rows if row["in_reply_to"] is None and row["source"] in ("reddit", "discourse")]
    [root] = [row for row in roots if "ticket" in row["text"].lower()]
    replies = [row for row in rows if row["in_reply_to"] == root["id"]]
    assert len({row["author"]["id"] for row in replies}) >= 4
    assert any((root["url"] or root["id"]) in row["text"] for row in rows if row["source"] in ("bluesky", "mastodon"))


@pytest.mark.slow
def test_hard_negatives_look_like_their_kind(week: dict[str, Any]) -> None:
    check_hard_negatives(week, praise_likes=500, ref_prefix="IL-")


@pytest.mark.slow
def test_the_troll_is_dunked_on_by_many_and_agreed_with_by_none(week: dict[str, Any]) -> None:
    rows = members(week, "troll_dunk")["troll_dunk"]
    [root] = [row for row in rows if (row["engagement"].get("replies") or 0) >= 100]
    assert root["engagement"]["replies"] >= 2 * likes(root)
    dunks = [row for row in rows if row["in_reply_to"] == root["id"]]
    assert len({row["author"]["id"] for row in dunks}) == len(dunks) >= 10
    assert root["author"]["id"] not in {row["author"]["id"] for row in dunks}
    rants = [row for row in rows if row["author"]["id"] == root["author"]["id"] and row is not root]
    assert len(rants) >= 2 and all(likes(row) <= 3 for row in rants)  # a known troll nobody answers


@pytest.mark.slow
def test_every_post_a_search_would_find_names_the_game(week: dict[str, Any]) -> None:
    for row in week["last"].values():
        if row["source"] not in STORES and row["text"] not in DRIFTBORNE.offbrand:  # those the config drops
            assert "driftborne" in row["text"].lower(), row["text"]  # the mobile client's reviews need no name


@pytest.mark.slow
def test_the_same_seed_writes_the_same_week_and_another_seed_another(tmp_path: Path) -> None:
    paths = [tmp_path / name for name in ("a.jsonl", "b.jsonl", "c.jsonl")]
    for path, seed in zip(paths, (21, 21, 22), strict=True):
        write(build_week(DRIFTBORNE, seed), path)
    labels = [path.with_name(path.stem + ".labels.jsonl") for path in paths]
    assert paths[0].read_bytes() == paths[1].read_bytes() and labels[0].read_bytes() == labels[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes() and labels[0].read_bytes() != labels[2].read_bytes()


def test_config_keeps_the_game_and_drops_the_surf_shop_the_books_and_the_tea() -> None:
    config = load(config_path(BRANDS["driftborne"]))
    excludes = [re.compile(rf"\b{re.escape(term.lower())}\b") for term in config.brands[0].exclude]
    assert all(any(term.search(text.lower()) for term in excludes) for text in DRIFTBORNE.offbrand)
    everyday = [*DRIFTBORNE.praise, *DRIFTBORNE.mild, *DRIFTBORNE.news, *BANTER, *MIXED]
    everyday += [text for texts in DRIFTBORNE.topics.values() for text in texts]
    assert not any(term.search(text.lower()) for term in excludes for text in everyday)


@pytest.mark.slow
def test_scorecard_scores_the_game(tmp_path: Path) -> None:
    from tools.crosscheck.scorecard import run

    [score] = run("driftborne", 1, 7, keep=tmp_path)
    assert score.incidents == 7
    assert score.posts > 6000 and score.lines > 2 * score.posts
