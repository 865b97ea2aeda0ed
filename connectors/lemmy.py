"""Lemmy: posts and comments matching a search, or new posts in listed communities, on one instance.

Per instance (``instance_url``), through the v3 HTTP API (Lemmy 0.19): ``/api/v3/search``
(``type_=Posts`` and ``type_=Comments``, ``sort=New``) and ``/api/v3/post/list`` per community
(``community_name``, ``sort=New``). Both list newest first and page by number, with no "since"
filter, so a poll walks down to the stored mark (:class:`~connectors.descent.Descent`: one mark per
feed; a walk stopped by the cap resumes from its page number next poll). Reading is public on
most instances; an instance that requires a login for search takes a JWT from ``token_env``.

Observation ids are the instance's own URLs (``https://instance/post/123``,
``https://instance/comment/456``): unique across instances and the link a person opens. Refresh
re-reads each hot post or comment (``/api/v3/post?id=``, ``/api/v3/comment?id=``; Lemmy has no batch
lookup); a deleted or removed one is marked ``deleted``. Lemmy shows no follower counts, so there is
no reach. Rate limits are per IP and instance-configured; 429s are waited out by the framework.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from connectors.base import Connector, Credential, FetchContext, Page, SourceConfig, credential
from connectors.descent import walk_feeds
from connectors.htmltext import join_text, normalize_space
from connectors.watermark import parse_time
from monitor.core.errors import SkipRecord
from monitor.core.observations import DELETED, Author, Engagement, Observation


class LemmyConfig(SourceConfig):
    type: Literal["lemmy"] = "lemmy"
    instance_url: str = Field(default="https://lemmy.world", description="The Lemmy instance to ask.")
    query: str | None = Field(default=None, min_length=1, description="Search terms (posts and comments).")
    communities: list[str] = Field(
        default_factory=list, description="Communities whose new posts to read, e.g. 'travel' or 'travel@lemmy.ml'."
    )
    comments: bool = Field(default=True, description="Search comments too, not only posts (needs query).")
    token_env: str = credential(
        "LEMMY_TOKEN", "a login JWT, only for instances that refuse anonymous search", required=False
    )
    page_size: int = Field(default=50, ge=1, le=50, description="Items per page (Lemmy allows 50).")

    @field_validator("communities")
    @classmethod
    def _names(cls, value: list[str]) -> list[str]:
        names = [name.strip().removeprefix("!") for name in value]
        bad = [name for name in names if not name or " " in name or "/" in name]
        if bad:
            raise ValueError(f"communities are names like travel or travel@lemmy.ml (check {bad!r})")
        return names

    @model_validator(mode="after")
    def _something_to_watch(self) -> LemmyConfig:
        if self.query is None and not self.communities:
            raise ValueError("give a query, communities, or both")
        return self


class _Item(BaseModel):
    """A PostView or CommentView, reduced to what repmon reads."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["post", "comment"]
    id: int
    published: datetime
    text: str
    author: str | None
    author_id: int | None
    likes: int | None
    replies: int | None
    gone: bool
    in_reply_to: str | None = None
    community: str | None = None


