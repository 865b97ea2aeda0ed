"""The drafting data files (phrasings, topics, word classes, kinds), read once per process.

Wording lives in TOML next to this module so a social-care lead can review and extend it without
touching code; tests check that every phrasing passes the tone check.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed ``alerts/drafting/<name>.toml``."""
    text = resources.files("alerts.drafting").joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def phrasings(language: str) -> dict[str, Any]:
    return load(f"phrasings_{language}")


def any_of(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of ``patterns``."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def pattern(file: str, *keys: str) -> re.Pattern[str]:
    """The list of regexes under ``keys`` (a table path) in ``<file>.toml``, compiled once as alternatives."""
    node: Any = load(file)
    for key in keys:
        node = node[key]
    return any_of(node)


@cache
def word_set(file: str, *keys: str) -> frozenset[str]:
    """The words listed under ``keys`` (a table path) in ``<file>.toml``."""
    node: Any = load(file)
    for key in keys:
        node = node[key]
    return frozenset(node)
