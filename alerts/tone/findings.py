"""What the tone check reports: one finding per trap, each with the words, why they hurt and a rewrite."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The rules, in the order findings are reported (the opening first, then wording anywhere).
FACTS_FIRST = "facts_first"
NO_ACKNOWLEDGMENT = "no_acknowledgment"
TAKE_BACK = "take_back"
NON_APOLOGY = "non_apology"
DENIAL = "denial"
CORRECTING = "correcting"
BLAME = "blame"
EXCUSE = "excuse"
POLICY = "policy"
COERCION = "coercion"
SARCASM = "sarcasm"
UNBACKED_PROMISE = "unbacked_promise"
TOO_LONG = "too_long"
NO_DMS = "no_dms"

RULES = (
    FACTS_FIRST,
    NO_ACKNOWLEDGMENT,
    TAKE_BACK,
    NON_APOLOGY,
    DENIAL,
    CORRECTING,
    BLAME,
    EXCUSE,
    POLICY,
    COERCION,
    SARCASM,
    UNBACKED_PROMISE,
    TOO_LONG,
    NO_DMS,
)


@dataclass(frozen=True)
class Finding:
    """One place a reply strays from the reply method."""

    rule: str  # one of RULES
    words: str  # the words that tripped the rule, as written
    why: str  # one sentence: why they hurt
    suggestion: str  # a rewrite of the sentence that follows the method

    def line(self) -> str:
        return f"{self.rule}: “{self.words}” ({self.why}) Try: “{self.suggestion}”"


@dataclass(frozen=True)
class ToneReport:
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def rules(self) -> list[str]:
        """The rules that failed, in order of first appearance, each once."""
        return list(dict.fromkeys(f.rule for f in self.findings))

    def lines(self) -> list[str]:
        return [f.line() for f in self.findings]

    def as_json(self) -> dict[str, Any]:
        """The shape `repmon check-reply --json` prints."""
        return {"ok": self.ok, "findings": [asdict(f) for f in self.findings]}
