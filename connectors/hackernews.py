"""Hacker News through the Algolia search API (stories and comments mentioning the brand).

Polling reads ``/search_by_date`` newest first. With a cursor it asks only for hits at or after
the newest second already stored (``numericFilters=created_at_i>=N``) and pages backwards
(``created_at_i<=oldest seen``); the ids already read at each boundary second are remembered, so
hits that share the boundary second are neither lost nor read twice (Algolia has one-second
resolution). Paging stops at a short page, a page with nothing new, or the ``max_pages`` /
``max_items`` cap; at the cap the cursor keeps its floor and records where reading stopped
(``resume``), so the next poll reads on downwards before the floor moves: nothing is skipped. The
cursor moves only with the last page, so a failure half-way re-reads instead of skipping. The first
poll without a cursor reads one page: repmon watches from now on, it does not backfill history.

``refresh`` re-reads known posts through ``/items/<id>`` to follow their points and comment count.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from connectors.base import Connector, Cursor, FetchContext, Page, SourceConfig, SourceError
from connectors.htmltext import html_to_text, join_text, normalize_space
from monitor.core.errors import SkipRecord
from monitor.core.observations import Author, Engagement, Observation, describe_validation_error

ITEM_URL = "https://news.ycombinator.com/item?id={id}"


class HackerNewsConfig(SourceConfig):
    type: Literal["hackernews"] = "hackernews"
    query: str = Field(min_length=1, description="Search terms sent to Algolia (e.g. the brand name).")
    tags: str = Field(default="(story,comment)", description="Algolia tags filter.")
    hits_per_page: int = Field(default=100, ge=1, le=1000, description="Hits per page.")
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


@dataclass(frozen=True)
class _Mark:
    """A point in time to the second, and the ids already read at exactly that second."""

    at: int
    ids: tuple[str, ...] = ()

    @classmethod
    def read(cls, at: Any, ids: Any) -> _Mark | None:
        if not isinstance(at, int) or isinstance(at, bool) or at < 0 or not isinstance(ids, list):
            return None
        return cls(at, tuple(str(i) for i in ids))

    @classmethod
    def of(cls, raw: Any) -> _Resume | None:
        if not isinstance(raw, dict):
            return None
        below = cls.read(raw.get("below"), raw.get("below_ids", []))
        top = cls.read(raw.get("top"), raw.get("top_ids", []))
        return _Resume(below, top) if below and top else None

    def cursor(self, resume: _Resume | None = None) -> Cursor:
        cursor: Cursor = {"last_created_at_i": self.at, "ids_at_last": sorted(self.ids)}
        if resume is not None:
            cursor["resume"] = {
                "below": resume.below.at,
                "below_ids": sorted(resume.below.ids),
                "top": resume.top.at,
                "top_ids": sorted(resume.top.ids),
            }
        return cursor


@dataclass(frozen=True)
class _Resume:
    """Where a capped poll stopped reading downwards (``below``) and the newest it had read (``top``)."""

    below: _Mark
    top: _Mark


class HackerNewsConnector(Connector[HackerNewsConfig]):
    type = "hackernews"
    config_class = HackerNewsConfig
    default_base_url = "https://hn.algolia.com/api/v1"
    can_refresh = True
    summary = "Hacker News stories and comments matching a query (Algolia search API, no key)"
    example: ClassVar[dict[str, Any]] = {
        "type": "hackernews",
        "name": "hn",
        "query": "northwind",
        "base_url": "https://hn.algolia.com/api/v1",
    }

    @property
    def _where(self) -> str:
        return self.where

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        floor = self._cursor_position(ctx)
        if floor is None:  # first poll: watch from now on, no backfill
            async for page in self._read(ctx, None, None, first=True):
                yield page
            return
        async for page in self._read(ctx, floor, _Mark.of(ctx.cursor.get("resume") if ctx.cursor else None)):
            yield page

    async def _read(
        self, ctx: FetchContext, floor: _Mark | None, resume: _Resume | None, *, first: bool = False
    ) -> AsyncIterator[Page]:
        """Newest first from the top (or from where a capped poll stopped) down to the floor.

        Bounds are inclusive (``>=`` / ``<=``) and the ids already read at a bound second are
        remembered, so posts sharing the boundary second are neither lost nor read twice.
        """
        paging = self.paging(ctx)
        upper = resume.below if resume else None
        top = resume.top if resume else None
        while True:
            params: dict[str, Any] = {
                "query": self.config.query,
                "tags": self.config.tags,
                "hitsPerPage": self.config.hits_per_page,
            }
            filters = [f"created_at_i>={floor.at}"] if floor else []
            if upper is not None:
                filters.append(f"created_at_i<={upper.at}")
            if filters:
                params["numericFilters"] = ",".join(filters)
            data = await ctx.http.get_json(f"{self.base_url}/search_by_date", params=params)
            raw_hits = self._hits(data)
            read: list[tuple[Observation, int]] = []
            for observation in self.records(ctx, raw_hits, lambda raw: self._parse_hit(ctx, raw), "search hit"):
                created_i = int(observation.created_at.timestamp()) if observation.created_at else 0
                if floor and (created_i < floor.at or (created_i == floor.at and observation.id in floor.ids)):
                    continue  # at or below what the stored cursor already covers
                if upper and (created_i > upper.at or (created_i == upper.at and observation.id in upper.ids)):
                    continue  # above where this backwards read stands
                if paging.is_new(observation.id):
                    read.append((observation, created_i))
            for _, created_i in read:
                if top is None or created_i > top.at:
                    top = _Mark(created_i, ())
            if top is not None:
                at_floor = floor.ids if floor and floor.at == top.at else ()
                top = _Mark(top.at, tuple({*top.ids, *at_floor, *(o.id for o, c in read if c == top.at)}))
            if read:
                oldest = min(c for _, c in read)
                same = {o.id for o, c in read if c == oldest}
                upper = _Mark(oldest, tuple(same | set(upper.ids if upper and upper.at == oldest else ())))
            full = len(raw_hits) >= self.config.hits_per_page
            observations = [o for o, _ in read]
            if not first and paging.more((upper.at, len(upper.ids)) if full and upper else None):
                yield Page(observations, None)
                continue
            if paging.capped and floor is not None and upper is not None and top is not None:
                yield Page(observations, floor.cursor(resume=_Resume(upper, top)))
            else:
                done = top or floor
                yield Page(observations, done.cursor() if done else None)
            return

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

    def _cursor_position(self, ctx: FetchContext) -> _Mark | None:
        if not ctx.cursor:
            return None
        mark = _Mark.read(ctx.cursor.get("last_created_at_i"), ctx.cursor.get("ids_at_last", []))
        if mark is None:
            ctx.log.warning(
                "%s: ignoring unreadable cursor %r; reading the newest page as on a first poll", self.where, ctx.cursor
            )
        return mark

    def _hits(self, data: Any) -> list[Any]:
        if not isinstance(data, Mapping):
            raise SourceError(f"{self._where}: search response is a JSON {type(data).__name__}, expected an object")
        if "hits" not in data:
            raise SourceError(f"{self._where}: search response has no 'hits' list")
        hits = data["hits"]
        if not isinstance(hits, list):
            raise SourceError(f"{self._where}: search response 'hits' is a {type(hits).__name__}, expected a list")
        return hits

    def _parse_hit(self, ctx: FetchContext, raw: Any) -> Observation:
        if not isinstance(raw, Mapping):
            raise SkipRecord(f"a {type(raw).__name__}, not an object")
        try:
            hit = _Hit.model_validate(raw)
        except ValidationError as exc:
            raise SkipRecord(f"{raw.get('objectID', '?')}: {describe_validation_error(exc)}") from None
        created_i = hit.created_at_i
        if created_i is None and hit.created_at is not None:
            created_i = int(hit.created_at.timestamp())
        if created_i is None:
            raise SkipRecord(f"{hit.object_id}: no created_at_i")
        created_at = datetime.fromtimestamp(created_i, UTC)
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
        return observation

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
