"""Lemmy specifics beyond the shared suite: posts and comments searched, communities, walking down, refresh."""

from __future__ import annotations

import json
from typing import Any

from pytest_httpserver import HTTPServer

from tests.conftest import OWN_FIXTURES
from tests.connectors.cases.lemmy import CASE
from tests.connectors.suite import run_fetch

OWN = OWN_FIXTURES / "lemmy"


def load(name: str) -> Any:
    return json.loads((OWN / name).read_text())


def test_search_reads_posts_and_comments_and_skips_deleted(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        "/api/v3/search",
        query_string={
            "q": "Northwind Air",
            "sort": "New",
            "listing_type": "All",
            "type_": "Posts",
            "page": "1",
            "limit": "4",
        },
    ).respond_with_json(load("search_posts.json"))
    httpserver.expect_request(
        "/api/v3/search",
        query_string={
            "q": "Northwind Air",
            "sort": "New",
            "listing_type": "All",
            "type_": "Comments",
            "page": "1",
            "limit": "4",
        },
    ).respond_with_json(load("search_comments.json"))
    run = run_fetch(CASE.connector(httpserver, comments=True))

    root = httpserver.url_for("/").rstrip("/")
    assert [o.id for o in run.observations] == [
        f"{root}/post/4410",
        f"{root}/post/4409",
        f"{root}/post/4401",
        f"{root}/comment/88120",
    ], "the deleted post 4405 has no words to score"
    post, comment = run.observations[0], run.observations[-1]
    assert post.text.startswith("Northwind Air cancelled my flight and kept the money\n\nSix weeks")
    assert (post.engagement.likes, post.engagement.replies) == (44, 12)
    assert post.author.handle == "skyfarer" and post.extra["community"] == "travel"
    assert comment.in_reply_to == "post/4410" and comment.engagement.replies == 1
    assert set(run.cursor["feeds"]) == {"posts", "comments"}
    assert run.cursor["feeds"]["posts"] == {"moment": "2026-11-20T10:30:00.125000Z", "ids": [f"{root}/post/4410"]}


def test_community_walks_down_pages_to_the_stored_mark(httpserver: HTTPServer) -> None:
    page = load("search_posts.json")["posts"]
    httpserver.expect_ordered_request("/api/v3/post/list").respond_with_json({"posts": page[:2], "next_page": "x"})
    httpserver.expect_ordered_request("/api/v3/post/list").respond_with_json({"posts": page[2:], "next_page": None})
    root = httpserver.url_for("/").rstrip("/")
    mark = {"moment": "2026-11-20T09:40:00Z", "ids": [f"{root}/post/4401"]}
    run = run_fetch(
        CASE.connector(httpserver, query=None, communities=["travel"], page_size=2),
        {"feeds": {"community:travel": mark}},
    )

    httpserver.check_assertions()
    assert [r.args["page"] for r, _ in httpserver.log] == ["1", "2"]
    assert httpserver.log[0][0].args["community_name"] == "travel"
    assert [o.id for o in run.observations] == [f"{root}/post/4410", f"{root}/post/4409"]
    assert [p.cursor is None for p in run.pages] == [True, False], "the mark rises only once the walk reaches it"


def test_refresh_reads_each_post_and_marks_missing_ones_deleted(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api/v3/post", query_string={"id": "4410"}).respond_with_json(load("post.json"))
    httpserver.expect_request("/api/v3/post", query_string={"id": "4409"}).respond_with_json(
        {"error": "couldnt_find_post"}, 404
    )
    root = httpserver.url_for("/").rstrip("/")
    ids = [f"{root}/post/4410", f"{root}/post/4409", "https://other.example/post/1"]
    run = run_fetch(CASE.connector(httpserver), refresh=ids)

    assert run.error is None
    fresh, gone = run.observations
    assert fresh.engagement.likes == 240 and fresh.engagement.replies == 61
    assert gone.id == ids[1] and gone.extra["deleted"] is True
    assert len(httpserver.log) == 2, "another instance's post is not this source's to refresh"
