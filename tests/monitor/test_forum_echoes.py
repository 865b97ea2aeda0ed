"""Who counts as a voice in an echo, and what counts as the same link.

A forum that shows no follower counts (Lemmy, Discourse) is still people telling their own stories;
only a feed that republishes stories (news, blogs: the ``rss`` profile) is never a voice. A link is
what it points at: a video site's links differ only in their query, which must not be cut away.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine

from monitor.core.observations import Observation
from monitor.core.platforms import profile_for
from monitor.spread.links import link_terms, links_as_words
from tests.builders import obs
from tests.monitor.test_detection_lifecycle import BRANDS, incidents, run
from tests.monitor.test_learning_a_new_brand import STORY

LINK = " https://www.youtube.com/watch?v=nW4bagFees&utm_source=share"


def _tellings(sources: tuple[str, ...], links: list[str]) -> list[list[Observation]]:
    return [
        [
            obs(
                f"fee{n}",
                10 * n,
                text + links[n % len(links)],
                source=sources[n % len(sources)],
                author=f"teller{n}",
                likes=1,
                created=10 * n,
            )
        ]
        for n, text in enumerate(STORY)
    ]


def _alerted(engine: Engine) -> list[dict[str, Any]]:
    return [i for i in incidents(engine) if i["level"] != "watch"]


def test_people_on_forums_without_follower_counts_are_voices_in_an_echo(engine: Engine) -> None:
    run(engine, _tellings(("lemmy", "discourse"), [LINK]), **BRANDS)
    (alerted,) = _alerted(engine)
    assert alerted["key"] == "lemmy:fee0"
    assert "echoed by 4 distinct authors" in " ".join(alerted["reasons"])


def test_a_news_feed_carrying_the_story_is_not_a_voice(engine: Engine) -> None:
    assert profile_for("rss").syndication and not profile_for("discourse").syndication
    run(engine, _tellings(("rss",), [LINK]), **BRANDS)
    assert incidents(engine) == []


def test_links_to_different_videos_on_one_site_are_different_links(engine: Engine) -> None:
    others = [f" https://www.youtube.com/watch?v=clip{n}" for n in range(4)]
    run(engine, _tellings(("lemmy", "discourse"), others), **BRANDS)
    assert _alerted(engine) == []  # four everyday tellings on a brand just met, sharing no link


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LINK, {"link:youtube.com/watch?v=nw4bagfees"}),
        ("https://youtu.be/nW4bagFees?si=abc123.", {"link:youtu.be/nw4bagfees"}),
        ("(see https://example.com/story/123/?utm=x&fbclid=y)", {"link:example.com/story/123"}),
        ("https://shop.example.com/item?id=42&ref=home", {"link:shop.example.com/item?id=42"}),
        ("https://northwindair.com/", set()),
        ("http://[::1 broken", set()),
    ],
)
def test_a_link_keeps_what_it_points_at_and_drops_who_shared_it(text: str, expected: set[str]) -> None:
    assert link_terms(text) == frozenset(expected)


def test_a_link_reads_as_what_it_points_at_not_the_site_it_is_on() -> None:
    assert links_as_words("fees again" + LINK + " awful").split() == ["fees", "again", "/watch", "nW4bagFees", "awful"]
    slug = "see https://forum.example.co.uk/t/plus-charging-delivery/88213?utm_source=x now"
    assert links_as_words(slug).split() == ["see", "/t/plus-charging-delivery/88213", "now"]
    assert links_as_words("no link here") == "no link here"
