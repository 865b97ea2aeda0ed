"""A star rating written into a post ("1/5", "2 stars", "★☆☆☆☆", "8/10"): how it scores, and where it is.

Reviews pasted or cross-posted to social media carry their rating in the text. It is the clearest
thing the customer said about how it went, and it is no sentence of theirs: read back, "1/5. The
manager shrugged" became "I'm sorry 1/5", and a five-star post with no praise word in it ("★★★★★
the crew upgraded my nan for her 90th") was apologised to for "she hasn't stopped talking about it".
So the rating is read as a verdict (low: a complaint; high: praise unless a sentence complains) and
taken out of what is read back. A rating in words ("ten out of ten, nothing says luxury like…") is
left to the sarcasm rules: it is usually mock praise.
"""

from __future__ import annotations

import re

# "3/5", "4.5 / 5", "2/10", "1 star", "5 stars", and a run of filled and empty stars.
_SCORED = re.compile(
    r"(?<![\w/.])(?P<got>\d{1,2}(?:\.5)?)\s*/\s*(?P<of>5|10)(?![\w/])"
    r"|(?<![\w.])(?P<stars>[1-5])\s*stars?\b"
    r"|(?P<glyphs>[★☆✩✭⭐]{2,})",
    re.IGNORECASE,
)
LOW = 0.4  # two stars of five, four of ten, or fewer: the customer is unhappy, whatever the words
HIGH = 0.8  # four stars of five, eight of ten, or more


def _ratings(text: str) -> list[re.Match[str]]:
    """The ratings in ``text``. A figure over 5 or 10 counts only where a verdict stands, at the start
    or the end of a sentence ("1/5. The manager shrugged", "...all night. 2/5."): mid-sentence, "on
    3/10" is a date."""
    kept: list[re.Match[str]] = []
    for found in _SCORED.finditer(text):
        before, after = text[: found.start()].rstrip(), text[found.end() :].lstrip()
        alone = not before or before[-1] in ".!?:\n" or not after or after[0] in ".!?,:-"
        if not found.group("got") or alone:
            kept.append(found)
    return kept


def rating_of(text: str) -> float | None:
    """The post's rating as a share of the best score (0 to 1), or None when it holds none."""
    ratings = _ratings(text)
    if not ratings:
        return None
    found = ratings[0]
    if found.group("got"):
        got, of = float(found.group("got")), float(found.group("of"))
        return got / of if got <= of else None
    if found.group("stars"):
        return int(found.group("stars")) / 5
    glyphs = found.group("glyphs")
    filled = sum(g in "★✭⭐" for g in glyphs)
    return filled / max(len(glyphs), 5)


def without_rating(text: str) -> str:
    """``text`` with its rating taken out, so it is never read back as part of a sentence."""
    for found in reversed(_ratings(text)):
        text = text[: found.start()] + " " + text[found.end() :]
    return text
