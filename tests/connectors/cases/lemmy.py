"""Lemmy in the shared suite: own fixtures written from the v3 API documentation (../shared has none)."""

from __future__ import annotations

from tests.conftest import OWN_FIXTURES
from tests.connectors.suite import SuiteCase

CASE = SuiteCase(
    type="lemmy",
    config={"query": "Northwind Air", "comments": False, "page_size": 4},
    listing_path="/api/v3/search",
    page=lambda: (OWN_FIXTURES / "lemmy" / "search_posts.json").read_bytes(),
    real=None,  # no permissively licensed real payload exists (see PROVENANCE.md)
    cursor_key=lambda cursor: (cursor["feeds"]["posts"]["moment"], len(cursor["feeds"]["posts"]["ids"])),
    bad_config=[
        ({"query": None, "communities": []}, "give a query, communities, or both"),
        ({"communities": ["not/a community"]}, "communities are names"),
        ({"page_size": 51}, "page_size"),
    ],
)
