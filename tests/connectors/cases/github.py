"""GitHub in the shared suite: /search/issues with an optional token."""

from __future__ import annotations

import json

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

OWN = OWN_FIXTURES / "github"


def _real() -> bytes:
    (interaction,) = json.loads(
        shared_path("fixtures", "real", "github", "search-issues.normalized-fixture.json").read_text(encoding="utf-8")
    )
    return json.dumps(interaction["response"]).encode()


CASE = SuiteCase(
    type="github",
    config={"query": "northwind", "lookup_authors": False},
    listing_path="/search/issues",
    page=lambda: (OWN / "search_issues.json").read_bytes(),
    real=_real,
    env={"GITHUB_TOKEN": "github_pat_11SUITE_secret_value"},
    cursor_key=lambda cursor: (str(cursor.get("created", "")), len(cursor.get("ids", []))),
    bad_config=[({"page_size": 101}, "page_size"), ({"query": ""}, "query")],
)
