"""Bluesky in the shared suite: searchPosts behind a login, profiles for reach."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.suite import SuiteCase

OWN = OWN_FIXTURES / "bluesky"


def _routes(server: HTTPServer) -> None:
    server.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_data(
        (OWN / "session.json").read_bytes(), content_type="application/json"
    )
    server.expect_request("/xrpc/app.bsky.actor.getProfiles").respond_with_data(
        (OWN / "profiles.json").read_bytes(), content_type="application/json"
    )


CASE = SuiteCase(
    type="bluesky",
    config={"query": "Northwind Air", "page_size": 3},
    listing_path="/xrpc/app.bsky.feed.searchPosts",
    page=lambda: (OWN / "search_page1.json").read_bytes(),
    real=lambda: shared_path("fixtures", "real", "bluesky", "bskyr-app.bsky.feed.searchPosts-5d343d.json").read_bytes(),
    routes=_routes,
    url_paths={"base_url": "/xrpc", "auth_url": "/xrpc", "appview_url": "/xrpc"},
    env={"BLUESKY_IDENTIFIER": "monitor.example.com", "BLUESKY_APP_PASSWORD": "suite-app-pass-7731"},
    cursor_key=lambda cursor: str(cursor.get("since", "")),
    bad_config=[({"page_size": 500}, "page_size"), ({"query": ""}, "query")],
)
