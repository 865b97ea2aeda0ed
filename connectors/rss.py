"""RSS and Atom feeds (Google Alerts, news searches, blogs) through feedparser."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Literal

from pydantic import Field

from connectors.base import Connector, FetchContext, Page, SourceConfig


class RssConfig(SourceConfig):
    type: Literal["rss"] = "rss"
    url: str = Field(min_length=1, description="Feed URL (absolute, or relative to base_url).")


class RssConnector(Connector[RssConfig]):
    type = "rss"
    config_class = RssConfig

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        raise NotImplementedError
        yield
