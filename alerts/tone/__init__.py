"""The tone check: does a reply follow the reply method (docs/replies.md, shared/docs/reply-method.md)?

It reads a drafted reply, or a person's own reply, and reports each place that argues with the
customer, corrects them first, blames them, makes excuses, hides behind policy, apologises without
apologising, explains before acknowledging, coerces, mocks, or promises what the team's configured
facts don't back. Every finding names the words, why they hurt and a rewrite.

A clean report means "none of the known traps", not "a good reply".
"""

from __future__ import annotations

from collections.abc import Mapping

from alerts.config import TopicFacts
from alerts.tone.findings import (
    BLAME,
    COERCION,
    CORRECTING,
    DENIAL,
    EXCUSE,
    FACTS_FIRST,
    NO_ACKNOWLEDGMENT,
    NO_DMS,
    NON_APOLOGY,
    POLICY,
    RULES,
    SARCASM,
    TAKE_BACK,
    TOO_LONG,
    UNBACKED_PROMISE,
    Finding,
    ToneReport,
)
from alerts.tone.phrases import phrase_findings
from alerts.tone.platform import platform_findings
from alerts.tone.promises import promise_findings
from alerts.tone.structure import opening_findings
from alerts.tone.text import normalise, sentences_of, split_sentences


def backing_texts(facts: Mapping[str, TopicFacts] | None) -> list[str]:
    """Every configured fact, remedy and goodwill sentence: what a reply may promise."""
    texts: list[str] = []
    for entry in (facts or {}).values():
        texts.extend(entry.facts)
        texts.extend(t for t in (entry.remedy, entry.goodwill) if t)
    return texts


def check_tone(
    reply: str,
    *,
    facts: Mapping[str, TopicFacts] | None = None,
    expect_acknowledgment: bool = True,
    platform: str | None = None,
    limit: int | None = None,
) -> ToneReport:
    """Every place ``reply`` strays from the reply method, opening rules first; ``ok`` when none.

    ``facts`` are the team's configured ``[facts.<topic>]`` tables: promises they back are fine.
    ``expect_acknowledgment=False`` is for replies to praise and questions, which owe no apology.
    With ``platform``, the reply must also fit its limit (``limit`` overrides it) and offer no DMs
    where the platform has none.
    """
    sentences = sentences_of(normalise(reply))
    findings = opening_findings(sentences, expect_acknowledgment) + phrase_findings(sentences)
    findings += promise_findings(sentences, backing_texts(facts))
    if platform:
        findings += platform_findings(reply, sentences, platform, limit)
    order = {rule: i for i, rule in enumerate(RULES)}
    findings.sort(key=lambda f: order[f.rule])
    return ToneReport(findings)


__all__ = [
    "BLAME",
    "COERCION",
    "CORRECTING",
    "DENIAL",
    "EXCUSE",
    "FACTS_FIRST",
    "NON_APOLOGY",
    "NO_ACKNOWLEDGMENT",
    "NO_DMS",
    "POLICY",
    "RULES",
    "SARCASM",
    "TAKE_BACK",
    "TOO_LONG",
    "UNBACKED_PROMISE",
    "Finding",
    "ToneReport",
    "backing_texts",
    "check_tone",
    "split_sentences",
]