class LemmyConnector(Connector[LemmyConfig]):
    type = "lemmy"
    config_class = LemmyConfig
    can_refresh = True
    summary = "Lemmy posts and comments matching a search, or new posts in communities, on one instance"
    credentials = (Credential("LEMMY_TOKEN", False),)
    example: ClassVar[dict[str, Any]] = {
        "type": "lemmy",
        "name": "lemmy",
        "instance_url": "https://lemmy.world",
        "query": "Northwind Air",
        "communities": ["travel"],
    }

    def _feeds(self) -> list[tuple[str, str, dict[str, Any]]]:
        feeds: list[tuple[str, str, dict[str, Any]]] = []
        if self.config.query is not None:
            search = {"q": self.config.query, "sort": "New", "listing_type": "All"}
            feeds.append(("posts", "/api/v3/search", {**search, "type_": "Posts"}))
            if self.config.comments:
                feeds.append(("comments", "/api/v3/search", {**search, "type_": "Comments"}))
        for name in self.config.communities:
            feeds.append((f"community:{name}", "/api/v3/post/list", {"community_name": name, "sort": "New"}))
        return feeds

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        headers = self._headers(ctx)
        feeds = {feed: (path, selector) for feed, path, selector in self._feeds()}

        async def read(feed: str, token: str | None) -> tuple[list[tuple[datetime | None, str, _Item]], str | None]:
            path, selector = feeds[feed]
            page_no = int(token) if token and token.isdigit() else 1
            params = {**selector, "page": page_no, "limit": self.config.page_size}
            data = await ctx.http.get_json(f"{self.url('instance_url')}{path}", params=params, headers=headers)
            key = "comments" if selector.get("type_") == "Comments" else "posts"
            raws = self.expect(self.expect(data, dict, f"the {feed} page").get(key, []), list, f"the {feed} {key}")
            items = self.records(ctx, raws, _parse, key[:-1])
            next_page = str(page_no + 1) if len(raws) >= self.config.page_size else None
            return [(i.published, self._id(i), i) for i in items], next_page

        async def observe(fresh: list[_Item]) -> list[Observation]:
            return [self._observation(ctx, i) for i in fresh if not i.gone]

        async for page in walk_feeds(feeds, ctx.cursor, lambda: self.paging(ctx), read, observe):
            yield page

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        headers = self._headers(ctx)
        root = self.url("instance_url")
        batch: list[Observation] = []
        for post_id in ids:
            kind, _, number = post_id.removeprefix(root + "/").partition("/")
            if not post_id.startswith(root + "/") or kind not in ("post", "comment") or not number.isdigit():
                continue  # another instance's post, or not a Lemmy id
            response = await ctx.http.get(f"{root}/api/v3/{kind}", params={"id": number}, headers=headers)
            if response.status_code in (400, 404, 410):  # Lemmy answers couldnt_find_* with 400 or 404
                batch.append(self.deleted(ctx, post_id))
                continue
            ctx.http.raise_for_status(response)
            body = self.expect(ctx.http.json_of(response), dict, f"the {kind} answer")
            for item in self.records(ctx, [body.get(f"{kind}_view")], _parse, kind):
                batch.append(self._observation(ctx, item))
        if batch:
            yield Page(batch)

    def _headers(self, ctx: FetchContext) -> dict[str, str]:
        token = self.secret(ctx, "token_env")
        return {"Authorization": f"Bearer {token}"} if token else {}

    def _id(self, item: _Item) -> str:
        return f"{self.url('instance_url')}/{item.kind}/{item.id}"

    def _observation(self, ctx: FetchContext, item: _Item) -> Observation:
        extra: dict[str, Any] = {"community": item.community}
        if item.gone:
            extra[DELETED] = True
        return Observation(
            observed_at=ctx.now,
            source=self.platform_key(),
            id=self._id(item),
            url=self._id(item),
            created_at=item.published,
            author=Author(id=str(item.author_id) if item.author_id is not None else None, handle=item.author),
            text=item.text,
            engagement=Engagement(likes=item.likes, replies=item.replies),
            in_reply_to=item.in_reply_to,
            **extra,
        )


def _parse(view: Any) -> _Item:
    """A PostView (``post``, ``counts``) or CommentView (``comment``, ``counts``) as one item."""
    if not isinstance(view, Mapping):
        raise SkipRecord(f"a {type(view).__name__}, not an object")
    creator, counts, community = (_part(view, key) for key in ("creator", "counts", "community"))
    kind = "comment" if isinstance(view.get("comment"), Mapping) else "post"
    record = view.get(kind)
    if not isinstance(record, Mapping):
        raise SkipRecord("neither a post nor a comment")
    published = parse_time(record.get("published"))
    if published is None:
        raise SkipRecord(f"{kind} {record.get('id', '?')}: no readable published time")
    if kind == "post":
        text = join_text(normalize_space(str(record.get("name") or "")), normalize_space(str(record.get("body") or "")))
        replies, reply_to = counts.get("comments"), None
    else:
        text = normalize_space(str(record.get("content") or ""))
        replies = counts.get("child_count")
        post = _part(view, "post")
        reply_to = f"post/{post.get('id')}" if post.get("id") is not None else None
    return _Item.model_validate(
        {
            "kind": kind,
            "id": record.get("id"),
            "published": published,
            "text": text,
            "author": creator.get("name"),
            "author_id": creator.get("id"),
            "likes": counts.get("upvotes", counts.get("score")),
            "replies": replies,
            "gone": bool(record.get("deleted") or record.get("removed")),
            "in_reply_to": reply_to,
            "community": community.get("name"),
        }
    )


def _part(view: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    part = view.get(key)
    return part if isinstance(part, Mapping) else {}
