"""The connector contract: one module, one class, a typed config, an async fetch of observations.

Modelled on Singer SDK streams: a connector only knows how to turn a source's API into
observations and how to describe its position (the cursor). The framework in
``monitor/polling.py`` owns everything that must behave the same for every source: storing the
cursor in the same transaction as the posts, retries and backoff (``connectors/http.py``),
timeouts and per-source health.
"""

from __future__ import annotations

import builtins
import logging
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from connectors.http import SourceHTTP
from monitor.core.durations import Duration
from monitor.core.errors import RepmonError
from monitor.core.observations import Observation

Cursor = dict[str, Any]


class SourceConfig(BaseModel):
    """Options every source has; a connector subclasses this with its own described fields."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    type: str = Field(description="Connector type, e.g. 'hackernews', 'rss', 'replay'.")
    name: str | None = Field(
        default=None,
        description="Unique name for this source (defaults to its type); keys cursors and health.",
    )
    interval: Duration = Field(default=timedelta(minutes=5), description="How often to poll, e.g. '90s', '5m', '1h'.")
    base_url: str | None = Field(
        default=None, description="API root; override for self-hosted instances, proxies and tests."
    )
    timeout: Duration = Field(default=timedelta(seconds=20), description="Per-request timeout.")
    max_attempts: int = Field(default=4, ge=1, le=10, description="Tries per request on 429, 5xx and timeouts.")
    high_reach_followers: int | None = Field(
        default=None, ge=0, description="Override the detection reach threshold for this source's authors."
    )

    @property
    def source_name(self) -> str:
        return self.name or self.type


@dataclass
class Page:
    """Observations that are stored together, and the cursor that becomes true once they are.

    ``cursor=None`` leaves the stored cursor unchanged: a connector that pages newest-first
    only moves its cursor with the last page, so a failure mid-way re-reads rather than skips.
    """

    observations: list[Observation]
    cursor: Cursor | None = None
    rejected: list[Rejected] = field(default_factory=list)
    """Records read but unusable, kept for the quarantine instead of vanishing into a log line."""


@dataclass(frozen=True)
class Rejected:
    raw: Any  # as received, JSON-ready: a line of text, or the decoded object
    reason: str
    post_id: str | None = None


@dataclass
class FetchContext:
    cursor: Cursor | None
    http: SourceHTTP
    now: datetime
    log: logging.Logger = field(default_factory=lambda: logging.getLogger("repmon.connector"))


class SourceError(RepmonError):
    """A problem with one source, worded for the one-line health report."""


C = TypeVar("C", bound=SourceConfig)


class Connector(ABC, Generic[C]):
    type: ClassVar[str]
    config_class: ClassVar[builtins.type[SourceConfig]]
    default_base_url: ClassVar[str | None] = None
    can_refresh: ClassVar[bool] = False
    """True when the source can re-fetch known posts to follow their engagement."""

    def __init__(self, config: C) -> None:
        self.config = config

    @property
    def name(self) -> str:
        return self.config.source_name

    @property
    def base_url(self) -> str:
        url = self.config.base_url or self.default_base_url
        if url is None:
            raise SourceError(f"{self.name}: base_url is required")
        return url.rstrip("/")

    @abstractmethod
    def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        """New posts since ``ctx.cursor``, in pages the framework stores one transaction each."""

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        """Fresh observations of known posts (engagement over time). Default: not supported."""
        return
        yield  # type: ignore[unreachable]  # makes this an async generator
