"""GitHub issue search against a loopback API: the real octokit fixture and our own in its shape."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from connectors.base import DELETED
from connectors.github import GitHubConfig, GitHubConnector
from connectors.http import HTTPProblem
from tests.conftest import OWN_FIXTURES, shared_path
from tests.connectors.harness import SleepRecorder, collect, last_cursor, load, observations

OWN = OWN_FIXTURES / "github"
SEARCH = "/search/issues"
TOKEN = "github_pat_11AAAAAAA0_suitetoken"


@pytest.fixture(autouse=True)
def no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)


def connector(server: HTTPServer, **options: Any) -> GitHubConnector:
    options.setdefault("query", "northwind")
    return GitHubConnector(GitHubConfig(base_url=server.url_for("/"), **options))


def real_search() -> tuple[dict[str, Any], dict[str, str]]:
    (interaction,) = load(shared_path("fixtures", "real", "github", "search-issues.normalized-fixture.json"))
    return interaction["response"], interaction["headers"]


def test_real_search_maps_issues_and_paces_by_rate_limit_headers(httpserver: HTTPServer) -> None:
    body, headers = real_search()
    # the recorded headers, with a reset 60 s ahead and 1 call left: the next call must wait for it
    reset = str(int(datetime.now(UTC).timestamp()) + 60)
    keep = {"x-ratelimit-limit": "30", "x-ratelimit-remaining": "1", "x-ratelimit-reset": reset}
    assert {k for k in keep} <= set(headers)
    httpserver.expect_request(SEARCH).respond_with_data(json.dumps(body), headers=keep, content_type="application/json")
    sleeps = SleepRecorder()

    pages = collect(connector(httpserver, query="sesame", page_size=2), sleeps=sleeps)

    found = observations(pages)
    assert [o.id for o in found] == ["octokit-fixture-org/search-issues#2", "octokit-fixture-org/search-issues#1"]
    seeds = found[0]
    assert (
        seeds.text
        == "Sesame seeds split without a pop!\n\nI\u2019ve waited all year long, but there was no pop \U0001f62d"
    )
    assert seeds.url == "https://github.com/octokit-fixture-org/search-issues/issues/2"
    assert (seeds.engagement.likes, seeds.engagement.replies) == (0, 42)
    assert seeds.author.handle == "octokit-fixture-user-b"
    assert seeds.created_at == datetime(2017, 10, 10, 16, 0, tzinfo=UTC)
    assert len(httpserver.log) == 2, "a full page asks for the next one, which brings nothing new"
    assert sleeps.delays and 25 <= sleeps.delays[0] <= 60, "one call left of the budget: spread over the reset"


def test_query_is_ascending_from_the_cursor_with_qualifiers(httpserver: HTTPServer) -> None:
    httpserver.expect_request(SEARCH).respond_with_json(load(OWN / "search_issues.json"))

    pages = collect(connector(httpserver, repos=["northwind/sdk"]), {"created": "2026-11-20T09:00:00Z", "ids": []})

    args = httpserver.log[0][0].args
    assert args["q"] == "northwind repo:northwind/sdk is:issue created:>=2026-11-20T09:00:00Z"
    assert (args["sort"], args["order"]) == ("created", "asc")
    assert [o.id for o in observations(pages)] == ["northwind/sdk#412", "northwind/sdk#413", "northwind/sdk#414"]
    assert last_cursor(pages) == {"created": "2026-11-20T10:05:00Z", "ids": ["northwind/sdk#413", "northwind/sdk#414"]}


def test_boundary_second_is_neither_lost_nor_doubled(httpserver: HTTPServer) -> None:
    httpserver.expect_request(SEARCH).respond_with_json(load(OWN / "search_issues.json"))

    pages = collect(connector(httpserver), {"created": "2026-11-20T10:05:00Z", "ids": ["northwind/sdk#413"]})

    assert [o.id for o in observations(pages)] == ["northwind/sdk#414"]


def test_token_is_sent_and_authors_are_looked_up_once(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    httpserver.expect_request(SEARCH, headers={"Authorization": f"Bearer {TOKEN}"}).respond_with_json(
        load(OWN / "search_issues.json")
    )
    httpserver.expect_request("/users/skyfarer").respond_with_json(load(OWN / "user_skyfarer.json"))
    httpserver.expect_request("/users/gatelice").respond_with_json(load(OWN / "user_gatelice.json"))

    found = observations(collect(connector(httpserver, query="northwind sdk")))

    assert [o.author.followers for o in found] == [8200, 12, 8200]
    assert sum(1 for entry, _ in httpserver.log if entry.path.startswith("/users/")) == 2


def test_a_failed_author_lookup_keeps_the_posts(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    httpserver.expect_request(SEARCH).respond_with_json(load(OWN / "search_issues.json"))
    httpserver.expect_request("/users/skyfarer").respond_with_data("nope", status=403)

    found = observations(collect(connector(httpserver, name="gh-no-reach")))  # its own reach cache

    assert len(found) == 3 and all(o.author.followers is None for o in found)


def test_refresh_rereads_hot_issues_and_marks_deleted(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/repos/northwind/sdk/issues/412").respond_with_json(load(OWN / "issue_412.json"))
    httpserver.expect_request("/repos/northwind/sdk/issues/413").respond_with_json({"message": "gone"}, status=410)

    fresh, gone = observations(collect(connector(httpserver), refresh=["northwind/sdk#412", "northwind/sdk#413"]))

    assert (fresh.engagement.likes, fresh.engagement.replies) == (190, 58)
    assert (gone.id, gone.extra[DELETED]) == ("northwind/sdk#413", True)


def test_a_spent_limit_refused_with_403_says_how_long_to_wait(httpserver: HTTPServer) -> None:
    reset = str(int(datetime.now(UTC).timestamp()) + 120)
    httpserver.expect_request(SEARCH).respond_with_json(
        {"message": "API rate limit exceeded"},
        status=403,
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset},
    )

    with pytest.raises(HTTPProblem) as caught:
        collect(connector(httpserver))

    assert caught.value.retry_after is not None and 100 <= caught.value.retry_after <= 120
    assert "rate limited" in str(caught.value)


def test_with_a_token_refresh_reads_hot_issues_in_one_graphql_request(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    seen: list[dict[str, Any]] = []

    def graphql(request: Request) -> Response:
        body = request.get_json()
        seen.append(body)
        node = {
            "number": 412,
            "title": "Northwind SDK 4.2 breaks login for everyone",
            "body": "Still broken.",
            "url": "https://github.com/northwind/sdk/issues/412",
            "createdAt": "2026-11-20T10:00:00Z",
            "author": {"login": "skyfarer"},
            "comments": {"totalCount": 58},
            "reactions": {"totalCount": 190},
        }
        answer = {"data": {"i0": {"issueOrPullRequest": node}, "i1": None}}
        return Response(json.dumps(answer), content_type="application/json")

    httpserver.expect_request(
        "/graphql", method="POST", headers={"Authorization": f"Bearer {TOKEN}"}
    ).respond_with_handler(graphql)
    conn = connector(httpserver, graphql_url=httpserver.url_for("/graphql"))

    fresh, gone = observations(collect(conn, refresh=["northwind/sdk#412", "northwind/gone#7"]))

    assert len(seen) == 1, "one request for the whole batch"
    assert seen[0]["variables"] == {"o0": "northwind", "r0": "sdk", "n0": 412, "o1": "northwind", "r1": "gone", "n1": 7}
    assert (fresh.id, fresh.engagement.likes, fresh.engagement.replies) == ("northwind/sdk#412", 190, 58)
    assert fresh.text == "Northwind SDK 4.2 breaks login for everyone\n\nStill broken."
    assert (gone.id, gone.extra[DELETED]) == ("northwind/gone#7", True)
