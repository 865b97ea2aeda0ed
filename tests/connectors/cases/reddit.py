"""Reddit in the shared suite: own OAuth listing, and the real PRAW search cassette (2016)."""

from __future__ import annotations

import json
from typing import Any

from pytest_httpserver import HTTPServer

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

OWN = OWN_FIXTURES / "reddit"
ENV = {"REDDIT_CLIENT_ID": "suite-reddit-client-id", "REDDIT_CLIENT_SECRET": "suite-reddit-client-secret"}


def cassette_body(name: str, uri_part: str) -> bytes:
    """The response body of the first interaction in a Betamax cassette whose URI contains ``uri_part``."""
    cassette = json.loads(shared_path("fixtures", "real", "reddit", name).read_text(encoding="utf-8"))
    for interaction in cassette["interactions"]:
        if uri_part in interaction["request"]["uri"]:
            return str(interaction["response"]["body"]["string"]).encode("utf-8")
    raise LookupError(f"no {uri_part} in {name}")


def routes(server: HTTPServer) -> None:
    server.expect_request("/api/v1/access_token", method="POST").respond_with_data(
        (OWN / "token.json").read_bytes(), content_type="application/json"
    )
    server.expect_request("/api/user_data_by_account_ids").respond_with_data(
        (OWN / "user_data.json").read_bytes(), content_type="application/json"
    )


def _cursor_key(cursor: dict[str, Any]) -> tuple[int, int]:
    return (int(cursor["created"]), len(cursor["ids"]))


CASE = SuiteCase(
    type="reddit",
    config={"query": "Northwind Air", "page_size": 4},
    listing_path="/search",
    page=lambda: (OWN / "search_new.json").read_bytes(),
    real=lambda: cassette_body("praw-cassette-TestSubreddit.test_search.json", "/search/"),
    routes=routes,
    env=ENV,
    cursor_key=_cursor_key,
    bad_config=[
        ({"query": None, "subreddits": []}, "give a query, subreddits, or both"),
        ({"subreddits": ["r/ok", "not a name"]}, "subreddit names are letters"),
        ({"page_size": 101}, "page_size"),
    ],
)
