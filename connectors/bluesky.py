"""Bluesky: posts matching the brand's search terms, through the AT Protocol XRPC API.

``app.bsky.feed.searchPosts`` needs a logged-in session (an app password exchanged for a token
with ``com.atproto.server.createSession`` at ``auth_url``); the token is kept in memory and reused
across polls, because Bluesky allows only a few logins an hour. Polls ask for ``sort=latest`` and
``since=<newest post stored>``: the source's own lower bound, so each poll reads only new posts.
Pages come newest first, so the cursor moves only with the last page; posts that share the
boundary timestamp are remembered by URI so they are neither lost nor stored twice. When a poll
hits its page cap, the cursor keeps the unread gap (``since`` .. ``until``) and the next poll
reads it before moving on.

Re-fetching engagement (``app.bsky.feed.getPosts``, 25 URIs a call) and author reach
(``app.bsky.actor.getProfiles``, 25 actors a call) work without a login on the public AppView.
A URI that ``getPosts`` no longer returns was deleted by its author.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from connectors.base import (
    Connector,
    Credential,
    Cursor,
    FetchContext,
    Page,
    SourceConfig,
    credential,
)
from connectors.watermark import Watermark, iso, parse_time
from monitor.core.observations import Author, Engagement, Observation

BATCH = 25  # getPosts and getProfiles take at most 25 URIs / actors a call
SESSION_TTL = 90 * 60.0  # access tokens live about two hours; renew well before
POST_URL = "https://bsky.app/profile/{handle}/post/{rkey}"
PDS = "https://bsky.social/xrpc"
APPVIEW = "https://public.api.bsky.app/xrpc"


class BlueskyConfig(SourceConfig):
    type: Literal["bluesky"] = "bluesky"
    query: str = Field(
        min_length=1,
        description="Search terms for searchPosts (phrases in quotes, from:handle, #tag, mentions:handle).",
    )
    lang: str | None = Field(default=None, description="Only posts in this language (e.g. 'en'); all when unset.")
    base_url: str | None = Field(default=PDS, description="XRPC root of the PDS that serves the logged-in search.")
    auth_url: str = Field(default=PDS, description="XRPC root where createSession logs in (your account's PDS).")
    appview_url: str = Field(
        default=APPVIEW, description="Public AppView XRPC root for getPosts and getProfiles, which need no login."
    )
    identifier_env: str = credential(
        "BLUESKY_IDENTIFIER", "the account handle or email that logs in for search", required=True
    )
    password_env: str = credential(
        "BLUESKY_APP_PASSWORD",
        "an app password (Settings > Privacy and security > App passwords), never the account password",
        required=True,
    )
    page_size: int = Field(default=50, ge=1, le=100, description="Posts per searchPosts page.")
    lookup_authors: bool = Field(default=True, description="Look up authors' follower counts (batched, cached).")


class _Session:
    """Access tokens by (auth_url, identifier), shared by every poll of this process."""

    tokens: ClassVar[dict[tuple[str, str], tuple[str, float]]] = {}


class _PostView(BaseModel):
    model_config = ConfigDict(extra="ignore")

    uri: str = Field(pattern=r"^at://")
    author: dict[str, Any] = Field(default_factory=dict)
    record: dict[str, Any] = Field(default_factory=dict)
    reply_count: int | None = Field(default=None, alias="replyCount")
    repost_count: int | None = Field(default=None, alias="repostCount")
    like_count: int | None = Field(default=None, alias="likeCount")
    quote_count: int | None = Field(default=None, alias="quoteCount")
    indexed_at: AwareDatetime | None = Field(default=None, alias="indexedAt")

    @property
    def did(self) -> str | None:
        return str(self.author.get("did") or "") or None

    @property
    def sort_at(self) -> datetime | None:
        """searchPosts' ``since`` compares with the earlier of createdAt and indexedAt."""
        moments = [m for m in (parse_time(self.record.get("createdAt")), self.indexed_at) if m is not None]
        return min(moments) if moments else None


