"""A story the brand's customers tell all week is not an echo because a few of them tell it at once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from monitor.spread.content import TermCounts, mark_start, story_pace, tagged_pace
from tests.builders import obs
from tests.monitor.test_detection_lifecycle import BRANDS, incidents, run

GRIPE = "{} the Northwind Air app icon is so ugly since the redesign, I hate it"
OPENERS = ["Honestly", "Ugh", "PSA:", "Not gonna lie", "Seriously", "Again:", "Meh,", "So"]
NEW_STORY = [
    "Northwind Air lounge in Lisbon shut its doors at 6pm with a full flight still waiting inside. Furious.",
    "Lisbon lounge closed at 6pm by Northwind Air while our whole flight was still sitting in there. Awful.",
    "Northwind Air kicked everyone out of the Lisbon lounge at 6pm, a full flight still waiting. Terrible.",
    "They closed the Northwind Air Lisbon lounge at 6pm on a full flight that was still waiting. Shameful.",
]
# Echoes are matched within two hours here, so tellings three hours apart never cluster: each is
# one more telling of the story, counted in how often the brand's complaints tell it.
SECTIONS = {**BRANDS, "detection": {"echo_window": "2h"}}


def test_the_pace_of_a_story_is_how_often_it_was_told_before_its_first_teller() -> None:
    start = datetime(2027, 1, 4, tzinfo=UTC)
    told = TermCounts(timedelta(days=3))
    mark_start(told, start)
    for hour in range(0, 48, 3):  # 16 tellings over two days
        told.add_document(frozenset({"icon", "ugli", "redesign"}), start + timedelta(hours=hour))
    told.add_document(frozenset({"lounge", "lisbon"}), start + timedelta(hours=47))  # one new story, once
    now = start + timedelta(hours=48)
    steady = story_pace(told, ["icon", "ugli"], now)
    assert 0.2 < steady < 0.4  # about 15 tellings (the first teller set aside) in 48 hours
    assert story_pace(told, ["icon", "lounge"], now) == 0.0  # no commoner than its rarest word: a new story
    assert story_pace(told, ["never", "seen"], now) == 0.0
    assert tagged_pace({"icon", "#pace:0.25"}) == 0.25 and tagged_pace({"icon"}) is None


def _tellings(texts: list[str], start_minute: float, step: float, prefix: str) -> list:  # type: ignore[type-arg]
    return [
        obs(
            f"{prefix}{n}",
            start_minute + step * n,
            text,
            source=("reddit", "bluesky", "mastodon")[n % 3],
            author=f"{prefix}-author{n}",
            likes=1,
            created=start_minute + step * n,
        )
        for n, text in enumerate(texts)
    ]


def test_a_story_told_all_along_does_not_alert_when_a_few_tell_it_at_once_but_a_new_one_does(engine: Engine) -> None:
    steady = _tellings([GRIPE.format(OPENERS[n % 8]) for n in range(16)], 0, 180, "steady")
    burst = _tellings([GRIPE.format(OPENERS[n]) for n in range(6)], 48 * 60, 8, "burst")
    new = _tellings(NEW_STORY, 48 * 60 + 5, 12, "lounge")
    run(engine, [[o] for o in sorted(steady + burst + new, key=lambda o: o.observed_at)], **SECTIONS)
    alerted = [i for i in incidents(engine) if i["level"] != "watch"]
    # six people in an hour is what a story told every three hours brings now and then; the new one is news
    assert [i["key"] for i in alerted] == ["reddit:lounge0"], [(i["key"], i["reasons"]) for i in alerted]


CORE = "Northwind Air closed the Lisbon lounge at 6pm with a full flight waiting"
RETOLD = [f"{CORE}. {tail}" for tail in ("Furious.", "Same for us, awful.", "Terrible, truly.", "Shameful.")]
ELSEWHERE = [f"{CORE}. {tail}" for tail in ("Appalling service.", "Disgraceful, honestly.")]


def test_an_echos_own_voices_are_not_the_history_its_next_teller_measures_its_pace_by(engine: Engine) -> None:
    """Replies retelling a new complaint within the hour, then tellings of it elsewhere: the pace the
    first of those records sets the replies aside (they are the echo), so the echo keeps alerting
    with its current voices instead of reading as a story told four times before."""
    fine = "Northwind Air flight {} was fine, thanks crew"
    chatter = [obs(f"c{n}", n * 20, fine.format(n), author=f"c{n}") for n in range(30)]
    root = obs("root", 600, RETOLD[0], source="bluesky", author="root", created=600)
    replies = [
        obs(f"re{n}", 610 + 10 * n, text, source="bluesky", author=f"re{n}", created=610 + 10 * n, in_reply_to="root")
        for n, text in enumerate(RETOLD[1:])
    ]
    elsewhere = [
        obs(f"m{n}", 650 + 5 * n, text, source="mastodon", author=f"elsewhere{n}", created=650 + 5 * n)
        for n, text in enumerate(ELSEWHERE)
    ]
    run(engine, [[o] for o in sorted([*chatter, root, *replies, *elsewhere], key=lambda o: o.observed_at)], **SECTIONS)
    with engine.connect() as conn:
        signatures = [row[0] for row in conn.exec_driver_sql("SELECT signature FROM posts WHERE source = 'mastodon'")]
    paces = [tagged_pace(frozenset((signature or "").split())) for signature in signatures]
    assert paces and all(pace in (None, 0.0) for pace in paces), paces
    (incident,) = [i for i in incidents(engine) if i["level"] != "watch"]
    # the echo rule still fires once the story reaches the second source (a pace of 2 an hour silenced it)
    echoed = [r for r in incident["reasons"] if re.search(r"echoed by \d+ distinct authors on 2 sources", r)]
    assert echoed, incident["reasons"]
