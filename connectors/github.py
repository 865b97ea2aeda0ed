"""GitHub: issues (and optionally pull requests) that mention the brand, through the search API.

Polls call ``/search/issues`` with the query plus ``created:>=<newest creation stored>``, sorted by
creation date *oldest first*, so each page's cursor can be stored as soon as the page is and a
poll stopped half-way resumes where it stopped. Issues created in the boundary second are
remembered by id, neither lost nor stored twice. The first poll starts ``lookback`` ago. Search
returns at most 1,000 results per query; the page cap keeps each poll well inside that.

A token is optional: without one the search API allows 10 requests a minute, with one 30 (and
5,000 core requests an hour for refreshes and author lookups). The framework paces requests by the
``X-RateLimit-*`` headers GitHub sends on every answer.

Engagement: reactions as likes, comments as replies. With a token, refresh re-reads hot issues 50
at a time in one GraphQL request; without one (GraphQL needs a token) each is re-read through
REST (``/repos/{owner}/{repo}/issues/{number}``: REST has no batch lookup), at most
``refresh_limit`` a poll. An issue that is no longer found (404, 410, null) was deleted or hidden. Author reach is the
user's follower count (``/users/{login}``, cached), looked up only with a token.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from connectors.base import (
    Connector,
    Credential,
    FetchContext,
    Page,
    SourceConfig,
    SourceError,
    credential,
)
from connectors.rate_headers import parse_reset, parse_retry_after
from connectors.watermark import dump_time_mark, time_mark
from monitor.core.durations import Duration
from monitor.core.observations import Author, Engagement, Observation

if TYPE_CHECKING:  # only a type here: importing a connector (to validate a config) never loads httpx
    import httpx

API = "https://api.github.com"
HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
SEARCH_CAP = 1000  # GitHub returns at most this many results for one search
GRAPHQL = "https://api.github.com/graphql"
GRAPHQL_BATCH = 50
_FIELDS = "number title body url createdAt author { login } comments { totalCount } reactions { totalCount }"
_NODE = f"... on Issue {{ {_FIELDS} }} ... on PullRequest {{ {_FIELDS} }}"


class GitHubConfig(SourceConfig):
    type: Literal["github"] = "github"
    query: str = Field(
        min_length=1, description="Search terms in GitHub's syntax, e.g. 'northwind' or '\"Northwind SDK\" crash'."
    )
    repos: list[str] = Field(
        default_factory=list, description="Only these repositories ('owner/name'); all of GitHub when empty."
    )
    include_pulls: bool = Field(default=False, description="Also watch pull requests, not only issues.")
    base_url: str | None = Field(default=API, description="REST API root (GitHub Enterprise: https://HOST/api/v3).")
    graphql_url: str = Field(
        default=GRAPHQL, description="GraphQL endpoint: re-reads 50 hot issues a request when a token is set."
    )
    token_env: str = credential(
        "GITHUB_TOKEN",
        "a token (fine-grained, no scopes needed for public data): raises search from 10 to 30 calls a minute",
        required=False,
    )
    page_size: int = Field(default=100, ge=1, le=100, description="Results per search page.")
    lookback: Duration = Field(default=timedelta(days=1), description="How far back the first poll starts.")
    refresh_limit: int = Field(
        default=30, ge=0, le=500, description="Hot issues re-read per poll at most (one request each)."
    )
    lookup_authors: bool = Field(
        default=True, description="Look up authors' follower counts (only with a token; cached)."
    )


class _Issue(BaseModel):
    model_config = ConfigDict(extra="ignore")

    number: int
    title: str = ""
    body: str | None = None
    html_url: str
    repository_url: str
    user: dict[str, Any] | None = None
    comments: int | None = None
    reactions: dict[str, Any] | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime | None = None
    pull_request: dict[str, Any] | None = None

    @property
    def key(self) -> str:
        """``owner/repo#number``: stable, readable, and enough to re-fetch the issue."""
        owner, repo = self.repository_url.rstrip("/").split("/")[-2:]
        return f"{owner}/{repo}#{self.number}"

    @property
    def login(self) -> str | None:
        return str(self.user.get("login") or "") or None if self.user else None


