"""Where a clause starts and ends: whether its first words act, where a long one is cut, what its last word needs.

Split from ``clauses`` so each module stays readable; ``clauses`` decides who did what, these
helpers only look at a clause's edges.
"""

from __future__ import annotations

from alerts.drafting.data import word_set
from alerts.drafting.persons import is_verb

ADVERBS = {"nearly", "almost", "just", "also", "only", "barely", "never", "still", "really", "now", "suddenly"}
MAX_WORDS = 18


def stranded(words: list[str]) -> bool:
    """Whether the clause ends in a preposition its verb needs ("a seat you already paid for").

    Trimmed like a dangling article, "you already paid for" became "you already paid" and the seat
    it was paid for went missing from the sentence.
    """
    return len(words) > 2 and words[-1].lower() in {"for", "with", "to", "of"} and is_verb(words[-2])


def acts(words: list[str]) -> bool:
    """Whether a clause after an @mention starts with a verb the mentioned company did ("cancelled").

    "@Munchly still waiting" addresses them: "still" and an -ing word are the customer's state.
    """
    head = words[0].lower()
    if head in ADVERBS and len(words) > 1:
        return is_verb(words[1]) and not words[1].lower().endswith("ing")
    return is_verb(words[0])


def trim(words: list[str]) -> list[str] | None:
    """A long clause cut at a conjunction, keeping the first part when it still has a verb."""
    for i, word in enumerate(words[:MAX_WORDS]):
        if i >= 3 and word.lower() in {"and", "but", "so", "which", "because", "while", "then", "when", "after", "as"}:
            head = words[:i]
            if any(is_verb(w) for w in head[1:]):
                return head
    return None


def names_company(words: list[str]) -> bool:
    """'Northwind cancelled my flight': a capitalised name doing something to the customer is the company."""
    head = words[0]
    if not (head[:1].isupper() and head[1:2].islower()) or head.lower() in word_set("grammar", "words", "common_nouns"):
        return False
    if head.lower() in word_set("grammar", "words", "indefinite"):
        return False  # "Somebody used my card" is a stranger, not the company
    if len(words) < 3 or not is_verb(words[1]) or words[1].lower() in {"is", "was", "are", "were"}:
        return False
    return bool({w.lower() for w in words[2:5]} & {"me", "my", "us", "our"})
