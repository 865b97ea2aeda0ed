"""Phrase rules: wording that breaks the reply method wherever it appears (data in phrases.toml)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from alerts.tone.findings import Finding
from alerts.tone.text import Sentence, rewrite


@dataclass(frozen=True)
class PhraseRule:
    rule: str
    pattern: re.Pattern[str]
    why: str
    rewrite: str
    unless: re.Pattern[str] | None


def _compile(alternatives: list[str]) -> re.Pattern[str]:
    joined = "|".join(f"(?:{p})" for p in alternatives)
    return re.compile(rf"(?<![\w'])(?:{joined})(?![\w])", re.IGNORECASE)


@cache
def phrase_rules() -> tuple[PhraseRule, ...]:
    """The rules in phrases.toml, compiled once."""
    raw = tomllib.loads(resources.files("alerts.tone").joinpath("phrases.toml").read_text(encoding="utf-8"))
    rules: list[PhraseRule] = []
    for entry in raw["phrase"]:
        unless = entry.get("unless")
        rules.append(
            PhraseRule(
                rule=entry["rule"],
                pattern=_compile(entry["patterns"]),
                why=entry["why"],
                rewrite=entry.get("rewrite", ""),
                unless=re.compile(unless, re.IGNORECASE) if unless else None,
            )
        )
    return tuple(rules)


def phrase_findings(sentences: list[Sentence]) -> list[Finding]:
    """One finding per stretch of words, from the first rule that claims it."""
    findings: list[Finding] = []
    for sentence in sentences:
        covered: list[tuple[int, int]] = []
        for rule in phrase_rules():
            if rule.unless is not None and rule.unless.search(sentence.text):
                continue
            for found in rule.pattern.finditer(sentence.text):
                start, end = found.span()
                if any(s < end and start < e for s, e in covered):
                    continue
                covered.append((start, end))
                findings.append(
                    Finding(
                        rule=rule.rule,
                        words=found.group(0).strip(),
                        why=rule.why,
                        suggestion=rewrite(sentence.text, start, end, rule.rewrite),
                    )
                )
    return findings


def claimed_spans(sentence: Sentence, rule_names: set[str]) -> bool:
    """Whether any of ``rule_names`` matches in ``sentence`` (used to tell a real apology from a non-apology)."""
    return any(r.rule in rule_names and r.pattern.search(sentence.text) for r in phrase_rules())
