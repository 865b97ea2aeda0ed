"""The connector contract: one module, one class, a typed config, an async fetch of observations.

Modelled on Singer SDK streams: a connector only knows how to turn a source's API into
observations and how to describe its position (the cursor). The framework in
``monitor/polling.py`` owns everything that must behave the same for every source: storing the
cursor in the same transaction as the posts, retries, backoff and rate-limit pacing
(``connectors/http.py``), timeouts, credentials and per-source health. The options every source
has are in ``connectors/config.py``, the bounds of one poll in ``connectors/paging.py`` and the
author reach cache in ``connectors/reach.py``; this module re-exports them.

Writing a connector (``connectors/<type>.py``, then one line in ``connectors/__init__.py``):

1. A config class ``<Name>Config(SourceConfig)`` with ``type: Literal["<type>"]`` and described
   fields. Every option whose name ends in ``url`` must have a working default and is the only way
   the connector reaches a host, so tests can serve the whole source from one loopback server.
   Credentials are options ending in ``_env`` that hold the *name* of an environment variable,
   marked with :func:`credential` (required or not); override
   :meth:`SourceConfig.credential_needs` when the need depends on other options.
2. A ``Connector[<Name>Config]`` subclass with the class metadata ``type``, ``config_class``,
   ``summary`` (one line: what it watches), ``credentials`` (``Credential(env, required)``, the
   default variable names), ``example`` (a complete ``[[sources]]`` entry listing every URL option,
   that fetches something with no ``[[brands]]``), ``platform`` (a ``monitor.core.platforms`` key)
   and ``default_base_url``.
3. ``fetch`` yields :class:`Page` s of observations newer than ``ctx.cursor``. Use
   :class:`Paging` to bound the poll (``max_pages`` / ``max_items``; a page with nothing new or a
   cursor that does not advance ends it), :meth:`Connector.records` to parse a page (a malformed
   record is skipped with its reason; a page where nothing parses is a :class:`SourceError`), and
   ``ctx.http`` for every request. Read secrets with :meth:`Connector.secret` (registers them for
   masking); turn a login answer into a token with :meth:`Connector.login_token`. A bad page
   raises (``HTTPProblem`` / ``SourceError``: retriable, one line); its cursor is never stored.
4. Optional: ``can_refresh = True`` and ``refresh(ctx, ids)`` to re-fetch engagement of hot posts
   in batches; author reach through :meth:`Connector.reach` (batched, cached, never fails the
   poll). A post the source says is deleted or removed: yield :meth:`Connector.deleted` (or set
   the ``deleted`` extra, :data:`DELETED`) instead of empty text; the pipeline keeps its last
   text and score.
"""

from __future__ import annotations

import builtins
import logging
import os
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pydantic import ValidationError

from connectors.config import Credential, CredentialNeed, SourceConfig, credential
from connectors.paging import Paging
from connectors.reach import REACH_CACHE
from monitor.core.errors import FatalError, RetriableError, SkipRecord
from monitor.core.observations import DELETED, Observation, describe_validation_error

if TYPE_CHECKING:  # at run time the framework hands these in: importing a connector never loads httpx
    import httpx

    from connectors.http import SourceHTTP

Cursor = dict[str, Any]


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
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)


class SourceError(RetriableError):
    """A bad page or response from one source, worded for the one-line health report; tried next poll."""


class SourceFatal(FatalError):
    """A source cannot work until a person changes something (a missing credential, a refused login)."""


C = TypeVar("C", bound=SourceConfig)
T = TypeVar("T")


