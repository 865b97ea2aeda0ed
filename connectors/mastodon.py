"""Mastodon: statuses under hashtags (public tag timelines) or matching a search (needs a token).

Per instance: ``instance_url`` names the server asked; its tag timeline shows the public posts it
knows from the whole fediverse. Polls page *forwards* with ``min_id`` (the statuses right after
the newest id stored, oldest page first), so every page's cursor is safe to store and a capped
poll simply goes on at the next one. Ids are the instance's own and time-ordered; the cursor keeps
the newest per hashtag (and one for the search). The first poll reads the newest page only.

Status search (``/api/v2/search?type=statuses``) needs an access token (any account on the
instance: Preferences > Development > New application, scope ``read:search``); tag timelines
work without one on most instances. Observation ids are status URIs (the same post seen through
two instances is one post). Reach comes with every status (``account.followers_count``).

Refresh: statuses are re-read in batches (``/api/v1/statuses?id[]=``, Mastodon 4.3+; one by one
from older servers). A status on this instance is re-read from it; a remote status whose URI has
Mastodon's shape (``https://host/users/name/statuses/<id>``) is re-read from its origin server when
``origin_refresh`` is on, because a remote copy's counts are only what has reached this
instance. That is the one call to a host no URL option names (the post names it). A status that
answers 404 or 410 was deleted and is marked so. Rate limits: ``X-RateLimit-*`` headers pace the client.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from typing import Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from connectors.base import (
    Connector,
    Credential,
    CredentialNeed,
    Cursor,
    FetchContext,
    Page,
    SourceConfig,
    credential,
)
from connectors.htmltext import html_to_text, join_text, normalize_space
from monitor.core.observations import Author, Engagement, Observation

SEARCH = "search"
BATCH = 20  # ids per /api/v1/statuses?id[]= call
_MASTODON_URI = re.compile(r"^(https?://[^/]+)/users/[^/]+/statuses/(\d+)$")


class MastodonConfig(SourceConfig):
    type: Literal["mastodon"] = "mastodon"
    instance_url: str = Field(default="https://mastodon.social", description="The Mastodon server to ask.")
    hashtags: list[str] = Field(default_factory=list, description="Hashtags to follow (without #); public.")
    query: str | None = Field(
        default=None, min_length=1, description="Status search terms; needs token_env set (instance search)."
    )
    token_env: str = credential(
        "MASTODON_TOKEN", "an access token with read:search, needed only for query", required=False
    )
    page_size: int = Field(default=40, ge=1, le=40, description="Statuses per page (Mastodon allows 40).")
    origin_refresh: bool = Field(
        default=True, description="Re-read remote statuses' counts from their own server when refreshing."
    )

    @field_validator("hashtags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        tags = [tag.strip().lstrip("#") for tag in value]
        bad = [tag for tag in tags if not re.fullmatch(r"\w+", tag)]
        if bad:
            raise ValueError(f"hashtags are letters, digits and _ (check {', '.join(map(repr, bad))})")
        return tags

    @model_validator(mode="after")
    def _something_to_watch(self) -> MastodonConfig:
        if not self.hashtags and self.query is None:
            raise ValueError("give hashtags, a query, or both")
        return self

    def credential_needs(self) -> list[CredentialNeed]:
        needs = super().credential_needs()
        return [need._replace(required=self.query is not None) for need in needs]


class _Account(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    id: str | None = None
    acct: str | None = None
    followers_count: int | None = Field(default=None, ge=0)


class _Status(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    id: str = Field(pattern=r"^\d+$")
    uri: str = Field(min_length=1)
    url: str | None = None
    created_at: AwareDatetime
    content: str = ""
    spoiler_text: str = ""
    language: str | None = None
    in_reply_to_id: str | None = None
    account: _Account = Field(default_factory=_Account)
    favourites_count: int | None = None
    reblogs_count: int | None = None
    replies_count: int | None = None
    reblog: dict[str, Any] | None = None


class MastodonConnector(Connector[MastodonConfig]):
    type = "mastodon"
    config_class = MastodonConfig
    can_refresh = True
    summary = "Mastodon statuses under hashtags (public) or matching a search (token) on one instance"
    credentials = (Credential("MASTODON_TOKEN", False),)
    example: ClassVar[dict[str, Any]] = {
        "type": "mastodon",
        "name": "mastodon",
        "instance_url": "https://mastodon.social",
        "hashtags": ["northwindair", "travel"],
    }

    # -- polling ---------------------------------------------------------------------------------

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        cursor: Cursor = dict(ctx.cursor or {})
        headers = self._headers(ctx)
        feeds = [(tag, f"/api/v1/timelines/tag/{tag}") for tag in self.config.hashtags]
        if self.config.query is not None:
            feeds.append((SEARCH, "/api/v2/search"))
        for key, path in feeds:
            async for observations, newest in self._feed(ctx, key, path, _id(cursor.get(key)), headers):
                if newest is not None:
                    cursor = {**cursor, key: newest}
                yield Page(observations, dict(cursor))

    async def _feed(
        self, ctx: FetchContext, key: str, path: str, since: int | None, headers: dict[str, str]
    ) -> AsyncIterator[tuple[list[Observation], str | None]]:
        paging = self.paging(ctx)
        while True:
            params: dict[str, Any] = {"limit": self.config.page_size}
            if key == SEARCH:
                params |= {"q": self.config.query, "type": "statuses", "resolve": "false"}
            if since is not None:
                params["min_id"] = str(since)
            data = await ctx.http.get_json(f"{self.url('instance_url')}{path}", params=params, headers=headers)
            raws = self.expect(data, dict, "the search answer").get("statuses", []) if key == SEARCH else data
            statuses = self.records(ctx, self.expect(raws, list, f"the {key} page"), _Status.model_validate, "status")
            fresh = [s for s in statuses if since is None or int(s.id) > since]
            fresh = [s for s in fresh if paging.is_new(s.uri)]
            newest = max((int(s.id) for s in fresh), default=None)
            yield [self._observation(ctx, s) for s in fresh if s.reblog is None], str(newest) if newest else None
            if since is None:  # first poll: from now on, no backfill
                return
            full = len(statuses) >= self.config.page_size
            if not paging.more(newest if full else None):
                return
            since = newest

    # -- refresh ---------------------------------------------------------------------------------

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        own = self.url("instance_url")
        by_server: dict[str, list[tuple[str, str]]] = {}
        for uri in ids:
            match = _MASTODON_URI.match(uri)
            if match is None:
                continue  # not a Mastodon-shaped URI: no server to ask
            origin, status_id = match.groups()
            if urlsplit(origin).netloc == urlsplit(own).netloc:
                origin = own
            elif not self.config.origin_refresh:
                continue
            by_server.setdefault(origin, []).append((uri, status_id))
        for server, wanted in by_server.items():
            headers = self._headers(ctx) if server == own else {}  # a token is for its own instance only
            for start in range(0, len(wanted), BATCH):
                yield Page(await self._reread(ctx, server, wanted[start : start + BATCH], headers))

    async def _reread(
        self, ctx: FetchContext, server: str, wanted: list[tuple[str, str]], headers: dict[str, str]
    ) -> list[Observation]:
        """``GET /api/v1/statuses?id[]=`` (Mastodon 4.3+); one by one on servers without the batch call.

        A status the batch leaves out, or that answers 404/410, was deleted (or is no longer public).
        """
        response = await ctx.http.get(
            f"{server}/api/v1/statuses", params={"id[]": [i for _, i in wanted]}, headers=headers
        )
        if response.status_code in (400, 404, 422):  # no batch lookup on this server
            found: dict[str, _Status] = {}
            for _, status_id in wanted:
                single = await ctx.http.get(f"{server}/api/v1/statuses/{status_id}", headers=headers)
                if single.status_code not in (404, 410):
                    ctx.http.raise_for_status(single)
                    for status in self.records(ctx, [ctx.http.json_of(single)], _Status.model_validate, "status"):
                        found[status_id] = status
        else:
            ctx.http.raise_for_status(response)
            answer = self.expect(ctx.http.json_of(response), list, "the statuses answer")
            found = {s.id: s for s in self.records(ctx, answer, _Status.model_validate, "status")} if answer else {}
        return [
            self._observation(ctx, found[status_id], uri) if status_id in found else self.deleted(ctx, uri)
            for uri, status_id in wanted
        ]

    # -- helpers ---------------------------------------------------------------------------------

    def _headers(self, ctx: FetchContext) -> dict[str, str]:
        token = self.secret(ctx, "token_env")
        return {"Authorization": f"Bearer {token}"} if token else {}

    def _observation(self, ctx: FetchContext, status: _Status, uri: str | None = None) -> Observation:
        warning = normalize_space(status.spoiler_text)
        return Observation(
            observed_at=ctx.now,
            source=self.platform_key(),
            id=uri or status.uri,
            url=status.url or status.uri,
            created_at=status.created_at,
            author=Author(id=status.account.id, handle=status.account.acct, followers=status.account.followers_count),
            text=join_text(warning, html_to_text(status.content)),
            engagement=Engagement(
                likes=status.favourites_count, reposts=status.reblogs_count, replies=status.replies_count
            ),
            in_reply_to=status.in_reply_to_id,
            lang=status.language,
        )


def _id(value: Any) -> int | None:
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None
