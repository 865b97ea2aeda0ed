"""One profile per platform: the facts about a place that detection, drafting and the digest need.

Each connector names its platform's profile; nothing else in repmon hard-codes a platform name.
A post's ``source`` field is its platform's key (``"reddit"``, ``"hackernews"``...), so any module
that holds a post can look up how that place works with :func:`profile_for`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType


class ReachKind(StrEnum):
    """What an author's reach number means on this platform."""

    FOLLOWERS = "followers"  # an audience that sees what they post
    KARMA = "karma"  # earned over years; a high number is common and spreads less
    REPUTATION = "reputation"  # Q&A reputation: standing, not an audience
    SUBSCRIBERS = "subscribers"  # a channel's subscribers
    NONE = "none"  # the platform does not say


class LengthUnit(StrEnum):
    CHARACTERS = "characters"  # Python code points
    GRAPHEMES = "graphemes"  # what a person counts as one character (Bluesky counts these)


COUNTERS = ("likes", "reposts", "replies", "quotes")
"""The engagement counters that spread a post; views are seen, not passed on."""


@dataclass(frozen=True)
class PlatformProfile:
    """How a platform works, as far as repmon cares.

    ``spread`` weighs each counter the platform has by how much it passes a message on: the total
    interactions detection measures are ``sum(count * weight)``. Counters a platform lacks are
    simply absent.

    ``app_reviews`` marks a store of reviews of the brand's own app. Every review there names the
    app's features (praise mentions the boarding pass as often as complaints do), so the words
    that tell one failure from another are judged against the store's own complaints, and
    reviewers naming the same feature within hours are one wave (``monitor/ingest/clustering.py``).

    ``syndication`` marks a feed that carries other people's stories word for word (news sites,
    blogs): it is never a voice in an echo. A forum that shows no follower counts (``reach``
    NONE: Lemmy, Discourse) is still people telling their own stories.
    """

    key: str
    display_name: str
    spread: Mapping[str, float]
    reach: ReachKind = ReachKind.FOLLOWERS
    high_reach: int = 10_000
    reply_limit: int = 1000
    length_unit: LengthUnit = LengthUnit.CHARACTERS
    has_dms: bool = False
    no_dm_step: str = "reply here"
    long_form: bool = False
    url_chars: int | None = None  # a platform that shortens links counts every URL as this many characters
    aliases: tuple[str, ...] = field(default_factory=tuple)
    app_reviews: bool = False  # star-rated reviews of the brand's own app (see above)
    syndication: bool = False  # a feed that republishes stories (news, blogs): nobody's own voice

    @property
    def counters(self) -> tuple[str, ...]:
        return tuple(name for name in COUNTERS if name in self.spread)

    def spread_total(self, counts: Mapping[str, int | None]) -> int | None:
        """Weighted interactions, or ``None`` when the platform reported none of its counters."""
        known = [(counts.get(name), weight) for name, weight in self.spread.items()]
        values = [(value, weight) for value, weight in known if value is not None]
        if not values:
            return None
        return round(sum(value * weight for value, weight in values))


def _counters(**weights: float) -> Mapping[str, float]:
    return MappingProxyType(dict(weights))


_ALL = _counters(likes=1.0, reposts=1.0, replies=1.0, quotes=1.0)

_PROFILES: tuple[PlatformProfile, ...] = (
    PlatformProfile(
        "x", "X", _ALL, high_reach=10_000, reply_limit=280, has_dms=True, url_chars=23, aliases=("twitter",)
    ),
    PlatformProfile("threads", "Threads", _ALL, reply_limit=500, has_dms=True),
    PlatformProfile("bluesky", "Bluesky", _ALL, reply_limit=300, length_unit=LengthUnit.GRAPHEMES, has_dms=True),
    PlatformProfile(
        "mastodon",
        "Mastodon",
        _counters(likes=1.0, reposts=1.0, replies=1.0),
        reply_limit=500,
        has_dms=True,
        url_chars=23,
    ),
    PlatformProfile(
        "reddit",
        "Reddit",
        _counters(likes=1.0, replies=1.0),
        reach=ReachKind.KARMA,
        high_reach=100_000,
        reply_limit=10_000,
        has_dms=True,
        long_form=True,
    ),
    PlatformProfile(
        "lemmy",
        "Lemmy",
        _counters(likes=1.0, replies=1.0),
        reach=ReachKind.NONE,
        reply_limit=10_000,
        no_dm_step="reply here or write to us",
        long_form=True,
    ),
    PlatformProfile(
        "hackernews",
        "Hacker News",
        _counters(likes=1.0, replies=1.0),
        reach=ReachKind.KARMA,
        high_reach=20_000,
        reply_limit=2000,
        no_dm_step="email us",
        long_form=True,
    ),
    PlatformProfile(
        "stackexchange",
        "Stack Exchange",
        _counters(likes=1.0, replies=1.0),
        reach=ReachKind.REPUTATION,
        high_reach=50_000,
        reply_limit=600,
        no_dm_step="reply here or open a ticket",
        aliases=("stackoverflow",),
    ),
    PlatformProfile(
        "github",
        "GitHub",
        _counters(likes=1.0, replies=1.0),
        reach=ReachKind.FOLLOWERS,
        high_reach=5_000,
        reply_limit=10_000,
        no_dm_step="reply in this issue",
        long_form=True,
    ),
    PlatformProfile(
        "discourse",
        "Discourse forum",
        _counters(likes=1.0, replies=1.0),
        reach=ReachKind.NONE,
        reply_limit=10_000,
        no_dm_step="reply in this thread",
        long_form=True,
    ),
    PlatformProfile(
        "youtube",
        "YouTube",
        _counters(likes=1.0, replies=1.0),
        reach=ReachKind.SUBSCRIBERS,
        high_reach=100_000,
        reply_limit=10_000,
        no_dm_step="email us",
    ),
    PlatformProfile(
        "appstore",
        "App Store",
        _counters(likes=1.0),
        reach=ReachKind.NONE,
        reply_limit=5970,
        no_dm_step="contact our support team",
        long_form=True,
        app_reviews=True,
    ),
    PlatformProfile(
        "googleplay",
        "Google Play",
        _counters(likes=1.0),
        reach=ReachKind.NONE,
        reply_limit=350,
        no_dm_step="contact our support team",
        app_reviews=True,
    ),
    PlatformProfile(
        "rss", "News and blogs", _ALL, reach=ReachKind.NONE, reply_limit=1000, no_dm_step="email us", syndication=True
    ),
)

GENERIC = PlatformProfile("generic", "Web", _ALL, reply_limit=1000, no_dm_step="email us")
"""The profile of a platform repmon has no entry for: modest limits, no DMs assumed."""

_BY_KEY: dict[str, PlatformProfile] = {}
for _profile in _PROFILES:
    for _name in (_profile.key, *_profile.aliases):
        _BY_KEY[_name] = _profile


def profile_for(platform: str | None) -> PlatformProfile:
    """The profile for a platform key (case-insensitive), or :data:`GENERIC` when repmon has none."""
    if not platform:
        return GENERIC
    return _BY_KEY.get(platform.lower(), GENERIC)


def known_platforms() -> list[str]:
    """Every platform key repmon has a profile for (aliases excluded), e.g. for ``--platform``."""
    return [profile.key for profile in _PROFILES]
