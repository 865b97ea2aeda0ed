"""Choosing one phrasing per move, deterministically per post, and filling it in.

The choice is a hash of the post's text and the move's name: the same post always gets the same
draft (tests stay reproducible, a re-run alert doesn't change its wording), and different posts
spread over all the phrasings a move has.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from itertools import pairwise

from alerts.drafting.persons import is_verb


def seed_of(text: str) -> str:
    """A stable seed for a post: its words, lower-cased, whitespace-insensitive."""
    return " ".join(text.lower().split())


def pick(seed: str, move: str, options: Sequence[str]) -> str:
    """One of ``options``, the same one every time for the same ``seed`` and ``move``."""
    if not options:
        return ""
    digest = hashlib.sha256(f"{move}\x00{seed}".encode()).digest()
    return options[int.from_bytes(digest[:8], "big") % len(options)]


def fill(template: str, **values: str) -> str:
    """``template`` with ``{name}`` and ``{Name}`` (capitalised) filled; unknown names left as they are."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        value = values.get(name.lower())
        if value is None:
            return match.group(0)
        return capitalise(value) if name[0].isupper() else value

    return re.sub(r"\{(\w+)\}", one, template)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


# "we have lost…, we are…": a verb group keeps its subject (only "kept", "got"… may share one).
_AUXILIARIES = frozenset(
    {"have", "has", "had", "are", "were", "was", "is", "will", "would", "can", "could", "do", "did", "does"}
)


def _shared_subject(items: list[str]) -> list[str]:
    """The clauses with a repeated "we" before a past verb left out after the first.

    "we cancelled your flight, we kept your money, and our agent laughed at you" reads like a
    charge sheet; "we cancelled your flight, kept your money, and our agent laughed at you" is how
    a person says it, and it is shorter, so more of what happened fits a platform's limit.
    """
    out = items[:1]
    for before, item in pairwise(items):
        words = item.split()
        past = len(words) > 2 and is_verb(words[1]) and words[1] not in _AUXILIARIES
        same = before.startswith("we ") and words[0] == "we" and past and not words[1].endswith("ing")
        out.append(" ".join(words[1:]) if same else item)
    return out


def join_clauses(clauses: Sequence[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b, and c' (each a full clause, so no list commas are needed inside)."""
    items = _shared_subject([c for c in clauses if c])
    if len(items) <= 1:
        return "".join(items)
    return (
        ", ".join(items[:-1]) + f", {conjunction} " + items[-1]
        if len(items) > 2
        else f"{items[0]} {conjunction} {items[1]}"
    )


def sentence(text: str) -> str:
    """One sentence: single spaces, a capital, and a full stop unless it already ends in one."""
    text = " ".join(text.split())
    if not text:
        return text
    if text[-1] not in ".!?…":
        text += "."
    return capitalise(text)
