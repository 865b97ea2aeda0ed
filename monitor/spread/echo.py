"""A post's content words: what two tellings of one complaint have in common.

Words are lower-cased, stop words and the brand's own words dropped, and stemmed, because people
retell a complaint in their own words ("charged me twice", "double charged"). How much each word
counts, and which posts share enough of them to be echoes, is ``content.py``'s business; the
stored signature is what later posts are compared with.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[a-z0-9][a-z0-9'’]*[a-z0-9]|[a-z0-9]")  # noqa: RUF001 - typographic apostrophes occur in posts
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")  # "33,500" is one number, not "33" and "500"

STOPWORDS = frozenset(
    """a about after again all also am an and any are as at be because been before being but by can could did
    do does doing for from had has have having he her here him his how i if in into is it its just me more most
    my no nor not now of off on once only or other our out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours im ive its dont didnt cant wont thats today just
    got get really still even""".split()
)


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    """Loaded on first use: ``snowballstemmer`` imports every language's stemmer (some 50 ms),
    which a command that never compares texts (a re-observation, ``--help``) does not need."""
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=16_384)
def _stem(word: str) -> str:
    """Stems repeat endlessly across posts; the pure-Python stemmer is worth caching."""
    if word.isdigit():
        return word  # numbers have no stem, and each one is new: they would only churn the cache
    return str(_stemmer().stemWord(word))


def signature(text: str, ignore: Iterable[str] = (), topics: Iterable[str] = ()) -> frozenset[str]:
    """Content words of a post, stemmed, plus its complaint topics: what echoes have in common.

    People retell a complaint in their own words ("charged me twice", "double charged"), so
    stems and the scorer's topic tags carry more of the overlap than exact words do.
    """
    return content_stems(text, skipped(ignore)) | {f"#{topic}" for topic in topics if topic}


def skipped(ignore: Iterable[str]) -> frozenset[str]:
    """The words a signature leaves out: stop words and the brand's own (``ignore``), lower-cased."""
    return STOPWORDS | {word.lower() for word in ignore}


def content_stems(text: str, skip: frozenset[str]) -> frozenset[str]:
    """The stemmed words of ``text`` but the ``skip`` ones (``skipped``): a signature without topics.

    A thousands separator is dropped first: split at it, "33,500" gave "500", a word every post
    naming some thousands shares, and the number itself, which names one amount, was lost.
    """
    low = text.lower()
    low = _THOUSANDS.sub("", low) if "," in low else low
    words = [w.replace("\u2019", "'") for w in _WORD.findall(low) if len(w) > 2 and w not in skip]
    return frozenset(map(_stem, words))


def encode_signature(words: frozenset[str]) -> str:
    return " ".join(sorted(words))


@lru_cache(maxsize=4096)
def decode_signature(stored: str | None) -> frozenset[str]:
    """Cached: a stored complaint is decoded once per candidate comparison, and sets are immutable."""
    return frozenset(map(sys.intern, stored.split())) if stored else frozenset()
