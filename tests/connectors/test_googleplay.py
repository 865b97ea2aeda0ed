"""Google Play (unofficial batchexecute endpoint) against a loopback server: real and own answers."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

import pytest
from pydantic import ValidationError
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from connectors.googleplay import GooglePlayConfig, GooglePlayConnector
from connectors.http import HTTPProblem
from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.harness import collect, last_cursor, observations

OWN = OWN_FIXTURES / "googleplay"
RPC_PATH = "/_/PlayStoreUi/data/batchexecute"
TOKEN = "CsIBCr8BKpgBCmz3O5rNSf_tok2"


FEED = "com.northwind.app:us:en"


def feed(moment: str, *ids: str, **extra: Any) -> dict[str, Any]:
    return {"feeds": {FEED: {"moment": moment, "ids": list(ids), **extra}}}


def connector(server: HTTPServer, **options: Any) -> GooglePlayConnector:
    options.setdefault("app_id", "com.northwind.app")
    return GooglePlayConnector(GooglePlayConfig(base_url=server.url_for("/"), brand="Northwind Air", **options))


def arguments(request: Request) -> list[Any]:
    """The RPC arguments the connector sent (JSON inside the f.req form value)."""
    freq = parse_qs(request.get_data(as_text=True))["f.req"][0]
    ((rpc, args, _, _),) = json.loads(freq)[0]
    assert rpc in ("oCPfdb", "UsvDTd")
    parsed: list[Any] = json.loads(args)
    return parsed


def window(request: Request) -> list[Any]:
    """``[page size, None, continuation token]`` wherever the RPC keeps it."""
    args = arguments(request)
    found: list[Any] = args[1][2] if args[1] is not None else args[2][2]
    return found


def serve_own(server: HTTPServer) -> None:
    def answer(request: Request) -> Response:
        name = "reviews_page2.txt" if window(request)[2] == TOKEN else "reviews_page1.txt"
        return Response((OWN / name).read_bytes(), content_type="application/json; charset=utf-8")

    server.expect_request(RPC_PATH, method="POST").respond_with_handler(answer)


def test_real_answer_maps_every_review(httpserver: HTTPServer) -> None:
    body = shared_path("fixtures", "real", "googleplay", "appvox-review_relevant.batchexecute.txt").read_bytes()
    httpserver.expect_request(RPC_PATH, method="POST").respond_with_data(body, content_type="application/json")

    pages = collect(connector(httpserver, app_id="com.twitter.android"))

    found = observations(pages)
    assert len(found) == 40 and len(httpserver.log) == 1
    first = found[0]
    assert first.id.startswith("gp:AOqpTOEG141w8NXyoj4CFpinzf")
    assert first.author.handle == "hayzel rose ilagan"
    assert first.author.id == "114313695647212242832"
    assert first.rating == 5
    assert first.engagement.likes == 1114
    assert first.created_at == datetime.fromtimestamp(1611106445, UTC)
    assert first.text.startswith("I see that a lot here rate the app for a glitch")
    assert first.extra["app_version"] == "8.76.0-release.01"
    assert first.url == f"https://play.google.com/store/apps/details?id=com.twitter.android&reviewId={first.id}"
    request = httpserver.log[0][0]
    assert (request.args["hl"], request.args["gl"]) == ("en", "us")
    assert arguments(request) == [None, [2, 2, [100, None, None], None, [None] * 9], ["com.twitter.android", 7]]


def test_walks_down_to_the_stored_review_with_the_continuation_token(httpserver: HTTPServer) -> None:
    serve_own(httpserver)
    old = feed("2026-11-20T09:00:00Z", "gp:AOqpTOnw0000")

    pages = collect(connector(httpserver), old)

    assert [o.id for o in observations(pages)] == ["gp:AOqpTOnw0003", "gp:AOqpTOnw0002", "gp:AOqpTOnw0001"]
    assert len(httpserver.log) == 2
    assert last_cursor(pages) == feed("2026-11-20T10:30:00Z", "gp:AOqpTOnw0003")
    refund = observations(pages)[0]
    assert (refund.rating, refund.engagement.likes) == (1, 57)
    assert observations(pages)[1].extra["developer_replied"] is True


def test_second_poll_adds_nothing(httpserver: HTTPServer) -> None:
    serve_own(httpserver)

    pages = collect(connector(httpserver), feed("2026-11-20T10:30:00Z", "gp:AOqpTOnw0003"))

    assert observations(pages) == [] and len(httpserver.log) == 1


def test_a_capped_walk_resumes_from_its_token(httpserver: HTTPServer) -> None:
    serve_own(httpserver)
    old = feed("2026-11-20T08:00:00Z")

    first = collect(connector(httpserver, max_pages=1), old)
    unfinished = last_cursor(first)
    assert unfinished is not None and unfinished["feeds"][FEED]["resume"] == TOKEN
    rest = collect(connector(httpserver, max_pages=1), unfinished)

    assert [o.id for o in observations(rest)] == ["gp:AOqpTOnw0000"]
    assert last_cursor(rest) == feed("2026-11-20T10:30:00Z", "gp:AOqpTOnw0003")


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b"<!doctype html><title>Sorry</title>", "HTML page"),
        (b')]}\'\n\n[["wrb.fr","UsvDTd","[[[\\"gp:x', "cut-off"),
        (b"", "empty answer"),
    ],
)
def test_a_broken_answer_is_one_line(httpserver: HTTPServer, body: bytes, fragment: str) -> None:
    httpserver.expect_request(RPC_PATH, method="POST").respond_with_data(body)

    with pytest.raises(HTTPProblem, match=fragment) as caught:
        collect(connector(httpserver))

    assert "\n" not in str(caught.value)


def test_an_app_without_reviews_yields_nothing(httpserver: HTTPServer) -> None:
    body = ")]}'\n\n" + json.dumps([["wrb.fr", "UsvDTd", None, None, None, None, "generic"]])
    httpserver.expect_request(RPC_PATH, method="POST").respond_with_data(body)

    pages = collect(connector(httpserver))

    assert observations(pages) == [] and last_cursor(pages) is None


def test_package_name_is_checked() -> None:
    with pytest.raises(ValidationError, match="app_id"):
        GooglePlayConfig(app_id="Northwind Air")


def test_the_chunked_answer_form_is_read_too(httpserver: HTTPServer) -> None:
    """Newer answers prefix each JSON chunk with its length on a line of its own."""
    plain = (OWN / "reviews_page1.txt").read_text(encoding="utf-8")
    chunk = plain[len(")]}'") :].strip()
    body = f')]}}\'\n\n{len(chunk)}\n{chunk}\n25\n[["di",41],["af.httprm",40]]\n'
    httpserver.expect_request(RPC_PATH, method="POST").respond_with_data(body, content_type="application/json")

    found = observations(collect(connector(httpserver)))

    assert [o.id for o in found] == ["gp:AOqpTOnw0003", "gp:AOqpTOnw0002", "gp:AOqpTOnw0001"]


def test_the_older_rpc_can_be_chosen(httpserver: HTTPServer) -> None:
    serve_own(httpserver)

    collect(connector(httpserver, rpc="UsvDTd"))

    request = httpserver.log[0][0]
    freq = parse_qs(request.get_data(as_text=True))["f.req"][0]
    assert json.loads(freq)[0][0][0] == "UsvDTd"
    assert arguments(request) == [None, None, [2, 2, [100, None, None], None, [None, None]], ["com.northwind.app", 7]]
