"""RSS and Atom feeds (Google Alerts, news searches, blogs) through feedparser.

The feed is fetched with the framework's HTTP (retries, timeouts) using a conditional GET: the
cursor keeps the server's ``ETag`` and ``Last-Modified`` and a 304 means nothing new. feedparser
only parses the bytes; it never touches the network itself. The cursor also keeps the newest
publication time stored, so each poll yields only entries published after it. Entries without
any date cannot be compared; the cursor remembers their ids (the last 500) instead. A feed cut off
mid-way is a retriable error, not a shorter feed.
"""

from __future__ import annotations

import io
import time
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from typing import Any, ClassVar, Literal
from urllib.parse import parse_qs, urlsplit
from xml.sax import SAXParseException

from pydantic import Field

from connectors.base import Connector, Cursor, FetchContext, Page, SourceConfig, SourceError
from connectors.htmltext import html_to_text, join_text, normalize_space
from monitor.core.observations import Author, Observation
from monitor.core.redact import mask_url

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
UNDATED_KEPT = 500  # ids of undated entries remembered so they are not yielded on every poll


class RssConfig(SourceConfig):
    type: Literal["rss"] = "rss"
    url: str = Field(min_length=1, description="Feed URL (absolute, or relative to base_url).")


class RssConnector(Connector[RssConfig]):
    type = "rss"
    config_class = RssConfig
    summary = "Any RSS or Atom feed: Google Alerts, news searches, blogs, status pages (no credential)"
    example: ClassVar[dict[str, Any]] = {
        "type": "rss",
        "name": "news",
        "base_url": "https://news.google.com",
        "url": "/rss/search?q=%22Northwind+Air%22&hl=en-US&gl=US&ceid=US:en",
        "interval": "15m",
    }

    @property
    def _where(self) -> str:
        return self.type if self.name == self.type else f"{self.type} {self.name}"

    @property
    def feed_url(self) -> str:
        url = self.config.url.strip()
        if urlsplit(url).scheme:
            return url
        if not (self.config.base_url or self.default_base_url):
            raise SourceError(f"{self._where}: url {url!r} is relative but no base_url is set")
        return f"{self.base_url}/{url.lstrip('/')}"

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        url = self.feed_url
        previous = dict(ctx.cursor or {})
        headers: dict[str, str] = {}
        if isinstance(previous.get("etag"), str) and previous["etag"]:
            headers["If-None-Match"] = previous["etag"]
        if isinstance(previous.get("modified"), str) and previous["modified"]:
            headers["If-Modified-Since"] = previous["modified"]

        response = await ctx.http.get(url, headers=headers)
        if response.status_code == 304:
            yield Page([], previous or None)
            return
        ctx.http.raise_for_status(response)

        import feedparser  # here: validating a config imports this module, and most commands never parse a feed

        parsed = feedparser.parse(
            io.BytesIO(response.content),
            response_headers={
                "content-type": response.headers.get("content-type", "application/xml"),
                "content-location": str(response.url),
            },
        )
        entries: list[Any] = list(parsed.get("entries") or [])
        feed_meta: Mapping[str, Any] = parsed.get("feed") or {}
        if not entries and not feed_meta.get("title") and (parsed.get("bozo") or not parsed.get("version")):
            raise SourceError(f"{self._where}: {_short(url)} did not return an RSS or Atom feed")
        if _cut_off(parsed.get("bozo_exception")):
            raise SourceError(f"{self._where}: the feed from {_short(url)} is cut off ({parsed['bozo_exception']})")

        since = self._last_published(ctx, previous)
        newest = since
        lang = _text(feed_meta.get("language")) or None
        undated_seen = [str(i) for i in previous.get("undated", []) if isinstance(i, str)]
        undated = list(undated_seen)
        observations: list[Observation] = []
        for entry in entries:
            observation = self._observation(ctx, entry, lang)
            if observation is None:
                continue
            created = observation.created_at
            if since is not None and created is not None and created <= since:
                continue
            if created is None:  # cannot be compared with the cursor: remembered by id instead
                if observation.id in undated_seen or observation.id in undated:
                    continue
                undated.append(observation.id)
            if created is not None and (newest is None or created > newest):
                newest = created
            observations.append(observation)

        cursor: Cursor = {
            "etag": response.headers.get("etag"),
            "modified": response.headers.get("last-modified"),
            "last_published": newest.isoformat() if newest is not None else None,
        }
        if undated:
            cursor["undated"] = undated[-UNDATED_KEPT:]
        yield Page(observations, cursor)

    # -- helpers -------------------------------------------------------------------------------

    def _last_published(self, ctx: FetchContext, cursor: Mapping[str, Any]) -> datetime | None:
        value = cursor.get("last_published")
        if value is None:
            return None
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            ctx.log.warning("%s: ignoring unreadable last_published %r in cursor", self._where, value)
            return None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    def _observation(self, ctx: FetchContext, entry: Any, lang: str | None) -> Observation | None:
        if not isinstance(entry, Mapping):
            ctx.log.warning("%s: feed entry skipped: not an entry", self._where)
            return None
        link = _text(entry.get("link")) or None
        entry_id = _text(entry.get("id")) or link
        if not entry_id:
            ctx.log.warning(
                "%s: feed entry %r skipped: it has neither an id nor a link",
                self._where,
                _text(entry.get("title"))[:60],
            )
            return None
        title = _plain(entry.get("title"), entry.get("title_detail"))
        summary = _plain(entry.get("summary"), entry.get("summary_detail"))
        if not summary and entry.get("content"):
            first = entry["content"][0]
            if isinstance(first, Mapping):
                summary = _plain(first.get("value"), first)
        detail = entry.get("author_detail")
        author_name = _text(detail.get("name")) if isinstance(detail, Mapping) else ""
        author = (author_name or _text(entry.get("author"))).strip() or None
        return Observation(
            observed_at=ctx.now,
            source=self.type,
            id=entry_id,
            url=unwrap_redirect(link) if link else None,
            created_at=_entry_time(entry),
            author=Author(handle=author),
            text=join_text(title, summary),
            lang=lang,
        )


def unwrap_redirect(link: str) -> str:
    """The real article behind a Google redirect (``https://www.google.com/url?...&url=<real>``)."""
    parts = urlsplit(link)
    host = (parts.hostname or "").lower()
    if parts.path == "/url" and (host == "google.com" or host.endswith(".google.com")):
        query = parse_qs(parts.query)
        for key in ("url", "q"):
            target = (query.get(key) or [""])[0]
            if urlsplit(target).scheme in ("http", "https"):
                return target
    return link


def _entry_time(entry: Mapping[str, Any]) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            try:
                return datetime(*value[:6], tzinfo=UTC)
            except ValueError:
                continue
    return None


def _plain(value: Any, detail: Any) -> str:
    text = _text(value)
    content_type = detail.get("type") if isinstance(detail, Mapping) else "text/html"
    return html_to_text(text) if content_type in _HTML_TYPES else normalize_space(text)


def _cut_off(problem: Any) -> bool:
    """True for the XML errors of a body that ends early (not for the sloppiness real feeds often have)."""
    return isinstance(problem, SAXParseException) and problem.getMessage() in ("no element found", "unclosed token")


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _short(url: str) -> str:
    return mask_url(url.split("?", 1)[0])
