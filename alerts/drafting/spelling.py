"""Small spelling helpers for reading a customer's words back: typed shorthand and brand modifiers.

Customers type "cant" and "didnt", end a sentence with "lol", and write a brand as a modifier ("my
late dad's Voltra contract"). These helpers let the clause reader and the cue counter see past that.
"""

from __future__ import annotations

import re

from alerts.drafting.data import load

CHAT_TAILS = {"lol", "lmao", "tbh", "imo", "ngl", "smh", "haha", "tho", "fr"}


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
