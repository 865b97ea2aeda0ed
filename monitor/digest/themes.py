"""Complaint and praise themes: the stored complaint topics, and phrases that recur across posts.

Finding recurring phrases needs the texts, so they are streamed (capped) through a Misra-Gries
heavy-hitters summary: memory stays at a fixed number of counters whatever the week's volume.
The phrases it finds are then counted exactly by the database, this week and last.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

SEGMENT = re.compile(r"[a-z0-9']+(?: [a-z0-9']+)*")
LINK = re.compile(r"https?://\S+|@\w+|#\w+")
MAX_COUNTERS = 4000


@cache
def stopwords() -> frozenset[str]:
    data = tomllib.loads(resources.files("monitor.digest").joinpath("phrases.toml").read_text(encoding="utf-8"))
    return frozenset(str(word) for word in data["stopwords"])


def phrases_of(text: str, sizes: Sequence[int] = (2, 3)) -> set[str]:
    """The two- and three-word phrases of a text that neither start nor end with a stopword.

    Punctuation ends a phrase, so the phrase is also what ``LIKE '%phrase%'`` finds in the text.
    """
    stop = stopwords()
    found: set[str] = set()
    lowered = LINK.sub(" | ", text.lower().replace("\u2019", "'"))
    for segment in SEGMENT.findall(lowered):
        words = segment.split(" ")
        edge = [len(w) > 1 and w not in stop for w in words]  # may this word start or end a phrase
        for size in sizes:
            for i in range(len(words) - size + 1):
                if edge[i] and edge[i + size - 1]:
                    found.add(" ".join(words[i : i + size]))
    return found


@dataclass
class Found:
    """What one pass over a label's posts found: recurring phrases, and the first post of each theme."""

    phrases: list[str] = field(default_factory=list)  # most frequent first (approximate counts)
    examples: dict[str, tuple[str, str]] = field(default_factory=dict)  # "topic:x"/"phrase:y" -> post key


def scan(
    posts: Iterable[tuple[str, str, str, str]], excluded: Iterable[str] = (), capacity: int = MAX_COUNTERS
) -> Found:
    """Recurring phrases (Misra-Gries: at most ``capacity`` counters) and each theme's first post.

    ``posts`` are ``(source, post_id, text, topics)``, most engaged first, so the first post seen
    with a topic or phrase is its most engaged example. ``excluded`` words (the brand's own
    name) make a phrase uninteresting. Any phrase in more than 1/capacity of the posts survives.
    """
    skip = {word.lower() for term in excluded for word in term.split()}
    counters: dict[str, int] = {}
    found = Found()
    for source, post_id, text, topics in posts:
        for topic in filter(None, topics.split(",")):
            found.examples.setdefault(f"topic:{topic}", (source, post_id))
        for phrase in phrases_of(text):
            if skip.intersection(phrase.split(" ")):
                continue
            if phrase in counters:
                counters[phrase] += 1
            elif len(counters) < capacity:
                counters[phrase] = 1
                found.examples.setdefault(f"phrase:{phrase}", (source, post_id))
            else:
                for key in list(counters):
                    counters[key] -= 1
                    if counters[key] == 0:
                        del counters[key]
                        found.examples.pop(f"phrase:{key}", None)
    ranked = sorted(counters.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
    found.phrases = [phrase for phrase, count in ranked if count >= 2]
    return found


def distinct_phrases(candidates: Sequence[str], limit: int) -> list[str]:
    """The first ``limit`` candidates, skipping one that overlaps a phrase already chosen."""
    chosen: list[str] = []
    for phrase in candidates:
        if any(phrase in other or other in phrase for other in chosen):
            continue
        chosen.append(phrase)
        if len(chosen) == limit:
            break
    return chosen


def split_topics(combinations: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Posts per single topic from counts per stored combination (``"refund,double_charge"``)."""
    totals: dict[str, int] = {}
    for combination, count in combinations:
        for topic in filter(None, combination.split(",")):
            totals[topic] = totals.get(topic, 0) + count
    return totals
