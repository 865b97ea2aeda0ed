"""The connector contract: one module, one class, a typed config, an async fetch of observations.

Modelled on Singer SDK streams: a connector only knows how to turn a source's API into
observations and how to describe its position (the cursor). The framework in
``monitor/polling.py`` owns everything that must behave the same for every source: storing the
cursor in the same transaction as the posts, retries, backoff and rate-limit pacing
(``connectors/http.py``), timeouts, credentials and per-source health.

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
import re
import time
from abc import ABC, abstractmethod
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar, Generic, NamedTuple, TypeVar

import httpx
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from connectors.http import HTTPProblem, SourceHTTP
from monitor.core.durations import Duration
from monitor.core.errors import FatalError, RetriableError, SkipRecord
from monitor.core.observations import DELETED as DELETED  # re-exported: connectors mark deleted posts with it
from monitor.core.observations import Observation, describe_validation_error

Cursor = dict[str, Any]

_HTTP_URL = re.compile(r"^https?://[^/\s]+")
_ENV_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Credential(NamedTuple):
    """An environment variable a connector reads, and whether a poll cannot work without it."""

    env: str
    required: bool


class CredentialNeed(NamedTuple):
    option: str  # the config option naming the variable, e.g. "client_id_env"
    env: str  # the variable's name, e.g. "REDDIT_CLIENT_ID"
    required: bool
    why: str  # what it is for, from the option's description


def credential(env: str, description: str, *, required: bool) -> Any:
    """A config field naming the environment variable that holds a secret (never the secret itself)."""
    return Field(default=env, description=description, json_schema_extra={"credential_required": required})


class SourceConfig(BaseModel):
    """Options every source has; a connector subclasses this with its own described fields."""

    model_config = ConfigDict(extra="forbid", validate_default=True)

    type: str = Field(description="Connector type, e.g. 'hackernews', 'reddit', 'replay'.")
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
    max_pages: int = Field(default=5, ge=1, le=100, description="Pages read per poll at most.")
    max_items: int = Field(default=500, ge=1, le=10_000, description="Posts read per poll at most (checked per page).")
    brand: str | None = Field(
        default=None,
        min_length=1,
        description="Everything this source yields is about this brand, without a term match "
        "(app reviews, a brand's own forum or channel); the brand's exclusions still apply.",
    )
    high_reach_followers: int | None = Field(
        default=None, ge=0, description="Override the detection reach threshold for this source's authors."
    )

    @property
    def source_name(self) -> str:
        return self.name or self.type

    @model_validator(mode="after")
    def _urls_and_env_names(self) -> SourceConfig:
        for option in type(self).model_fields:
            value = getattr(self, option)
            relative_ok = option == "url" and "://" not in str(value)  # rss: a feed path under base_url
            if option.endswith("url") and value is not None and not relative_ok and not _HTTP_URL.match(str(value)):
                raise ValueError(f"{option} must be an http:// or https:// URL")
            if option.endswith("_env") and value is not None and not _ENV_NAME.match(str(value)):
                raise ValueError(
                    f"{option} must be the NAME of an environment variable (like MY_TOKEN), not the secret itself"
                )
        return self

    def credential_needs(self) -> list[CredentialNeed]:
        """The environment variables this source reads; override when the need depends on options."""
        needs = []
        for option, info in type(self).model_fields.items():
            extra = info.json_schema_extra
            if option.endswith("_env") and isinstance(extra, dict) and "credential_required" in extra:
                needs.append(
                    CredentialNeed(
                        option, str(getattr(self, option)), bool(extra["credential_required"]), info.description or ""
                    )
                )
        return needs

    def missing_credentials(self, environ: Mapping[str, str] | None = None) -> list[str]:
        """One line per required variable that is unset or empty, naming the option and what it is for."""
        env = os.environ if environ is None else environ
        return [
            f"${need.env} is not set ({need.option}: {need.why})"
            for need in self.credential_needs()
            if need.required and not env.get(need.env)
        ]


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


class Paging:
    """Bounds one poll: at most ``max_pages`` pages and ``max_items`` posts, and no endless loops.

    Call :meth:`is_new` for each record's id, then :meth:`more` once per page with the token that
    would fetch the next one. Paging ends when there is no next token, the page brought nothing
    new (an API that ignores the cursor returns the same page forever), the token repeats, or a
    cap is reached (``capped`` is then True: the connector must keep enough in its cursor not to
    skip what it has not read).
    """

    def __init__(self, config: SourceConfig, log: logging.Logger, where: str) -> None:
        self.max_pages = config.max_pages
        self.max_items = config.max_items
        self.pages = 0
        self.items = 0
        self.capped = False
        self.reason = ""
        self._log = log
        self._where = where
        self._seen: set[str] = set()
        self._tokens: set[Hashable] = set()
        self._new_on_page = 0

    def is_new(self, record_id: str) -> bool:
        if record_id in self._seen:
            return False
        self._seen.add(record_id)
        self._new_on_page += 1
        return True

    def more(self, next_token: Hashable | None) -> bool:
        self.pages += 1
        self.items += self._new_on_page
        new, self._new_on_page = self._new_on_page, 0
        if next_token is None:
            self.reason = "no further page"
        elif new == 0:
            self.reason = "a page with nothing new"
        elif next_token in self._tokens:
            self.reason = "the cursor did not advance"
        elif self.pages >= self.max_pages or self.items >= self.max_items:
            self.capped = True
            self.reason = f"the cap of {self.max_pages} pages / {self.max_items} posts per poll"
            self._log.warning(
                "%s: stopped at %s; the rest is read at the next poll (raise max_pages/max_items or poll more often)",
                self._where,
                self.reason,
            )
        else:
            self._tokens.add(next_token)
            return True
        return False


class _ReachCache:
    """Author reach by (source, author id) for ``ttl`` seconds: a daemon looks each author up rarely."""

    def __init__(self, ttl: float = 6 * 3600) -> None:
        self.ttl = ttl
        self._values: dict[tuple[str, str], tuple[float, int]] = {}

    def get(self, source: str, author: str) -> int | None:
        hit = self._values.get((source, author))
        if hit is None or time.monotonic() - hit[0] > self.ttl:
            return None
        return hit[1]

    def put(self, source: str, author: str, reach: int) -> None:
        self._values[(source, author)] = (time.monotonic(), reach)

    def clear(self) -> None:
        self._values.clear()


REACH_CACHE = _ReachCache()

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
        except (RetriableError, FatalError, HTTPProblem) as exc:
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
