"""The Hacker News connector against a real loopback HTTP server serving Algolia-shaped payloads."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from connectors.base import FetchContext, Page, SourceError
from connectors.hackernews import HackerNewsConfig, HackerNewsConnector
from connectors.htmltext import html_to_text
from connectors.http import HTTPProblem, SourceHTTP, make_client
from tests.conftest import OWN_FIXTURES, shared_path

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
OWN = OWN_FIXTURES / "hackernews"
SEARCH = "/search_by_date"
# created_at_i of the own fixtures' hits, newest first (page 1: 41001, 41000, 40990; page 2: 40980, 40970)
T_41001, T_40990 = 1795170600, 1795168800
EARLIER = 1795160000  # a cursor from a previous poll, older than every own-fixture hit


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def connector(server: HTTPServer, **options: Any) -> HackerNewsConnector:
    options.setdefault("hits_per_page", 3)
    config = HackerNewsConfig(query="Northwind Air", base_url=server.url_for("/"), **options)
    return HackerNewsConnector(config)


class SleepRecorder:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def run(
    conn: HackerNewsConnector,
    cursor: dict[str, Any] | None = None,
    *,
    refresh: Sequence[str] | None = None,
) -> list[Page]:
    sleeps = SleepRecorder()

    async def go() -> list[Page]:
        async with make_client(5.0) as client:
            http = SourceHTTP(client, source=conn.name, max_attempts=2, sleep=sleeps)
            ctx = FetchContext(cursor=cursor, http=http, now=NOW)
            pages: AsyncIterator[Page] = conn.refresh(ctx, refresh) if refresh is not None else conn.fetch(ctx)
            return [page async for page in pages]

    pages = asyncio.run(go())
    assert sleeps.delays == [], "a connector test should never need a retry"
    return pages


def search_params(hits_per_page: int = 3, numeric: str | None = None) -> dict[str, str]:
    params = {"query": "Northwind Air", "tags": "(story,comment)", "hitsPerPage": str(hits_per_page)}
    if numeric is not None:
        params["numericFilters"] = numeric
    return params


# -- polling ------------------------------------------------------------------------------------


def test_first_poll_reads_one_page_and_maps_every_field(httpserver: HTTPServer) -> None:
    httpserver.expect_request(SEARCH, query_string=search_params()).respond_with_json(load(OWN / "search_page1.json"))

    pages = run(connector(httpserver))

    assert len(httpserver.log) == 1, "a first poll must not backfill older pages"
    assert len(pages) == 1
    assert pages[0].cursor == {"last_created_at_i": T_41001, "ids_at_last": ["41001"]}
    comment, ask, story = pages[0].observations
    assert [o.id for o in pages[0].observations] == ["41001", "41000", "40990"]

    assert comment.source == "hackernews"
    assert comment.observed_at == NOW
    assert comment.created_at == datetime(2026, 11, 20, 10, 30, tzinfo=UTC)
    assert comment.url == "https://news.ycombinator.com/item?id=41001"
    assert comment.author.id == "skyfarer"
    assert comment.author.handle == "skyfarer"
    assert comment.author.followers is None
    assert comment.text == (
        "Northwind Air lost my bag & then closed the ticket.\n\n"
        'Third time this year. Support said "we\'re looking into it": https://northwind.example/claims\n\n'
        "Never again."
    )
    assert comment.engagement.likes is None
    assert comment.engagement.replies is None
    assert comment.in_reply_to == "41000"
    assert comment.lang == "en"

    assert ask.url == "https://news.ycombinator.com/item?id=41000"
    assert ask.text == (
        "Ask HN: Has anyone actually got a refund from Northwind Air?\n\n"
        "I cancelled my Lisbon flight in March.\n\n"
        "Still waiting for the money \u2014 six calls so far."
    )
    assert (ask.engagement.likes, ask.engagement.replies) == (42, 17)
    assert ask.in_reply_to is None
    assert ask.author.handle == "gatelice"

    assert story.url == "https://northwind.example/blog/seat-map"
    assert story.text == "Northwind Air's new seat map shows seats that don't exist"
    assert (story.engagement.likes, story.engagement.replies) == (130, 0), "zero comments stays zero"
    assert story.created_at == datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_next_poll_filters_on_cursor_and_pages_back_with_cursor_only_on_last_page(
    httpserver: HTTPServer,
) -> None:
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(numeric=f"created_at_i>={EARLIER}")
    ).respond_with_json(load(OWN / "search_page1.json"))
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(numeric=f"created_at_i>={EARLIER},created_at_i<={T_40990}")
    ).respond_with_json(load(OWN / "search_page2.json"))

    pages = run(connector(httpserver, name="hn-northwind"), {"last_created_at_i": EARLIER})

    httpserver.check_assertions()
    assert {o.source for p in pages for o in p.observations} == {"hackernews"}, "the platform, not the name"
    assert len(httpserver.log) == 2, "page 2 is short, so there is no page 3"
    assert [p.cursor for p in pages] == [None, {"last_created_at_i": T_41001, "ids_at_last": ["41001"]}]
    assert [o.id for p in pages for o in p.observations] == ["41001", "41000", "40990", "40980", "40970"]
    older_comment = pages[1].observations[0]
    assert older_comment.text == "To be fair, Northwind Air's crew were great on my last trip."
    assert older_comment.in_reply_to == "40975"


def test_max_pages_bounds_a_poll_warns_and_the_next_poll_resumes_without_skipping(
    httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(numeric=f"created_at_i>={EARLIER}")
    ).respond_with_json(load(OWN / "search_page1.json"))

    with caplog.at_level(logging.WARNING):
        pages = run(connector(httpserver, max_pages=1), {"last_created_at_i": EARLIER})

    assert len(httpserver.log) == 1
    capped = pages[-1].cursor
    assert capped == {
        "last_created_at_i": EARLIER,
        "ids_at_last": [],
        "resume": {"below": T_40990, "below_ids": ["40990"], "top": T_41001, "top_ids": ["41001"]},
    }, "the floor stays put until the hits below where reading stopped are read"
    assert "max_pages" in caplog.text

    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(numeric=f"created_at_i>={EARLIER},created_at_i<={T_40990}")
    ).respond_with_json(load(OWN / "search_page2.json"))
    resumed = run(connector(httpserver, max_pages=1), capped)

    httpserver.check_assertions()
    assert [o.id for p in resumed for o in p.observations] == ["40980", "40970"]
    assert resumed[-1].cursor == {"last_created_at_i": T_41001, "ids_at_last": ["41001"]}


def test_hits_sharing_the_boundary_second_are_neither_lost_nor_doubled(httpserver: HTTPServer) -> None:
    """Algolia counts in whole seconds: three hits in second T straddle both a page and a poll boundary."""
    template = load(OWN / "search_page1.json")["hits"][1]
    t = T_41001

    def hit(object_id: str, at: int) -> dict[str, Any]:
        return dict(template, objectID=object_id, created_at_i=at, created_at=None)

    # page 1 (2 per page) ends in second t; page 2 asks created_at_i<=t and gets the sibling at t too
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(2, f"created_at_i>={EARLIER}")
    ).respond_with_json({"hits": [hit("c", t + 5), hit("a", t)]})
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(2, f"created_at_i>={EARLIER},created_at_i<={t}")
    ).respond_with_json({"hits": [hit("a", t), hit("b", t)]})
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(2, f"created_at_i>={EARLIER},created_at_i<={t}")
    ).respond_with_json({"hits": [hit("a", t), hit("b", t)]})
    first = run(connector(httpserver, hits_per_page=2), {"last_created_at_i": EARLIER})
    assert [o.id for p in first for o in p.observations] == ["c", "a", "b"]
    cursor = first[-1].cursor
    assert cursor == {"last_created_at_i": t + 5, "ids_at_last": ["c"]}

    # a later poll: "d" arrived in the cursor's own second; "c" (already stored) comes back with it
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(2, f"created_at_i>={t + 5}")
    ).respond_with_json({"hits": [hit("d", t + 5), hit("c", t + 5)]})
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(2, f"created_at_i>={t + 5},created_at_i<={t + 5}")
    ).respond_with_json({"hits": [hit("d", t + 5), hit("c", t + 5)]})
    second = run(connector(httpserver, hits_per_page=2), cursor)
    httpserver.check_assertions()
    assert [o.id for p in second for o in p.observations] == ["d"]
    assert second[-1].cursor == {"last_created_at_i": t + 5, "ids_at_last": ["c", "d"]}


def test_poll_with_nothing_new_keeps_the_cursor(httpserver: HTTPServer) -> None:
    httpserver.expect_request(SEARCH).respond_with_json({"hits": [], "nbHits": 0, "page": 0, "nbPages": 0})

    pages = run(connector(httpserver), {"last_created_at_i": T_41001})

    assert len(pages) == 1
    assert pages[0].observations == []
    assert pages[0].cursor == {"last_created_at_i": T_41001, "ids_at_last": []}
    assert httpserver.log[0][0].args["numericFilters"] == f"created_at_i>={T_41001}"


def test_first_poll_with_no_hits_sets_no_cursor(httpserver: HTTPServer) -> None:
    httpserver.expect_request(SEARCH).respond_with_json({"hits": []})

    pages = run(connector(httpserver))

    assert [(p.observations, p.cursor) for p in pages] == [([], None)]
    assert "numericFilters" not in httpserver.log[0][0].args


def test_unreadable_cursor_is_treated_as_a_first_poll(httpserver: HTTPServer, caplog: pytest.LogCaptureFixture) -> None:
    httpserver.expect_request(SEARCH, query_string=search_params()).respond_with_json(load(OWN / "search_page1.json"))

    with caplog.at_level(logging.WARNING):
        pages = run(connector(httpserver), {"last_created_at_i": "yesterday"})

    assert pages[0].cursor == {"last_created_at_i": T_41001, "ids_at_last": ["41001"]}
    assert "unreadable cursor" in caplog.text


@pytest.mark.parametrize(
    ("payload", "problem"),
    [
        ({"hits": "oops"}, "'hits' is a str, expected a list"),
        ({"nbHits": 0}, "no 'hits' list"),
        ([{"objectID": "1"}], "is a JSON list, expected an object"),
        ({"hits": [{"title": "no id"}, 7]}, "none of the 2 search hits on the page could be read"),
    ],
)
def test_malformed_search_response_is_one_line_source_error(httpserver: HTTPServer, payload: Any, problem: str) -> None:
    httpserver.expect_request(SEARCH).respond_with_json(payload)

    with pytest.raises(SourceError) as caught:
        run(connector(httpserver, name="hn-northwind"))

    message = str(caught.value)
    assert message.startswith("hackernews hn-northwind: ")
    assert problem in message
    assert "\n" not in message


def test_non_json_search_response_is_an_http_problem(httpserver: HTTPServer) -> None:
    httpserver.expect_request(SEARCH).respond_with_data("<html>maintenance</html>", content_type="text/html")

    with pytest.raises(HTTPProblem, match=r"^hackernews: HTML page instead of JSON from http://") as caught:
        run(connector(httpserver))
    assert "\n" not in str(caught.value)


def test_bad_hit_is_skipped_with_a_warning_and_the_rest_kept(
    httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    good = load(OWN / "search_page1.json")["hits"][1]
    bad_points = dict(good, objectID="41002", points="lots")
    no_time = {k: v for k, v in good.items() if k not in ("created_at", "created_at_i")} | {"objectID": "41003"}
    no_id = {k: v for k, v in good.items() if k != "objectID"}
    httpserver.expect_request(SEARCH).respond_with_json({"hits": [bad_points, good, no_time, no_id, "x"]})

    with caplog.at_level(logging.WARNING):
        pages = run(connector(httpserver, hits_per_page=100))

    assert [o.id for o in pages[0].observations] == ["41000"]
    assert "skipped: 41002: points" in caplog.text
    assert "skipped: 41003: no created_at_i" in caplog.text
    assert "objectID: field required" in caplog.text
    assert "not an object" in caplog.text


# -- refresh ------------------------------------------------------------------------------------


def test_refresh_reads_points_and_counts_the_reply_tree(
    httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    story = load(OWN / "item.json")
    comment = story["children"][0]
    httpserver.expect_request("/items/41000").respond_with_json(story)
    httpserver.expect_request("/items/41001").respond_with_json(comment)
    httpserver.expect_request("/items/404404").respond_with_json({"status": 404, "error": "Not Found"}, status=404)

    with caplog.at_level(logging.WARNING):
        pages = run(connector(httpserver), refresh=["41000", "404404", "41001", "t3_abc"])

    assert len(pages) == 1
    assert pages[0].cursor is None, "refresh never moves the polling cursor"
    first, second = pages[0].observations
    assert first.id == "41000"
    assert first.observed_at == NOW
    assert (first.engagement.likes, first.engagement.replies) == (57, 4)
    assert first.text.startswith("Ask HN: Has anyone actually got a refund from Northwind Air?\n\nI cancelled")
    assert first.url == "https://news.ycombinator.com/item?id=41000"
    assert first.in_reply_to is None
    assert first.created_at == datetime(2026, 11, 20, 10, 10, tzinfo=UTC)
    assert second.id == "41001"
    assert (second.engagement.likes, second.engagement.replies) == (None, 2)
    assert second.in_reply_to == "41000"
    assert second.author.handle == "skyfarer"
    assert "404404" in caplog.text
    assert "HTTP 404" in caplog.text
    assert "t3_abc" in caplog.text
    assert len(httpserver.log) == 3, "an id that is not an HN id is never requested"


def test_refresh_pages_follow_refresh_page_size(httpserver: HTTPServer) -> None:
    story = load(OWN / "item.json")
    httpserver.expect_request("/items/41000").respond_with_json(story)
    httpserver.expect_request("/items/41001").respond_with_json(story["children"][0])
    httpserver.expect_request("/items/41005").respond_with_json(story["children"][1])

    pages = run(connector(httpserver, refresh_page_size=2), refresh=["41000", "41001", "41005"])

    assert [[o.id for o in p.observations] for p in pages] == [["41000", "41001"], ["41005"]]
    assert pages[1].observations[0].engagement.replies == 0


def test_refresh_server_error_is_an_http_problem(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/items/41000").respond_with_data("nope", status=403)

    with pytest.raises(HTTPProblem, match=r"HTTP 403 FORBIDDEN from http://"):
        run(connector(httpserver), refresh=["41000"])


def test_refresh_malformed_item_is_skipped_but_non_object_is_an_error(
    httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request("/items/1").respond_with_json({"id": "one", "children": "none"})
    httpserver.expect_request("/items/2").respond_with_json(["not", "an", "item"])

    with caplog.at_level(logging.WARNING):
        assert run(connector(httpserver), refresh=["1"]) == []
    assert "item 1 skipped" in caplog.text

    with pytest.raises(SourceError, match=r"^hackernews: item 2 is a JSON list, expected an object$"):
        run(connector(httpserver), refresh=["2"])


# -- the real Algolia payloads (../shared) ------------------------------------------------------


def test_real_search_pages_back_like_the_recorded_client(httpserver: HTTPServer) -> None:
    page1 = load(shared_path("fixtures", "real", "hackernews", "algolia-search_by_date-page1.json"))
    page2 = load(shared_path("fixtures", "real", "hackernews", "algolia-search_by_date-page2.json"))
    last = 1542316000
    httpserver.expect_ordered_request(SEARCH, query_string=search_params(2, f"created_at_i>={last}")).respond_with_json(
        page1
    )
    # The lower bound plus the upper bound the recorded page 2 was fetched with (see PROVENANCE.md).
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(2, f"created_at_i>={last},created_at_i<=1542316220")
    ).respond_with_json(page2)
    httpserver.expect_ordered_request(
        SEARCH, query_string=search_params(2, f"created_at_i>={last},created_at_i<=1542316215")
    ).respond_with_json({"hits": []})

    pages = run(connector(httpserver, hits_per_page=2), {"last_created_at_i": last})

    httpserver.check_assertions()
    assert [p.cursor for p in pages] == [None, None, {"last_created_at_i": 1542316234, "ids_at_last": ["18463371"]}]
    observations = [o for p in pages for o in p.observations]
    assert [o.id for o in observations] == ["18463371", "18463370", "18463369", "18463367"]
    first = observations[0]
    assert first.url == "https://news.ycombinator.com/item?id=18463371"
    assert first.created_at == datetime(2018, 11, 15, 21, 10, 34, tzinfo=UTC)
    assert first.author.handle == "komali2"
    assert first.in_reply_to == "18453018"
    assert first.engagement.likes is None
    assert first.engagement.replies is None
    assert "one quick left/right check when my signal comes on.\n\nI don't have to analyze" in first.text
    assert all("&#x" not in o.text and "<p>" not in o.text for o in observations)


def test_real_item_refresh(httpserver: HTTPServer) -> None:
    item = load(shared_path("fixtures", "real", "hackernews", "algolia-item.json"))
    httpserver.expect_request("/items/18562744").respond_with_json(item)

    def tree_size(node: dict[str, Any]) -> int:
        return sum(1 + tree_size(child) for child in node["children"])

    (page,) = run(connector(httpserver), refresh=["18562744"])

    (observation,) = page.observations
    assert observation.engagement.likes == 11
    assert observation.engagement.replies == tree_size(item) == 5
    assert observation.url == "https://news.ycombinator.com/item?id=18562744"
    assert observation.text.startswith("Show HN: RMOTR Notebooks \u2013 Free Online Data Science Environment\n\n")
    assert "https://notebooks.rmotr.com/" in observation.text
    assert "<" not in observation.text
    assert "&quot;" not in observation.text
    assert '"publishing view"' in observation.text


# -- HTML to text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("a<p>b", "a\n\nb"),
        ("<p>one</p><p>two</p>", "one\n\ntwo"),
        ("line<br>break", "line\nbreak"),
        ("x &amp; y &lt;z&gt; &#x2F; &nbsp;end", "x & y <z> / end"),
        ("keep <i>it</i><script>drop()</script>", "keep it"),
        ("<pre><code>a\n  b</code></pre>", "a\nb"),  # line breaks in <pre> survive
        ("spread\nover\n lines", "spread\nover\nlines"),
        ("<p>wrapped\nsource text</p>", "wrapped source text"),
        (None, ""),
    ],
)
def test_html_to_text(fragment: str | None, text: str) -> None:
    assert html_to_text(fragment) == text
