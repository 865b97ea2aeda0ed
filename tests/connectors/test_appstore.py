"""App Store reviews against a loopback feed server: the real captured feeds and our own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from pydantic import ValidationError
from pytest_httpserver import HTTPServer

from connectors.appstore import AppStoreConfig, AppStoreConnector
from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.harness import collect, last_cursor, load, observations

OWN = OWN_FIXTURES / "appstore"
APP = "1450000001"


def page_path(page: int, country: str = "us", app: str = APP) -> str:
    return f"/{country}/rss/customerreviews/page={page}/id={app}/sortby=mostrecent/json"


def connector(server: HTTPServer, **options: Any) -> AppStoreConnector:
    options.setdefault("app_id", APP)
    return AppStoreConnector(AppStoreConfig(base_url=server.url_for("/"), brand="Northwind Air", **options))


def serve_own(server: HTTPServer) -> None:
    server.expect_request(page_path(1)).respond_with_json(load(OWN / "reviews_page1.json"))
    server.expect_request(page_path(2)).respond_with_json(load(OWN / "reviews_page2_single.json"))
    server.expect_request(page_path(3)).respond_with_json(load(OWN / "reviews_empty.json"))


@pytest.mark.parametrize(
    ("name", "app", "count"),
    [
        ("appvox-itunes_rss_reviews.json", "284815942", 50),
        ("podfinder-customerreviews-811377230.json", "811377230", 50),
    ],
)
def test_real_feeds_map_every_review(httpserver: HTTPServer, name: str, app: str, count: int) -> None:
    payload = load(shared_path("fixtures", "real", "appstore", name))
    httpserver.expect_request(page_path(1, app=app)).respond_with_json(payload)

    pages = collect(connector(httpserver, app_id=app))

    found = observations(pages)
    assert len(found) == count and len(httpserver.log) == 1, "a first poll reads one page"
    assert all(o.source == "appstore" and o.rating in range(1, 6) and o.created_at for o in found)
    entry = payload["feed"]["entry"][0]
    first = next(o for o in found if o.id == entry["id"]["label"])
    assert first.text.startswith(entry["title"]["label"])
    assert first.engagement.likes == int(entry["im:voteSum"]["label"])
    assert first.author.handle == entry["author"]["name"]["label"]
    newest = max(o.created_at for o in found if o.created_at)
    cursor = last_cursor(pages)
    assert cursor is not None
    assert datetime.fromisoformat(cursor["feeds"]["us"]["moment"].replace("Z", "+00:00")) == newest


def test_own_feed_maps_fields_in_utc(httpserver: HTTPServer) -> None:
    serve_own(httpserver)

    found = observations(collect(connector(httpserver)))

    refund = found[0]
    assert refund.id == "11900000003"
    assert refund.created_at == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert refund.rating == 1
    assert refund.text == (
        "Refund button does nothing\n\nTried to cancel my Lisbon flight in the app, the refund button just spins. "
        "Called support twice, no one knows."
    )
    assert refund.extra["app_version"] == "7.3.0"
    assert refund.url == f"https://apps.apple.com/us/app/id{APP}?see-all=reviews"


def test_walks_pages_down_to_the_stored_review(httpserver: HTTPServer) -> None:
    serve_own(httpserver)
    old = {"feeds": {"us": {"moment": "2026-11-20T03:00:00Z", "ids": ["11900000000"]}}}

    pages = collect(connector(httpserver), old)

    assert [o.id for o in observations(pages)] == ["11900000003", "11900000002", "11900000001"]
    assert [entry.path for entry, _ in httpserver.log] == [page_path(1), page_path(2)], "a single-entry page is read"
    assert last_cursor(pages) == {"feeds": {"us": {"moment": "2026-11-20T09:30:00Z", "ids": ["11900000003"]}}}


def test_an_empty_feed_ends_the_walk_and_keeps_the_cursor(httpserver: HTTPServer) -> None:
    httpserver.expect_request(page_path(1)).respond_with_json(load(OWN / "reviews_empty.json"))
    old = {"feeds": {"us": {"moment": "2026-11-20T02:00:00Z", "ids": []}}}

    pages = collect(connector(httpserver), old)

    assert observations(pages) == [] and last_cursor(pages) is None


def test_each_country_keeps_its_own_mark(httpserver: HTTPServer) -> None:
    serve_own(httpserver)
    httpserver.expect_request(page_path(1, "gb")).respond_with_json(load(OWN / "reviews_page2_single.json"))
    old = {"feeds": {"us": {"moment": "2026-11-20T09:30:00Z", "ids": ["11900000003"]}}}

    pages = collect(connector(httpserver, countries=["us", "GB"]), old)

    assert [o.id for o in observations(pages)] == ["11900000000"], "new in gb, nothing new in us"
    assert last_cursor(pages) == {
        "feeds": {
            "us": {"moment": "2026-11-20T09:30:00Z", "ids": ["11900000003"]},
            "gb": {"moment": "2026-11-20T03:00:00Z", "ids": ["11900000000"]},
        }
    }


def test_app_id_must_be_numeric() -> None:
    with pytest.raises(ValidationError, match="app_id"):
        AppStoreConfig(app_id="com.northwind.app")
