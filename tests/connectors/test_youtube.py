"""YouTube comment threads against a loopback Data API: real captured pages and our own."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from connectors.base import DELETED
from connectors.http import HTTPProblem
from connectors.youtube import YouTubeConfig, YouTubeConnector
from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.harness import collect, last_cursor, load, observations

OWN = OWN_FIXTURES / "youtube"
THREADS = "/commentThreads"
KEY = "AIzaSyTEST-key-never-in-urls"
VIDEO = "nwAdVideo01"
FEED = f"video:{VIDEO}"


@pytest.fixture(autouse=True)
def api_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YOUTUBE_API_KEY", KEY)


def connector(server: HTTPServer, **options: Any) -> YouTubeConnector:
    options.setdefault("video_ids", [VIDEO])
    options.setdefault("lookup_authors", False)
    return YouTubeConnector(YouTubeConfig(base_url=server.url_for("/"), **options))


def serve_pages(server: HTTPServer) -> None:
    def threads(request: Request) -> Response:
        assert request.headers.get("X-Goog-Api-Key") == KEY and KEY not in request.url
        name = "threads_page2.json" if request.args.get("pageToken") == "QURTSl9pMnd0" else "threads_page1.json"
        return Response((OWN / name).read_bytes(), content_type="application/json")

    server.expect_request(THREADS).respond_with_handler(threads)


def mark(moment: str, *ids: str, **extra: Any) -> dict[str, Any]:
    return {"feeds": {FEED: {"moment": moment, "ids": list(ids), **extra}}}


def test_real_video_page_first_poll_reads_one_page(httpserver: HTTPServer) -> None:
    payload = load(shared_path("fixtures", "real", "youtube", "python-youtube-comment_threads_by_video_paged_1.json"))
    httpserver.expect_request(THREADS).respond_with_json(payload)

    pages = collect(connector(httpserver, video_ids=["F1UP7wRCPH8"]))

    assert len(httpserver.log) == 1, "a first poll does not backfill older pages"
    found = observations(pages)
    assert len(found) == 5
    first = found[0]
    assert first.id == "UgyZ1jqkHKYvi1-ruOZ4AaABAg"
    assert first.text == "Google.com", "textDisplay is HTML: converted to text once"
    assert first.url == "https://www.youtube.com/watch?v=F1UP7wRCPH8&lc=UgyZ1jqkHKYvi1-ruOZ4AaABAg"
    assert (first.author.id, first.author.handle) == ("UCzj-CjKYmGlZ7vTL-vOe57A", "himani agarwal")
    assert first.created_at == datetime(2019, 11, 26, 15, 51, 44, tzinfo=UTC)
    cursor = last_cursor(pages)
    assert cursor is not None and cursor["feeds"]["video:F1UP7wRCPH8"]["moment"] == max(
        item["snippet"]["topLevelComment"]["snippet"]["publishedAt"].replace(".000Z", "Z") for item in payload["items"]
    )


def test_real_channel_search_page(httpserver: HTTPServer) -> None:
    payload = load(shared_path("fixtures", "real", "youtube", "python-youtube-comment_threads_with_search.json"))
    httpserver.expect_request(
        THREADS,
        query_string={
            "part": "snippet",
            "order": "time",
            "textFormat": "html",
            "maxResults": "100",
            "allThreadsRelatedToChannelId": "UC_x5XG1OV2P6uZZ5FSM9Ttw",
            "searchTerms": "Hello",
        },
    ).respond_with_json(payload)

    pages = collect(connector(httpserver, video_ids=[], channel_id="UC_x5XG1OV2P6uZZ5FSM9Ttw", search_terms="Hello"))

    (only,) = observations(pages)
    assert only.id == "UgyUBI0HsgL9emxcZpR4AaABAg"
    assert only.author.handle == "DevRagz"


def test_walks_down_to_the_stored_mark_and_no_further(httpserver: HTTPServer) -> None:
    serve_pages(httpserver)

    pages = collect(connector(httpserver, page_size=3), mark("2026-11-20T09:30:00Z"))

    assert [o.id for o in observations(pages)] == ["UgzNW001", "UgzNW002", "UgzNW003"]
    assert len(httpserver.log) == 2, "page 2 holds the stored mark: the walk stops there"
    assert last_cursor(pages) == mark("2026-11-20T10:30:00Z", "UgzNW001")
    lost_bag = observations(pages)[0]
    assert lost_bag.text == "Lost my bag on the Lisbon flight & still no answer after 3 weeks. Never again."
    assert (lost_bag.engagement.likes, lost_bag.engagement.replies) == (41, 12)


def test_second_poll_over_the_same_data_adds_nothing(httpserver: HTTPServer) -> None:
    serve_pages(httpserver)

    pages = collect(connector(httpserver, page_size=3), mark("2026-11-20T10:30:00Z", "UgzNW001"))

    assert observations(pages) == []
    assert len(httpserver.log) == 1


def test_a_capped_walk_resumes_from_its_page_token(httpserver: HTTPServer) -> None:
    serve_pages(httpserver)
    old = mark("2026-11-20T08:00:00Z")

    capped = collect(connector(httpserver, page_size=3, max_pages=1), old)

    unfinished = last_cursor(capped)
    assert unfinished == mark(
        "2026-11-20T08:00:00Z",
        resume="QURTSl9pMnd0",
        top={"moment": "2026-11-20T10:30:00Z", "ids": ["UgzNW001"]},
    ), "the old mark stays until the walk reaches it"
    httpserver.clear_log()

    rest = collect(connector(httpserver, page_size=3, max_pages=1), unfinished)

    assert httpserver.log[0][0].args["pageToken"] == "QURTSl9pMnd0"
    assert [o.id for o in observations(rest)] == ["UgzNW004"]
    assert last_cursor(rest) == mark("2026-11-20T10:30:00Z", "UgzNW001")


def test_quota_exceeded_ends_the_poll_until_the_reset(httpserver: HTTPServer) -> None:
    httpserver.expect_request(THREADS).respond_with_json(load(OWN / "quota_exceeded.json"), status=403)

    with pytest.raises(HTTPProblem) as caught:
        collect(connector(httpserver))

    assert "quota exceeded" in str(caught.value) and "\n" not in str(caught.value)
    assert caught.value.retry_after is not None and 0 < caught.value.retry_after <= 86400
    assert KEY not in str(caught.value)


def test_a_video_with_comments_disabled_does_not_stop_the_others(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        THREADS,
        query_string={
            "part": "snippet",
            "order": "time",
            "textFormat": "html",
            "maxResults": "100",
            "videoId": "closed01",
        },
    ).respond_with_json(load(OWN / "comments_disabled.json"), status=403)
    serve_pages(httpserver)

    pages = collect(connector(httpserver, video_ids=["closed01", VIDEO]))

    assert len(observations(pages)) == 3


def test_refresh_in_batches_marks_deleted_and_reads_reach(httpserver: HTTPServer) -> None:
    httpserver.expect_request(
        THREADS, query_string={"part": "snippet", "textFormat": "html", "id": "UgzNW001,UgzGONE9", "maxResults": "50"}
    ).respond_with_json(load(OWN / "threads_by_id.json"))
    httpserver.expect_request("/channels").respond_with_json(load(OWN / "channels.json"))

    pages = collect(connector(httpserver, lookup_authors=True), refresh=["UgzNW001", "UgzGONE9"])

    fresh, gone = observations(pages)
    assert (fresh.engagement.likes, fresh.engagement.replies) == (950, 130)
    assert fresh.author.followers == 125000
    assert (gone.id, gone.extra[DELETED]) == ("UgzGONE9", True)


def test_hidden_subscriber_counts_stay_unknown(httpserver: HTTPServer) -> None:
    serve_pages(httpserver)
    httpserver.expect_request("/channels").respond_with_json(load(OWN / "channels.json"))

    found = observations(collect(connector(httpserver, name="yt-reach", lookup_authors=True, page_size=3)))

    assert [o.author.followers for o in found] == [125000, None, None]
    assert sum(1 for entry, _ in httpserver.log if entry.path == "/channels") == 1


def test_config_needs_a_video_or_a_channel() -> None:
    with pytest.raises(ValidationError, match="video_ids"):
        YouTubeConfig()
    assert json.dumps(YouTubeConnector.example)
