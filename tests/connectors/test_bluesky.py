"""Bluesky against a loopback XRPC server: real captured payloads and our own in the same shape."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from connectors.base import DELETED, SourceFatal
from connectors.bluesky import BlueskyConfig, BlueskyConnector, _Session
from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.harness import NOW, collect, last_cursor, load, observations

OWN = OWN_FIXTURES / "bluesky"
SEARCH = "/xrpc/app.bsky.feed.searchPosts"
LOGIN = "/xrpc/com.atproto.server.createSession"
PROFILES = "/xrpc/app.bsky.actor.getProfiles"
GET_POSTS = "/xrpc/app.bsky.feed.getPosts"
PASSWORD = "abcd-efgh-ijkl-mnop"
P1 = "at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3lnw0001"
P2 = "at://did:plc:bbbbbbbbbbbbbbbbbbbbbbbb/app.bsky.feed.post/3lnw0002"
P3 = "at://did:plc:cccccccccccccccccccccccc/app.bsky.feed.post/3lnw0003"
P4 = "at://did:plc:aaaaaaaaaaaaaaaaaaaaaaaa/app.bsky.feed.post/3lnw0004"


@pytest.fixture(autouse=True)
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLUESKY_IDENTIFIER", "monitor.example.com")
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", PASSWORD)
    _Session.tokens.clear()


def connector(server: HTTPServer, **options: Any) -> BlueskyConnector:
    root = server.url_for("/xrpc")
    options.setdefault("page_size", 3)
    options.setdefault("query", "Northwind Air")
    config = BlueskyConfig(base_url=root, auth_url=root, appview_url=root, **options)
    return BlueskyConnector(config)


def serve_login(server: HTTPServer) -> None:
    def login(request: Request) -> Response:
        body = request.get_json()
        ok = body == {"identifier": "monitor.example.com", "password": PASSWORD}
        return Response(
            (OWN / "session.json").read_text() if ok else '{"error":"AuthenticationRequired"}',
            status=200 if ok else 401,
            content_type="application/json",
        )

    server.expect_request(LOGIN, method="POST").respond_with_handler(login)


def serve_search(server: HTTPServer, first: Any, second: Any | None = None) -> None:
    def search(request: Request) -> Response:
        assert request.headers.get("Authorization") == "Bearer eyJhbGciOiJIUzI1NiJ9.test-access-token"
        wants_second = request.args.get("cursor") == "3" or "until" in request.args  # as if it honoured until
        page = second if wants_second and second is not None else first
        return Response(__import__("json").dumps(page), content_type="application/json")

    server.expect_request(SEARCH).respond_with_handler(search)


def test_real_search_payload_yields_valid_observations(httpserver: HTTPServer) -> None:
    payload = load(shared_path("fixtures", "real", "bluesky", "bskyr-app.bsky.feed.searchPosts-5d343d.json"))
    serve_login(httpserver)
    serve_search(httpserver, payload)
    httpserver.expect_request(PROFILES).respond_with_json({"profiles": []})

    pages = collect(connector(httpserver, page_size=25, query="redistricting"))

    found = observations(pages)
    assert len(found) == len(payload["posts"]) == 23
    assert all(o.source == "bluesky" and o.id.startswith("at://did:") for o in found)
    assert all(o.url and o.url.startswith("https://bsky.app/profile/") for o in found)
    assert all(o.created_at is not None and o.engagement.likes is not None for o in found)
    first = found[0]
    assert first.text.startswith("I was upset last year when redistricting")
    assert first.author.handle == "planetcarnival.bsky.social"
    assert first.in_reply_to == "at://did:plc:4ypydtsxlmkfyoyoxb26o4wd/app.bsky.feed.post/3kghpqjiodr2t"
    assert first.lang == "en"
    newest = max(o.created_at for o in found if o.created_at)
    cursor = last_cursor(pages)
    assert cursor is not None
    assert datetime.fromisoformat(cursor["since"].replace("Z", "+00:00")) <= newest


def test_real_getposts_and_getquotes_payloads_map_counters(httpserver: HTTPServer) -> None:
    posts = load(shared_path("fixtures", "real", "bluesky", "bskyr-app.bsky.feed.getPosts-e6010f.json"))
    quotes = load(shared_path("fixtures", "real", "bluesky", "bskyr-app.bsky.feed.getQuotes-af4016.json"))
    uri = posts["posts"][0]["uri"]
    httpserver.expect_request(GET_POSTS, query_string={"uris": uri}).respond_with_json(posts)
    httpserver.expect_request(PROFILES).respond_with_json({"profiles": []})

    (page,) = collect(connector(httpserver), refresh=[uri])

    (post,) = page.observations
    assert post.id == uri
    assert post.engagement.likes == posts["posts"][0]["likeCount"]
    assert post.engagement.quotes is None, "the 2023 payload predates quoteCount: unknown, not zero"
    assert post.url == "https://bsky.app/profile/soubhikbarari.bsky.social/post/3k7qmjev5lr2s"

    from connectors.bluesky import _PostView, post_observation

    quote = post_observation(_PostView.model_validate(quotes["posts"][0]), NOW, {})
    assert quote is not None
    assert quote.in_reply_to == quotes["uri"], "a quote-post points at the post it quotes"
    assert quote.created_at == datetime(2024, 11, 30, 16, 20, 25, 23354, tzinfo=UTC)


def test_first_poll_pages_logs_in_once_and_maps_fields(httpserver: HTTPServer) -> None:
    serve_login(httpserver)
    serve_search(httpserver, load(OWN / "search_page1.json"), load(OWN / "search_page2.json"))
    httpserver.expect_request(PROFILES).respond_with_json(load(OWN / "profiles.json"))

    pages = collect(connector(httpserver))

    assert [page.cursor is None for page in pages] == [True, False], "the cursor moves with the last page only"
    assert [o.id for o in observations(pages)] == [P1, P2, P3, P4]
    assert last_cursor(pages) == {"since": "2026-11-20T10:30:00.125000Z", "uris": [P1]}
    lost_bag = observations(pages)[0]
    assert lost_bag.author.followers == 15200
    assert lost_bag.author.id == "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa"
    assert (lost_bag.engagement.likes, lost_bag.engagement.reposts) == (12, 5)
    assert (lost_bag.engagement.replies, lost_bag.engagement.quotes) == (3, 1)
    assert observations(pages)[2].in_reply_to == P2
    logins = [entry for entry, _ in httpserver.log if entry.path == LOGIN]
    assert len(logins) == 1
    profile_calls = [entry for entry, _ in httpserver.log if entry.path == PROFILES]
    assert len(profile_calls) == 1, "one batched lookup; authors already known are not asked again"


def test_second_poll_over_same_data_adds_nothing_and_sends_since(httpserver: HTTPServer) -> None:
    serve_login(httpserver)
    serve_search(httpserver, load(OWN / "search_page1.json"), load(OWN / "search_page2.json"))
    httpserver.expect_request(PROFILES).respond_with_json(load(OWN / "profiles.json"))
    cursor = {"since": "2026-11-20T10:30:00.125000Z", "uris": [P1]}

    pages = collect(connector(httpserver), cursor)

    assert observations(pages) == []
    assert last_cursor(pages) is None, "nothing new: the stored cursor stays as it was"
    search = [entry for entry, _ in httpserver.log if entry.path == SEARCH]
    assert search[0].args["since"] == "2026-11-20T10:30:00.125Z"
    assert search[0].args["sort"] == "latest"


def test_posts_sharing_the_boundary_second_are_neither_lost_nor_doubled(httpserver: HTTPServer) -> None:
    serve_login(httpserver)
    serve_search(httpserver, load(OWN / "search_page1.json"))
    httpserver.expect_request(PROFILES).respond_with_json(load(OWN / "profiles.json"))

    pages = collect(connector(httpserver), {"since": "2026-11-20T10:20:00Z", "uris": [P2]})

    assert [o.id for o in observations(pages)] == [P1, P3]


def test_refresh_batches_uris_and_recognises_deleted_posts(
    httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request(GET_POSTS).respond_with_json(load(OWN / "get_posts.json"))
    httpserver.expect_request(PROFILES).respond_with_json(load(OWN / "profiles.json"))

    with caplog.at_level(logging.INFO):
        pages = collect(connector(httpserver), refresh=[P1, P2])

    fresh, gone = observations(pages)
    assert (gone.id, gone.extra.get(DELETED)) == (P2, True), "a URI getPosts no longer returns was deleted"
    assert (fresh.engagement.likes, fresh.engagement.reposts, fresh.engagement.quotes) == (250, 80, 9)
    calls = [entry for entry, _ in httpserver.log if entry.path == GET_POSTS]
    assert len(calls) == 1 and calls[0].args.getlist("uris") == [P1, P2]
    assert f"{P2} is no longer returned" in caplog.text
    assert not any(entry.path == LOGIN for entry, _ in httpserver.log), "getPosts needs no login"


def test_missing_credentials_name_the_variables(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BLUESKY_APP_PASSWORD")
    with pytest.raises(SourceFatal, match="BLUESKY_APP_PASSWORD"):
        collect(connector(httpserver))
    assert httpserver.log == []


def test_refused_login_never_shows_the_password(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLUESKY_APP_PASSWORD", "wrong-pass-word-1234")
    serve_login(httpserver)
    with pytest.raises(SourceFatal) as caught:
        collect(connector(httpserver))
    assert "wrong-pass-word-1234" not in str(caught.value)
    assert "BLUESKY_APP_PASSWORD" in str(caught.value)


def test_a_capped_poll_keeps_the_unread_gap_and_reads_it_next(httpserver: HTTPServer) -> None:
    serve_login(httpserver)
    serve_search(httpserver, load(OWN / "search_page1.json"), load(OWN / "search_page2.json"))
    httpserver.expect_request(PROFILES).respond_with_json(load(OWN / "profiles.json"))
    old = {"since": "2026-11-20T08:00:00Z", "uris": []}

    capped = collect(connector(httpserver, max_pages=1), old)

    assert [o.id for o in observations(capped)] == [P1, P2, P3]
    gap = last_cursor(capped)
    assert gap == {
        "since": "2026-11-20T08:00:00Z",
        "uris": [],
        "until": "2026-11-20T10:20:00Z",
        "read": [P2, P3],
        "then": {"since": "2026-11-20T10:30:00.125000Z", "uris": [P1]},
    }

    httpserver.clear_log()
    rest = collect(connector(httpserver, max_pages=1), gap)

    search = [entry for entry, _ in httpserver.log if entry.path == SEARCH]
    assert search[0].args["until"] == "2026-11-20T10:20:00.001Z"
    assert [o.id for o in observations(rest)] == [P4], "the gap's posts, none of the newer ones again"
    assert last_cursor(rest) == {"since": "2026-11-20T10:30:00.125000Z", "uris": [P1]}
