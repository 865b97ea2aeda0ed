"""Hacker News through the Algolia search API (stories and comments mentioning the brand).

Polling reads ``/search_by_date`` newest first. With a cursor it asks only for hits newer than the
newest one already stored (``numericFilters=created_at_i>N``) and pages backwards through older
hits (``created_at_i<oldest seen``) until a short page or ``max_pages``; the cursor moves only with
the last page, so a failure half-way re-reads instead of skipping. The first poll without a cursor
reads one page: repmon watches from now on, it does not backfill history.

``refresh`` re-reads known posts through ``/items/<id>`` to follow their points and comment count.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from connectors.base import Connector, Cursor, FetchContext, Page, SourceConfig, SourceError
from connectors.htmltext import html_to_text, join_text, normalize_space
from monitor.core.observations import Author, Engagement, Observation, describe_validation_error

ITEM_URL = "https://news.ycombinator.com/item?id={id}"


class HackerNewsConfig(SourceConfig):
    type: Literal["hackernews"] = "hackernews"
    query: str = Field(min_length=1, description="Search terms sent to Algolia (e.g. the brand name).")
    tags: str = Field(default="(story,comment)", description="Algolia tags filter.")
    hits_per_page: int = Field(default=100, ge=1, le=1000, description="Hits per page.")
    max_pages: int = Field(default=5, ge=1, le=50, description="Pages read per poll at most.")
    refresh_page_size: int = Field(
        default=25, ge=1, le=500, description="Refreshed items stored per page (one transaction each)."
    )


class _Hit(BaseModel):
    """The fields of an Algolia search hit that repmon reads; the rest is ignored."""

    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    object_id: str = Field(min_length=1, alias="objectID")
    created_at: AwareDatetime | None = None
    created_at_i: int | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None
    points: int | None = None
    num_comments: int | None = None
    story_text: str | None = None
    comment_text: str | None = None
    parent_id: int | None = None
    tags: list[str] = Field(default_factory=list, alias="_tags")


class _Item(BaseModel):
    """An Algolia ``/items/<id>`` node: a story or comment with its whole reply tree."""

    model_config = ConfigDict(extra="ignore")

    id: int
    type: str | None = None
    created_at: AwareDatetime | None = None
    created_at_i: int | None = None
    author: str | None = None
    title: str | None = None
    url: str | None = None
    text: str | None = None
    points: int | None = None
    parent_id: int | None = None
    children: list[_Item] = Field(default_factory=list)

    def descendants(self) -> int:
        count, stack = 0, list(self.children)
        while stack:
            node = stack.pop()
            count += 1
            stack.extend(node.children)
        return count


class HackerNewsConnector(Connector[HackerNewsConfig]):
    type = "hackernews"
    config_class = HackerNewsConfig
    default_base_url = "https://hn.algolia.com/api/v1"
    can_refresh = True

    @property
    def _where(self) -> str:
        return self.type if self.name == self.type else f"{self.type} {self.name}"

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        last = self._cursor_position(ctx)
        lower = f"created_at_i>{last}" if last is not None else None
        pages = self.config.max_pages if last is not None else 1
        newest = last
        older_than: int | None = None
        for page_no in range(1, pages + 1):
            params: dict[str, Any] = {
                "query": self.config.query,
                "tags": self.config.tags,
                "hitsPerPage": self.config.hits_per_page,
            }
            filters = [lower] if lower else []
            if older_than is not None:
                filters.append(f"created_at_i<{older_than}")
            if filters:
                params["numericFilters"] = ",".join(filters)
            data = await ctx.http.get_json(f"{self.base_url}/search_by_date", params=params)
            raw_hits = self._hits(data)
            observations: list[Observation] = []
            oldest: int | None = None
            for raw in raw_hits:
                parsed = self._parse_hit(ctx, raw)
                if parsed is None:
                    continue
                observation, created_i = parsed
                observations.append(observation)
                newest = created_i if newest is None else max(newest, created_i)
                oldest = created_i if oldest is None else min(oldest, created_i)
            if raw_hits and not observations:
                raise SourceError(f"{self._where}: none of the {len(raw_hits)} search hits could be read")
            more = len(raw_hits) >= self.config.hits_per_page and oldest is not None
            if more and page_no == pages and last is not None:
                ctx.log.warning(
                    "%s: more than %d pages of new hits; older ones in this poll were not read "
                    "(raise max_pages or poll more often)",
                    self._where,
                    pages,
                )
            if not more or page_no == pages:
                cursor: Cursor | None = {"last_created_at_i": newest} if newest is not None else None
                yield Page(observations, cursor)
                return
            yield Page(observations, None)
            older_than = oldest

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        batch: list[Observation] = []
        for post_id in ids:
            if not str(post_id).isdigit():
                ctx.log.warning("%s: cannot refresh %r: not a Hacker News item id", self._where, post_id)
                continue
            response = await ctx.http.get(f"{self.base_url}/items/{post_id}")
            if response.status_code == 404:
                ctx.log.warning("%s: item %s is gone (HTTP 404); not refreshed", self._where, post_id)
                continue
            ctx.http.raise_for_status(response)
            try:
                data = response.json()
            except ValueError:
                raise SourceError(f"{self._where}: item {post_id} is not JSON") from None
            if not isinstance(data, Mapping):
                raise SourceError(f"{self._where}: item {post_id} is a JSON {type(data).__name__}, expected an object")
            try:
                item = _Item.model_validate(data)
            except ValidationError as exc:
                ctx.log.warning("%s: item %s skipped: %s", self._where, post_id, describe_validation_error(exc))
                continue
            batch.append(self._item_observation(ctx, item))
            if len(batch) >= self.config.refresh_page_size:
                yield Page(batch)
                batch = []
        if batch:
            yield Page(batch)

    # -- helpers -------------------------------------------------------------------------------

    def _cursor_position(self, ctx: FetchContext) -> int | None:
        if not ctx.cursor:
            return None
        value = ctx.cursor.get("last_created_at_i")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        ctx.log.warning(
            "%s: ignoring unreadable cursor %r; reading the newest page as on a first poll",
            self._where,
            ctx.cursor,
        )
        return None

    def _hits(self, data: Any) -> list[Any]:
        if not isinstance(data, Mapping):
            raise SourceError(f"{self._where}: search response is a JSON {type(data).__name__}, expected an object")
        if "hits" not in data:
            raise SourceError(f"{self._where}: search response has no 'hits' list")
        hits = data["hits"]
        if not isinstance(hits, list):
            raise SourceError(f"{self._where}: search response 'hits' is a {type(hits).__name__}, expected a list")
        return hits

    def _parse_hit(self, ctx: FetchContext, raw: Any) -> tuple[Observation, int] | None:
        if not isinstance(raw, Mapping):
            ctx.log.warning("%s: search hit skipped: a %s, not an object", self._where, type(raw).__name__)
            return None
        try:
            hit = _Hit.model_validate(raw)
        except ValidationError as exc:
            ctx.log.warning(
                "%s: search hit %s skipped: %s",
                self._where,
                raw.get("objectID", "?"),
                describe_validation_error(exc),
            )
            return None
        created_i = hit.created_at_i
        if created_i is None and hit.created_at is not None:
            created_i = int(hit.created_at.timestamp())
        if created_i is None:
            ctx.log.warning("%s: search hit %s skipped: no created_at_i", self._where, hit.object_id)
            return None
        created_at = hit.created_at or datetime.fromtimestamp(created_i, UTC)
        is_comment = "comment" in hit.tags or hit.comment_text is not None
        body = hit.comment_text if is_comment else hit.story_text
        observation = Observation(
            observed_at=ctx.now,
            source=self.type,
            id=hit.object_id,
            url=hit.url or ITEM_URL.format(id=hit.object_id),
            created_at=created_at,
            author=Author(id=hit.author, handle=hit.author),
            text=join_text(normalize_space(hit.title or ""), html_to_text(body)),
            engagement=Engagement(likes=hit.points, replies=hit.num_comments),
            in_reply_to=str(hit.parent_id) if is_comment and hit.parent_id is not None else None,
            lang="en",
        )
        return observation, created_i

    def _item_observation(self, ctx: FetchContext, item: _Item) -> Observation:
        created_at = item.created_at
        if created_at is None and item.created_at_i is not None:
            created_at = datetime.fromtimestamp(item.created_at_i, UTC)
        is_comment = item.type == "comment"
        return Observation(
            observed_at=ctx.now,
            source=self.type,
            id=str(item.id),
            url=item.url or ITEM_URL.format(id=item.id),
            created_at=created_at,
            author=Author(id=item.author, handle=item.author),
            text=join_text(normalize_space(item.title or ""), html_to_text(item.text)),
            engagement=Engagement(likes=item.points, replies=item.descendants()),
            in_reply_to=str(item.parent_id) if is_comment and item.parent_id is not None else None,
            lang="en",
        )
