"""A post that tells two gripes at once does not chain them into one story.

Echo clusters grow by whichever earlier complaint a new one resembles most. A post that bridges
two gripes ("they lost my bag in Denver. And the app crashes on the boarding pass since the
update") joins the first; a post about the second alone then resembles the bridge, and without a
check it would join the bag's cluster too: a week of such bridges chains a brand's everyday gripes
into one cluster that seems to gather voices fast. A voice must share the specifics of the
complaint that opened the cluster.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from tests.builders import background, obs
from tests.monitor.test_detection_lifecycle import BRANDS, run
from tests.monitor.test_pipeline import POSTS

BAG = "Northwind Air lost my bag at the Denver carousel, the tag scanned and then nothing. Awful."
BAG_AGAIN = "Lost bag at the Denver carousel with Northwind Air, tag scanned, then nothing at all. Terrible."
BRIDGE = (
    "Northwind Air lost my bag at the Denver carousel, tag scanned and then nothing. Also the app crashes on "
    "the boarding pass screen. Awful."
)
APP = "Northwind Air app crashes on the boarding pass screen, terrible."
APP_AGAIN = "The Northwind Air app crashes on the boarding pass screen every time. Awful."


def _clusters(engine: Engine, texts: list[str]) -> dict[str, str | None]:
    told = [
        obs(f"p{n}", 100 + 20 * n, text, author=f"teller{n}", likes=1, created=100 + 20 * n)
        for n, text in enumerate(texts)
    ]
    # the brand's everyday traffic first: what is common in it and what is specific to a story
    run(engine, [[o] for o in background("reddit", 60, ticks=1) + told], **BRANDS)
    with engine.connect() as conn:
        return dict(conn.execute(select(POSTS.c.post_id, POSTS.c.cluster)).all())


def test_a_gripe_that_only_matches_a_bridge_does_not_join_the_other_story(engine: Engine) -> None:
    clusters = _clusters(engine, [BAG, BAG_AGAIN, BRIDGE, APP])
    assert clusters["p1"] == clusters["p2"] == "reddit:p0"  # the bridge tells the bag's story too
    assert clusters["p3"] != "reddit:p0"


def test_the_second_gripe_still_echoes_on_its_own(engine: Engine) -> None:
    clusters = _clusters(engine, [BAG, BAG_AGAIN, BRIDGE, APP, APP_AGAIN])
    assert clusters["p2"] == "reddit:p0"
    assert clusters["p3"] is not None and clusters["p3"] == clusters["p4"] != "reddit:p0"
