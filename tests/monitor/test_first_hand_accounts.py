"""A first-hand account that names no failure and reads neutral, travelling very fast, is for a person to read."""

from __future__ import annotations

from sqlalchemy import Engine, select

from monitor.spread.failure import first_hand, reports_failure, without_sign_off
from tests.builders import background, obs
from tests.monitor.test_detection_lifecycle import POSTS, incidents, run, spike

PLAIN = "My dad has been with Northwind Air for 19 years. They just told him his lifetime fare deal is ending."


def test_first_hand_means_the_writer_own_story_not_praise_or_news() -> None:
    assert first_hand(PLAIN, "en", 0.0)
    assert first_hand("The engineer unplugged my router to test something, and left", None, None)
    assert not first_hand("Northwind Air announces a new route to Lisbon from March", "en", 0.0)  # nobody's own
    assert not first_hand("My flight was lovely, the crew were wonderful", "en", 0.8)  # clearly happy
    # gratitude: a story told to thank someone is praise, whatever the scorer makes of its words
    assert not first_hand("The pilot showed my son the cockpit. He hasn't stopped smiling.", "en", -0.2)
    assert not reports_failure("The rider saw my grandad had fallen and waited with him. Give him a raise", "en", -0.36)
    assert reports_failure("Waited 3 hours for my bags, thanks for nothing", "en", -0.2)  # sarcasm is no thanks


def test_a_plain_first_hand_account_spreading_very_fast_alerts_saying_sentiment_is_uncertain(engine: Engine) -> None:
    day = background("reddit", 30, ticks=7) + spike("plain", 120, peak=3000, text=PLAIN)
    day.sort(key=lambda o: o.observed_at)
    run(engine, [[o] for o in day])
    (incident,) = incidents(engine)
    assert incident["level"] != "watch"
    assert any("a first-hand account spreading fast" in r for r in incident["reasons"]), incident["reasons"]


def test_a_plain_first_hand_account_with_some_ordinary_traction_stays_quiet(engine: Engine) -> None:
    # forty likes in an hour is many times a quiet source's median, and still nothing to ping anyone about
    steps = ((10, 4), (30, 15), (50, 30), (70, 40))
    day = background("reddit", 30, ticks=7, rate=0) + [  # a source where posts hardly get a like
        obs("plain", 120 + m, PLAIN, likes=likes, created=120, author="a-plain") for m, likes in steps
    ]
    day.sort(key=lambda o: o.observed_at)
    run(engine, [[o] for o in day])
    assert [i for i in incidents(engine) if i["level"] != "watch"] == []


def test_a_closing_line_of_praise_after_a_failure_is_read_as_sarcasm(engine: Engine) -> None:
    assert without_sign_off("Lost my bags twice this month. Great stuff") == "Lost my bags twice this month."
    assert without_sign_off("Great stuff from the crew today") is None  # praise from the start: no sign-off
    assert without_sign_off("Lost my bags. The crew were great about it though") is None  # not a short closing line
    sarcastic = (
        "My Northwind Air order of 14 items arrived as 1 item: a single lime. Refund says processing. Great stuff"
    )
    happy = "My Northwind Air refund came through in two days. Great stuff"
    run(engine, [[obs("sarcastic", 10, sarcastic, author="a"), obs("happy", 11, happy, author="b")]])
    with engine.connect() as conn:
        read = {
            r.post_id: (r.upset, r.failure)
            for r in conn.execute(select(POSTS.c.post_id, POSTS.c.upset, POSTS.c.failure))
        }
    assert read == {"sarcastic": (False, True), "happy": (False, False)}


def test_sarcastic_thanks_still_reads_as_a_failure() -> None:
    assert reports_failure("Thank you Northwind Air for cancelling my flight and leaving me stranded", "en", 0.1)
    assert reports_failure("Well done Northwind Air, lost my bag again", "en", 0.2)
