"""The RSS/Atom connector against a real loopback HTTP server serving feeds."""

from __future__ import annotations

import asyncio
import email.utils
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from connectors.base import FetchContext, Page, SourceError
from connectors.http import HTTPProblem, SourceHTTP, make_client
from connectors.rss import RssConfig, RssConnector, unwrap_redirect
from tests.conftest import OWN_FIXTURES, shared_path

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
OWN = OWN_FIXTURES / "rss"
ATOM = "application/atom+xml"
RSS = "application/rss+xml"
ETAG = '"alerts-v1"'
MODIFIED = "Fri, 20 Nov 2026 09:30:00 GMT"


def connector(server: HTTPServer, url: str = "/alerts.atom", **options: Any) -> RssConnector:
    options.setdefault("base_url", server.url_for("/"))
    return RssConnector(RssConfig(url=url, **options))


class SleepRecorder:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def run(conn: RssConnector, cursor: dict[str, Any] | None = None) -> list[Page]:
    sleeps = SleepRecorder()

    async def go() -> list[Page]:
        async with make_client(5.0) as client:
            http = SourceHTTP(client, source=conn.name, max_attempts=2, sleep=sleeps)
            ctx = FetchContext(cursor=cursor, http=http, now=NOW)
            return [page async for page in conn.fetch(ctx)]

    pages = asyncio.run(go())
    assert sleeps.delays == [], "a connector test should never need a retry"
    return pages


def serve(server: HTTPServer, path: str, file: Path, content_type: str, **headers: str) -> None:
    server.expect_request(path).respond_with_data(file.read_bytes(), content_type=content_type, headers=headers or None)


# -- own fixtures -------------------------------------------------------------------------------


def test_google_alerts_feed_maps_every_field(httpserver: HTTPServer) -> None:
    serve(httpserver, "/alerts.atom", OWN / "alerts.atom", ATOM, ETag=ETAG, **{"Last-Modified": MODIFIED})

    (page,) = run(connector(httpserver))

    request = httpserver.log[0][0]
    assert "If-None-Match" not in request.headers
    assert "If-Modified-Since" not in request.headers
    assert page.cursor == {"etag": ETAG, "modified": MODIFIED, "last_published": "2026-11-20T09:30:00+00:00"}
    stranded, refunds, porto = page.observations
    assert stranded.source == "rss"
    assert stranded.observed_at == NOW
    assert stranded.id == "tag:google.com,2013:googlealerts/feed:9000000000000000003"
    assert stranded.url == "https://news.example/2026/11/20/northwind-air-lisbon-stranded?ref=rss"
    assert stranded.created_at == datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    assert stranded.text == (
        "Northwind Air strands 300 passengers in Lisbon overnight\n\n"
        "Passengers on Northwind Air flight NW 214 said they were "
        '"left with nothing" after the cancellation ...'
    )
    assert stranded.author.handle is None, "Google Alerts sends an empty author name"
    assert stranded.author.id is None
    assert stranded.engagement.model_dump() == {
        "likes": None,
        "reposts": None,
        "replies": None,
        "quotes": None,
        "views": None,
    }
    assert stranded.in_reply_to is None
    assert stranded.lang is None
    assert refunds.text.startswith("Why Northwind Air's refund policy is winning fans\n\nThe budget carrier")
    assert refunds.url == "https://blog.example/northwind-refunds/"
    assert porto.url == "https://travel.example/porto"
    assert porto.created_at == datetime(2026, 11, 19, 17, 0, tzinfo=UTC)


def test_rss_feed_author_language_timezone_and_link_as_id(httpserver: HTTPServer) -> None:
    serve(httpserver, "/news.rss", OWN / "news.rss", RSS)

    (page,) = run(connector(httpserver, "news.rss", name="travel-news"))

    tarmac, runway = page.observations
    assert tarmac.source == "rss", "source is the platform, whatever the source is named"
    assert tarmac.id == "news-example-7781"
    assert tarmac.url == "https://news.example/2026/11/20/tarmac"
    assert tarmac.created_at == datetime(2026, 11, 20, 10, 5, tzinfo=UTC), "+0100 converted to UTC"
    assert tarmac.author.handle == "Dana Reyes"
    assert tarmac.lang == "en-gb"
    assert tarmac.text == (
        "Northwind Air passengers stuck on the tarmac for four hours\n\n"
        "Passengers on Northwind Air flight NW 88 waited \u201cwith no water\u201d.\n\n"
        "The airline apologised."
    )
    assert "track()" not in tarmac.text
    assert runway.id == "https://news.example/2026/11/18/runway", "no guid: the link is the id"
    assert runway.author.handle is None
    assert page.cursor == {"etag": None, "modified": None, "last_published": "2026-11-20T10:05:00+00:00"}


