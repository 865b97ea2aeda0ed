"""Echo detection: are other people saying the same thing?

Near-identical complaints are found with MinHash locality-sensitive hashing: each upset post
gets a few band keys, stored in the database, and a later post that shares a band with it is a
candidate; the candidate is then confirmed by exact word-set overlap (Jaccard). Band lookups are
an indexed equality query, so this scales with the number of upset posts in the window and works
the same across daemon instances. Only upset posts are banded. (datasketch's MinHash measured
~240 µs a post here, several times VADER itself; this vectorised variant ~15 µs.)
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import snowballstemmer

BANDS = 16
ROWS = 2
_PRIME = np.uint64((1 << 31) - 1)  # products of two 31-bit numbers stay within 64 bits
_RANDOM = np.random.default_rng(20261123)  # fixed: band keys must be the same in every process
_MULT = _RANDOM.integers(1, (1 << 31) - 1, size=BANDS * ROWS, dtype=np.uint64)
_ADD = _RANDOM.integers(0, (1 << 31) - 1, size=BANDS * ROWS, dtype=np.uint64)
_WORD = re.compile(r"[a-z0-9][a-z0-9'’]*[a-z0-9]|[a-z0-9]")  # noqa: RUF001 - typographic apostrophes occur in posts

STOPWORDS = frozenset(
    """a about after again all also am an and any are as at be because been before being but by can could did
    do does doing for from had has have having he her here him his how i if in into is it its just me more most
    my no nor not now of off on once only or other our out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours im ive its dont didnt cant wont thats today just
    got get really still even""".split()
)


_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    """Stems repeat endlessly across posts; the pure-Python stemmer is worth caching."""
    return str(_STEMMER.stemWord(word))


def signature(text: str, ignore: Iterable[str] = (), topics: Iterable[str] = ()) -> frozenset[str]:
    """Content words of a post, stemmed, plus its complaint topics: what echoes have in common.

    People retell a complaint in their own words ("charged me twice", "double charged"), so
    stems and the scorer's topic tags carry more of the overlap than exact words do.
    """
    skip = STOPWORDS | {word.lower() for word in ignore}
    words = [w.replace("\u2019", "'") for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in skip]
    return frozenset(map(_stem, words)) | {f"#{topic}" for topic in topics if topic}


def bands(words: frozenset[str], scope: str = "") -> list[str]:
    """Band keys: two posts with Jaccard similarity J share at least one with probability 1-(1-J²)^16.

    MinHash by universal hashing of each word's crc32, vectorised: one numpy expression for all
    32 hash functions instead of 32 passes over the words.
    """
    if not words:
        return []
    hashes = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    minima = ((hashes[None, :] * _MULT[:, None] + _ADD[:, None]) % _PRIME).min(axis=1)
    scope_hash = zlib.crc32(scope.encode())
    pairs = minima.reshape(BANDS, ROWS)
    return [f"{band:x}.{zlib.crc32(pairs[band].tobytes(), scope_hash):08x}" for band in range(BANDS)]


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def encode_signature(words: frozenset[str]) -> str:
    return " ".join(sorted(words))


def decode_signature(stored: str | None) -> frozenset[str]:
    return frozenset(stored.split()) if stored else frozenset()
