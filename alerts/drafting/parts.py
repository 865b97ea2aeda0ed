"""A draft as its moves, and fitting it to a platform's limit by saying less before leaving anything out.

The moves, in order: greeting (long-form platforms), acknowledgement, what they asked for, owning
it, facts, remedy, goodwill, next step, sign-off. Each move that can be said more briefly carries
its shorter phrasings; fitting walks from the fullest draft towards the tightest, shortening first
and dropping configured facts, remedy and goodwill only when shorter wording isn't enough. The
sign-off is shortened to a first name before it goes, and anything left out is reported.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, cast

from monitor.core.platforms import LengthUnit, PlatformProfile

_URL_WORD = ("http://", "https://")


@dataclass(frozen=True)
class Parts:
    acks: tuple[str, ...]  # the acknowledgement, fullest first, then ever shorter
    ack_sizes: tuple[int, ...] = ()  # how many of the customer's failures each of ``acks`` names, when known
    fallback_ack: str | None = None  # naming the topic instead of their words: only when nothing else fits
    greeting: str | None = None
    request: str | None = None
    own: str | None = None
    facts: tuple[str, ...] = ()
    fact_lead: str = ""
    remedy: str | None = None
    goodwill: str | None = None
    nexts: tuple[str, ...] = ()  # the next step, fullest first
    signoffs: tuple[str, ...] = ()  # the sign-off, fullest first
    long_form: bool = False
    dropped: tuple[str, ...] = field(default=())

    def sentences(self) -> list[str]:
        facts = list(self.facts)
        if facts and self.fact_lead:
            first = facts[0]
            lowered = first[0].lower() + first[1:] if first[1:2].islower() else first
            facts[0] = self.fact_lead + (lowered if self.fact_lead.endswith(", ") else first)
        body = [self.acks[0] if self.acks else "", self.request or "", self.own or ""]
        return [s for s in (*body, *facts, self.remedy or "", self.goodwill or "") if s]

    def render(self) -> str:
        next_step = self.nexts[0] if self.nexts else ""
        signoff = self.signoffs[0] if self.signoffs else ""
        if not self.long_form:
            text = " ".join(s for s in (*self.sentences(), next_step) if s)
            return f"{text} {signoff}".strip()
        ack = self.acks[0] if self.acks else ""
        if self.greeting and ack[:1].isupper() and not ack.startswith(("I ", "I'")):
            ack = ack[0].lower() + ack[1:]
        opening = " ".join(s for s in (self.greeting or "", ack, self.request or "", self.own or "") if s)
        facts = Parts(acks=("",), facts=self.facts, fact_lead=self.fact_lead).sentences()
        paragraphs = [opening, " ".join(facts), " ".join(s for s in (self.remedy, self.goodwill) if s)]
        paragraphs += [next_step, signoff]
        return "\n\n".join(p for p in paragraphs if p)


def measure(text: str, profile: PlatformProfile) -> int:
    """Length as the platform counts it: graphemes where it counts those, links at their shortened size."""
    if profile.url_chars is not None:
        words = text.split(" ")
        text = " ".join("x" * profile.url_chars if w.startswith(_URL_WORD) else w for w in words)
    if profile.length_unit is LengthUnit.GRAPHEMES:
        return sum(1 for ch in unicodedata.normalize("NFC", text) if not unicodedata.combining(ch) and ch != "\u200d")
    return len(text)


def _shorter(name: str) -> Callable[[Parts], Parts]:
    def step(p: Parts) -> Parts:
        values: tuple[str, ...] = getattr(p, name)
        return replace(p, **cast(dict[str, Any], {name: values[1:]})) if len(values) > 1 else p

    return step


def _shorter_ack(floor: int) -> Callable[[Parts], Parts]:
    """A shorter acknowledgement, as long as it still names ``floor`` of the customer's failures."""

    def step(p: Parts) -> Parts:
        if len(p.acks) < 2 or (len(p.ack_sizes) > 1 and p.ack_sizes[1] < floor):
            return p
        return replace(p, acks=p.acks[1:], ack_sizes=p.ack_sizes[1:])

    return step


def _drop(name: str, label: str) -> Callable[[Parts], Parts]:
    def step(p: Parts) -> Parts:
        value = getattr(p, name)
        if not value:
            return p
        return replace(p, **cast(dict[str, Any], {name: None, "dropped": (*p.dropped, label)}))

    return step


def _drop_fact(keep: int) -> Callable[[Parts], Parts]:
    def step(p: Parts) -> Parts:
        if len(p.facts) <= keep:
            return p
        gone = tuple(f"the fact “{f}”" for f in p.facts[keep:])
        return replace(p, facts=p.facts[:keep], dropped=(*p.dropped, *gone))

    return step


def _drop_signoff(p: Parts) -> Parts:
    return replace(p, signoffs=(), dropped=(*p.dropped, "the sign-off")) if p.signoffs else p


def fit(parts: Parts, limit: int, profile: PlatformProfile) -> Parts:
    """The fullest version of ``parts`` within ``limit``; what had to go is listed in ``dropped``.

    A third failure goes before anything else is cut; two (the most serious: how our people treated
    them, safety, the main event) outlast the sign-off, the goodwill gesture and the extra facts, as
    the method is acknowledgement first. The remedy goes for the second failure only when that is
    enough to fit; otherwise the remedy stays and the acknowledgement names one.
    """
    two = min(parts.ack_sizes[0], 2) if parts.ack_sizes else 0

    def remedy_if_that_fits(p: Parts) -> Parts:
        without = _drop("remedy", "the remedy")(p)
        return without if measure(without.render(), profile) <= limit else p

    steps: list[Callable[[Parts], Parts]] = [
        _shorter("nexts"),
        lambda p: replace(p, own=None),
        lambda p: replace(p, fact_lead=""),
        lambda p: replace(p, greeting=None),
        *[_shorter_ack(two)] * 6,
        _shorter("signoffs"),
        _drop("goodwill", "the goodwill gesture"),
        lambda p: replace(p, request=None) if p.remedy else p,  # the remedy answers what they asked for
        *[_drop_fact(n) for n in range(4, 0, -1)],
        remedy_if_that_fits,
        *[_shorter_ack(0)] * 6,
        _drop("remedy", "the remedy"),
        lambda p: replace(p, request=None),
        _drop_fact(0),
        _drop_signoff,
        lambda p: replace(p, acks=(p.fallback_ack,)) if p.fallback_ack else p,
        lambda p: replace(p, nexts=()),
    ]
    for step in steps:
        if measure(parts.render(), profile) <= limit:
            return parts
        parts = step(parts)
    return parts


def cut(text: str, limit: int) -> str:
    """Last resort: cut at a word boundary and mark the cut."""
    if len(text) <= limit:
        return text
    if limit <= 1:
        return text[:limit]
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:—-") + "…"
