"""Discourse specifics beyond the shared suite: search fields, latest posts with categories, refresh."""

from __future__ import annotations

import json
from typing import Any

from pytest_httpserver import HTTPServer

from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.cases.discourse import CASE
from tests.connectors.suite import run_fetch

OWN = OWN_FIXTURES / "discourse"
KEY = {"DISCOURSE_API_KEY": "suite-discourse-key"}


def load(name: str) -> Any:
    return json.loads((OWN / name).read_text())


def test_search_maps_posts_with_their_topic_and_sends_the_key(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        "/search.json", query_string={"q": "Northwind Air order:latest", "page": "1"}
    ).respond_with_json(load("search.json"))
    run = run_fetch(CASE.connector(httpserver, api_username="repmon"), env=KEY)

    root = httpserver.url_for("/").rstrip("/")
    reply, question, praise = run.observations
    assert reply.id == f"{root}/p/9812"
    assert reply.url == f"{root}/t/app-logs-out-during-check-in/512/4"
    expected = "The Northwind Air app logged me out mid check-in & now my seat is gone."
    assert reply.text == f"{expected}\n\nSupport ticket #5521 untouched for 3 days.", (
        "no title on a reply; HTML decoded once"
    )
    assert question.text.startswith("ERR_BOOKING_409 when changing a flight\n\nIs anyone else"), (
        "a first post starts with its title"
    )
    assert (reply.engagement.likes, praise.extra["category_id"]) == (9, 9)
    request = httpserver.log[0][0]
    assert request.headers["Api-Key"] == "suite-discourse-key" and request.headers["Api-Username"] == "repmon"


def test_latest_posts_keep_only_listed_categories_and_page_back_with_before(httpserver: HTTPServer) -> None:
    latest = json.loads(shared_path("fixtures", "real", "discourse", "posts_latest.json").read_text())
    httpserver.expect_request("/posts.json").respond_with_json(latest)
    floor = {"moment": "2019-01-01T00:00:00Z", "ids": []}
    run = run_fetch(
        CASE.connector(httpserver, query=None, latest_posts=True, categories=[1], max_pages=1),
        {"feeds": {"latest": floor}},
    )

    assert run.error is None
    assert run.observations and all(o.extra["category_id"] == 1 for o in run.observations)
    assert "holla bullhonky." in [o.text for o in run.observations]
    oldest = min(p["id"] for p in latest["latest_posts"])
    assert run.cursor["feeds"]["latest"]["resume"] == str(oldest - 1), "capped: the next poll goes on before it"


def test_refresh_reads_likes_from_actions_and_marks_deleted(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/posts/9812.json").respond_with_json(load("post.json"))
    httpserver.expect_request("/posts/9807.json").respond_with_json({"errors": ["not found"]}, 404)
    root = httpserver.url_for("/").rstrip("/")
    run = run_fetch(CASE.connector(httpserver), refresh=[f"{root}/p/9812", f"{root}/p/9807", "https://x.example/p/1"])

    fresh, gone = run.observations
    assert (fresh.engagement.likes, fresh.engagement.replies, fresh.engagement.views) == (44, 7, 180)
    assert gone.extra["deleted"] is True
    assert len(httpserver.log) == 2
