"""Reddit specifics beyond the shared suite: OAuth login, listing parameters, refresh, karma, paging."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from connectors import reddit
from connectors.base import REACH_CACHE, SourceFatal
from tests.conftest import OWN_FIXTURES
from tests.connectors.cases.reddit import CASE, ENV, cassette_body, routes
from tests.connectors.suite import run_fetch

OWN = OWN_FIXTURES / "reddit"
T_NEWEST = 1795170600


@pytest.fixture(autouse=True)
def _fresh_tokens() -> None:
    reddit._TOKENS.clear()
    REACH_CACHE.clear()


def listing(*names: str, after: str | None = None) -> dict[str, Any]:
    page = json.loads((OWN / "search_new.json").read_text())
    page["data"]["children"] = [c for c in page["data"]["children"] if c["data"]["name"] in names]
    page["data"]["after"] = after
    return page


def test_logs_in_with_client_credentials_and_searches_newest_first(httpserver: HTTPServer) -> None:
    routes(httpserver)
    httpserver.expect_request("/r/travel+flights/search").respond_with_data((OWN / "search_new.json").read_bytes())
    run = run_fetch(CASE.connector(httpserver, subreddits=["travel", "flights"]), env=ENV)

    assert run.error is None
    token_call = next(r for r, _ in httpserver.log if r.path == "/api/v1/access_token")
    expected = base64.b64encode(f"{ENV['REDDIT_CLIENT_ID']}:{ENV['REDDIT_CLIENT_SECRET']}".encode()).decode()
    assert token_call.headers["Authorization"] == f"Basic {expected}"
    assert token_call.form["grant_type"] == "client_credentials"
    search = next(r for r, _ in httpserver.log if r.path == "/r/travel+flights/search")
    assert search.headers["Authorization"] == "bearer fixture-access-token-0001"
    assert search.args["sort"] == "new" and search.args["restrict_sr"] == "on" and search.args["q"] == "Northwind Air"
    assert search.headers["User-Agent"].startswith("repmon/")


def test_maps_fields_skips_removed_posts_and_adds_karma(httpserver: HTTPServer) -> None:
    CASE.serve(httpserver)
    run = run_fetch(CASE.connector(httpserver), env=ENV)

    ids = [o.id for o in run.observations]
    assert ids == ["t3_1q0f", "t3_1q0e", "t3_1q0c"], "the removed t3_1q0d has no words left to score"
    first = run.observations[0]
    assert first.text.startswith("Northwind Air lost my bag and closed the ticket\n\nThird time")
    assert first.url == "https://www.reddit.com/r/travel/comments/1q0f/slug/"
    assert first.author.handle == "skyfarer" and first.author.followers == 6500
    assert (first.engagement.likes, first.engagement.replies) == (57, 23)
    assert first.extra["subreddit"] == "travel"
    assert run.cursor == {"created": T_NEWEST, "ids": ["t3_1q0e", "t3_1q0f"]}


def test_refused_app_credentials_are_fatal_and_name_the_variables(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_json({"error": "invalid_grant"}, 401)
    run = run_fetch(CASE.connector(httpserver), env=ENV)
    assert isinstance(run.error, SourceFatal)
    assert "$REDDIT_CLIENT_ID" in str(run.error)
    assert ENV["REDDIT_CLIENT_SECRET"] not in str(run.error)


def test_refresh_batches_info_and_marks_deleted_posts(httpserver: HTTPServer) -> None:
    routes(httpserver)
    httpserver.expect_request("/api/info").respond_with_data((OWN / "info.json").read_bytes())
    run = run_fetch(CASE.connector(httpserver), env=ENV, refresh=["t3_1q0f", "t3_1q0e", "not-reddit"])

    assert run.error is None
    info = next(r for r, _ in httpserver.log if r.path == "/api/info")
    assert info.args["id"] == "t3_1q0f,t3_1q0e"
    fresh, gone = run.observations
    assert (fresh.engagement.likes, fresh.engagement.replies) == (311, 140)
    assert gone.extra.get("deleted") is True and "deleted" not in fresh.extra


def test_failed_karma_lookup_never_fails_the_poll(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v1/access_token", method="POST").respond_with_data(
        (OWN / "token.json").read_bytes(), content_type="application/json"
    )
    httpserver.expect_request("/api/user_data_by_account_ids").respond_with_data("down", 503)
    httpserver.expect_request("/search").respond_with_data((OWN / "search_new.json").read_bytes())
    run = run_fetch(CASE.connector(httpserver, lookup_authors=True), env=ENV)
    assert run.error is None
    assert len(run.observations) == 3
    assert all(o.author.followers is None for o in run.observations)


def test_capped_poll_resumes_where_it_stopped_and_posts_sharing_a_second_survive(httpserver: HTTPServer) -> None:
    floor = {"created": T_NEWEST - 5000, "ids": []}
    httpserver.expect_oneshot_request("/search").respond_with_json(listing("t3_1q0f", after="t3_1q0f"))
    routes(httpserver)
    capped = run_fetch(CASE.connector(httpserver, max_pages=1), floor, env=ENV)
    assert [o.id for o in capped.observations] == ["t3_1q0f"]
    assert capped.cursor == {**floor, "resume": {"after": "t3_1q0f", "top": {"created": T_NEWEST, "ids": ["t3_1q0f"]}}}

    # the next poll goes on after t3_1q0f: its sibling in the same second, then older posts
    httpserver.expect_oneshot_request(
        "/search",
        query_string={
            "limit": "4",
            "raw_json": "1",
            "q": "Northwind Air",
            "sort": "new",
            "type": "link",
            "after": "t3_1q0f",
        },
    ).respond_with_json(listing("t3_1q0e", "t3_1q0c"))
    resumed = run_fetch(CASE.connector(httpserver, max_pages=1), capped.cursor, env=ENV)
    httpserver.check_assertions()
    assert [o.id for o in resumed.observations] == ["t3_1q0e", "t3_1q0c"]
    assert resumed.cursor == {"created": T_NEWEST, "ids": ["t3_1q0e", "t3_1q0f"]}


def test_real_info_cassette_refreshes(httpserver: HTTPServer) -> None:
    routes(httpserver)
    body = cassette_body("praw-cassette-TestModNotes.test_create_note__thing_fullname.json", "/api/info/")
    httpserver.expect_request("/api/info").respond_with_data(body, content_type="application/json")
    run = run_fetch(CASE.connector(httpserver), env=ENV, refresh=["t3_uflrmv"])
    assert run.error is None
    (post,) = run.observations
    assert post.id == "t3_uflrmv" and post.engagement.likes is not None
