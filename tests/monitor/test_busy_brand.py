"""On a busy evening or a storm night, what coincidence explains grows with the brand's complaint traffic."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Engine, select

from monitor.core.observations import Observation
from monitor.ingest.assessing import busy_factor
from monitor.store import posts
from monitor.store.tables import Post
from tests.builders import at, obs
from tests.monitor.test_detection_lifecycle import BRANDS, incidents, run

POSTS = Post.__table__  # type: ignore[attr-defined]
BRAND = "Northwind Air"
GRIPES = ["lost my bag", "cancelled my flight", "broke my stroller", "charged me twice", "kept me on hold"]


def _gripe(n: int, minute: float, seen: float | None = None, author: str | None = None) -> Observation:
    text = f"Northwind Air {GRIPES[n % 5]} in city{n}. Awful, worst airline ever."
    return obs(f"g{n}", seen if seen is not None else minute, text, author=author or f"a{n}", created=minute)


def test_complaint_traffic_now_against_its_usual_pace(engine: Engine) -> None:
    usual = [_gripe(n, 30 * n) for n in range(20)]  # one every half hour for ten hours
    storm = [_gripe(100 + n, 600 + 5 * n) for n in range(12)]  # then twelve in an hour
    late = [_gripe(200 + n, 630 + n, seen=700) for n in range(5)]  # written in the storm, seen only after it
    run(engine, [[o] for o in sorted(usual + storm + late, key=lambda o: o.observed_at)], **BRANDS)
    with engine.connect() as uow:
        since = posts.first_negative_at(uow, BRAND)
        assert since == at(0)
        assert posts.negative_posts(uow, BRAND, at(600), at(660)) == 11  # the late five unseen by 660
        busy = busy_factor(uow, BRAND, "no-such-cluster", (at(600), at(660)), since)
    # while the echo gathered (600 to 660): the storm's posts written then and seen by then; usual: the
    # eleven hours' worth (after the first post, which opened the span), per hour
    now = 11
    usual_per_hour = (19 + 12) / 11
    assert abs(busy - now / usual_per_hour) < 0.01
    assert busy > 3


def test_an_echo_does_not_make_its_own_traffic_busy(engine: Engine) -> None:
    usual = [_gripe(n, 30 * n) for n in range(20)]
    echo_text = "Northwind Air left my wheelchair on the jet bridge at gate B12 in the rain. Awful."
    echo = [obs(f"e{n}", 600 + 6 * n, echo_text, author=f"e{n}", created=600 + 6 * n) for n in range(8)]
    run(engine, [[o] for o in usual + echo], **BRANDS)
    with engine.connect() as uow:
        cluster = uow.execute(select(POSTS.c.cluster).where(POSTS.c.post_id == "e3")).scalar_one()
        assert cluster is not None
        since = posts.first_negative_at(uow, BRAND)
        with_echo = busy_factor(uow, BRAND, "no-such-cluster", (at(600), at(660)), since)
        without = busy_factor(uow, BRAND, cluster, (at(600), at(660)), since)
    assert with_echo > 2
    assert without == 1.0  # the echo's own tellers aside, the brand is as quiet as usual


def test_a_brand_watched_no_longer_than_the_echo_took_is_never_busy(engine: Engine) -> None:
    run(engine, [[_gripe(n, 5 * n)] for n in range(10)], **BRANDS)
    with engine.connect() as uow:
        since = posts.first_negative_at(uow, BRAND)
        assert since is not None
        moment = since + timedelta(minutes=50)
        assert busy_factor(uow, BRAND, "x", (since + timedelta(minutes=10), moment), since) == 1.0
        assert busy_factor(uow, BRAND, "x", (moment, moment), None) == 1.0


def test_strangers_naming_the_same_link_or_amount_are_no_coincidence() -> None:
    """A topic's chance matches explain shared words, not a shared link: such an echo expects none."""
    from monitor.ingest.echo_clusters import EchoCluster
    from monitor.spread import echo

    def member(n: int, minute: float, words: set[str]) -> tuple[tuple[str, str], str, object, bool, str, None]:
        return (("reddit", f"p{n}"), f"a{n}", at(minute), True, echo.encode_signature(frozenset(words)), None)

    link = "link:blog.example/swap"
    linked = EchoCluster([member(0, 0, {"sim", link}), member(1, 30, {"port", link})])
    assert not linked.names_one_instance(at(10))  # by then only one voice had named it
    assert linked.names_one_instance(at(30))
    # an airport or a gate is where, not what: a storm's complaints all name it
    where = EchoCluster([member(0, 0, {"delay", "id:kef", "id:b12"}), member(1, 5, {"delay", "id:kef", "id:b12"})])
    assert not where.names_one_instance(at(10))
    # two of six voices quoting the same error code, in different gripes: patch day, not one story
    code = "id:0x7a-mem"
    gripes = [member(n, n, {"crash", code} if n in (1, 4) else {"crash", f"id:e{n}"}) for n in range(6)]
    assert not EchoCluster(gripes).names_one_instance(at(10))
    assert EchoCluster([gripes[0], gripes[1], gripes[4]]).names_one_instance(at(10))  # two of three name it


STORM = [
    "Northwind Air {} the whole terminal is frozen tonight, heaters dead, awful and miserable",
    "Northwind Air {} gate screens blank tonight, terrible, nobody can tell us anything, furious",
    "Northwind Air {} the de-icing queue tonight is a disgrace, stuck on the taxiway, horrible",
]
OPENERS = ["Ugh.", "Seriously,", "Honestly", "Wow.", "So", "Again:", "Meh,", "PSA:"]


def _storm(stories: list[str], start: float) -> list[Observation]:
    """Each story told by eight people within the hour, the stories interleaved."""
    tellings = [
        obs(
            f"s{s}-{n}",
            start + 7 * n + s,
            text.format(OPENERS[n]),
            author=f"s{s}-a{n}",
            likes=1,
            created=start + 7 * n + s,
        )
        for s, text in enumerate(stories)
        for n in range(8)
    ]
    return sorted(tellings, key=lambda o: o.observed_at)


def test_several_stories_gathering_at_once_on_a_busy_night_are_a_burst_not_an_echo(engine: Engine) -> None:
    usual = [_gripe(n, 40 * n) for n in range(20)]  # thirteen quiet hours first: past echo_learning
    run(engine, [[o] for o in usual + _storm(STORM, 14 * 60)], **BRANDS)
    alerted = [i for i in incidents(engine) if i["level"] != "watch"]
    assert alerted == [], [(i["key"], i["reasons"]) for i in alerted]
    reasons = [r for i in incidents(engine) for r in i["reasons"]]
    assert any("a burst of complaints" in r for r in reasons), reasons


def test_one_story_gathering_alone_is_still_an_echo(engine: Engine) -> None:
    usual = [_gripe(n, 40 * n) for n in range(20)]
    run(engine, [[o] for o in usual + _storm(STORM[:1], 14 * 60)], **BRANDS)
    assert [i["key"] for i in incidents(engine) if i["level"] != "watch"] == ["reddit:s0-0"]
