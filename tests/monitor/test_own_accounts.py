"""The brand's own accounts speak for the brand: never a customer's complaint, never a voice in one.

Patch notes listing the crashes a release fixed, a trailer for "the Drowned Spire", the support
account's "sorry about NW 608": each reads upset or names a flight, and from the brand's own
handle each spread as fast as anything the brand posts.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

from monitor.brands import account_name, own_accounts
from monitor.config import validate
from tests.builders import background, obs
from tests.monitor.test_detection_lifecycle import COMPLAINT, incidents, run
from tests.monitor.test_pipeline import POSTS

SECTIONS: dict[str, Any] = {
    "brands": [
        {
            "name": "Northwind Air",
            "include": ["northwind air", "northwind", "@northwindair"],
            "own_accounts": ["northwind_help"],
            "languages": [],
        }
    ]
}
NEWS = "Northwind Air: we are sorry, flights cancelled and delayed at KEF after the storm destroyed a hangar"


def _spike(post_id: str, author: str, text: str) -> list[Any]:
    steps = ((2, 5), (12, 150), (22, 600), (32, 1200))
    return [
        obs(post_id, 120 + m, text, source="bluesky", likes=likes, created=120, author=author, followers=90_000)
        for m, likes in steps
    ]


@pytest.mark.parametrize(
    "handle",
    ["northwindair", "@NorthwindAir", "northwindair.bsky.social", "@northwindair@mastodon.social", "u/northwindair"],
)
def test_a_handle_is_one_name_however_the_platform_writes_it(handle: str) -> None:
    assert account_name(handle) == "northwindair"


def test_own_accounts_are_those_listed_and_the_handles_customers_mention() -> None:
    brands = validate(SECTIONS).brands
    assert own_accounts(brands) == {"northwindair", "northwind_help"}


def test_the_brand_posting_bad_news_that_spreads_is_no_incident(engine: Engine) -> None:
    day = background("bluesky", 30, ticks=7) + _spike("news", "northwindair.bsky.social", NEWS)
    day.sort(key=lambda o: o.observed_at)
    run(engine, [[o] for o in day], **SECTIONS)
    assert incidents(engine) == []


def test_the_same_words_from_a_customer_still_alert(engine: Engine) -> None:
    day = background("bluesky", 30, ticks=7) + _spike("angry", "dana.bsky.social", COMPLAINT)
    day.sort(key=lambda o: o.observed_at)
    run(engine, [[o] for o in day], **SECTIONS)
    assert [i["key"] for i in incidents(engine)] == ["bluesky:angry"]


def test_the_support_account_naming_the_flight_is_not_a_voice_in_its_echo(engine: Engine) -> None:
    tellers = [f"Northwind Air NW 608 cancelled and they kept my money, never again. Awful. ({n})" for n in range(3)]
    posts = [obs(f"t{n}", 10 * n, text, author=f"teller{n}", likes=1, created=10 * n) for n, text in enumerate(tellers)]
    reply = "Northwind Air here: so sorry about NW 608 being cancelled, please DM us and we'll put it right."
    posts.insert(2, obs("help", 15, reply, author="northwind_help", likes=1, created=15))
    run(engine, [[o] for o in posts], **SECTIONS)
    assert [i["key"] for i in incidents(engine)] == ["reddit:t0"]
    with engine.connect() as conn:
        clusters = dict(conn.execute(select(POSTS.c.post_id, POSTS.c.cluster)).all())
    assert clusters == {"t0": "reddit:t0", "t1": "reddit:t0", "t2": "reddit:t0", "help": None}
