"""On a brand repmon has only just met, an everyday gripe told in the same words looks like an echo.

For ``echo_learning`` after the first complaint there is no baseline: an echo that shares no link,
named instance or reply thread stays on watch unless a teller says it happened to them too.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from monitor.core.observations import Observation
from monitor.spread.failure import says_too
from tests.builders import obs
from tests.monitor.test_detection_lifecycle import BRANDS, incidents, run

STORY = [
    "Northwind Air charged me a bag fee at the counter even though my fare includes a checked bag. Awful.",
    "northwind air made me pay a bag fee at the counter when my fare includes a checked bag. awful",
    "Northwind Air bag fee at the counter again, my fare includes a checked bag. Ridiculous.",
    "Paid a bag fee to Northwind Air at the counter although my fare includes a checked bag. Terrible.",
]
OTHER = "Northwind Air lost my suitcase in Denver and nobody answers the phone. Furious."
SECTIONS: dict[str, Any] = {**BRANDS}


def _tellings(texts: list[str], start_minute: float, prefix: str = "fee") -> list[Observation]:
    return [
        obs(
            f"{prefix}{n}",
            start_minute + 10 * n,
            text,
            source=("reddit", "bluesky", "mastodon")[n % 3],
            author=f"{prefix}-author{n}",
            likes=1,
            created=start_minute + 10 * n,
        )
        for n, text in enumerate(texts)
    ]


def _alerted(engine: Engine) -> list[dict[str, Any]]:
    return [i for i in incidents(engine) if i["level"] != "watch"]


def test_an_echo_of_everyday_words_on_a_brand_just_met_stays_on_watch(engine: Engine) -> None:
    run(engine, [[o] for o in _tellings(STORY, 0)], **SECTIONS)
    assert _alerted(engine) == []
    (watched,) = incidents(engine)
    assert any("may be an everyday gripe" in reason for reason in watched["reasons"]), watched["reasons"]


def test_a_teller_saying_it_happened_to_them_too_makes_it_an_echo_at_once(engine: Engine) -> None:
    texts = [*STORY[:2], "Same here: " + STORY[2], STORY[3]]
    run(engine, [[o] for o in _tellings(texts, 0)], **SECTIONS)
    assert [i["key"] for i in _alerted(engine)] == ["reddit:fee0"]


def test_a_shared_link_is_news_even_on_a_brand_just_met(engine: Engine) -> None:
    texts = [t + " https://news.example.org/northwind-bag-fees" for t in STORY]
    run(engine, [[o] for o in _tellings(texts, 0)], **SECTIONS)
    assert [i["key"] for i in _alerted(engine)] == ["reddit:fee0"]


def test_an_error_code_its_customers_quote_every_day_anchors_nothing_on_a_brand_just_met(engine: Engine) -> None:
    """On the first morning a code told by four strangers may be one its customers quote every day."""
    texts = [t.replace("Northwind Air", "Northwind Air app, error NW-0442,", 1) for t in STORY]
    run(engine, [[o] for o in _tellings(texts, 0)], **SECTIONS)
    assert _alerted(engine) == []
    assert any("may be an everyday gripe" in reason for i in incidents(engine) for reason in i["reasons"])


def test_once_the_brand_is_learnt_an_error_code_names_one_failure(engine: Engine) -> None:
    first = obs("lost", 0, OTHER, author="dana", likes=1, created=0)
    texts = [t.replace("Northwind Air", "Northwind Air app, error NW-0442,", 1) for t in STORY]
    run(engine, [[first], *([o] for o in _tellings(texts, 13 * 60))], **SECTIONS)
    assert [i["key"] for i in _alerted(engine)] == ["reddit:fee0"]


def test_once_the_brand_has_been_watched_long_enough_the_same_echo_alerts(engine: Engine) -> None:
    first = obs("lost", 0, OTHER, author="dana", likes=1, created=0)
    later = _tellings(STORY, 13 * 60)  # echo_learning is 12 h by default
    run(engine, [[first], *([o] for o in later)], **SECTIONS)
    assert [i["key"] for i in _alerted(engine)] == ["reddit:fee0"]


def test_an_echo_that_began_gathering_while_learning_is_still_unmeasured_after_it(engine: Engine) -> None:
    # told at 11:40, 11:50, 12:00 and 12:10: its last voices come after the 12 h, but what it gathered
    # began before them, when a gripe told every morning could not be told from news
    first = obs("lost", 0, OTHER, author="dana", likes=1, created=0)
    later = _tellings(STORY, 12 * 60 - 20)
    run(engine, [[first], *([o] for o in later)], **SECTIONS)
    assert _alerted(engine) == []
    assert any("may be an everyday gripe" in reason for i in incidents(engine) for reason in i["reasons"])


def test_the_learning_time_is_configurable(engine: Engine) -> None:
    first = obs("lost", 0, OTHER, author="dana", likes=1, created=0)
    later = _tellings(STORY, 3 * 60)
    run(engine, [[first], *([o] for o in later)], **{**SECTIONS, "detection": {"echo_learning": "2h"}})
    assert [i["key"] for i in _alerted(engine)] == ["reddit:fee0"]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Same here, they charged my bag twice", "en", True),
        ("Happened to me too last week", "en", True),
        ("Third person today saying their refund vanished", "en", True),
        ("A mí también me cobraron dos veces", "es", True),
        ("Bei mir auch, seit Montag kein Netz", "de", True),
        ("Anyone else? My bag fee was charged twice", "en", False),  # asking is not saying
        ("They charged my bag twice", "en", False),
    ],
)
def test_who_says_it_happened_to_them_too(text: str, lang: str, expected: bool) -> None:
    assert says_too(text, lang) is expected


CODE_STORY = [
    "What is Northwind Air app error NW-0442? Google gives nothing. Useless.",
    "PSA: got NW-0442 three times this morning in the Northwind Air app lol",
    "Northwind Air app showed error NW-0442 on check-in again. love it",
    "Northwind Air app, NW-0442 at the gate, still flying them tho",
]


def test_retellings_that_do_not_sound_upset_join_a_code_echo_once_the_brand_is_learnt(engine: Engine) -> None:
    """Voices that read calm ("PSA: got NW-0442 three times lol") join the complaint by the code they name."""
    first = obs("lost", 0, OTHER, author="dana", likes=1, created=0)
    run(engine, [[first], *([o] for o in _tellings(CODE_STORY, 13 * 60))], **SECTIONS)
    assert [i["key"] for i in _alerted(engine)] == ["reddit:fee0"]
