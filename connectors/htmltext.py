"""HTML snippets from source APIs (HN comments, feed summaries) as the plain text observations carry.

Entities are decoded (``&#x27;`` -> ``'``), tags are dropped with their text kept, paragraph tags
(``<p>``, headings, list items, ``<div>``...) become paragraph or line breaks, and script/style
content is dropped. No third-party parser: the inputs are short fragments, often without closing
tags (HN separates paragraphs with a bare ``<p>``).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_PARAGRAPH_TAGS = frozenset(
    {"p", "div", "blockquote", "pre", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "section"}
)
_LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd"})
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript"})

_NEWLINES = re.compile(r"[\r\n]+")
_SPACES = re.compile(r"[^\S\n]+")  # whitespace except newlines (includes NBSP)
_BREAKS = re.compile(r" *\n *")
_MANY_BREAKS = re.compile(r"\n{3,}")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self._pre += 1
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")
        elif tag in _LINE_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")
        elif tag in _LINE_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _PARAGRAPH_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Source newlines are just whitespace in HTML, except inside <pre>.
            self.parts.append(data if self._pre else _NEWLINES.sub(" ", data))


def normalize_space(text: str) -> str:
    """Collapse runs of spaces (NBSP included) and of blank lines; strip the ends."""
    text = _SPACES.sub(" ", text)
    text = _BREAKS.sub("\n", text)
    return _MANY_BREAKS.sub("\n\n", text).strip()


def html_to_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment; ``None`` and empty give ``""``."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return normalize_space(html.unescape(fragment))
    parser = _TextCollector()
    parser.feed(fragment)
    parser.close()
    return normalize_space("".join(parser.parts))


def join_text(*parts: str) -> str:
    """Title and body as one text, separated by a blank line; empty parts and a repeated title dropped."""
    kept: list[str] = []
    for part in parts:
        if part and part not in kept:
            kept.append(part)
    return "\n\n".join(kept)
