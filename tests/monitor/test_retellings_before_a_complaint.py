"""Retellings told before any complaint: the complaint that names the same instance takes them in."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select

from monitor.store.database import open_database
from tests.builders import obs
from tests.monitor.test_detection_lifecycle import BRANDS, POSTS, incidents, run

# Told first by people who sound calm (both score neutral or positive), then by one who is upset.
CALM_FIRST = [
    (
        "bluesky",
        "Booked wheelchair help with Northwind Air for NW 1558 at BOS, nobody turned up. Carried the bags myself.",
    ),
    (
        "mastodon",
        "Pre-booked assistance on Northwind Air NW 1558, nobody came at BOS. Mum sat by the gate all evening.",
    ),
    (
        "reddit",
        "Northwind Air abandoned disabled passengers on NW 1558 at BOS, assistance never came. Awful and shameful.",
    ),
]


def _story(told: list[tuple[str, str]]) -> list:  # type: ignore[type-arg]
    return [
        obs(f"told{n}", 10 + 20 * n, text, source=source, author=f"flyer{n}", likes=1, created=10 + 20 * n)
        for n, (source, text) in enumerate(told)
    ]


def _upset(engine: Engine) -> dict[str, bool]:
    with engine.connect() as conn:
        return {row["post_id"]: row["upset"] or row["failure"] for row in conn.execute(select(POSTS)).mappings()}


def test_a_complaint_takes_in_the_calm_tellings_that_came_before_it(tmp_path: Path) -> None:
    story = _story(CALM_FIRST)
    polled = open_database(f"sqlite:///{tmp_path / 'polled.db'}")
    run(polled, [[o] for o in story], **BRANDS)
    assert _upset(polled) == {"told0": False, "told1": False, "told2": True}  # the premise: only the last complains
    alerted = [i for i in incidents(polled) if i["level"] != "watch"]
    assert len(alerted) == 1 and alerted[0]["reasons"][0].startswith("echoed by 3 distinct authors on 3 sources")
    # the complaint is the root; it alerts on its own arrival, the moment the third voice told the story
    assert alerted[0]["key"] == "reddit:told2"
    assert alerted[0]["first_alert_at"].replace(tzinfo=None) == story[-1].observed_at.replace(tzinfo=None)
    # the same posts read in one page give the same incident at the same moment
    once = open_database(f"sqlite:///{tmp_path / 'once.db'}")
    run(once, [story], **BRANDS)
    batch = [i for i in incidents(once) if i["level"] != "watch"]
    assert [(i["key"], i["first_alert_at"]) for i in batch] == [(i["key"], i["first_alert_at"]) for i in alerted]


def test_calm_posts_naming_the_flight_but_telling_another_story_are_not_taken_in(engine: Engine) -> None:
    chatter = [
        ("bluesky", "Boarding Northwind Air NW 1558 to Boston now, window seat, see you all soon!"),
        ("mastodon", "Anyone else on Northwind Air NW 1558 tonight? The lounge snacks are decent."),
        CALM_FIRST[2],
    ]
    run(engine, [[o] for o in _story(chatter)], **BRANDS)
    assert [i for i in incidents(engine) if i["level"] != "watch"] == []


def test_a_calm_telling_of_another_flight_is_not_taken_in(engine: Engine) -> None:
    other = [(source, text.replace("NW 1558", "NW 1602")) for source, text in CALM_FIRST[:2]]
    run(engine, [[o] for o in _story([*other, CALM_FIRST[2]])], **BRANDS)
    assert [i for i in incidents(engine) if i["level"] != "watch"] == []