def test_conditional_get_sends_validators_and_304_keeps_the_cursor(httpserver: HTTPServer) -> None:
    cursor = {"etag": ETAG, "modified": MODIFIED, "last_published": "2026-11-20T09:30:00+00:00"}
    httpserver.expect_request(
        "/alerts.atom", headers={"If-None-Match": ETAG, "If-Modified-Since": MODIFIED}
    ).respond_with_data("", status=304)

    pages = run(connector(httpserver), cursor)

    assert len(httpserver.log) == 1
    assert httpserver.log[0][1].status_code == 304
    assert [(p.observations, p.cursor) for p in pages] == [([], cursor)]


def test_only_entries_newer_than_last_published_are_yielded(httpserver: HTTPServer) -> None:
    serve(httpserver, "/alerts.atom", OWN / "alerts.atom", ATOM, ETag='"alerts-v2"')
    cursor = {"etag": ETAG, "modified": None, "last_published": "2026-11-20T08:15:00+00:00"}

    (page,) = run(connector(httpserver), cursor)

    assert httpserver.log[0][0].headers["If-None-Match"] == ETAG
    assert "If-Modified-Since" not in httpserver.log[0][0].headers
    assert [o.id for o in page.observations] == ["tag:google.com,2013:googlealerts/feed:9000000000000000003"]
    assert page.cursor == {
        "etag": '"alerts-v2"',
        "modified": None,
        "last_published": "2026-11-20T09:30:00+00:00",
    }


def test_nothing_newer_keeps_last_published(httpserver: HTTPServer) -> None:
    serve(httpserver, "/alerts.atom", OWN / "alerts.atom", ATOM)
    cursor = {"etag": None, "modified": None, "last_published": "2026-11-20T09:30:00+00:00"}

    (page,) = run(connector(httpserver), cursor)

    assert page.observations == []
    assert page.cursor == cursor


def test_absolute_url_ignores_base_url(httpserver: HTTPServer) -> None:
    serve(httpserver, "/feeds/elsewhere.atom", OWN / "alerts.atom", ATOM)
    conn = connector(httpserver, httpserver.url_for("/feeds/elsewhere.atom"), base_url="http://unused.invalid")

    (page,) = run(conn)

    assert len(page.observations) == 3


def test_relative_url_without_base_url_is_a_source_error() -> None:
    conn = RssConnector(RssConfig(url="feeds/alerts.atom", name="alerts"))

    with pytest.raises(SourceError, match=r"^rss alerts: url 'feeds/alerts.atom' is relative but no base_url"):
        run(conn)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<html><head><title>Sign in</title></head><body><p>Please log in</p></body></html>", "text/html"),
        ('{"hits": "oops"}', "application/json"),
        ("", "application/xml"),
    ],
)
def test_body_that_is_not_a_feed_is_a_one_line_source_error(
    httpserver: HTTPServer, body: str, content_type: str
) -> None:
    httpserver.expect_request("/alerts.atom").respond_with_data(body, content_type=content_type)

    with pytest.raises(SourceError) as caught:
        run(connector(httpserver, name="alerts"))

    assert str(caught.value) == f"rss alerts: {httpserver.url_for('/alerts.atom')} did not return an RSS or Atom feed"


def test_valid_feed_with_no_entries_is_fine(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/alerts.atom").respond_with_data(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Google Alert - Northwind Air'
        "</title></feed>",
        content_type=ATOM,
    )

    (page,) = run(connector(httpserver))

    assert page.observations == []
    assert page.cursor == {"etag": None, "modified": None, "last_published": None}


