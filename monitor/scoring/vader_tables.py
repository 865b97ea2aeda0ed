"""What :mod:`monitor.scoring.vader_fast` takes from the installed vaderSentiment, prepared for fast lookups.

The package is the reference and the only source of VADER's data: its lexicon and emoji files are
parsed by its own loader, its tables (boosters, idioms) are imported, and nothing is copied into
repmon. This module turns them into what a fast, exact implementation needs: n-gram tables keyed
by word tuples, the word sets that gate the idiom checks, a cache from raw token to lookup word, and
an emoji replacer that behaves like the package's character loop.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from functools import cache
from importlib import metadata

from vaderSentiment.vaderSentiment import BOOSTER_DICT, SPECIAL_CASES, SentimentIntensityAnalyzer

__all__ = [
    "BOOST2",
    "BOOST3",
    "GATE0",
    "GATE1",
    "GATE2",
    "LAST2",
    "LAST3",
    "REFERENCE_VERSION",
    "SPECIAL2",
    "SPECIAL3",
    "emoji_replacer",
    "lowered",
    "matches_installed_vader",
    "package_tables",
    "some_in_capitals",
]

REFERENCE_VERSION = "3.3.2"
"""The vaderSentiment release whose algorithm FastVader reproduces (the tests prove it on it)."""

_PUNCT = string.punctuation


def _ngrams(table: Mapping[str, float], size: int) -> dict[tuple[str, ...], float]:
    """The entries of ``table`` whose key is ``size`` words joined by single spaces, keyed by word tuple.

    vaderSentiment joins lowercased tokens with one space and looks the string up. Tokens come from
    ``str.split()`` and hold no whitespace, so the string matches a key exactly when the tuple of
    tokens equals the key split on spaces; keys of any other shape can never match and are left out.
    """
    grams: dict[tuple[str, ...], float] = {}
    for key, value in table.items():
        parts = tuple(key.split(" "))
        if len(parts) == size and all(parts) and not any(any(c.isspace() for c in p) for p in parts):
            grams[parts] = value
    return grams


SPECIAL2 = _ngrams(SPECIAL_CASES, 2)
SPECIAL3 = _ngrams(SPECIAL_CASES, 3)
BOOST2 = _ngrams(BOOSTER_DICT, 2)
BOOST3 = _ngrams(BOOSTER_DICT, 3)
# A word at these positions is needed for any idiom or booster n-gram to match (see _idioms).
LAST2 = frozenset(k[-1] for k in SPECIAL2)
LAST3 = frozenset(k[-1] for k in SPECIAL3)
_BOOST_LAST = frozenset(k[-1] for k in BOOST2) | frozenset(k[-1] for k in BOOST3)
GATE0 = LAST2 | LAST3  # the lexicon word itself ends "the shit" or "kiss of death"
GATE1 = LAST2 | LAST3 | _BOOST_LAST  # the word before it ends an idiom or "kind of"
GATE2 = LAST2 | _BOOST_LAST  # two words before ends "yeah right" or "sort of"

# Raw token -> the word VADER looks up (outer punctuation stripped unless <= 2 chars remain, lowered),
# shared by every instance (it does not depend on the lexicon). Two generations: when the current one
# is full it becomes the older one and the oldest is dropped, and a token found in the older one moves
# back, so the words a brand's posts keep using stay while one-off tokens age out. At most
# 2 x 25,000 tokens, about 7 MiB.
_WORDS: dict[str, str] = {}
_OLDER: dict[str, str] = {}
_GENERATION = 25_000


def _word(token: str) -> str:
    """The lookup word for a token missing from the current generation, which it then joins."""
    global _WORDS, _OLDER
    word = _OLDER.get(token)
    if word is None:
        bare = token.strip(_PUNCT)
        word = (bare if len(bare) > 2 else token).lower()
        if word == token:
            word = token  # most tokens are their own word: keep one string, not two
    current = _WORDS
    if len(current) >= _GENERATION:
        _OLDER, _WORDS = current, {}
        current = _WORDS
    current[token] = word
    return word


def lowered(tokens: list[str]) -> list[str]:
    """The lookup word of each token, in order."""
    try:
        return list(map(_WORDS.__getitem__, tokens))
    except KeyError:
        get = _WORDS.get  # may be the older generation by the end: a miss then costs a lookup more
        return [get(t) or _word(t) for t in tokens]


def some_in_capitals(tokens: list[str]) -> int:
    """1 if some, but not all, tokens are in capitals (``allcap_differential``), else 0.

    A token and its punctuation-stripped word have the same ``isupper()``: ASCII punctuation has no case.
    """
    uppers = sum(map(str.isupper, tokens))
    return 1 if 0 < len(tokens) - uppers < len(tokens) else 0


@cache
def package_tables() -> tuple[dict[str, float], dict[str, str]]:
    """The lexicon and emoji dictionaries exactly as the installed package parses its own files."""
    reference = SentimentIntensityAnalyzer()
    return reference.lexicon, reference.emojis


def _char_ranges(chars: list[str], gap: int) -> str:
    """A regex character class covering ``chars`` in few ranges (gaps up to ``gap`` code points merged).

    One range per emoji run makes ``re`` test ~140 ranges at every character (0.8 ms for a post);
    merged ranges are a cheap prefilter, and the callback checks each candidate in the table.
    """
    spans: list[list[int]] = []
    for point in sorted(map(ord, chars)):
        if spans and point - spans[-1][1] <= gap:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans)
    return f"[{body}]"


@cache
def emoji_replacer() -> tuple[Callable[[str], str], bool]:
    """A function replacing emoji by their descriptions as ``polarity_scores`` does, and whether any
    emoji is ASCII (if none is, ASCII text needs no replacement at all).

    The package compares each *character* with the emoji table, so only one-character keys ever
    match. A description is preceded by a space unless it starts the text or follows a space.
    """
    _, emojis = package_tables()
    single = {k: v for k, v in emojis.items() if len(k) == 1}
    if not single:
        return (lambda text: text), False
    spaced = {k: " " + v for k, v in single.items()}
    candidates = re.compile(_char_ranges(list(single), gap=64))

    def describe(match: re.Match[str]) -> str:
        char = match.group()
        if char not in single:
            return char
        at = match.start()
        return single[char] if at == 0 or match.string[at - 1] == " " else spaced[char]

    def replace(text: str) -> str:
        return candidates.sub(describe, text)

    return replace, any(k.isascii() for k in single)


def matches_installed_vader() -> bool:
    """True when the installed vaderSentiment is the release this module reproduces."""
    try:
        return metadata.version("vaderSentiment") == REFERENCE_VERSION
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of repmon
        return False
