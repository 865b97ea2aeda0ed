"""Apple App Store: customer reviews of an app, from Apple's public reviews feed per country.

``/{country}/rss/customerreviews/page={n}/id={app}/sortby=mostrecent/json`` needs no key and lists
the newest reviews first, 50 a page, at most 10 pages (500 reviews) per country. There is no
"since" filter, so each country's feed is read down to the review already stored (see
:mod:`connectors.descent`); each country keeps its own mark
(under the cursor's ``feeds``). An edited review comes back to the top
with a new time and is read again, so its new text is scored.

Reviews rarely name the app or the company, so a source usually sets ``brand = "..."`` (see the
framework's ``SourceConfig.brand``): everything it yields is about that brand. A review's stars
become the observation's ``rating``; its helpful votes (``im:voteSum``) its likes. Apple gives no
reviewer reach and no way to re-read one review, so there is no refresh.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import datetime
from functools import partial
from typing import Any, ClassVar, Literal

from pydantic import Field

from connectors.base import Connector, FetchContext, Page, SourceConfig
from connectors.descent import walk_feeds
from connectors.htmltext import join_text, normalize_space
from connectors.watermark import parse_time
from monitor.core.observations import Author, Engagement, Observation

FEED = "https://itunes.apple.com"
LAST_PAGE = 10  # Apple serves at most 10 pages of 50 reviews per country
REVIEWS_URL = "https://apps.apple.com/{country}/app/id{app}?see-all=reviews"


class AppStoreConfig(SourceConfig):
    type: Literal["appstore"] = "appstore"
    app_id: str = Field(pattern=r"^\d+$", description="The app's numeric id (the digits after 'id' in its store URL).")
    countries: list[str] = Field(
        default_factory=lambda: ["us"],
        min_length=1,
        description="Storefronts to read, as two-letter country codes ('us', 'gb', 'de'...); each has its own reviews.",
    )
    base_url: str | None = Field(default=FEED, description="Root of Apple's RSS feeds.")


class AppStoreConnector(Connector[AppStoreConfig]):
    type = "appstore"
    config_class = AppStoreConfig
    default_base_url = FEED
    summary = "Apple App Store reviews of an app, per country, from Apple's public reviews feed (no key)"
    example: ClassVar[Mapping[str, Any]] = {
        "type": "appstore",
        "name": "appstore-northwind",
        "app_id": "284815942",
        "countries": ["us", "gb"],
        "brand": "Northwind Air",
        "base_url": FEED,
    }

    async def fetch(self, ctx: FetchContext) -> AsyncIterator[Page]:
        countries = list(dict.fromkeys(c.lower() for c in self.config.countries))

        async def read(
            country: str, token: str | None
        ) -> tuple[list[tuple[datetime | None, str, Observation]], str | None]:
            page_no = int(token) if token and token.isdigit() else 1
            path = f"rss/customerreviews/page={page_no}/id={self.config.app_id}/sortby=mostrecent/json"
            data = self.expect(await ctx.http.get_json(f"{self.base_url}/{country}/{path}"), dict, "reviews feed")
            entries = _entries(self.expect(data.get("feed", {}), dict, "'feed'"))
            reviews = self.records(ctx, entries, partial(self._review, ctx, country=country), "review")
            next_page = str(page_no + 1) if entries and page_no < LAST_PAGE else None
            return [(r.created_at, r.id, r) for r in reviews], next_page

        async def observe(reviews: list[Observation]) -> list[Observation]:
            return reviews

        async for page in walk_feeds(countries, ctx.cursor, lambda: self.paging(ctx), read, observe):
            yield page

    def _review(self, ctx: FetchContext, raw: Any, *, country: str) -> Observation | None:
        if not isinstance(raw, Mapping):
            raise ValueError(f"a {type(raw).__name__}, not an entry")
        if "im:rating" not in raw:
            return None  # older feeds start with an entry describing the app itself
        return review_observation(raw, ctx.now, country, self.config.app_id)


def review_observation(entry: Mapping[str, Any], now: datetime, country: str, app_id: str) -> Observation:
    """One ``feed.entry[]`` of the customer-reviews JSON feed as an observation."""
    review_id = _label(entry, "id")
    if not review_id:
        raise ValueError("no id")
    updated = parse_time(_label(entry, "updated"))
    if updated is None:
        raise ValueError(f"review {review_id} has no readable 'updated' time")
    raw_author = entry.get("author")
    author: Mapping[str, Any] = raw_author if isinstance(raw_author, Mapping) else {}
    rating = _label(entry, "im:rating")
    votes = _label(entry, "im:voteSum")
    return Observation(
        observed_at=now,
        source="appstore",
        id=review_id,
        url=REVIEWS_URL.format(country=country, app=app_id),
        created_at=updated,
        author=Author(id=_label(author, "uri") or None, handle=normalize_space(_label(author, "name")) or None),
        text=join_text(normalize_space(_label(entry, "title")), normalize_space(_label(entry, "content"))),
        engagement=Engagement(likes=int(votes) if votes.isdigit() else None),
        rating=int(rating) if rating.isdigit() and 1 <= int(rating) <= 5 else None,
        app_version=_label(entry, "im:version") or None,
        country=country,
    )


def _entries(feed: Mapping[str, Any]) -> list[Any]:
    """``feed.entry``: a list, a single object when there is one review, absent when there are none."""
    entry = feed.get("entry")
    if entry is None:
        return []
    return entry if isinstance(entry, list) else [entry]


def _label(node: Mapping[str, Any], key: str) -> str:
    value = node.get(key)
    if isinstance(value, Mapping):
        value = value.get("label")
    return value.strip() if isinstance(value, str) else ""
