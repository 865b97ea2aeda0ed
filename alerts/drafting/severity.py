"""Which of several failures in one post matter most, and when two clauses are the same failure.

A post often names more than one thing that went wrong: "cancelled my flight, kept my money and the
agent laughed at me when I asked for a refund". Read back whole, that is the acknowledgement; but a
platform's limit may leave room for only one or two, and cutting from the end drops how our people
treated the customer, which is usually the heart of it. So clauses are ranked: how our people
treated them first ("[conduct]" in grammar.toml), then a risk to someone's safety, then the main
event (the first thing told: customers lead with it), then money, then the rest in the order told.
Customers also repeat themselves ("blocked my card... my card was blocked for two days"); naming
one failure twice reads like a form, so a clause that shares a failure word and a thing with an
earlier one is the same failure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from alerts.drafting.data import load, pattern, word_set

# Complaint cues too general to say two clauses are the same failure ("no", "still", "never").
_GENERAL_CUES = frozenset(
    {
        "no ", "never", "still", "again", "wait", "don't", "didn't", "doesn't", "can't", "couldn't", "won't",
        "wasn't", "isn't", "weren't", "aren't", "hasn't", "haven't", "hadn't", "nobody", "no one", "hold",
        "left", "kept", "half", "every day", "every time", "someone", "somebody", "miss", "missed", "cannot",
        "late", "wrong", "hard to", "told me", "stopped", "different", "twice", "money", "bill",
    }
)  # fmt: skip
# Words that say nothing about which thing failed.
_PLAIN = frozenset(
    {
        "you", "your", "yours", "we", "our", "ours", "us", "the", "a", "an", "and", "for", "to", "of", "in",
        "on", "at", "it", "is", "was", "were", "has", "have", "had", "been", "be", "this", "that", "with",
        "my", "me", "now", "days", "day", "weeks", "week", "hours", "hour", "whole", "two", "three", "four",
        "since", "again", "still", "all", "just", "so", "not", "no", "are", "from", "when", "after", "then",
    }
)  # fmt: skip


_ANOTHER = re.compile(r"\b(?:other|second|another|both|too|also)\b", re.IGNORECASE)


def conduct(text: str) -> bool:
    """Whether ``text`` says how one of our people treated the customer (laughed at, hung up on...)."""
    return re.search(load("grammar")["conduct"]["acts"], text, re.IGNORECASE) is not None


def _money(text: str) -> bool:
    return re.search(load("grammar")["conduct"]["money"], text, re.IGNORECASE) is not None


def _risk(text: str) -> bool:
    return pattern("grammar", "safety", "cues").search(text) is not None


def rank(clauses: Sequence[str]) -> list[int]:
    """The indexes of ``clauses``, most serious first: how we treated them, safety, the first told, money."""

    def key(i: int) -> tuple[bool, bool, bool, bool, int]:
        text = clauses[i]
        return (not conduct(text), not _risk(text), i != 0, not _money(text), i)

    return sorted(range(len(clauses)), key=key)


def most_serious(clauses: Sequence[str], n: int) -> list[str]:
    """The ``n`` most serious of ``clauses``, still in the order the customer told them."""
    keep = sorted(rank(clauses)[:n])
    return [clauses[i] for i in keep]


def _failure_words(text: str) -> set[str]:
    low = text.lower()
    return {cue.strip() for cue in word_set("grammar", "cues", "grievance") if cue not in _GENERAL_CUES and cue in low}


def _things(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z'-]{2,}", text.lower()) if w not in _PLAIN}


def same_failure(a: str, b: str) -> bool:
    """Whether clauses ``a`` and ``b`` tell one failure in other words ("we blocked your card" twice).

    Both must name the same specific failure word ("block", "down", "lost") about the same thing
    ("card", "internet"): "charged you twice" and "charged you £90 to reconnect" are two failures.
    ``a`` is the later clause; one that says it is another ("your other bag", "the second one") is new.
    """
    if _ANOTHER.search(a):
        return False  # "lost my bag… then lost my other bag too": a second time, not the same one told again
    shared = _failure_words(a) & _failure_words(b)
    if not shared:
        return False
    stems = {w[:5] for w in _things(a) - _failure_words(a)} & {w[:5] for w in _things(b) - _failure_words(b)}
    stems -= {w[:5] for w in shared}
    return bool(stems)
