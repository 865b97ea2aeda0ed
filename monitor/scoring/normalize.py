"""Text clean-up: readable plain text for display and drafting, and a normalised form for scoring.

``plain_text`` keeps everything a person would read (links and @handles included). ``for_scoring``
also drops URLs and @handles, collapses whitespace and caps the length, because VADER's cost grows
faster than linearly with the number of words, and each emoji expands into a several-word description
before VADER scores it (see docs/scoring.md for the measurements behind ``EMOJI_WEIGHT``).
"""

from __future__ import annotations

import html
import re

__all__ = ["EMOJI_WEIGHT", "for_scoring", "plain_text"]

# Characters in the emoji / pictograph blocks count this many characters against ``max_chars``:
# VADER replaces each emoji it knows by its description (22 characters on average), and the
# measured cost of a run of emoji matches that of ~20 characters of ordinary text per emoji.
EMOJI_WEIGHT = 20
# Repeats of the same emoji beyond this many add nothing a reader would miss, only cost.
_EMOJI_RUN = 3

_SCRIPT_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_PARAGRAPH = re.compile(r"</?p\b[^<>]*>", re.IGNORECASE)
_BLOCK = re.compile(
    r"</?(?:div|li|ul|ol|blockquote|h[1-6]|tr|table|pre|section|article|header|footer|hr)\b[^<>]*>",
    re.IGNORECASE,
)
# Any other tag (inline: a, span, b, em...) disappears without a space, so Mastodon's
# ``@<span>name</span>`` stays ``@name`` and split links stay whole.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")

_URL_OR_HANDLE = re.compile(
    r"(?:https?://|www\.)\S+"  # links
    r"|(?<![\w@/.])@\w(?:[\w.-]*\w)?(?:@\w(?:[\w.-]*\w)?)?"  # @name, @name.bsky.social, @name@server
)
_HEAVY = "\u2190-\u2bff\u3030\u303d\U0001f000-\U0001faff"
_HEAVY_CHAR = re.compile(f"[{_HEAVY}]")
_HEAVY_RUN = re.compile(f"([{_HEAVY}]\ufe0f?)\\1{{{_EMOJI_RUN},}}")


def _strip_markup(text: str, block: str, paragraph: str) -> str:
    if "<" in text:
        text = _SCRIPT_STYLE.sub(" ", text)
        text = _COMMENT.sub("", text)
        text = _LINE_BREAK.sub(block, text)
        text = _PARAGRAPH.sub(paragraph, text)
        text = _BLOCK.sub(block, text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    return text


def plain_text(html_or_text: str) -> str:
    """Readable text: tags stripped, entities decoded, ``<br>`` a line break, paragraphs a blank line.

    Links and @handles are kept (a reply quotes and reads them). Runs of spaces collapse to one,
    each line is trimmed and at most one blank line is kept between paragraphs.
    """
    text = html_or_text.replace("\r\n", "\n").replace("\r", "\n")
    text = _strip_markup(text, "\n", "\n\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _cap(text: str, max_chars: int) -> str:
    """Cut ``text`` so its cost (emoji weighing ``EMOJI_WEIGHT`` characters) fits ``max_chars``."""
    if text.isascii():
        if len(text) <= max_chars:
            return text
        cut = max_chars
    else:
        text = _HEAVY_RUN.sub(lambda m: m.group(1) * _EMOJI_RUN, text)
        heavy = [m.start() for m in _HEAVY_CHAR.finditer(text)]
        if len(text) + (EMOJI_WEIGHT - 1) * len(heavy) <= max_chars:
            return text
        cut = min(len(text), max_chars)
        for n, pos in enumerate(heavy):  # n heavy characters lie before pos
            if pos + (EMOJI_WEIGHT - 1) * n + EMOJI_WEIGHT > max_chars:
                cut = min(pos, max_chars - (EMOJI_WEIGHT - 1) * n)
                break
        else:
            cut = min(cut, max_chars - (EMOJI_WEIGHT - 1) * len(heavy))
    space = text.rfind(" ", (cut * 4) // 5, cut + 1)  # don't cut a word in half if avoidable
    return text[: space if space > 0 else cut].rstrip()


def for_scoring(text: str, max_chars: int) -> str:
    """The text VADER scores: no markup, entities decoded, no URLs or @handles, one line, capped.

    ``max_chars`` bounds the cost: ordinary characters count one each, emoji and pictographs
    ``EMOJI_WEIGHT`` each, and runs of one repeated emoji are shortened to three first.
    """
    text = _strip_markup(text, " ", " ")
    if "@" in text or "://" in text or "www." in text:
        text = _URL_OR_HANDLE.sub(" ", text)
    text = " ".join(text.split())
    return _cap(text, max_chars)
