"""Discourse in the shared suite: own search page, and the official API docs search example."""

from __future__ import annotations

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

CASE = SuiteCase(
    type="discourse",
    config={"query": "Northwind Air"},
    listing_path="/search.json",
    page=lambda: (OWN_FIXTURES / "discourse" / "search.json").read_bytes(),
    real=lambda: shared_path("fixtures", "real", "discourse", "api-docs-search-query_response.json").read_bytes(),
    cursor_key=lambda cursor: (cursor["feeds"]["search"]["moment"], len(cursor["feeds"]["search"]["ids"])),
    bad_config=[
        ({"query": None, "latest_posts": False}, "give a query, or set latest_posts = true"),
        ({"categories": ["support"]}, "categories"),
    ],
)