class BlueskyConnector(Connector[BlueskyConfig]):
    type = "bluesky"
    config_class = BlueskyConfig
    default_base_url = PDS
    can_refresh = True
    summary = "Bluesky posts matching a search (searchPosts, app-password login); engagement via getPosts"
    credentials = (Credential("BLUESKY_IDENTIFIER", True), Credential("BLUESKY_APP_PASSWORD", True))
    example: ClassVar[Mapping[str, Any]] = {
        "type": "bluesky",
        "name": "bluesky-northwind",
        "query": '"Northwind Air"',
        "base_url": PDS,
        "auth_url": PDS,
        "appview_url": APPVIEW,
        "identifier_env": "BLUESKY_IDENTIFIER",
        "password_env": "BLUESKY_APP_PASSWORD",
    }

    # -- polling ---------------------------------------------------------------------------------

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        state = _State.read(ctx.cursor)
        token = await self._token(ctx)
        paging = self.paging(ctx)
        page_cursor: str | None = None
        while True:
            params: dict[str, Any] = {"q": self.config.query, "sort": "latest", "limit": self.config.page_size}
            if state.since is not None:
                params["since"] = iso(state.since, "milliseconds")  # inclusive; equal ones are filtered here
            if state.until is not None:
                # exclusive upper bound: 1 ms later so posts sharing the oldest read moment are not lost
                params["until"] = iso(state.until + timedelta(milliseconds=1), "milliseconds")
            if self.config.lang:
                params["lang"] = self.config.lang
            if page_cursor:
                params["cursor"] = page_cursor
            data = await self._get(ctx, f"{self.base_url}/app.bsky.feed.searchPosts", params, token)
            fresh = [
                view for view in self._views(ctx, data, "searchPosts") if state.admit(view) and paging.is_new(view.uri)
            ]
            for view in fresh:
                state.saw(view)
            observations = await self._observations(ctx, fresh)
            next_cursor = data.get("cursor") if isinstance(data.get("cursor"), str) and data.get("cursor") else None
            if paging.more(next_cursor):
                yield Page(observations, None)
                page_cursor = next_cursor
                continue
            yield Page(observations, state.cursor(capped=paging.capped))
            return

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        uris = [uri for uri in ids if uri.startswith("at://")]
        for start in range(0, len(uris), BATCH):
            chunk = uris[start : start + BATCH]
            data = await self._get(ctx, f"{self.url('appview_url')}/app.bsky.feed.getPosts", {"uris": chunk})
            views = self._views(ctx, data, "getPosts")
            returned = {view.uri for view in views}
            gone = [self._deleted(ctx, uri) for uri in chunk if uri not in returned]
            yield Page([*await self._observations(ctx, views), *gone])

    # -- helpers ---------------------------------------------------------------------------------

    async def _token(self, ctx: FetchContext) -> str:
        identifier = self.secret(ctx, "identifier_env") or ""
        password = self.secret(ctx, "password_env") or ""
        key = (self.url("auth_url"), identifier)
        cached = _Session.tokens.get(key)
        if cached is not None and cached[1] > time.monotonic():
            ctx.http.add_secret(cached[0])
            return cached[0]
        url = f"{self.url('auth_url')}/com.atproto.server.createSession"
        response = await ctx.http.post(url, json={"identifier": identifier, "password": password})
        token, _ = self.login_token(
            ctx,
            response,
            "accessJwt",
            f"Bluesky refused the login; check ${self.config.identifier_env} and the app password in "
            f"${self.config.password_env}",
        )
        _Session.tokens[key] = (token, time.monotonic() + SESSION_TTL)
        return token

    async def _get(
        self, ctx: FetchContext, url: str, params: Mapping[str, Any], token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else None
        response = await ctx.http.get(url, params=params, headers=headers)
        if response.status_code == 401 and token:
            _Session.tokens.clear()  # expired or revoked: log in again at the next poll
        ctx.http.raise_for_status(response)
        return self.expect(ctx.http.json_of(response), dict, url.rsplit("/", 1)[-1] + " answer")

    def _views(self, ctx: FetchContext, data: Mapping[str, Any], call: str) -> list[_PostView]:
        posts = self.expect(data.get("posts"), list, f"{call} 'posts'")
        views: list[_PostView] = []
        self.records(ctx, posts, lambda raw: views.append(_PostView.model_validate(raw)), "post")
        return views

    async def _observations(self, ctx: FetchContext, views: list[_PostView]) -> list[Observation]:
        followers: Mapping[str, int] = {}
        if self.config.lookup_authors:
            followers = await self.reach(ctx, [v.did for v in views if v.did], lambda dids: self._profiles(ctx, dids))
        return [post_observation(view, ctx.now, followers) for view in views]

    async def _profiles(self, ctx: FetchContext, dids: list[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(dids), BATCH):
            data = await self._get(
                ctx, f"{self.url('appview_url')}/app.bsky.actor.getProfiles", {"actors": dids[start : start + BATCH]}
            )
            for profile in data.get("profiles") or []:
                if isinstance(profile, Mapping) and isinstance(profile.get("followersCount"), int):
                    found[str(profile.get("did"))] = profile["followersCount"]
        return found

    def _deleted(self, ctx: FetchContext, uri: str) -> Observation:
        ctx.log.info("%s: %s is no longer returned by getPosts: deleted by its author", self.where, uri)
        return self.deleted(ctx, uri)


class _State:
    """The poll's position: a lower bound, an optional upper bound (an unread gap), and the boundary."""

    def __init__(self, lower: Watermark[datetime], until: datetime | None, read: set[str], then: Cursor | None) -> None:
        self.lower, self.until, self.read_at_until, self.then = lower, until, read, then
        self.top: Watermark[datetime] = Watermark()
        self.oldest: datetime | None = None
        self.at_oldest: set[str] = set()

    @property
    def since(self) -> datetime | None:
        return self.lower.moment

    @classmethod
    def read(cls, cursor: Cursor | None) -> _State:
        cursor = cursor or {}
        then = cursor.get("then")
        return cls(
            Watermark(parse_time(cursor.get("since")), _uris(cursor.get("uris"))),
            parse_time(cursor.get("until")),
            _uris(cursor.get("read")),
            then if isinstance(then, dict) else None,
        )

    def admit(self, view: _PostView) -> bool:
        moment = view.sort_at
        if moment is None:
            return False
        if self.until is not None and (
            moment > self.until or (moment == self.until and view.uri in self.read_at_until)
        ):
            return False
        return self.lower.admits(moment, view.uri)

    def saw(self, view: _PostView) -> None:
        moment = view.sort_at
        assert moment is not None  # admit() let only dated posts through
        self.top.advance([(moment, view.uri)])
        if self.oldest is None or moment < self.oldest:
            self.oldest, self.at_oldest = moment, {view.uri}
        elif moment == self.oldest:
            self.at_oldest.add(view.uri)

    def cursor(self, *, capped: bool) -> Cursor | None:
        if self.top.moment is None:
            return self.then if self.until is not None else None  # a gap with nothing left in it is closed
        upper: Cursor = {"since": iso(self.top.moment), "uris": self.top.sorted_ids()}
        if self.until is not None:
            upper = self.then or upper
        if capped and self.oldest is not None:
            # keep the unread gap between the old lower bound and the oldest post read
            gap: Cursor = {"until": iso(self.oldest), "read": sorted(self.at_oldest), "then": upper}
            if self.lower.moment is not None:
                gap |= {"since": iso(self.lower.moment), "uris": self.lower.sorted_ids()}
            return gap
        return upper


def post_observation(view: _PostView, now: datetime, followers: Mapping[str, int]) -> Observation:
    """One PostView (searchPosts, getPosts, getQuotes) as an observation."""
    record = view.record
    handle = str(view.author.get("handle") or "") or None
    langs = record.get("langs")
    return Observation(
        observed_at=now,
        source="bluesky",
        id=view.uri,
        url=POST_URL.format(handle=handle or view.did, rkey=view.uri.rsplit("/", 1)[-1]),
        created_at=parse_time(record.get("createdAt")) or view.indexed_at,
        author=Author(id=view.did, handle=handle, followers=followers.get(view.did or "")),
        text=str(record.get("text") or ""),
        engagement=Engagement(
            likes=view.like_count, reposts=view.repost_count, replies=view.reply_count, quotes=view.quote_count
        ),
        in_reply_to=_parent(record),
        lang=langs[0] if isinstance(langs, list) and langs and isinstance(langs[0], str) else None,
    )


def _parent(record: Mapping[str, Any]) -> str | None:
    """The post replied to, else the post quoted (a quote spreads the post it quotes)."""
    reply = record.get("reply")
    if isinstance(reply, Mapping) and isinstance(reply.get("parent"), Mapping):
        return str(reply["parent"].get("uri") or "") or None
    embed = record.get("embed")
    quoted = embed.get("record") if isinstance(embed, Mapping) else None
    if isinstance(quoted, Mapping) and isinstance(quoted.get("record"), Mapping):
        quoted = quoted["record"]  # recordWithMedia wraps the quoted record once more
    if isinstance(quoted, Mapping) and str(quoted.get("uri", "")).startswith("at://"):
        return str(quoted["uri"])
    return None


def _uris(value: Any) -> set[str]:
    return {u for u in value if isinstance(u, str)} if isinstance(value, list) else set()
