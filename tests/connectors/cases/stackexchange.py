"""Stack Exchange in the shared suite: /search/advanced, reputation inline, an optional key."""

from __future__ import annotations

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

OWN = OWN_FIXTURES / "stackexchange"

CASE = SuiteCase(
    type="stackexchange",
    config={"query": "northwind", "site": "stackoverflow"},
    listing_path="/search/advanced",
    page=lambda: (OWN / "search_page1.json").read_bytes(),
    real=lambda: shared_path("fixtures", "real", "stackexchange", "gaea-search_advanced-questions.json").read_bytes(),
    # No env: the key is optional and must travel in the query string (the API takes it nowhere else),
    # which the loopback server's access log shows. Stack Exchange says app keys are not secrets;
    # test_stackexchange.py checks it never reaches an error message.
    cursor_key=lambda cursor: (int(cursor.get("fromdate", 0)), len(cursor.get("ids", []))),
    bad_config=[({"query": None, "tagged": None}, "set query"), ({"page_size": 0}, "page_size")],
)
