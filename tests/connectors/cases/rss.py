"""RSS/Atom in the shared suite: own news feed, the real Hacker News front-page feed."""

from __future__ import annotations

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

CASE = SuiteCase(
    type="rss",
    config={"url": "/feed.rss"},
    listing_path="/feed.rss",
    page=lambda: (OWN_FIXTURES / "rss" / "news.rss").read_bytes(),
    real=lambda: shared_path("fixtures", "real", "rss", "feedjira-RSSWithComments.xml").read_bytes(),
    cursor_key=lambda cursor: (cursor.get("last_published") or "", len(cursor.get("undated", []))),
    content_type="application/rss+xml",
    bad_config=[({"url": ""}, "url")],
    dated=False,
)