def test_entry_without_id_or_link_is_skipped_with_a_warning(
    httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    httpserver.expect_request("/news.rss").respond_with_data(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>Northwind Air mystery item</title><description>no link</description></item>"
        "<item><title>Kept</title><link>https://news.example/kept</link></item>"
        "</channel></rss>",
        content_type=RSS,
    )

    (page,) = run(connector(httpserver, "/news.rss"))

    assert [o.id for o in page.observations] == ["https://news.example/kept"]
    assert page.observations[0].created_at is None
    assert "Northwind Air mystery item" in caplog.text
    assert "neither an id nor a link" in caplog.text


def test_http_error_is_an_http_problem(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/alerts.atom").respond_with_data("gone", status=410)

    with pytest.raises(HTTPProblem, match=r"^rss: HTTP 410 GONE from http://"):
        run(connector(httpserver))


def test_feed_bytes_are_parsed_with_their_declared_encoding(httpserver: HTTPServer) -> None:
    body = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>t</title>'
        "<item><guid>x1</guid><title>Northwind Air: caf\xe9 on board</title></item></channel></rss>"
    ).encode("latin-1")

    def handler(request: Request) -> Response:
        return Response(body, content_type="application/xml")

    httpserver.expect_request("/latin.rss").respond_with_handler(handler)

    (page,) = run(connector(httpserver, "/latin.rss"))

    assert page.observations[0].text == "Northwind Air: caf\xe9 on board"


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        (
            "https://www.google.com/url?rct=j&sa=t&url=https://a.example/x%3Fy%3D1&ct=ga",
            "https://a.example/x?y=1",
        ),
        ("https://google.com/url?q=https://b.example/&sa=D", "https://b.example/"),
        (
            "https://www.google.com/url?rct=j&url=javascript:alert(1)",
            "https://www.google.com/url?rct=j&url=javascript:alert(1)",
        ),
        (
            "https://www.google.com/search?url=https://c.example/",
            "https://www.google.com/search?url=https://c.example/",
        ),
        (
            "https://evilgoogle.com/url?url=https://d.example/",
            "https://evilgoogle.com/url?url=https://d.example/",
        ),
        ("https://news.example/a?url=https://e.example/", "https://news.example/a?url=https://e.example/"),
    ],
)
def test_unwrap_redirect(link: str, expected: str) -> None:
    assert unwrap_redirect(link) == expected


# -- the real feeds (../shared) -----------------------------------------------------------------


def test_real_google_alerts_feed(httpserver: HTTPServer) -> None:
    path = shared_path("fixtures", "real", "rss", "feedjira-google_alerts_atom.xml")
    serve(httpserver, "/alerts.atom", path, ATOM)

    (page,) = run(connector(httpserver))

    observations = page.observations
    assert len(observations) == len(re.findall(r"<entry>", path.read_text(encoding="utf-8"))) == 20
    first = observations[0]
    assert first.id == "tag:google.com,2013:googlealerts/feed:8974135267215335962"
    assert first.url == (
        "https://www.aglobalmarketresearch.com/report-offers-prediction-of-automotive-slack-market-by-top-key-"
        "players-like-haldex-meritor-bendix-mei-wabco-accuride-stemco-tbk-febi-aydinsan/"
    )
    assert first.created_at == datetime(2019, 7, 10, 11, 53, 37, tzinfo=UTC)
    assert first.text.startswith("Report offers Prediction of Automotive Slack Market by Top key players")
    assert first.author.handle is None
    assert "much of the news coverage centered on the Company's decision" in observations[1].text
    for observation in observations:
        assert observation.url is not None
        assert not observation.url.startswith("https://www.google.com/"), observation.url
        assert "<b>" not in observation.text
        assert "&nbsp;" not in observation.text
        assert "&#39;" not in observation.text
    assert page.cursor is not None
    assert page.cursor["last_published"] == "2019-07-10T11:53:37+00:00"


def test_real_hacker_news_rss_feed(httpserver: HTTPServer) -> None:
    path = shared_path("fixtures", "real", "rss", "feedjira-RSSWithComments.xml")
    serve(httpserver, "/rss", path, RSS)
    raw = path.read_text(encoding="utf-8")
    newest = max(email.utils.parsedate_to_datetime(d) for d in re.findall(r"<pubDate>(.*?)</pubDate>", raw))

    (page,) = run(connector(httpserver, "/rss"))

    observations = page.observations
    assert len(observations) == 30
    first = observations[0]
    assert (
        first.id
        == first.url
        == (
            "https://aws.amazon.com/blogs/aws/announcing-aws-lambda-function-urls-built-in-https-endpoints-for-"
            "single-function-microservices/"
        )
    )
    assert first.text == "AWS Lambda Function URLs: Built-In HTTPS Endpoints for Lambda\n\nComments"
    assert first.created_at == datetime(2022, 4, 6, 21, 7, 47, tzinfo=UTC)
    assert page.cursor is not None
    assert page.cursor["last_published"] == newest.astimezone(UTC).isoformat()

    # The next poll: the feed is unchanged, so nothing is newer than the cursor.
    (again,) = run(connector(httpserver, "/rss"), page.cursor)
    assert again.observations == []
