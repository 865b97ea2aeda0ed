"""Mastodon specifics beyond the shared suite: forward paging, search with a token, refresh from origin."""

from __future__ import annotations

import json
from typing import Any

from pytest_httpserver import HTTPServer

from tests.conftest import OWN_FIXTURES
from tests.connectors.cases.mastodon import CASE
from tests.connectors.suite import run_fetch

OWN = OWN_FIXTURES / "mastodon"
TAG = "/api/v1/timelines/tag/northwindair"
TOKEN = {"MASTODON_TOKEN": "suite-mastodon-token"}


def statuses() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((OWN / "tag_timeline.json").read_text())
    return data


def test_first_poll_maps_fields_and_sets_the_cursor(httpserver: HTTPServer) -> None:
    httpserver.expect_request(TAG, query_string={"limit": "3"}).respond_with_json(statuses())
    run = run_fetch(CASE.connector(httpserver))

    first, second, third = run.observations
    assert first.id == "https://fosstodon.org/users/skyfarer/statuses/1135200000000003009"
    assert first.text == "Three hours on hold with #NorthwindAir & still no refund.\n\nNever again."
    assert first.author.handle == "skyfarer@fosstodon.org" and first.author.followers == 2300
    assert (first.engagement.likes, first.engagement.reposts, first.engagement.replies) == (14, 6, 3)
    assert second.text.startswith("travel rant\n\nLost luggage"), "the content warning is part of what was said"
    assert third.in_reply_to == "113520000000000050" and "it's worth" in third.text
    assert run.cursor == {"northwindair": "113520000000000300"}


def test_later_polls_page_forwards_with_min_id_storing_each_page(httpserver: HTTPServer) -> None:
    older, newer = statuses()[1:], statuses()[:1]
    httpserver.expect_ordered_request(
        TAG, query_string={"limit": "2", "min_id": "113520000000000050"}
    ).respond_with_json(older)
    httpserver.expect_ordered_request(
        TAG, query_string={"limit": "2", "min_id": "113520000000000200"}
    ).respond_with_json(newer)
    run = run_fetch(CASE.connector(httpserver, page_size=2), {"northwindair": "113520000000000050"})

    httpserver.check_assertions()
    assert [p.cursor for p in run.pages] == [
        {"northwindair": "113520000000000200"},
        {"northwindair": "113520000000000300"},
    ], "forward paging: every page's cursor is safe to store"


def test_search_needs_the_token_and_sends_it(httpserver: HTTPServer) -> None:
    connector = CASE.connector(httpserver, hashtags=[], query="Northwind Air")
    assert connector.config.missing_credentials({}) == [
        "$MASTODON_TOKEN is not set (token_env: an access token with read:search, needed only for query)"
    ]
    httpserver.expect_request("/api/v2/search").respond_with_json(
        {"accounts": [], "statuses": statuses(), "hashtags": []}
    )
    run = run_fetch(connector, env=TOKEN)

    assert run.error is None and len(run.observations) == 3
    request = httpserver.log[0][0]
    assert request.headers["Authorization"] == "Bearer suite-mastodon-token"
    assert request.args["type"] == "statuses" and request.args["q"] == "Northwind Air"
    assert run.cursor == {"search": "113520000000000300"}


def test_refresh_batches_per_server_falls_back_one_by_one_and_marks_deleted(httpserver: HTTPServer) -> None:
    own = httpserver.url_for("/").rstrip("/")  # http://localhost:PORT
    origin = own.replace("localhost", "127.0.0.1")  # another host name for the same loopback server
    fresh = dict(json.loads((OWN / "status.json").read_text()), id="11")
    ids = [
        f"{own}/users/a/statuses/11",
        f"{own}/users/a/statuses/12",
        f"{origin}/users/b/statuses/22",
        "tag:old.example,2017:objectId=1",
    ]

    batch = httpserver.expect_request("/api/v1/statuses", query_string="id%5B%5D=11&id%5B%5D=12")
    batch.respond_with_json([fresh])  # this server has the batch call; 12 is missing: deleted
    httpserver.expect_request("/api/v1/statuses", query_string="id%5B%5D=22").respond_with_json({"error": "x"}, 404)
    httpserver.expect_request("/api/v1/statuses/22").respond_with_json({"error": "Record not found"}, 404)

    run = run_fetch(CASE.connector(httpserver), env=TOKEN, refresh=ids)

    assert run.error is None, str(run.error)
    counted, gone_here, gone_there = run.observations
    assert counted.id == ids[0] and counted.engagement.likes == 240
    assert gone_here.id == ids[1] and gone_here.extra["deleted"] is True
    assert gone_there.id == ids[2] and gone_there.extra["deleted"] is True
    requests = [(r.host, r.path) for r, _ in httpserver.log]
    assert requests == [
        (own.split("//")[1], "/api/v1/statuses"),
        (origin.split("//")[1], "/api/v1/statuses"),
        (origin.split("//")[1], "/api/v1/statuses/22"),
    ]
    assert httpserver.log[0][0].headers["Authorization"] == "Bearer suite-mastodon-token"
    assert "Authorization" not in httpserver.log[1][0].headers, "a token is for its own instance only"

    httpserver.clear_log()
    run_fetch(CASE.connector(httpserver, origin_refresh=False), env=TOKEN, refresh=ids)
    assert len(httpserver.log) == 1, "origin_refresh off: remote posts are left alone"
