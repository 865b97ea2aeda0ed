"""Splitting a reply into sentences and rewriting a span of one, shared by every tone rule."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"([.!?\u2026]+[\"'\u201d\u2019)\]]*)\s+")
_STRAIGHTEN = {0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"'}


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str


def normalise(text: str) -> str:
    """Curly apostrophes and quotes to straight ones, one character for one."""
    return text.translate(_STRAIGHTEN)


def split_sentences(text: str) -> list[str]:
    """Sentences (and lines) of ``text``, stripped, empties dropped."""
    marked = _SENTENCE_END.sub(lambda m: m.group(1) + "\n", normalise(text))
    return [s.strip() for s in marked.split("\n") if s.strip()]


def sentences_of(text: str) -> list[Sentence]:
    return [Sentence(i, s) for i, s in enumerate(split_sentences(text))]


def tidy(text: str) -> str:
    """Collapse spaces and stray punctuation left by a rewrite, and start with a capital."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])\s*([,.;:!?])", r"\2", text)
    text = re.sub(r"^[,;:.\s]+", "", text)
    if not text:
        return text
    return text[0].upper() + text[1:]


def rewrite(sentence: str, start: int, end: int, template: str) -> str:
    """``template`` with ``{rest}``: what follows the matched words, when they open the sentence."""
    rest = tidy(sentence[end:].lstrip(" ,;:-")) if len(sentence[:start].split()) <= 1 else ""
    if len(rest.split()) < 3:
        rest = ""
    return tidy(template.replace("{rest}", rest))