class Connector(ABC, Generic[C]):
    type: ClassVar[str]
    config_class: ClassVar[builtins.type[SourceConfig]]
    default_base_url: ClassVar[str | None] = None
    can_refresh: ClassVar[bool] = False
    """True when the source can re-fetch known posts to follow their engagement."""
    summary: ClassVar[str] = ""
    """One line for ``repmon connectors``: what this source watches."""
    credentials: ClassVar[tuple[Credential, ...]] = ()
    """Environment variables read (their default names) and whether a poll needs them."""
    example: ClassVar[Mapping[str, Any]] = {}
    """A complete ``[[sources]]`` entry: every URL option, a query or feed of its own."""
    platform: ClassVar[str] = ""
    """The ``monitor.core.platforms`` profile key; defaults to ``type``."""

    def __init__(self, config: C) -> None:
        self.config = config

    @classmethod
    def platform_key(cls) -> str:
        return cls.platform or cls.type

    @property
    def name(self) -> str:
        return self.config.source_name

    @property
    def where(self) -> str:
        """How log lines and errors name this source: its type, plus its name when it has one."""
        return self.type if self.name == self.type else f"{self.type} {self.name}"

    @property
    def base_url(self) -> str:
        url = self.config.base_url or self.default_base_url
        if url is None:
            raise SourceFatal(f"{self.name}: base_url is required")
        return url.rstrip("/")

    def url(self, option: str) -> str:
        """A URL option's value without a trailing slash (``base_url`` falls back to the default)."""
        if option == "base_url":
            return self.base_url
        return str(getattr(self.config, option)).rstrip("/")

    def secret(self, ctx: FetchContext, option: str) -> str | None:
        """The value of the variable that ``option`` names, registered so no message can show it."""
        env = str(getattr(self.config, option))
        value = ctx.environ.get(env) or None
        ctx.http.add_secret(value)
        if value is None and any(n.option == option and n.required for n in self.config.credential_needs()):
            raise SourceFatal(f"{self.where}: ${env} is not set ({option}); see docs/connectors.md")
        return value

    def paging(self, ctx: FetchContext) -> Paging:
        return Paging(self.config, ctx.log, self.where)

    def records(
        self, ctx: FetchContext, raws: Sequence[Any], parse: Callable[[Any], T | None], what: str = "record"
    ) -> list[T]:
        """Parse a page's records (to observations, or to the source's own models); ``parse`` returns
        None to drop one on purpose or raises (SkipRecord, ValidationError, ValueError...) to reject it.

        A rejected record is logged with its reason and skipped; if every record of a non-empty
        page is rejected, the page is bad (a changed API, not bad luck) and a :class:`SourceError`.
        """
        kept: list[T] = []
        rejected = 0
        for raw in raws:
            try:
                observation = parse(raw)
            except ValidationError as exc:
                reason = describe_validation_error(exc)
            except (SkipRecord, ValueError, KeyError, TypeError, AttributeError) as exc:
                reason = str(exc) or type(exc).__name__
            else:
                if observation is not None:
                    kept.append(observation)
                continue
            rejected += 1
            ctx.log.warning("%s: %s skipped: %s", self.where, what, ctx.http.redact(reason))
        if raws and rejected == len(raws):
            raise SourceError(f"{self.where}: none of the {len(raws)} {what}s on the page could be read")
        return kept

    def expect(self, data: Any, kind: builtins.type[T], what: str) -> T:
        """``data`` as ``kind`` (dict, list), or a one-line :class:`SourceError` naming what came instead."""
        if not isinstance(data, kind):
            raise SourceError(
                f"{self.where}: {what} is a JSON {builtins.type(data).__name__}, expected {kind.__name__}"
            )
        return data

    def deleted(self, ctx: FetchContext, post_id: str) -> Observation:
        """A sighting of a post the source says is gone: marked, no text (the pipeline keeps the old words)."""
        return Observation.model_validate(
            {"observed_at": ctx.now, "source": self.platform_key(), "id": post_id, "text": "", DELETED: True}
        )

    def login_token(
        self, ctx: FetchContext, response: httpx.Response, field: str, refused: str
    ) -> tuple[str, dict[str, Any]]:
        """The token a login answered with (registered as a secret) and the whole answer.

        A refused login (400/401/403) is fatal: ``refused`` says which variables to check.
        """
        if response.status_code in (400, 401, 403):
            raise SourceFatal(f"{self.where}: {refused} (HTTP {response.status_code})")
        ctx.http.raise_for_status(response)
        body = self.expect(ctx.http.json_of(response), dict, "the login answer")
        token = body.get(field)
        if not isinstance(token, str) or not token:
            raise SourceFatal(f"{self.where}: the login answer has no {field}")
        ctx.http.add_secret(token)
        return token, body

    async def optional(self, ctx: FetchContext, what: str, work: Awaitable[T]) -> T | None:
        """Run a lookup that must never fail the poll (refresh, reach): log its failure and go on."""
        try:
            return await work
        except (RetriableError, FatalError) as exc:  # HTTPProblem is a RetriableError
            ctx.log.warning("%s: %s failed, will retry later: %s", self.where, what, exc)
            return None

    async def reach(
        self,
        ctx: FetchContext,
        authors: Iterable[str],
        lookup: Callable[[list[str]], Awaitable[Mapping[str, int]]],
    ) -> dict[str, int]:
        """Reach (followers, karma...) of these authors: cached ones, plus one batched ``lookup`` for the rest."""
        known: dict[str, int] = {}
        missing: list[str] = []
        for author in dict.fromkeys(authors):
            cached = REACH_CACHE.get(self.name, author)
            if cached is None:
                missing.append(author)
            else:
                known[author] = cached
        if missing:
            found = await self.optional(ctx, f"reach lookup of {len(missing)} authors", lookup(missing))
            for author, value in (found or {}).items():
                REACH_CACHE.put(self.name, author, value)
                known[author] = value
        return known

    @abstractmethod
    def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        """New posts since ``ctx.cursor``, in pages the framework stores one transaction each."""

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        """Fresh observations of known posts (engagement over time). Default: not supported."""
        return
        yield  # type: ignore[unreachable]  # makes this an async generator


# What a connector module imports from here; the options, paging and reach cache live in their own
# modules (connectors/config.py, paging.py, reach.py) and are re-exported so one import serves.
__all__ = [
    "DELETED",
    "REACH_CACHE",
    "Connector",
    "Credential",
    "CredentialNeed",
    "Cursor",
    "FetchContext",
    "Page",
    "Paging",
    "Rejected",
    "SourceConfig",
    "SourceError",
    "SourceFatal",
    "credential",
]
