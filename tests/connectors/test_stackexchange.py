"""Stack Exchange against a loopback API: the real captured search page and our own in its shape."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from connectors.base import DELETED
from connectors.http import HTTPProblem
from connectors.stackexchange import StackExchangeConfig, StackExchangeConnector
from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.harness import NOW, SleepRecorder, collect, last_cursor, load, observations

OWN = OWN_FIXTURES / "stackexchange"
SEARCH = "/2.3/search/advanced"
T = 1795168800  # creation_date of the first own-fixture question


@pytest.fixture(autouse=True)
def no_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STACKEXCHANGE_KEY", raising=False)


def connector(server: HTTPServer, **options: Any) -> StackExchangeConnector:
    options.setdefault("query", "northwind")
    return StackExchangeConnector(StackExchangeConfig(base_url=server.url_for("/2.3"), **options))


def serve_pages(server: HTTPServer, *pages: Any) -> None:
    def search(request: Request) -> Response:
        number = int(request.args.get("page", "1"))
        return Response(json.dumps(pages[min(number, len(pages)) - 1]), content_type="application/json")

    server.expect_request(SEARCH).respond_with_handler(search)


def test_real_search_page_maps_every_question(httpserver: HTTPServer) -> None:
    payload = load(shared_path("fixtures", "real", "stackexchange", "gaea-search_advanced-questions.json"))
    serve_pages(httpserver, payload)  # the same page for every page number: paging must still end

    pages = collect(connector(httpserver, query="something missing"))

    found = observations(pages)
    assert len(found) == len(payload["items"]) == 10
    assert len(httpserver.log) == 2, "a second page with nothing new ends the poll"
    first = found[0]
    assert first.id == "16258911"
    assert first.text == "Rails 4 Authenticity Token"
    assert first.url == "http://stackoverflow.com/questions/16258911/rails-4-authenticity-token"
    assert first.created_at == datetime.fromtimestamp(1367115933, UTC)
    assert (first.engagement.likes, first.engagement.replies, first.engagement.views) == (123, 9, 77058)
    assert (first.author.id, first.author.handle, first.author.followers) == ("381716", "alexcoco", 4081)
    assert all("&#39;" not in o.text and "&quot;" not in o.text for o in found), "entities decoded once"
    newest = max(item["creation_date"] for item in payload["items"])
    assert last_cursor(pages) == {
        "fromdate": newest,
        "ids": [str(i["question_id"]) for i in payload["items"] if i["creation_date"] == newest],
    }


def test_first_poll_reads_oldest_first_from_the_lookback(httpserver: HTTPServer) -> None:
    serve_pages(httpserver, load(OWN / "search_page1.json"), load(OWN / "search_page2.json"))

    pages = collect(connector(httpserver))

    first_call = httpserver.log[0][0].args
    assert first_call["fromdate"] == str(int((NOW - timedelta(days=1)).timestamp()))
    assert (first_call["sort"], first_call["order"], first_call["filter"]) == ("creation", "asc", "withbody")
    assert [page.cursor for page in pages] == [
        {"fromdate": T + 60, "ids": ["79100002"]},
        {"fromdate": T + 60, "ids": ["79100002", "79100003"]},
    ], "ascending order: every page's cursor can be stored at once"
    login = observations(pages)[0]
    assert login.text == (
        'Northwind SDK login fails with "invalid_grant" since the update\n\n'
        "Since 4.2 every login fails & support hasn't answered in a week.\n\ninvalid_grant"
    )
    assert login.engagement.likes == -2


def test_second_poll_over_the_same_data_adds_nothing(httpserver: HTTPServer) -> None:
    serve_pages(httpserver, load(OWN / "search_page2.json"))
    cursor = {"fromdate": T + 60, "ids": ["79100002", "79100003"]}

    pages = collect(connector(httpserver), cursor)

    assert observations(pages) == []
    assert last_cursor(pages) is None
    assert httpserver.log[0][0].args["fromdate"] == str(T + 60)


def test_a_question_in_the_boundary_second_is_not_lost(httpserver: HTTPServer) -> None:
    serve_pages(httpserver, load(OWN / "search_page2.json"))

    pages = collect(connector(httpserver), {"fromdate": T + 60, "ids": ["79100002"]})

    assert [o.id for o in observations(pages)] == ["79100003"]


def test_backoff_in_the_body_delays_the_next_call(httpserver: HTTPServer) -> None:
    first = load(OWN / "search_page1.json") | {"backoff": 7}
    serve_pages(httpserver, first, load(OWN / "search_page2.json"))
    sleeps = SleepRecorder()

    collect(connector(httpserver), sleeps=sleeps)

    assert len(sleeps.delays) == 1 and 6 < sleeps.delays[0] <= 7


def test_throttle_violation_names_the_wait(httpserver: HTTPServer) -> None:
    httpserver.expect_request(SEARCH).respond_with_json(load(OWN / "throttle.json"), status=400)

    with pytest.raises(HTTPProblem) as caught:
        collect(connector(httpserver))

    assert caught.value.retry_after == 78
    assert "throttle" in str(caught.value) and "\n" not in str(caught.value)


def test_low_quota_ends_the_poll(httpserver: HTTPServer) -> None:
    serve_pages(httpserver, load(OWN / "search_page1.json") | {"quota_remaining": 5})

    pages = collect(connector(httpserver))

    assert len(httpserver.log) == 1 and len(observations(pages)) == 2


def test_refresh_batches_ids_and_marks_deleted_questions(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STACKEXCHANGE_KEY", "k3y-for-quota((")
    httpserver.expect_request("/2.3/questions/79100001;79100003").respond_with_json(load(OWN / "questions.json"))

    pages = collect(connector(httpserver), refresh=["79100001", "79100003"])

    fresh, gone = observations(pages)
    assert (fresh.engagement.likes, fresh.engagement.replies, fresh.engagement.views) == (-9, 2, 410)
    assert (gone.id, gone.extra[DELETED]) == ("79100003", True)
    assert httpserver.log[0][0].args["key"] == "k3y-for-quota(("


def test_the_key_never_shows_in_an_error(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STACKEXCHANGE_KEY", "k3y-for-quota((")
    httpserver.expect_request(SEARCH).respond_with_data("<html>down</html>", status=503)

    with pytest.raises(HTTPProblem) as caught:
        collect(connector(httpserver))

    assert "k3y-for-quota" not in str(caught.value)


def test_config_needs_a_query_or_a_tag() -> None:
    with pytest.raises(ValidationError, match="set query"):
        StackExchangeConfig(query=None)
    assert StackExchangeConfig(query=None, tagged="northwind-sdk").tagged == "northwind-sdk"
