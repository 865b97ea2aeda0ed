"""Small spelling helpers for reading a customer's words back: typed shorthand and brand modifiers.

Customers type "cant" and "didnt", end a sentence with "lol", and write a brand as a modifier ("my
late dad's Voltra contract"). These helpers let the clause reader and the cue counter see past that.
"""

from __future__ import annotations

import re
from functools import cache

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
    """'cant login' -> "can't login", 'u forgot' -> "you forgot": shorthand spelt out, so cues and verbs see it.

    Contractions typed without the apostrophe, and texting shorthand (`[shorthand]` in grammar.toml):
    read back as typed, "trying 2 pay my rent 2day" and "arrived w/ a ripped cushion" are words a
    lead would never post; spelt out they are the customer's own sentence.
    """
    restore: dict[str, str] = load("grammar")["unapostrophised"]
    text = re.sub(r"[A-Za-z]+", lambda m: restore.get(m.group(0).lower(), m.group(0)), text)
    words, spelt_out, to_after, dropped_g = _shorthand()
    text = words.sub(lambda m: spelt_out[m.group(0).lower()], text)
    text = to_after.sub(r"\1 to ", text)  # "trying 2 pay": "to"
    text = re.sub(r"\b(\d+)x\b", r"\1 times", text)  # "crashed 3x"
    return dropped_g.sub(r"\1\2ing", text)  # "keeps droppin"


@cache
def _shorthand() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """The shorthand patterns, built once: each word matched whole ("u", never the u in "up"; "w/" as typed)."""
    short = load("grammar")["shorthand"]
    spelt_out: dict[str, str] = short["words"]
    alternatives = "|".join(re.escape(w) for w in sorted(spelt_out, key=len, reverse=True))
    words = re.compile(rf"(?<![\w/'])(?:{alternatives})(?![\w/'])", re.IGNORECASE)
    return words, spelt_out, re.compile(short["to_after"], re.IGNORECASE), re.compile(short["dropped_g"], re.IGNORECASE)


# Words after which a brand name only modifies a noun ("my late dad's Linkwave contract"): it goes.
_MODIFIER_SLOT = {"your", "our", "the", "a", "an", "this", "that", "his", "her", "their", "its"}


def brand_modifies(previous: str) -> bool:
    """Whether a brand name after ``previous`` is a noun modifier to drop, not the company as actor."""
    low = previous.lower()
    return low in _MODIFIER_SLOT or low.endswith(("'s", "s'"))
