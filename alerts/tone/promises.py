"""Promises nobody configured: refunds, compensation, replacements and timelines the team does not offer.

Over-promising to quiet a loud customer is the one kind of warmth the method forbids. A reply may
promise what the team's configured facts, remedy or goodwill say; anything else is flagged.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from alerts.tone.findings import UNBACKED_PROMISE, Finding
from alerts.tone.text import Sentence

_WHY = "It promises {what} that the team's configured facts don't offer; don't promise what we may not give."
_SUGGEST = "I'll find out what we can do about {what} and come back to you."


@dataclass(frozen=True)
class _Promises:
    frames: re.Pattern[str]
    hedges: re.Pattern[str]
    concepts: dict[str, re.Pattern[str]]


@cache
def _promises() -> _Promises:
    raw = tomllib.loads(resources.files("alerts.tone").joinpath("promises.toml").read_text(encoding="utf-8"))

    def one(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    concepts = {name: re.compile(p, re.IGNORECASE) for name, p in raw["concepts"].items()}
    return _Promises(one(raw["frames"]), one(raw["hedges"]), concepts)


def _backed(concept: str, words: str, backing: str) -> bool:
    """A timeline is backed by the same words; anything else by the same kind of thing ("voucher")."""
    if concept == "timeline":
        return words.lower() in backing
    stem = words.lower().split()[-1][:6]
    return re.search(rf"\b{re.escape(stem)}", backing) is not None


def promise_findings(sentences: list[Sentence], backing_texts: Iterable[str]) -> list[Finding]:
    p = _promises()
    backing = " ".join(backing_texts).lower()
    findings: list[Finding] = []
    for sentence in sentences:
        if not p.frames.search(sentence.text) or p.hedges.search(sentence.text):
            continue
        if backing and sentence.text.lower().rstrip(".!") in backing:
            continue  # a configured sentence, word for word
        for concept, pattern in p.concepts.items():
            found = pattern.search(sentence.text)
            if found is None or _backed(concept, found.group(0), backing):
                continue
            what = "a timeline" if concept == "timeline" else f"a {concept}" if concept != "compensation" else concept
            findings.append(
                Finding(UNBACKED_PROMISE, found.group(0), _WHY.format(what=what), _SUGGEST.format(what=_about(concept)))
            )
    return findings


def _about(concept: str) -> str:
    return {"timeline": "timing", "refund": "a refund", "replacement": "a replacement"}.get(concept, concept)
