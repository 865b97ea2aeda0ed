"""Hacker News (Algolia) in the shared suite: own search page, the real recorded page 1."""

from __future__ import annotations

from typing import Any

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase


def _cursor_key(cursor: dict[str, Any]) -> tuple[int, int]:
    return (int(cursor["last_created_at_i"]), len(cursor.get("ids_at_last", [])))


CASE = SuiteCase(
    type="hackernews",
    config={"query": "Northwind Air", "hits_per_page": 3},
    listing_path="/search_by_date",
    page=lambda: (OWN_FIXTURES / "hackernews" / "search_page1.json").read_bytes(),
    real=lambda: shared_path("fixtures", "real", "hackernews", "algolia-search_by_date-page1.json").read_bytes(),
    cursor_key=_cursor_key,
    bad_config=[({"query": ""}, "query"), ({"hits_per_page": 0}, "hits_per_page")],
)
