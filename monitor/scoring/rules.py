"""The records the lexicon and the rule scan share: a phrase rule and one match of it."""

from __future__ import annotations

from dataclasses import dataclass


def wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: str  # case-insensitive regex; a match cannot start or end inside a word
    valence: float  # VADER scale, -4..4
    topic: str | None = None
    abusive: bool = False
    alternatives: tuple[str, ...] = ()  # the pattern's parts, each compiled and keyed on its own
    perception: bool = True  # report the matched words as the customer's own (Score.perceptions)

    def parts(self) -> tuple[str, ...]:
        return self.alternatives or (self.pattern,)


@dataclass(frozen=True, slots=True)
class Match:
    rule: Rule
    start: int
    end: int
    text: str
