"""What echo detection reads in one post's text: content words, links, identifiers, a "me too".

A post's terms depend only on its text, its language tag and the brands' own words, so they are
read once per post and looked up after: the clustering walk read a retelling's text again when it
tried to join a complaint, and again when a later complaint adopted it. During an import the
scoring worker reads them beside the scores (``monitor.scoring.pool``), so the importing process,
which clusters and stores, only looks them up.
"""

from __future__ import annotations

from collections.abc import Iterable

from monitor.spread import echo
from monitor.spread.content import TOO
from monitor.spread.failure import says_too
from monitor.spread.identifiers import identifier_terms
from monitor.spread.links import link_terms, links_as_words


class PostWords:
    """Reads a post's echo terms (``__call__``) for brands whose own words say nothing about a story.

    Plain data, so a scoring worker can be handed one (it is pickled when workers are spawned).
    """

    def __init__(self, brand_words: Iterable[str]) -> None:
        self.brand_words = frozenset(brand_words)
        self.brand_handles = frozenset(w.lstrip("@#") for w in self.brand_words)
        # built once: ``echo.signature`` builds the union of the stop words and the brand's words per text
        self.skip = echo.skipped(self.brand_words)

    def __call__(self, text: str, lang: str | None) -> frozenset[str]:
        plain = links_as_words(text)
        words = echo.content_stems(plain, self.skip) | link_terms(text) | identifier_terms(plain, self.brand_handles)
        return (words | {TOO}) if says_too(text, lang) else words
