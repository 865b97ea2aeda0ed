"""Stack Exchange (Stack Overflow and the other sites): questions matching the brand's search.

Polls call ``/search/advanced`` sorted by creation date, *oldest first*, from ``fromdate`` = the
newest creation second already stored. Because the order is ascending, every page's cursor can be
stored as soon as the page is: a poll that stops half-way resumes where it stopped, and nothing is
skipped. Questions created in the boundary second are remembered by id so they are neither lost
nor stored twice. The first poll starts ``lookback`` ago.

The API's own throttling fields are obeyed: ``backoff`` (seconds before the next call of the same
method) pauses the client, a low ``quota_remaining`` ends the poll early, and a ``throttle_violation``
error is retried at the time it names. An API key (optional) raises the daily quota from 300 to
10,000 requests per IP.

Engagement is re-fetched with ``/questions/{ids}`` (100 ids a call): score as likes, answers as
replies, views as views; the asker's reputation comes with every question, so reach costs nothing.
A question the batch no longer returns was deleted.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from connectors.base import (
    Connector,
    Credential,
    Cursor,
    FetchContext,
    Page,
    SourceConfig,
    SourceError,
    credential,
)
from connectors.htmltext import html_to_text, join_text
from connectors.watermark import Watermark
from monitor.core.durations import Duration
from monitor.core.observations import Author, Engagement, Observation

API = "https://api.stackexchange.com/2.3"
BATCH = 100  # ids per /questions/{ids} call
FILTER = "withbody"  # a built-in filter: the default fields plus the question body
_SECONDS = re.compile(r"(\d+) seconds")


class StackExchangeConfig(SourceConfig):
    type: Literal["stackexchange"] = "stackexchange"
    site: str = Field(default="stackoverflow", min_length=1, description="Site to search (api_site_parameter).")
    query: str | None = Field(default=None, min_length=1, description="Free-text search ('q'); the brand name.")
    tagged: str | None = Field(
        default=None, min_length=1, description="Only questions with these tags, ';'-separated (a brand's own tag)."
    )
    base_url: str | None = Field(default=API, description="API root, version included.")
    key_env: str = credential(
        "STACKEXCHANGE_KEY", "an app key from stackapps.com: raises the quota from 300 to 10,000 a day", required=False
    )
    page_size: int = Field(default=100, ge=1, le=100, description="Questions per page.")
    lookback: Duration = Field(default=timedelta(days=1), description="How far back the first poll starts.")
    quota_reserve: int = Field(
        default=10, ge=0, description="Stop polling for the day when quota_remaining falls to this many."
    )

    @model_validator(mode="after")
    def _something_to_watch(self) -> StackExchangeConfig:
        if self.query is None and self.tagged is None:
            raise ValueError("set query (search terms) or tagged (a tag to list), or both")
        return self


class _Question(BaseModel):
    model_config = ConfigDict(extra="ignore")

    question_id: int
    title: str = ""
    body: str | None = None
    link: str | None = None
    creation_date: int
    last_edit_date: int | None = None
    score: int | None = None
    answer_count: int | None = None
    view_count: int | None = None
    owner: dict[str, Any] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list)


class StackExchangeConnector(Connector[StackExchangeConfig]):
    type = "stackexchange"
    config_class = StackExchangeConfig
    default_base_url = API
    can_refresh = True
    summary = "Stack Exchange questions (Stack Overflow or any site) matching a search or tag, oldest first"
    credentials = (Credential("STACKEXCHANGE_KEY", False),)
    example: ClassVar[Mapping[str, Any]] = {
        "type": "stackexchange",
        "name": "stackoverflow-northwind",
        "site": "stackoverflow",
        "query": "northwind",
        "base_url": API,
        "key_env": "STACKEXCHANGE_KEY",
    }

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        mark = _read_cursor(ctx.cursor)  # empty on a first poll: the server's fromdate is enough
        since = mark.moment if mark.moment is not None else int((ctx.now - self.config.lookback).timestamp())
        key = self.secret(ctx, "key_env")
        paging = self.paging(ctx)
        page_no = 1
        while True:
            params: dict[str, Any] = {
                "site": self.config.site,
                "sort": "creation",
                "order": "asc",
                "fromdate": since,
                "pagesize": self.config.page_size,
                "page": page_no,
                "filter": FILTER,
            }
            if self.config.query:
                params["q"] = self.config.query
            if self.config.tagged:
                params["tagged"] = self.config.tagged
            if key:
                params["key"] = key
            data = await self._call(ctx, f"{self.base_url}/search/advanced", params)
            questions = self._questions(ctx, data)
            fresh = [
                q
                for q in questions
                if mark.admits(q.creation_date, str(q.question_id)) and paging.is_new(str(q.question_id))
            ]
            mark.advance((q.creation_date, str(q.question_id)) for q in fresh)
            since = mark.moment if mark.moment is not None else since
            has_more = bool(data.get("has_more")) and not self._quota_spent(ctx, data)
            cursor: Cursor = {"fromdate": since, "ids": mark.sorted_ids()}
            yield Page([self._observation(ctx, q) for q in fresh], cursor if fresh else None)
            if not paging.more(page_no + 1 if has_more else None):
                return
            page_no += 1

    async def refresh(self, ctx: FetchContext, ids: Sequence[str]) -> AsyncIterator[Page]:
        numeric = [i for i in ids if i.isdigit()]
        key = self.secret(ctx, "key_env")
        for start in range(0, len(numeric), BATCH):
            chunk = numeric[start : start + BATCH]
            params: dict[str, Any] = {"site": self.config.site, "pagesize": BATCH, "filter": FILTER}
            if key:
                params["key"] = key
            data = await self._call(ctx, f"{self.base_url}/questions/{';'.join(chunk)}", params)
            questions = self._questions(ctx, data)
            returned = {str(q.question_id) for q in questions}
            found = [self._observation(ctx, q) for q in questions]
            gone = [self.deleted(ctx, i) for i in chunk if i not in returned]
            for observation in gone:
                ctx.log.info("%s: question %s is no longer returned: deleted", self.where, observation.id)
            yield Page(found + gone)
            if self._quota_spent(ctx, data):
                return

    # -- helpers ---------------------------------------------------------------------------------

    async def _call(self, ctx: FetchContext, url: str, params: Mapping[str, Any]) -> dict[str, Any]:
        response = await ctx.http.get(url, params=params)
        if response.status_code >= 400:
            body = _maybe_json(ctx, response)
            if body.get("error_name") == "throttle_violation":
                match = _SECONDS.search(str(body.get("error_message", "")))
                wait = float(match.group(1)) if match else None
                raise ctx.http.problem(f"throttled by {url.split('?')[0]}: {body.get('error_message')}", wait)
            if body.get("error_name"):
                raise SourceError(
                    f"{self.where}: {body['error_name']} ({ctx.http.redact(str(body.get('error_message', '')))})"
                )
            ctx.http.raise_for_status(response)
        data = self.expect(ctx.http.json_of(response), dict, "API answer")
        backoff = data.get("backoff")
        if isinstance(backoff, int | float) and backoff > 0:
            ctx.log.info("%s: the API asked for %ss of backoff before the next call", self.where, backoff)
            ctx.http.pause(float(backoff))
        return data

    def _quota_spent(self, ctx: FetchContext, data: Mapping[str, Any]) -> bool:
        remaining = data.get("quota_remaining")
        if isinstance(remaining, int) and remaining <= self.config.quota_reserve:
            ctx.log.warning(
                "%s: daily quota nearly spent (%d left of %s); reading more tomorrow",
                self.where,
                remaining,
                data.get("quota_max", "?"),
            )
            return True
        return False

    def _questions(self, ctx: FetchContext, data: Mapping[str, Any]) -> list[_Question]:
        items = self.expect(data.get("items"), list, "'items'")
        questions: list[_Question] = []
        self.records(ctx, items, lambda raw: questions.append(_Question.model_validate(raw)), "question")
        return questions

    def _observation(self, ctx: FetchContext, q: _Question) -> Observation:
        return question_observation(q, ctx.now, self.config.site)


def question_observation(q: _Question, now: datetime, site: str) -> Observation:
    owner = q.owner
    reputation = owner.get("reputation")
    return Observation(
        observed_at=now,
        source="stackexchange",
        id=str(q.question_id),
        url=q.link or f"https://{site}.com/q/{q.question_id}",
        created_at=datetime.fromtimestamp(q.creation_date, UTC),
        author=Author(
            id=owner.get("user_id"),
            handle=html_to_text(str(owner.get("display_name") or "")) or None,
            followers=reputation if isinstance(reputation, int) and reputation >= 0 else None,
        ),
        text=join_text(html_to_text(q.title), html_to_text(q.body)),
        engagement=Engagement(likes=q.score, replies=q.answer_count, views=q.view_count),
        lang="en" if site in ("stackoverflow", "superuser", "serverfault", "askubuntu") else None,
    )


def _maybe_json(ctx: FetchContext, response: Any) -> dict[str, Any]:
    try:
        data = ctx.http.json_of(response)
    except Exception:  # an error page that is not JSON: the status line says enough
        return {}
    return data if isinstance(data, dict) else {}


def _read_cursor(cursor: Cursor | None) -> Watermark[int]:
    since = (cursor or {}).get("fromdate")
    ids = (cursor or {}).get("ids")
    if not isinstance(since, int) or isinstance(since, bool):
        return Watermark()
    return Watermark(since, {str(i) for i in ids} if isinstance(ids, list) else set())
