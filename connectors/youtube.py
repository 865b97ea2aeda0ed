"""YouTube: comments under the brand's videos, or on its whole channel, through the Data API v3.

``commentThreads`` lists top-level comments newest first (``order=time``) for one video
(``videoId``) or for every video of a channel (``allThreadsRelatedToChannelId``), optionally
narrowed by the API's own ``searchTerms``. There is no "since" filter, so each feed is read down
to the comment already stored (see :mod:`connectors.descent`); each feed keeps its own mark.

The API key travels in the ``X-Goog-Api-Key`` header, never in a URL. Quota is the limit that
matters: 10,000 units a day by default, 1 unit per ``commentThreads``/``channels`` call. A
``quotaExceeded`` answer ends the poll until the quota resets (midnight Pacific time); a video
with comments disabled is skipped with a warning.

Engagement is re-fetched in batches (``commentThreads?id=``, 50 a call): likes and reply count; a
thread no longer returned was deleted. Author reach is the commenter channel's subscriber count
(``channels?part=statistics``, 50 a call, cached).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Literal
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, model_validator

from connectors.base import (
    Connector,
    Credential,
    FetchContext,
    Page,
    SourceConfig,
    SourceFatal,
    credential,
)
from connectors.descent import walk_feeds
from connectors.htmltext import html_to_text, normalize_space
from monitor.core.observations import Author, Engagement, Observation

if TYPE_CHECKING:  # only a type here: importing a connector (to validate a config) never loads httpx
    import httpx

API = "https://www.googleapis.com/youtube/v3"
BATCH = 50  # ids per commentThreads?id= / channels?id= call
PACIFIC = ZoneInfo("America/Los_Angeles")  # the daily quota resets at midnight Pacific time
WATCH_URL = "https://www.youtube.com/watch?v={video}&lc={comment}"


class YouTubeConfig(SourceConfig):
    type: Literal["youtube"] = "youtube"
    video_ids: list[str] = Field(default_factory=list, description="Videos whose comments to watch (the id in ?v=).")
    channel_id: str | None = Field(
        default=None, min_length=1, description="A channel (UC...) whose videos' comments to watch, all of them."
    )
    search_terms: str | None = Field(
        default=None, min_length=1, description="Only comments containing these terms (the API's searchTerms)."
    )
    base_url: str | None = Field(default=API, description="Data API v3 root.")
    api_key_env: str = credential(
        "YOUTUBE_API_KEY", "an API key with the YouTube Data API v3 enabled (Google Cloud console)", required=True
    )
    page_size: int = Field(default=100, ge=1, le=100, description="Comment threads per page.")
    lookup_authors: bool = Field(default=True, description="Look up commenters' subscriber counts (batched, cached).")

    @model_validator(mode="after")
    def _something_to_watch(self) -> YouTubeConfig:
        if not self.video_ids and self.channel_id is None:
            raise ValueError("set video_ids (videos to watch) or channel_id (a whole channel), or both")
        return self


class _Thread(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    video_id: str | None = None
    text_html: str = ""
    author: str | None = None
    author_channel: str | None = None
    likes: int | None = None
    replies: int | None = None
    published: AwareDatetime
    updated: AwareDatetime | None = None

    @classmethod
    def parse(cls, raw: Any) -> _Thread:
        snippet = raw["snippet"]
        top = snippet["topLevelComment"]["snippet"]
        channel = top.get("authorChannelId")
        return cls(
            id=raw["id"],
            video_id=snippet.get("videoId") or top.get("videoId"),
            text_html=top.get("textDisplay") or top.get("textOriginal") or "",
            author=top.get("authorDisplayName"),
            author_channel=channel.get("value") if isinstance(channel, Mapping) else None,
            likes=top.get("likeCount"),
            replies=snippet.get("totalReplyCount"),
            published=top["publishedAt"],
            updated=top.get("updatedAt"),
        )


class YouTubeConnector(Connector[YouTubeConfig]):
    type = "youtube"
    config_class = YouTubeConfig
    default_base_url = API
    can_refresh = True
    summary = "YouTube comments under listed videos or a whole channel (Data API v3, API key)"
    credentials = (Credential("YOUTUBE_API_KEY", True),)
    example: ClassVar[Mapping[str, Any]] = {
        "type": "youtube",
        "name": "youtube-northwind",
        "video_ids": ["dQw4w9WgXcQ"],
        "brand": "Northwind Air",
        "base_url": API,
        "api_key_env": "YOUTUBE_API_KEY",
    }

    def _selectors(self) -> dict[str, dict[str, str]]:
        feeds = {f"video:{video}": {"videoId": video} for video in self.config.video_ids}
        if self.config.channel_id:
            feeds[f"channel:{self.config.channel_id}"] = {"allThreadsRelatedToChannelId": self.config.channel_id}
        return feeds

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        headers = {"X-Goog-Api-Key": self.secret(ctx, "api_key_env") or ""}
        selectors = self._selectors()

        async def read(feed: str, token: str | None) -> tuple[list[tuple[datetime | None, str, _Thread]], str | None]:
            params: dict[str, Any] = {
                "part": "snippet",
                "order": "time",
                "textFormat": "html",
                "maxResults": self.config.page_size,
                **selectors[feed],
            }
            if self.config.search_terms:
                params["searchTerms"] = self.config.search_terms
            if token:
                params["pageToken"] = token
            data = await self._call(ctx, "commentThreads", params, headers, feed)
            if data is None:  # comments disabled or video gone: nothing from this feed, the others go on
                return [], None
            next_token = data.get("nextPageToken")
            threads = self._threads(ctx, data)
            return [(t.published, t.id, t) for t in threads], next_token if isinstance(next_token, str) else None

        async def observe(threads: list[_Thread]) -> list[Observation]:
            return await self._observations(ctx, threads, headers)

        async for page in walk_feeds(selectors, ctx.cursor, lambda: self.paging(ctx), read, observe):
            yield page

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        headers = {"X-Goog-Api-Key": self.secret(ctx, "api_key_env") or ""}
        for start in range(0, len(ids), BATCH):
            chunk = list(ids[start : start + BATCH])
            params = {"part": "snippet", "textFormat": "html", "id": ",".join(chunk), "maxResults": BATCH}
            data = await self._call(ctx, "commentThreads", params, headers, "refresh")
            if data is None:
                return
            threads = self._threads(ctx, data)
            returned = {t.id for t in threads}
            gone = [self.deleted(ctx, i) for i in chunk if i not in returned]
            yield Page([*await self._observations(ctx, threads, headers), *gone])

    # -- helpers ---------------------------------------------------------------------------------

    async def _call(
        self, ctx: FetchContext, method: str, params: Mapping[str, Any], headers: Mapping[str, str], feed: str
    ) -> dict[str, Any] | None:
        response = await ctx.http.get(f"{self.base_url}/{method}", params=params, headers=headers)
        if response.status_code in (400, 403, 404):
            reason = _reason(response)
            if reason in ("quotaExceeded", "dailyLimitExceeded", "rateLimitExceeded"):
                wait = _until_pacific_midnight(ctx.now)
                raise ctx.http.problem(f"YouTube API quota exceeded ({reason}); it resets in {wait / 3600:.1f} h", wait)
            if reason in ("commentsDisabled", "videoNotFound", "channelNotFound"):
                ctx.log.warning("%s: %s skipped: %s", self.where, feed, reason)
                return None
            if reason in ("keyInvalid", "forbidden", "accessNotConfigured", "API_KEY_INVALID"):
                raise SourceFatal(
                    f"{self.where}: YouTube refused the key in ${self.config.api_key_env} ({reason}); "
                    "check it and that the YouTube Data API v3 is enabled for it"
                )
        ctx.http.raise_for_status(response)
        return self.expect(ctx.http.json_of(response), dict, f"{method} answer")

    def _threads(self, ctx: FetchContext, data: Mapping[str, Any]) -> list[_Thread]:
        items = self.expect(data.get("items"), list, "'items'")
        threads: list[_Thread] = []
        self.records(ctx, items, lambda raw: threads.append(_Thread.parse(raw)), "comment thread")
        return threads

    async def _observations(
        self, ctx: FetchContext, threads: list[_Thread], headers: Mapping[str, str]
    ) -> list[Observation]:
        subscribers: Mapping[str, int] = {}
        if self.config.lookup_authors:
            channels = [t.author_channel for t in threads if t.author_channel]
            subscribers = await self.reach(ctx, channels, lambda missing: self._subscribers(ctx, missing, headers))
        return [thread_observation(t, ctx.now, subscribers) for t in threads]

    async def _subscribers(self, ctx: FetchContext, channels: list[str], headers: Mapping[str, str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for start in range(0, len(channels), BATCH):
            params = {"part": "statistics", "id": ",".join(channels[start : start + BATCH]), "maxResults": BATCH}
            data = await self._call(ctx, "channels", params, headers, "channels")
            for item in (data or {}).get("items") or []:
                stats = item.get("statistics") if isinstance(item, Mapping) else None
                if isinstance(stats, Mapping) and not stats.get("hiddenSubscriberCount"):
                    try:
                        found[str(item["id"])] = int(stats["subscriberCount"])
                    except (KeyError, TypeError, ValueError):
                        continue
        return found


def thread_observation(thread: _Thread, now: datetime, subscribers: Mapping[str, int]) -> Observation:
    return Observation(
        observed_at=now,
        source="youtube",
        id=thread.id,
        url=WATCH_URL.format(video=thread.video_id, comment=thread.id) if thread.video_id else None,
        created_at=thread.published,
        author=Author(
            id=thread.author_channel,
            handle=normalize_space(thread.author or "") or None,
            followers=subscribers.get(thread.author_channel or ""),
        ),
        text=html_to_text(thread.text_html),
        engagement=Engagement(likes=thread.likes, replies=thread.replies),
    )


def _reason(response: httpx.Response) -> str:
    """The first ``error.errors[].reason`` of a Google API error body, or ''."""
    try:
        errors = response.json()["error"]["errors"]
        return str(errors[0]["reason"])
    except (ValueError, KeyError, IndexError, TypeError):
        return ""


def _until_pacific_midnight(now: datetime) -> float:
    local = now.astimezone(PACIFIC)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (midnight - local).total_seconds()
