"""Small spelling helpers for reading a customer's words back: typed shorthand and brand modifiers.

Customers type "cant" and "didnt", end a sentence with "lol", and write a brand as a modifier ("my
late dad's Voltra contract"). These helpers let the clause reader and the cue counter see past that.
"""

from __future__ import annotations

import re

from alerts.drafting.data import load

CHAT_TAILS = {"lol", "lmao", "tbh", "imo", "ngl", "smh", "haha", "tho", "though", "fr"}
_TOKEN = re.compile(r"[£$€]?[\w][\w'\u2019.,:/%£$€&-]*|&")
_URL = re.compile(r"https?://\S+|www\.\S+")
_HASHTAG = re.compile(r"(?<!\w)#(\w+)")
# The run of hashtags (and emoji) that ends a post: labels for the feed, not part of any sentence.
_TRAILING_TAGS = re.compile(r"(?:[\s\W]*#\w+)+[\W\s]*$")
_INTENSIFIERS = {"fucking", "fking", "fkn", "freaking", "frickin", "effing", "bloody", "damn", "goddamn", "literally"}


def tokens(text: str) -> list[str]:
    """The post's words as a reader takes them: no links, no swearing for emphasis, no closing "lol"."""
    text = _URL.sub(" ", text.replace("\u2019", "'").replace("\u2018", "'"))
    text = _TRAILING_TAGS.sub("", text)  # "...arrived cold #munchlyfail #hungry": tags, not words
    text = _HASHTAG.sub(lambda m: m.group(1) if m.group(1).islower() else " ", text)
    words = [w.rstrip(".,:;'-") for w in _TOKEN.findall(restore_apostrophes(text))]
    words = [w for w in words if w and w.lower() not in _INTENSIFIERS]
    while words and words[-1].lower() in CHAT_TAILS:
        words = words[:-1]  # "...hard to read lol": the laugh is not part of what happened
    return words


def restore_apostrophes(text: str) -> str:
    """'cant login' -> "can't login": contractions typed without the apostrophe, so cues and verbs see them."""
    restore: dict[str, str] = load("grammar")["unapostrophised"]
    return re.sub(r"[A-Za-z]+", lambda m: restore.get(m.group(0).lower(), m.group(0)), text)


# Words after which a brand name only modifies a noun ("my late dad's Linkwave contract"): it goes.
_MODIFIER_SLOT = {"your", "our", "the", "a", "an", "this", "that", "his", "her", "their", "its"}


def brand_modifies(previous: str) -> bool:
    """Whether a brand name after ``previous`` is a noun modifier to drop, not the company as actor."""
    low = previous.lower()
    return low in _MODIFIER_SLOT or low.endswith(("'s", "s'"))