class GitHubConnector(Connector[GitHubConfig]):
    type = "github"
    config_class = GitHubConfig
    default_base_url = API
    can_refresh = True
    summary = "GitHub issues (and optionally pull requests) matching a search, in all or listed repositories"
    credentials = (Credential("GITHUB_TOKEN", False),)
    example: ClassVar[Mapping[str, Any]] = {
        "type": "github",
        "name": "github-northwind",
        "query": '"Northwind SDK"',
        "base_url": API,
        "graphql_url": GRAPHQL,
        "token_env": "GITHUB_TOKEN",
    }

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        mark = time_mark(ctx.cursor, "created")  # empty on a first poll: the created:>= qualifier is enough
        since = mark.moment or (ctx.now - self.config.lookback).astimezone(UTC).replace(microsecond=0)
        headers = self._headers(ctx)
        paging = self.paging(ctx)
        page_no = 1
        while True:
            params = {
                "q": f"{self._query()} created:>={_iso(since)}",
                "sort": "created",
                "order": "asc",
                "per_page": self.config.page_size,
                "page": page_no,
            }
            response = await ctx.http.get(f"{self.base_url}/search/issues", params=params, headers=headers)
            self._secondary_limit(ctx, response)
            ctx.http.raise_for_status(response)
            data = self.expect(ctx.http.json_of(response), dict, "search answer")
            issues = self._issues(ctx, self.expect(data.get("items"), list, "search 'items'"))
            fresh = [i for i in issues if mark.admits(i.created_at, i.key) and paging.is_new(i.key)]
            mark.advance((i.created_at, i.key) for i in fresh)
            since = mark.moment or since
            cursor = dump_time_mark(mark, "created") if fresh else None
            yield Page(await self._observations(ctx, fresh), cursor)
            more = len(issues) >= self.config.page_size and page_no * self.config.page_size < SEARCH_CAP
            if not paging.more(page_no + 1 if more else None):
                return
            page_no += 1

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        keys = [i for i in ids if "#" in i and "/" in i and i.rsplit("#", 1)[1].isdigit()]
        if self.secret(ctx, "token_env"):  # GraphQL (token only) reads 50 issues a request
            for start in range(0, len(keys), GRAPHQL_BATCH):
                yield Page(await self._refresh_batch(ctx, keys[start : start + GRAPHQL_BATCH]))
            return
        headers = self._headers(ctx)
        found: list[Observation] = []
        for key in keys[: self.config.refresh_limit]:  # REST has no batch lookup: one request each
            repo, _, number = key.partition("#")
            response = await ctx.http.get(f"{self.base_url}/repos/{repo}/issues/{number}", headers=headers)
            if response.status_code in (404, 410):
                ctx.log.info("%s: %s answers %d: deleted or hidden", self.where, key, response.status_code)
                found.append(self.deleted(ctx, key))
                continue
            ctx.http.raise_for_status(response)
            raw = self.expect(ctx.http.json_of(response), dict, f"issue {key}")
            found.extend(issue_observation(issue, ctx.now, {}) for issue in self._issues(ctx, [raw]))
        if found:
            yield Page(found)

    async def _refresh_batch(self, ctx: FetchContext, keys: list[str]) -> list[Observation]:
        """One GraphQL request for up to 50 issues; an issue it cannot find was deleted or hidden."""
        variables: dict[str, Any] = {}
        fields = []
        for n, key in enumerate(keys):
            repo, _, number = key.partition("#")
            owner, _, name = repo.partition("/")
            variables |= {f"o{n}": owner, f"r{n}": name, f"n{n}": int(number)}
            fields.append(
                f"i{n}: repository(owner: $o{n}, name: $r{n}) {{ issueOrPullRequest(number: $n{n}) {{ {_NODE} }} }}"
            )
        declared = ", ".join(f"$o{n}: String!, $r{n}: String!, $n{n}: Int!" for n in range(len(keys)))
        query = f"query({declared}) {{ {' '.join(fields)} }}"
        response = await ctx.http.post(
            self.url("graphql_url"), json={"query": query, "variables": variables}, headers=self._headers(ctx)
        )
        self._secondary_limit(ctx, response)
        ctx.http.raise_for_status(response)
        data = self.expect(ctx.http.json_of(response), dict, "GraphQL answer").get("data")
        if not isinstance(data, dict):
            raise SourceError(f"{self.where}: GraphQL answered without data")
        found: list[Observation] = []
        for n, key in enumerate(keys):
            node = (data.get(f"i{n}") or {}).get("issueOrPullRequest")
            if not isinstance(node, dict):
                ctx.log.info("%s: %s is no longer found: deleted or hidden", self.where, key)
                found.append(self.deleted(ctx, key))
                continue
            found.extend(self.records(ctx, [node], partial(_graphql_observation, key=key, now=ctx.now), "issue"))
        return found

    # -- helpers ---------------------------------------------------------------------------------

    def _secondary_limit(self, ctx: FetchContext, response: httpx.Response) -> None:
        """GitHub refuses with 403 (not 429) when a rate limit is spent: wait as its headers say."""
        if response.status_code != 403:
            return
        wait = parse_retry_after(response.headers.get("Retry-After"))
        if wait is None and response.headers.get("X-RateLimit-Remaining") == "0":
            wait = parse_reset(response.headers.get("X-RateLimit-Reset"))
        if wait is not None:
            raise ctx.http.problem(f"rate limited by GitHub for {wait:.0f}s; will try again at the next poll", wait)

    def _query(self) -> str:
        parts = [self.config.query, *(f"repo:{repo}" for repo in self.config.repos)]
        if not self.config.include_pulls:
            parts.append("is:issue")
        return " ".join(parts)

    def _headers(self, ctx: FetchContext) -> dict[str, str]:
        token = self.secret(ctx, "token_env")
        return HEADERS | {"Authorization": f"Bearer {token}"} if token else dict(HEADERS)

    def _issues(self, ctx: FetchContext, raws: list[Any]) -> list[Any]:
        issues: list[Any] = []
        self.records(ctx, raws, lambda raw: issues.append(_Issue.model_validate(raw)), "issue")
        return issues

    async def _observations(self, ctx: FetchContext, issues: list[_Issue]) -> list[Observation]:
        followers: Mapping[str, int] = {}
        token = self.secret(ctx, "token_env")
        if self.config.lookup_authors and token:
            logins = [i.login for i in issues if i.login]
            followers = await self.reach(ctx, logins, lambda missing: self._followers(ctx, missing))
        return [issue_observation(i, ctx.now, followers) for i in issues]

    async def _followers(self, ctx: FetchContext, logins: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for login in logins:
            user = self.expect(
                await ctx.http.get_json(f"{self.base_url}/users/{login}", headers=self._headers(ctx)), dict, "user"
            )
            if isinstance(user.get("followers"), int):
                found[login] = user["followers"]
        return found


def _graphql_observation(node: Mapping[str, Any], *, key: str, now: datetime) -> Observation:
    author = node.get("author") or {}
    return Observation(
        observed_at=now,
        source="github",
        id=key,
        url=node["url"],
        created_at=node["createdAt"],
        author=Author(handle=author.get("login")),
        text="\n\n".join(
            part for part in (str(node.get("title") or "").strip(), str(node.get("body") or "").strip()) if part
        ),
        engagement=Engagement(likes=node["reactions"]["totalCount"], replies=node["comments"]["totalCount"]),
    )


def issue_observation(issue: _Issue, now: datetime, followers: Mapping[str, int]) -> Observation:
    reactions = issue.reactions or {}
    total = reactions.get("total_count")
    return Observation(
        observed_at=now,
        source="github",
        id=issue.key,
        url=issue.html_url,
        created_at=issue.created_at,
        author=Author(id=(issue.user or {}).get("id"), handle=issue.login, followers=followers.get(issue.login or "")),
        text="\n\n".join(part for part in (issue.title.strip(), (issue.body or "").strip()) if part),
        engagement=Engagement(likes=total if isinstance(total, int) else None, replies=issue.comments),
    )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
