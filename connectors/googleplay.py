"""Google Play: reviews of an Android app. UNOFFICIAL: Google offers no public review API.

This is a small client of the endpoint the Play Store web page itself calls to list reviews
(``POST /_/PlayStoreUi/data/batchexecute``, RPC ``oCPfdb``, or the older ``UsvDTd`` with
``rpc = "UsvDTd"``; sorted newest first), the same
endpoint the maintained scrapers use (JoMingyu/google-play-scraper for Python,
facundoolano/google-play-scraper for Node). Those libraries hard-code ``https://play.google.com``
and make their own blocking requests, so they cannot be pointed at a test server nor share the
framework's retries and pacing; hence this client. The format is undocumented: positions inside
the answer can change without notice, and Google may throttle or block it. A changed format shows
up as a one-line "none of the reviews could be read" error, never as wrong data. Only the Google
Play Developer API (for the app's own publisher, with a service account) is official.

Each poll reads newest first down to the review already stored (see :mod:`connectors.descent`);
a capped walk resumes from its continuation token. Stars become the observation's ``rating``,
thumbs-up its likes. Reviews rarely name the brand, so a source usually sets ``brand = "..."``.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime
from functools import partial
from typing import Any, ClassVar, Literal

from pydantic import Field

from connectors.base import Connector, FetchContext, Page, SourceConfig, SourceError
from connectors.descent import walk_feeds
from connectors.htmltext import normalize_space
from monitor.core.observations import Author, Engagement, Observation

PLAY = "https://play.google.com"
RPCS = ("oCPfdb", "UsvDTd")  # the review-list RPC of current Play Store pages, and the older one
NEWEST = 2  # the sort order "newest" in the RPC's arguments
REVIEW_URL = "https://play.google.com/store/apps/details?id={app}&reviewId={review}"
XSSI = ")]}'"


class GooglePlayConfig(SourceConfig):
    type: Literal["googleplay"] = "googleplay"
    app_id: str = Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$",
        description="The app's package name, e.g. 'com.northwind.app' (the id= in its Play Store URL).",
    )
    lang: str = Field(default="en", pattern=r"^[a-z]{2}(-[A-Za-z]{2})?$", description="Review language (hl).")
    country: str = Field(default="us", pattern=r"^[a-z]{2}$", description="Storefront country (gl).")
    base_url: str | None = Field(default=PLAY, description="Play Store root (the web endpoint; unofficial).")
    page_size: int = Field(default=100, ge=1, le=199, description="Reviews per page.")
    rpc: Literal["oCPfdb", "UsvDTd"] = Field(
        default="oCPfdb",
        description="The review-list RPC to call: 'oCPfdb' (current pages) or 'UsvDTd' (older ones); "
        "switch if Google stops answering one.",
    )


class GooglePlayConnector(Connector[GooglePlayConfig]):
    type = "googleplay"
    config_class = GooglePlayConfig
    default_base_url = PLAY
    summary = "Google Play reviews of an app (UNOFFICIAL: the Play Store web page's own endpoint; no key)"
    example: ClassVar[Mapping[str, Any]] = {
        "type": "googleplay",
        "name": "googleplay-northwind",
        "app_id": "com.twitter.android",
        "brand": "Northwind Air",
        "base_url": PLAY,
    }

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        url = f"{self.base_url}/_/PlayStoreUi/data/batchexecute"

        async def read(
            app: str, token: str | None
        ) -> tuple[list[tuple[datetime | None, str, Observation]], str | None]:
            response = await ctx.http.post(
                url,
                params={"hl": self.config.lang, "gl": self.config.country},
                data={"f.req": self._request(token)},
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"},
            )
            ctx.http.raise_for_status(response)
            raws, next_token = self._answer(ctx, response.content)
            reviews = self.records(ctx, raws, partial(self._review, ctx), "review")
            return [(r.created_at, r.id, r) for r in reviews], next_token

        async def observe(reviews: list[Observation]) -> list[Observation]:
            return reviews

        feeds = [f"{self.config.app_id}:{self.config.country}:{self.config.lang}"]
        async for page in walk_feeds(feeds, ctx.cursor, lambda: self.paging(ctx), read, observe):
            yield page

    def _request(self, token: str | None) -> str:
        """The ``f.req`` form value: the RPC id and its arguments, JSON inside JSON."""
        window = [self.config.page_size, None, token]
        arguments: list[Any]
        if self.config.rpc == "UsvDTd":
            arguments = [None, None, [2, NEWEST, window, None, [None, None]], [self.config.app_id, 7]]
        else:
            arguments = [None, [2, NEWEST, window, None, [None] * 9], [self.config.app_id, 7]]
        inner = json.dumps(arguments, separators=(",", ":"))
        return json.dumps([[[self.config.rpc, inner, None, "generic"]]], separators=(",", ":"))

    def _answer(self, ctx: FetchContext, body: bytes) -> tuple[list[Any], str | None]:
        """The review arrays and the continuation token of one batchexecute answer."""
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ctx.http.problem(f"answer is not valid UTF-8 (byte {exc.start})") from None
        text = text.strip()
        if not text.startswith(XSSI):
            what = "an HTML page" if text.startswith("<") else ("an empty answer" if not text else "an unknown answer")
            raise ctx.http.problem(f"{what} instead of a batchexecute answer (Google may have changed or blocked it)")
        text = text[len(XSSI) :].lstrip()
        if text[:1].isdigit():  # the chunked form prefixes each chunk with its length on a line of its own
            text = text.split("\n", 1)[1] if "\n" in text else ""
        try:
            outer, _ = json.JSONDecoder().raw_decode(text)
            payload = next(el[2] for el in outer if isinstance(el, list) and el[:1] == ["wrb.fr"] and el[1] in RPCS)
            inner = json.loads(payload) if isinstance(payload, str) else None
        except (ValueError, StopIteration, IndexError, TypeError):
            raise ctx.http.problem("malformed or cut-off batchexecute answer") from None
        if inner is None:  # no reviews (an app without any, or past the last page)
            return [], None
        if not isinstance(inner, list) or not inner:
            raise SourceError(f"{self.where}: the review list has an unknown shape (the unofficial format changed?)")
        raws = inner[0] if isinstance(inner[0], list) else []
        tail = inner[-1] if len(inner) > 1 and isinstance(inner[-1], list) else []
        token = tail[-1] if tail and isinstance(tail[-1], str) and tail[-1] else None
        return raws, token

    def _review(self, ctx: FetchContext, raw: Any) -> Observation:
        return review_observation(raw, ctx.now, self.config.app_id)


def review_observation(raw: Any, now: datetime, app_id: str) -> Observation:
    """One review array (positions as in the Play Store's own answer) as an observation."""
    if not isinstance(raw, list) or len(raw) < 6:
        raise ValueError("not a review array")
    review_id, user, stars, text, stamp = raw[0], raw[1], raw[2], raw[4], raw[5]
    if not isinstance(review_id, str) or not review_id:
        raise ValueError("no review id at position 0")
    if not (isinstance(stamp, list) and stamp and isinstance(stamp[0], int)):
        raise ValueError(f"review {review_id}: no time at position 5")
    name = user[0] if isinstance(user, list) and user and isinstance(user[0], str) else None
    user_id = raw[9][0] if len(raw) > 9 and isinstance(raw[9], list) and raw[9] and isinstance(raw[9][0], str) else None
    thumbs = raw[6] if len(raw) > 6 and isinstance(raw[6], int) else None
    version = raw[10] if len(raw) > 10 and isinstance(raw[10], str) else None
    return Observation(
        observed_at=now,
        source="googleplay",
        id=review_id,
        url=REVIEW_URL.format(app=app_id, review=review_id),
        created_at=datetime.fromtimestamp(stamp[0], UTC),
        author=Author(id=user_id, handle=normalize_space(name or "") or None),
        text=normalize_space(text) if isinstance(text, str) else "",
        engagement=Engagement(likes=thumbs),
        rating=stars if isinstance(stars, int) and 1 <= stars <= 5 else None,
        app_version=version,
        developer_replied=bool(len(raw) > 7 and raw[7]),
    )
