"""The opening rules: judge each sentence by what it does, then check the acknowledgement comes first.

A sentence can acknowledge (apologise, agree, name how it felt), thank, greet, explain (causes,
rules, processes, figures, what the records say) or do something else. The method wants the
acknowledgement before any explanation, an acknowledgement at all when the reply deals with a
problem, and no "but"/"however" right after the apology.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources

from alerts.tone.findings import FACTS_FIRST, NO_ACKNOWLEDGMENT, NON_APOLOGY, RULES, TAKE_BACK, Finding
from alerts.tone.phrases import claimed_spans
from alerts.tone.text import Sentence, tidy

_PHRASE_RULES = set(RULES)
_OPENING_ACK = "I'm so sorry about what happened, and I can see why you're upset."


class Role(StrEnum):
    ACKNOWLEDGE = "acknowledge"
    THANKS = "thanks"
    GREETING = "greeting"
    EXPLAINS = "explains"
    OTHER = "other"


@dataclass(frozen=True)
class _Markers:
    acknowledge: re.Pattern[str]
    thanks: re.Pattern[str]
    greeting: re.Pattern[str]
    explains: re.Pattern[str]
    problem_work: re.Pattern[str]
    take_back: re.Pattern[str]
    negated: re.Pattern[str]


@cache
def _markers() -> _Markers:
    raw = tomllib.loads(resources.files("alerts.tone").joinpath("structure.toml").read_text(encoding="utf-8"))

    def one(name: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in raw[name]), re.IGNORECASE)

    return _Markers(*(one(name) for name in _Markers.__dataclass_fields__))


def role_of(sentence: Sentence) -> Role:
    """What the sentence does, judged by its wording as a whole rather than one keyword."""
    m = _markers()
    text = sentence.text
    if m.acknowledge.search(text) and not m.negated.search(text) and not claimed_spans(sentence, {NON_APOLOGY}):
        return Role.ACKNOWLEDGE
    if m.greeting.search(text):
        return Role.GREETING
    if m.explains.search(text):
        return Role.EXPLAINS
    if m.thanks.search(text):
        return Role.THANKS
    return Role.OTHER


def opening_findings(sentences: list[Sentence], expect_acknowledgment: bool = True) -> list[Finding]:
    roles = [role_of(s) for s in sentences]
    ack_at = next((i for i, r in enumerate(roles) if r is Role.ACKNOWLEDGE), None)
    findings: list[Finding] = []
    if ack_at is None and not expect_acknowledgment:
        return findings
    if ack_at is None:
        works_on_problem = any(_markers().problem_work.search(s.text) for s in sentences)
        if sentences and works_on_problem:
            first = next((s for s, r in zip(sentences, roles, strict=True) if r is not Role.GREETING), sentences[0])
            fact = next(
                (
                    s.text
                    for s, r in zip(sentences, roles, strict=True)
                    if r is Role.EXPLAINS and not claimed_spans(s, _PHRASE_RULES)
                ),
                "",
            )
            findings.append(
                Finding(
                    NO_ACKNOWLEDGMENT,
                    first.text,
                    "The reply deals with the problem without ever acknowledging what the customer went through.",
                    tidy(f"{_OPENING_ACK} {fact}"),
                )
            )
        return findings
    ack = sentences[ack_at]
    for sentence, role in zip(sentences[:ack_at], roles[:ack_at], strict=False):
        if role is Role.EXPLAINS:
            findings.append(
                Finding(
                    FACTS_FIRST,
                    sentence.text,
                    "It explains or states facts before acknowledging the customer, so it reads as a defence.",
                    tidy(f"{ack.text} {sentence.text}"),
                )
            )
    if ack_at + 1 < len(sentences):
        after = sentences[ack_at + 1]
        found = _markers().take_back.search(after.text)
        if found:
            rest = tidy(after.text[found.end() :].lstrip(" ,"))
            findings.append(
                Finding(
                    TAKE_BACK,
                    found.group(0).strip(),
                    "Opening the next sentence with 'but' or 'however' takes the apology back.",
                    f"{ack.text} {rest}".strip(),
                )
            )
    return findings
