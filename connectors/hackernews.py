"""Hacker News through the Algolia search API (stories and comments mentioning the brand)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Literal

from pydantic import Field

from connectors.base import Connector, FetchContext, Page, SourceConfig


class HackerNewsConfig(SourceConfig):
    type: Literal["hackernews"] = "hackernews"
    query: str = Field(min_length=1, description="Search terms sent to Algolia (e.g. the brand name).")
    tags: str = Field(default="(story,comment)", description="Algolia tags filter.")
    hits_per_page: int = Field(default=100, ge=1, le=1000, description="Hits per page.")
    max_pages: int = Field(default=5, ge=1, le=50, description="Pages read per poll at most.")


class HackerNewsConnector(Connector[HackerNewsConfig]):
    type = "hackernews"
    config_class = HackerNewsConfig
    default_base_url = "https://hn.algolia.com/api/v1"
    can_refresh = True

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        raise NotImplementedError
        yield
