"""YouTube in the shared suite: commentThreads of one video, an API key in a header."""

from __future__ import annotations

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

OWN = OWN_FIXTURES / "youtube"

CASE = SuiteCase(
    type="youtube",
    config={"video_ids": ["nwAdVideo01"], "lookup_authors": False, "brand": "Northwind Air"},
    listing_path="/commentThreads",
    page=lambda: (OWN / "threads_page1.json").read_bytes(),
    real=lambda: shared_path(
        "fixtures", "real", "youtube", "python-youtube-comment_threads_by_video_paged_1.json"
    ).read_bytes(),
    env={"YOUTUBE_API_KEY": "AIzaSySUITE-youtube-key"},
    cursor_key=lambda cursor: sorted(str(mark.get("moment")) for mark in cursor.get("feeds", {}).values()),
    bad_config=[({"video_ids": [], "channel_id": None}, "video_ids"), ({"page_size": 0}, "page_size")],
)
