"""Mastodon in the shared suite: own 4.x tag timeline, and the real bigbone tag timeline (20 statuses)."""

from __future__ import annotations

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

OWN = OWN_FIXTURES / "mastodon"

CASE = SuiteCase(
    type="mastodon",
    config={"hashtags": ["northwindair"], "page_size": 3},
    listing_path="/api/v1/timelines/tag/northwindair",
    page=lambda: (OWN / "tag_timeline.json").read_bytes(),
    real=lambda: shared_path("fixtures", "real", "mastodon", "bigbone-tag_timeline.json").read_bytes(),
    cursor_key=lambda cursor: int(cursor["northwindair"]),
    bad_config=[
        ({"hashtags": [], "query": None}, "give hashtags, a query, or both"),
        ({"hashtags": ["no spaces please"]}, "hashtags are letters"),
        ({"page_size": 41}, "page_size"),
    ],
)
