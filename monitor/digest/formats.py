"""The formats a digest is written in: a module of its own, so ``repmon digest --help`` (which
lists them) does not import the digest's database queries and charts."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    HTML = "html"
    MD = "md"
    JSON = "json"
    CSV = "csv"
