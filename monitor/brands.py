"""Which brand a post is about, from each brand's include/exclude terms and languages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.config import BrandConfig


def _term_pattern(term: str) -> str:
    """A term or quoted phrase as a whole-word, whitespace-tolerant regex."""
    words = term.strip().strip('"').split()
    body = r"\s+".join(re.escape(word) for word in words)
    return rf"(?<!\w){body}(?!\w)"


@dataclass(frozen=True)
class _CompiledBrand:
    name: str
    include: re.Pattern[str]
    exclude: re.Pattern[str] | None
    languages: tuple[str, ...]
    own_platforms: frozenset[str] = frozenset()


class BrandMatcher:
    """With no brands configured every post is kept: a replay file is already a selection."""

    def __init__(self, brands: list[BrandConfig]) -> None:
        self._brands = [
            _CompiledBrand(
                name=brand.name,
                include=re.compile("|".join(_term_pattern(t) for t in brand.include), re.IGNORECASE),
                exclude=(
                    re.compile("|".join(_term_pattern(t) for t in brand.exclude), re.IGNORECASE)
                    if brand.exclude
                    else None
                ),
                languages=tuple(lang.lower() for lang in brand.languages),
                own_platforms=frozenset(p.lower() for p in brand.own_platforms),
            )
            for brand in brands
        ]

    @property
    def keeps_everything(self) -> bool:
        return not self._brands

    def match(
        self, text: str, lang: str | None, platform: str | None = None, assigned: str | None = None
    ) -> tuple[bool, str | None]:
        """``(keep, brand)``: whether the post is kept, and the brand it is about if any.

        ``platform`` is the post's source: a brand's ``own_platforms`` (its own app reviews) need no
        term match. ``assigned`` is a source's ``brand`` option: its posts are about that brand
        without a term match, but that brand's exclusions and languages still rule posts out.
        """
        if assigned is not None:
            return self._match_assigned(text, lang, assigned)
        if not self._brands:
            return True, None
        for brand in self._brands:
            if lang and brand.languages and not lang.lower().startswith(brand.languages):
                continue
            named = brand.include.search(text) or (platform or "").lower() in brand.own_platforms
            if named and not (brand.exclude and brand.exclude.search(text)):
                return True, brand.name
        return False, None

    def _match_assigned(self, text: str, lang: str | None, assigned: str) -> tuple[bool, str | None]:
        for brand in self._brands:
            if brand.name != assigned:
                continue
            if lang and brand.languages and not lang.lower().startswith(brand.languages):
                return False, None
            if brand.exclude and brand.exclude.search(text):
                return False, None
        return True, assigned


def account_name(handle: str | None) -> str:
    """A handle as one name whatever the platform writes around it: "@northwindair@mastodon.social",
    "northwindair.bsky.social", "u/northwindair" and "@NorthwindAir" are all "northwindair"."""
    name = (handle or "").strip().lower().removeprefix("u/").lstrip("@").split("@")[0]
    return name.split(".")[0] if "." in name else name


def own_accounts(brands: list[BrandConfig]) -> frozenset[str]:
    """The brands' own accounts: those listed, and the @handles customers use to mention the brand."""
    handles = [h for brand in brands for h in (*brand.own_accounts, *(t for t in brand.include if t.startswith("@")))]
    return frozenset(name for name in map(account_name, handles) if name)
