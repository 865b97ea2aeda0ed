"""Checks on a phrase pattern before the rule set uses it: a bad one is a config error at start-up.

Split from ``ruleset.py`` (the scan) so the lexicon can check its alternatives without it; each
pattern is compiled to be checked once per process.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PASSED: set[str] = set()
"""Patterns that passed :func:`validate_pattern` in this process, and joins of alternatives that did."""


def validate_pattern(pattern: str) -> None:
    """Refuse a pattern the rule set cannot use, with a reason; a pattern passed once is not compiled
    again (a scorer's rule set checks rules the lexicon checked already: ~0.05 s of a start-up)."""
    if pattern in _PASSED:
        return
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"phrase pattern {pattern!r} is not a valid regular expression: {exc}") from None
    if compiled.groupindex or re.search(r"\\[1-9]|\(\?P=|\(\?\(", pattern):
        raise ValueError(f"phrase pattern {pattern!r}: use (?:...) groups, without names or back-references")
    if pattern.lstrip().startswith("(?") and re.match(r"\(\?[aiLmsux]+\)", pattern.lstrip()):
        raise ValueError(f"phrase pattern {pattern!r}: inline flags are not needed (matching ignores case)")
    if compiled.fullmatch("") is not None:
        raise ValueError(f"phrase pattern {pattern!r} matches empty text")
    _PASSED.add(pattern)


def join_alternatives(alternatives: Sequence[str]) -> str:
    """One pattern matching any of ``alternatives``, each checked by :func:`validate_pattern` (so a bad
    one is named in the error). The join passes every check when they all do, so it is not compiled
    to be checked again: it compiles when they do (each is balanced on its own), has a named group,
    a back-reference or a conditional only if one of them has, starts with ``(?:`` (no inline flag)
    and matches empty text only if one of them does."""
    for alternative in alternatives:
        validate_pattern(alternative)
    joined = "|".join(f"(?:{a})" for a in alternatives)
    _PASSED.add(joined)
    return joined
