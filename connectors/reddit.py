"""Reddit: new posts matching a search, site-wide or in listed subreddits, through the OAuth API.

Reddit refuses anonymous JSON now, so the connector logs in as a *script app* with client
credentials (``POST {auth_url}/api/v1/access_token``, HTTP basic auth with the app's id and
secret, ``grant_type=client_credentials``) and keeps the bearer token in memory until shortly
before it expires. Requests then go to ``base_url`` (``https://oauth.reddit.com``) with a
descriptive User-Agent, as Reddit's API rules require.

Listing: ``/search`` (or ``/r/a+b/search`` with ``restrict_sr``, or ``/r/a+b/new`` without a
query), ``sort=new``, newest first, paged with ``after=<fullname>``. The cursor is the newest
creation moment stored plus the fullnames read at it (a ``Watermark``), so posts sharing it are neither
lost nor doubled; the floor moves only with the last page. When ``max_pages``/``max_items`` stop
a poll early the cursor keeps its floor and records where to go on (``resume``), so the next poll
reads the rest before moving up: nothing is skipped.

Refresh: ``/api/info?id=t3_a,t3_b`` (100 a call) gives fresh score and comment counts; a post
whose author deleted it or a moderator removed it is marked ``deleted``. Author reach: link plus
comment karma through ``/api/user_data_by_account_ids`` (batched, cached); a failed lookup never
fails the poll. Rate limits: Reddit's ``X-Ratelimit-Remaining``/``-Reset`` headers pace the client.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from connectors.base import (
    Connector,
    Credential,
    Cursor,
    FetchContext,
    Page,
    SourceConfig,
    credential,
)
from connectors.htmltext import join_text, normalize_space
from connectors.watermark import Watermark
from monitor.core.errors import SkipRecord
from monitor.core.observations import DELETED, Author, Engagement, Observation

BATCH = 100  # /api/info and user_data_by_account_ids take at most 100 ids a call
GONE = frozenset({"[deleted]", "[removed]"})
SITE = "https://www.reddit.com"
_TOKENS: dict[tuple[str, str], tuple[str, float]] = {}  # (auth_url, client_id) -> (token, expires at)


class RedditConfig(SourceConfig):
    type: Literal["reddit"] = "reddit"
    query: str | None = Field(
        default=None, min_length=1, description="Search terms (Reddit search syntax); without it, every new post."
    )
    subreddits: list[str] = Field(
        default_factory=list, description="Only these subreddits (names without r/); empty searches all of Reddit."
    )
    base_url: str | None = Field(default="https://oauth.reddit.com", description="OAuth API root.")
    auth_url: str = Field(default=SITE, description="Where the app gets its token (/api/v1/access_token).")
    client_id_env: str = credential(
        "REDDIT_CLIENT_ID", "the id of a Reddit script app (reddit.com/prefs/apps)", required=True
    )
    client_secret_env: str = credential("REDDIT_CLIENT_SECRET", "that app's secret", required=True)
    user_agent: str = Field(
        default="repmon/0.1 (reputation monitor)",
        min_length=8,
        description="User-Agent Reddit sees; its rules ask for app name, version and your username.",
    )
    page_size: int = Field(default=100, ge=1, le=100, description="Posts per listing page.")
    lookup_authors: bool = Field(default=True, description="Look up authors' karma (batched, cached).")

    @field_validator("subreddits")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        names = [name.strip().removeprefix("/").removeprefix("r/") for name in value]
        bad = [name for name in names if not name or not name.replace("_", "").isalnum()]
        if bad:
            raise ValueError(f"subreddit names are letters, digits and _ (check {', '.join(map(repr, bad))})")
        return names

    @model_validator(mode="after")
    def _something_to_watch(self) -> RedditConfig:
        if self.query is None and not self.subreddits:
            raise ValueError("give a query, subreddits, or both")
        return self


class _Post(BaseModel):
    """The fields of a t3 ``data`` object repmon reads."""

    model_config = ConfigDict(extra="ignore")

    name: str = Field(pattern=r"^t3_[0-9a-z]+$")
    created_utc: float
    title: str = ""
    selftext: str = ""
    author: str | None = None
    author_fullname: str | None = None
    permalink: str | None = None
    subreddit: str | None = None
    score: int | None = None
    num_comments: int | None = None
    removed_by_category: str | None = None

    @property
    def gone(self) -> bool:
        return self.removed_by_category is not None or self.selftext in GONE or self.author in GONE


class RedditConnector(Connector[RedditConfig]):
    type = "reddit"
    config_class = RedditConfig
    default_base_url = "https://oauth.reddit.com"
    can_refresh = True
    summary = "Reddit posts matching a search, site-wide or in listed subreddits (OAuth script app)"
    credentials = (Credential("REDDIT_CLIENT_ID", True), Credential("REDDIT_CLIENT_SECRET", True))
    example: ClassVar[dict[str, Any]] = {
        "type": "reddit",
        "name": "reddit",
        "query": '"Northwind Air"',
        "subreddits": ["travel", "flights"],
        "base_url": "https://oauth.reddit.com",
        "auth_url": SITE,
        "user_agent": "repmon/0.1 (by u/your_username)",
    }

    # -- polling ---------------------------------------------------------------------------------

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        headers = await self._headers(ctx)
        floor = _read_mark(ctx.cursor)
        resume = (ctx.cursor or {}).get("resume") if floor.moment is not None else None
        after: str | None = resume.get("after") if isinstance(resume, dict) else None
        top = _read_mark(resume.get("top") if isinstance(resume, dict) else None)
        top.advance([(floor.moment, i) for i in floor.ids] if floor.moment is not None else [])
        paging = self.paging(ctx)
        while True:
            params = self._listing_params(after)
            data = await ctx.http.get_json(f"{self.base_url}{self._listing_path()}", params=params, headers=headers)
            children, next_after = self._listing(data)
            posts = self.records(ctx, children, self._post_of, "post")
            new = [p for p in posts if floor.admits(int(p.created_utc), p.name) and paging.is_new(p.name)]
            reached_floor = floor.moment is not None and len(new) < len(posts)
            top.advance((int(p.created_utc), p.name) for p in new)
            observations = await self._observations(ctx, new, headers)
            if floor.moment is None:  # first poll: watch from now on, one page, no backfill
                if top.moment is None:
                    top.advance([(int(ctx.now.timestamp()), "")])
                yield Page(observations, _dump_mark(top))
                return
            if not reached_floor and paging.more(next_after):
                after = next_after
                yield Page(observations, None)
                continue
            if paging.capped and next_after is not None:
                yield Page(observations, {**_dump_mark(floor), "resume": {"after": next_after, "top": _dump_mark(top)}})
            else:
                yield Page(observations, _dump_mark(top))
            return

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        headers = await self._headers(ctx)
        names = [i for i in ids if i.startswith("t3_")]
        for start in range(0, len(names), BATCH):
            chunk = names[start : start + BATCH]
            data = await ctx.http.get_json(
                f"{self.base_url}/api/info", params={"id": ",".join(chunk), "raw_json": 1}, headers=headers
            )
            children, _ = self._listing(data)
            posts = self.records(ctx, children, self._post_of, "post")
            yield Page(await self._observations(ctx, posts, headers, refreshing=True))

    # -- requests --------------------------------------------------------------------------------

    async def _headers(self, ctx: FetchContext) -> dict[str, str]:
        client_id = self.secret(ctx, "client_id_env") or ""
        secret = self.secret(ctx, "client_secret_env") or ""
        key = (self.url("auth_url"), client_id)
        cached = _TOKENS.get(key)
        if cached is None or cached[1] <= time.monotonic():
            response = await ctx.http.post(
                f"{self.url('auth_url')}/api/v1/access_token",
                data={"grant_type": "client_credentials"},
                headers={"User-Agent": self.config.user_agent},
                auth=(client_id, secret),
            )
            token, body = self.login_token(
                ctx,
                response,
                "access_token",
                f"Reddit refused the app credentials; check ${self.config.client_id_env} "
                f"and ${self.config.client_secret_env}",
            )
            lifetime = body.get("expires_in")
            lifetime = float(lifetime) if isinstance(lifetime, int | float) else 3600.0
            cached = (token, time.monotonic() + max(60.0, lifetime - 300))
            _TOKENS[key] = cached
        ctx.http.add_secret(cached[0])
        return {"Authorization": f"bearer {cached[0]}", "User-Agent": self.config.user_agent}

    def _listing_path(self) -> str:
        subs = "+".join(self.config.subreddits)
        if self.config.query is None:
            return f"/r/{subs}/new"
        return f"/r/{subs}/search" if subs else "/search"

    def _listing_params(self, after: str | None) -> dict[str, Any]:
        params: dict[str, Any] = {"limit": self.config.page_size, "raw_json": 1}
        if self.config.query is not None:
            params |= {"q": self.config.query, "sort": "new", "type": "link"}
            if self.config.subreddits:
                params["restrict_sr"] = "on"
        if after:
            params["after"] = after
        return params

    def _listing(self, data: Any) -> tuple[list[Any], str | None]:
        body = self.expect(data, dict, "the listing")
        inner = self.expect(body.get("data"), dict, "the listing's data")
        children = self.expect(inner.get("children"), list, "the listing's children")
        after = inner.get("after")
        return children, after if isinstance(after, str) and after else None

    def _post_of(self, child: Any) -> _Post:
        if not isinstance(child, Mapping) or child.get("kind") != "t3":
            raise SkipRecord("not a post (kind t3)")
        return _Post.model_validate(child.get("data"))

    # -- observations ----------------------------------------------------------------------------

    async def _observations(
        self, ctx: FetchContext, posts: list[_Post], headers: dict[str, str], *, refreshing: bool = False
    ) -> list[Observation]:
        authors = {p.author_fullname for p in posts if p.author_fullname and not p.gone}
        karma: dict[str, int] = {}
        if self.config.lookup_authors and authors:
            karma = await self.reach(ctx, sorted(authors), lambda ids: self._karma(ctx, ids, headers))
        observations = []
        for post in posts:
            if post.gone and not refreshing:
                ctx.log.debug("%s: %s skipped: deleted or removed before repmon saw it", self.where, post.name)
                continue
            observations.append(self._observation(ctx, post, karma.get(post.author_fullname or "")))
        return observations

    async def _karma(self, ctx: FetchContext, ids: list[str], headers: dict[str, str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(ids), BATCH):
            data = await ctx.http.get_json(
                f"{self.base_url}/api/user_data_by_account_ids",
                params={"ids": ",".join(ids[start : start + BATCH])},
                headers=headers,
            )
            for account, info in self.expect(data, dict, "the account lookup").items():
                if isinstance(info, Mapping):
                    total = sum(v for k in ("link_karma", "comment_karma") if isinstance(v := info.get(k), int))
                    found[str(account)] = total
        return found

    def _observation(self, ctx: FetchContext, post: _Post, karma: int | None) -> Observation:
        body = "" if post.selftext in GONE else post.selftext
        extra: dict[str, Any] = {"subreddit": post.subreddit}
        if post.gone:
            extra[DELETED] = True
        return Observation(
            observed_at=ctx.now,
            source=self.platform_key(),
            id=post.name,
            url=f"{SITE}{post.permalink}" if post.permalink else None,
            created_at=datetime.fromtimestamp(post.created_utc, UTC),
            author=Author(
                id=post.author_fullname, handle=None if post.author in GONE else post.author, followers=karma
            ),
            text=join_text(normalize_space(post.title), normalize_space(body)),
            engagement=Engagement(likes=post.score, replies=post.num_comments),
            **extra,
        )


def _read_mark(cursor: Any) -> Watermark[int]:
    """The creation second a cursor stores and the fullnames read at it; empty when absent."""
    if not isinstance(cursor, dict):
        return Watermark()
    created, ids = cursor.get("created"), cursor.get("ids")
    if not isinstance(created, int) or isinstance(created, bool) or not isinstance(ids, list):
        return Watermark()
    return Watermark(created, {str(i) for i in ids if i})


def _dump_mark(mark: Watermark[int]) -> Cursor:
    return {"created": mark.moment, "ids": [i for i in mark.sorted_ids() if i]}
