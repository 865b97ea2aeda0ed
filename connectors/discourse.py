"""Discourse forums: posts matching a search, or every new post of a forum (a brand's own community).

Per instance (``instance_url``). ``query`` uses ``/search.json`` with ``order:latest`` (newest
first, paged by number); ``latest_posts`` reads ``/posts.json`` (the forum's newest posts, paged
back with ``before=<post id>``). Neither has a "since" filter, so each poll walks down to the
stored mark (:class:`~connectors.descent.Descent`; a capped walk resumes next poll).
``categories`` keeps only posts in those category ids (a brand's own support category, where
posts rarely name the brand: pair it with ``brand``).

Public forums need no credential; a private one takes an API key (``DISCOURSE_API_KEY``, made by
an admin at /admin/api/keys, read-only scope) sent with ``api_username``. Observation ids are
``{instance_url}/p/{post id}`` (Discourse's own short link to a post). Refresh re-reads each hot
post (``/posts/{id}.json``: likes, replies, reads); a deleted or hidden post is marked ``deleted``.
Discourse rate-limits per IP (default 60 requests a minute for anonymous reads) and answers 429
with ``Retry-After``, which the framework honours. HTML (``cooked``) becomes plain text once.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from connectors.base import Connector, Credential, FetchContext, Page, SourceConfig, credential
from connectors.descent import walk_feeds
from connectors.htmltext import html_to_text, join_text, normalize_space
from monitor.core.observations import DELETED, Author, Engagement, Observation

LIKE = 2  # the post action type id of a like in actions_summary


class DiscourseConfig(SourceConfig):
    type: Literal["discourse"] = "discourse"
    instance_url: str = Field(default="https://meta.discourse.org", description="The forum's root URL.")
    query: str | None = Field(default=None, min_length=1, description="Search terms (Discourse search syntax).")
    latest_posts: bool = Field(default=False, description="Read every new post of the forum (/posts.json).")
    categories: list[int] = Field(default_factory=list, description="Keep only posts in these category ids.")
    api_key_env: str = credential("DISCOURSE_API_KEY", "an API key, only for private forums", required=False)
    api_username: str = Field(default="system", min_length=1, description="The user the API key acts as.")

    @model_validator(mode="after")
    def _something_to_watch(self) -> DiscourseConfig:
        if self.query is None and not self.latest_posts:
            raise ValueError("give a query, or set latest_posts = true")
        return self


class _Post(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: int
    topic_id: int | None = None
    post_number: int = 1
    created_at: datetime
    username: str | None = None
    user_id: int | None = None
    cooked: str | None = None
    blurb: str | None = None
    topic_slug: str | None = None
    topic_title: str | None = None
    category_id: int | None = None
    like_count: int | None = None
    reply_count: int | None = None
    reads: int | None = None
    actions_summary: list[dict[str, Any]] = Field(default_factory=list)
    deleted_at: datetime | None = None
    user_deleted: bool = False
    hidden: bool = False

    @property
    def gone(self) -> bool:
        return self.deleted_at is not None or self.user_deleted or self.hidden

    @property
    def likes(self) -> int | None:
        if self.like_count is not None:
            return self.like_count
        counts = [a.get("count") for a in self.actions_summary if a.get("id") == LIKE]
        return int(counts[0]) if counts and isinstance(counts[0], int) else None


class DiscourseConnector(Connector[DiscourseConfig]):
    type = "discourse"
    config_class = DiscourseConfig
    can_refresh = True
    summary = "Discourse forum posts matching a search, or every new post of a forum, per instance"
    credentials = (Credential("DISCOURSE_API_KEY", False),)
    example: ClassVar[dict[str, Any]] = {
        "type": "discourse",
        "name": "forum",
        "instance_url": "https://meta.discourse.org",
        "query": "Northwind Air",
    }

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        headers = self._headers(ctx)
        feeds = (["search"] if self.config.query is not None else []) + (["latest"] if self.config.latest_posts else [])

        async def read(feed: str, token: str | None) -> tuple[list[tuple[datetime | None, str, _Post]], str | None]:
            posts, next_token = await self._page(ctx, feed, token, headers)
            return [(p.created_at, self._id(p), p) for p in posts], next_token

        async def observe(fresh: list[_Post]) -> list[Observation]:
            return [self._observation(ctx, p) for p in fresh if self._wanted(p)]

        async for page in walk_feeds(feeds, ctx.cursor, lambda: self.paging(ctx), read, observe):
            yield page

    async def _page(
        self, ctx: FetchContext, feed: str, token: str | None, headers: dict[str, str]
    ) -> tuple[list[_Post], str | None]:
        root = self.url("instance_url")
        if feed == "latest":
            data = await ctx.http.get_json(
                f"{root}/posts.json", params={"before": token} if token else None, headers=headers
            )
            raws = self.expect(self.expect(data, dict, "the latest posts").get("latest_posts"), list, "latest_posts")
            posts = self.records(ctx, raws, _Post.model_validate, "post")
            oldest = min((p.id for p in posts), default=None)
            return posts, str(oldest - 1) if oldest and oldest > 1 else None
        page = int(token) if token and token.isdigit() else 1
        params = {"q": f"{self.config.query} order:latest", "page": page}
        body = self.expect(
            await ctx.http.get_json(f"{root}/search.json", params=params, headers=headers), dict, "search"
        )
        topics = {t.get("id"): t for t in body.get("topics") or [] if isinstance(t, Mapping)}
        raws = self.expect(body.get("posts") or [], list, "the search's posts")
        posts = self.records(ctx, raws, lambda raw: _with_topic(raw, topics), "post")
        grouped = body.get("grouped_search_result")
        more = isinstance(grouped, Mapping) and (grouped.get("more_full_page_results") or grouped.get("more_posts"))
        return posts, str(page + 1) if more else None

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        headers = self._headers(ctx)
        prefix = f"{self.url('instance_url')}/p/"
        batch: list[Observation] = []
        for post_id in ids:
            number = post_id.removeprefix(prefix)
            if not post_id.startswith(prefix) or not number.isdigit():
                continue  # another forum's post
            response = await ctx.http.get(f"{self.url('instance_url')}/posts/{number}.json", headers=headers)
            if response.status_code in (403, 404, 410):
                batch.append(self.deleted(ctx, post_id))
                continue
            ctx.http.raise_for_status(response)
            batch.extend(
                self._observation(ctx, p)
                for p in self.records(ctx, [ctx.http.json_of(response)], _Post.model_validate, "post")
            )
        if batch:
            yield Page(batch)

    def _headers(self, ctx: FetchContext) -> dict[str, str]:
        key = self.secret(ctx, "api_key_env")
        return {"Api-Key": key, "Api-Username": self.config.api_username} if key else {}

    def _wanted(self, post: _Post) -> bool:
        in_category = not self.config.categories or post.category_id in self.config.categories
        return in_category and not post.gone

    def _id(self, post: _Post) -> str:
        return f"{self.url('instance_url')}/p/{post.id}"

    def _observation(self, ctx: FetchContext, post: _Post) -> Observation:
        title = normalize_space(post.topic_title or "") if post.post_number == 1 else ""
        body = html_to_text(post.cooked) if post.cooked else html_to_text(post.blurb)
        where = f"{self.url('instance_url')}/t/{post.topic_slug or '-'}/{post.topic_id}/{post.post_number}"
        extra: dict[str, Any] = {"category_id": post.category_id}
        if post.gone:
            extra[DELETED] = True
        return Observation(
            observed_at=ctx.now,
            source=self.platform_key(),
            id=self._id(post),
            url=where if post.topic_id is not None else self._id(post),
            created_at=post.created_at,
            author=Author(id=str(post.user_id) if post.user_id is not None else None, handle=post.username),
            text=join_text(title, body),
            engagement=Engagement(likes=post.likes, replies=post.reply_count, views=post.reads),
            **extra,
        )


def _with_topic(raw: Any, topics: Mapping[Any, Mapping[str, Any]]) -> _Post:
    """A search hit completed with its topic's title, slug and category (search sends them apart)."""
    if not isinstance(raw, Mapping):
        raise ValueError(f"a {type(raw).__name__}, not a post")
    topic = topics.get(raw.get("topic_id"), {})
    return _Post.model_validate(
        {
            "topic_title": topic.get("title"),
            "topic_slug": topic.get("slug"),
            "category_id": topic.get("category_id"),
            **raw,
        }
    )
