"""The customer-service lexicon and phrase rules (the fast scan for them is ``ruleset.py``).

The built-in data lives in ``customer_service.toml`` next to this module (loaded once, by the first scorer).
``for_config`` merges it with a config's ``[scoring]`` extras; ``RuleSet`` compiles the phrase and
abuse rules so that a post costs one pass to find its word keys, then only the few rules that can
match it run (docs/scoring.md has the measurements).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from monitor.config import ScoringConfig
from monitor.scoring.patterns import join_alternatives
from monitor.scoring.rules import Match, Rule
from monitor.scoring.ruleset import RuleSet, required_keys

__all__ = [
    "BUILTIN",
    "TOPICS",
    "Lexicon",
    "Match",
    "Rule",
    "RuleSet",
    "builtin",
    "for_config",
    "load",
    "required_keys",
]

DATA_FILE = "customer_service.toml"
TOPICS = (
    "refund",
    "double_charge",
    "cancellation",
    "stranded",
    "crash",
    "login",
    "delivery",
    "rude_staff",
    "billing",
    "support",
    "never_again",
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: Mapping[str, float]
    rules: tuple[Rule, ...]


def _parse(data: Mapping[str, Any], origin: str) -> Lexicon:
    words: dict[str, float] = {}
    for word, valence in data.get("words", {}).items():
        words[str(word).lower()] = float(valence)
    rules: list[Rule] = []
    for kind in ("abuse", "phrase"):  # abuse first: at one position an abusive reading wins
        for entry in data.get(kind, []):
            alternatives = entry.get("patterns") or ([entry["pattern"]] if "pattern" in entry else [])
            if not alternatives:
                raise ValueError(f"{origin}: a [[{kind}]] entry has no patterns")
            rules.append(
                Rule(
                    pattern=join_alternatives([str(a) for a in alternatives]),
                    valence=float(entry.get("valence", -3.0 if kind == "abuse" else -2.5)),
                    topic=entry.get("topic"),
                    abusive=kind == "abuse",
                    alternatives=tuple(str(a) for a in alternatives),
                    perception=bool(entry.get("perception", True)),
                )
            )
    lexicon = Lexicon(MappingProxyType(words), tuple(rules))
    _check(lexicon, origin)
    return lexicon


def _check(lexicon: Lexicon, origin: str) -> None:
    bad = [w for w, v in lexicon.words.items() if not -4 <= v <= 4]
    bad += [r.pattern for r in lexicon.rules if not -4 <= r.valence <= 4]
    if bad:
        raise ValueError(f"{origin}: valence must be between -4 and 4 (check {', '.join(bad)})")
    unknown = sorted({r.topic for r in lexicon.rules if r.topic is not None and r.topic not in TOPICS})
    if unknown:
        raise ValueError(f"{origin}: unknown topic(s) {', '.join(unknown)} (known: {', '.join(TOPICS)})")


def load(text: str | None = None, origin: str = DATA_FILE) -> Lexicon:
    """Parse a lexicon TOML document (default: the built-in ``customer_service.toml``)."""
    if text is None:
        text = resources.files(__package__).joinpath(DATA_FILE).read_text(encoding="utf-8")
    return _parse(tomllib.loads(text), origin)


def for_config(config: ScoringConfig) -> Lexicon:
    """The built-in lexicon (unless ``builtin_rules = false``) plus the config's extra words and phrases.

    Config entries win: a config word overrides a built-in valence, and config phrases are tried before
    the built-in ones. A multi-word ``lexicon`` entry ("rip off") becomes a phrase rule, since VADER
    looks words up one at a time. Config phrase topics are free-form (they key ``[facts]``).
    """
    shipped = builtin()
    words: dict[str, float] = dict(shipped.words) if config.builtin_rules else {}
    extra: list[Rule] = []
    for word, valence in config.lexicon.items():
        key = " ".join(word.lower().split())
        if " " in key:
            extra.append(Rule(r"\s+".join(re.escape(part) for part in key.split()), valence))
        elif key:
            words[key] = valence
    extra += [Rule(p.pattern, p.valence, p.topic) for p in config.phrases]
    abuse, phrases = [r for r in shipped.rules if r.abusive], [r for r in shipped.rules if not r.abusive]
    rules = [*abuse, *extra, *phrases] if config.builtin_rules else extra
    return Lexicon(MappingProxyType(words), tuple(rules))


@cache
def builtin() -> Lexicon:
    """The customer-service lexicon and phrase rules, loaded at the first scorer built in this process
    (checking its ~180 patterns costs ~50 ms: a command that scores nothing never pays it)."""
    return load()


BUILTIN: Lexicon
"""``builtin()``, as a module attribute (read on first access)."""


def __getattr__(name: str) -> Lexicon:
    if name == "BUILTIN":
        return builtin()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
