"""VADER's ``polarity_scores``, exactly, at several times the speed of the vaderSentiment package.

The package stays the reference: this module imports its tables (boosters, negations, idioms, the
constants) and reads its lexicon and emoji files through its own loader, so nothing of VADER's data
lives in repmon. What changes is only the cost of each call. The package lowercases every word list
again for each neighbour it inspects (quadratic in the post's length), walks the text one character
at a time to find emoji, builds n-gram strings for every lexicon word and calls a method per rule.
Here each token is stripped and lowercased once (cached across calls), only the words that carry a
valence are visited, emoji are replaced by one precompiled regex and only in non-ASCII text, and the
idiom tables are checked only when a neighbouring word can be part of an idiom.

Every quirk of vaderSentiment 3.3.2 is kept, because the contract is bit-identical output (see
tests/monitor/scoring/test_vader_fast.py, which compares with ``==`` on VADER's four ground-truth sets,
repmon's own texts and a generated fuzz set):

- the "but" rule scales the value found by ``list.index`` (the first equal value), not the value at
  the current position, so a repeated valence can be scaled twice and its twin not at all;
- with three words before a lexicon word, "so" or "this" right before it multiplies by 1.25 whatever
  precedes them ("never" is not needed);
- a booster in capitals before a word of valence 0 subtracts ``C_INCR``;
- a word in the lexicon is never read as a booster, negation or "least" before another word;
- idiom and "kind of" bigrams are looked up only for words with three or more words before them.

A ``FastVader`` is immutable after construction (extra words are given to the constructor) and keeps
no per-call state, so one instance is safe to share between threads.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Callable, Mapping
from functools import cache
from importlib import metadata
from types import MappingProxyType

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    C_INCR,
    N_SCALAR,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

__all__ = ["REFERENCE_VERSION", "FastVader", "matches_installed_vader"]

REFERENCE_VERSION = "3.3.2"
"""The vaderSentiment release whose algorithm this module reproduces (the tests prove it on it)."""

Sentiments = list[float]

_PUNCT = string.punctuation
_NEGATIONS = frozenset(NEGATE)
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")


def _ngrams(table: Mapping[str, float], size: int) -> dict[tuple[str, ...], float]:
    """The entries of ``table`` whose key is ``size`` words joined by single spaces, keyed by word tuple.

    vaderSentiment joins lowercased tokens with one space and looks the string up. Tokens come from
    ``str.split()`` and hold no whitespace, so the string matches a key exactly when the tuple of
    tokens equals the key split on spaces; keys of any other shape can never match and are left out.
    """
    grams: dict[tuple[str, ...], float] = {}
    for key, value in table.items():
        parts = tuple(key.split(" "))
        if len(parts) == size and all(parts) and not any(any(c.isspace() for c in p) for p in parts):
            grams[parts] = value
    return grams


_SPECIAL2 = _ngrams(SPECIAL_CASES, 2)
_SPECIAL3 = _ngrams(SPECIAL_CASES, 3)
_BOOST2 = _ngrams(BOOSTER_DICT, 2)
_BOOST3 = _ngrams(BOOSTER_DICT, 3)
# A word at these positions is needed for any idiom or booster n-gram to match (see _idioms).
_LAST2 = frozenset(k[-1] for k in _SPECIAL2)
_LAST3 = frozenset(k[-1] for k in _SPECIAL3)
_BOOST_LAST = frozenset(k[-1] for k in _BOOST2) | frozenset(k[-1] for k in _BOOST3)
_GATE0 = _LAST2 | _LAST3  # the lexicon word itself ends "the shit" or "kiss of death"
_GATE1 = _LAST2 | _LAST3 | _BOOST_LAST  # the word before it ends an idiom or "kind of"
_GATE2 = _LAST2 | _BOOST_LAST  # two words before ends "yeah right" or "sort of"

# Raw token -> the word VADER looks up (outer punctuation stripped unless <= 2 chars remain, lowered).
# Shared by every instance (it does not depend on the lexicon); cleared when it grows past the cap.
_WORDS: dict[str, str] = {}
_WORDS_MAX = 200_000


def _word(token: str) -> str:
    bare = token.strip(_PUNCT)
    word = (bare if len(bare) > 2 else token).lower()
    if len(_WORDS) >= _WORDS_MAX:
        _WORDS.clear()
    _WORDS[token] = word
    return word


def _lowered(tokens: list[str]) -> list[str]:
    try:
        return list(map(_WORDS.__getitem__, tokens))
    except KeyError:
        pass
    for token in set(tokens).difference(_WORDS):
        _word(token)
    # The cache may have been cleared meanwhile (it was full, or another thread cleared it).
    return [_WORDS.get(t) or _word(t) for t in tokens]


def _cap_diff(tokens: list[str]) -> int:
    """1 if some, but not all, tokens are in capitals (``allcap_differential``), else 0.

    A token and its punctuation-stripped word have the same ``isupper()``: ASCII punctuation has no case.
    """
    uppers = sum(map(str.isupper, tokens))
    return 1 if 0 < len(tokens) - uppers < len(tokens) else 0


@cache
def _package_tables() -> tuple[dict[str, float], dict[str, str]]:
    """The lexicon and emoji dictionaries exactly as the installed package parses its own files."""
    reference = SentimentIntensityAnalyzer()
    return reference.lexicon, reference.emojis


def _char_ranges(chars: list[str], gap: int) -> str:
    """A regex character class covering ``chars`` in few ranges (gaps up to ``gap`` code points merged).

    One range per emoji run makes ``re`` test ~140 ranges at every character (0.8 ms for a post);
    merged ranges are a cheap prefilter, and the callback checks each candidate in the table.
    """
    spans: list[list[int]] = []
    for point in sorted(map(ord, chars)):
        if spans and point - spans[-1][1] <= gap:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    body = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans)
    return f"[{body}]"


@cache
def _emoji_replacer() -> tuple[Callable[[str], str], bool]:
    """A function replacing emoji by their descriptions as ``polarity_scores`` does, and whether any
    emoji is ASCII (if none is, ASCII text needs no replacement at all).

    The package compares each *character* with the emoji table, so only one-character keys ever
    match. A description is preceded by a space unless it starts the text or follows a space.
    """
    _, emojis = _package_tables()
    single = {k: v for k, v in emojis.items() if len(k) == 1}
    if not single:
        return (lambda text: text), False
    spaced = {k: " " + v for k, v in single.items()}
    candidates = re.compile(_char_ranges(list(single), gap=64))

    def describe(match: re.Match[str]) -> str:
        char = match.group()
        if char not in single:
            return char
        at = match.start()
        return single[char] if at == 0 or match.string[at - 1] == " " else spaced[char]

    def replace(text: str) -> str:
        return candidates.sub(describe, text)

    return replace, any(k.isascii() for k in single)


def matches_installed_vader() -> bool:
    """True when the installed vaderSentiment is the release this module reproduces."""
    try:
        return metadata.version("vaderSentiment") == REFERENCE_VERSION
    except metadata.PackageNotFoundError:  # pragma: no cover - a dependency of repmon
        return False


class FastVader:
    """``FastVader(words).polarity_scores(text)`` equals vaderSentiment's with ``words`` added to its lexicon.

    ``score_valence(sentiments, text)`` has the package's signature and meaning, so a subclass can
    adjust the per-word valences before they are summed, as repmon's phrase rules do.
    """

    def __init__(self, words: Mapping[str, float] | None = None) -> None:
        base, _ = _package_tables()
        lexicon = dict(base)
        if words:
            lexicon.update(words)
        self._valence = lexicon
        self.lexicon: Mapping[str, float] = MappingProxyType(lexicon)
        # Words that receive a valence of their own: in the lexicon and not a booster.
        self._scored = frozenset(lexicon).difference(BOOSTER_DICT)
        self._least_negates = "least" not in lexicon
        self._replace_emoji, self._ascii_emoji = _emoji_replacer()

    def polarity_scores(self, text: str) -> dict[str, float]:
        if not isinstance(text, str):
            raise TypeError(f"polarity_scores needs a str, not {type(text).__name__}")
        if self._ascii_emoji or not text.isascii():
            text = self._replace_emoji(text)
        text = text.strip()
        return self.score_valence(self.sentiments(text), text)

    def sentiments(self, text: str) -> Sentiments:
        """One valence per token of ``text`` (emoji already replaced), "but" rule applied.

        This is the package's loop over ``words_and_emoticons`` with ``sentiment_valence``,
        ``scalar_inc_dec``, ``_negation_check``, ``_special_idioms_check`` and ``_least_check``
        written inline, visiting only the words that have a valence of their own.
        """
        tokens = text.split()
        words = _lowered(tokens)
        count = len(words)
        sentiments: Sentiments = [0] * count
        hits = self._scored.intersection(words)
        if not hits:
            return sentiments
        lexicon = self._valence
        last = count - 1
        cap_diff = -1  # counted on first need: some, but not all, tokens are in capitals
        for i in [i for i, word in enumerate(words) if word in hits]:
            word = words[i]
            if word == "kind" and i < last and words[i + 1] == "of":
                continue
            valence = lexicon[word]
            if word == "no" and i != last and words[i + 1] in lexicon:
                valence = 0.0
            if i and (
                words[i - 1] == "no"
                or (i > 1 and words[i - 2] == "no")
                or (i > 2 and words[i - 3] == "no" and words[i - 1] in _OR_NOR)
            ):
                valence = lexicon[word] * N_SCALAR
            if tokens[i].isupper():
                if cap_diff < 0:
                    cap_diff = _cap_diff(tokens)
                if cap_diff:
                    valence = valence + C_INCR if valence > 0 else valence - C_INCR
            if i:  # the three words before: boosters, negations and idioms (only words not in the lexicon)
                before = words[i - 1]
                if before not in lexicon:
                    scalar = BOOSTER_DICT.get(before)
                    if scalar is not None:
                        valence, cap_diff = _boosted(valence, scalar, 1, tokens, i - 1, cap_diff)
                    if before in _NEGATIONS or "n't" in before:
                        valence = valence * N_SCALAR
                if i > 1:
                    before2 = words[i - 2]
                    if before2 not in lexicon:
                        scalar = BOOSTER_DICT.get(before2)
                        if scalar is not None:
                            valence, cap_diff = _boosted(valence, scalar, 2, tokens, i - 2, cap_diff)
                        if before2 == "never" and before in _SO_THIS:
                            valence = valence * 1.25
                        elif not (before2 == "without" and before == "doubt") and (
                            before2 in _NEGATIONS or "n't" in before2
                        ):
                            valence = valence * N_SCALAR
                    if i > 2:
                        before3 = words[i - 3]
                        if before3 not in lexicon:
                            scalar = BOOSTER_DICT.get(before3)
                            if scalar is not None:
                                valence, cap_diff = _boosted(valence, scalar, 3, tokens, i - 3, cap_diff)
                            if (before3 == "never" and before2 in _SO_THIS) or before in _SO_THIS:
                                valence = valence * 1.25
                            elif not (before3 == "without" and (before2 == "doubt" or before == "doubt")) and (
                                before3 in _NEGATIONS or "n't" in before3
                            ):
                                valence = valence * N_SCALAR
                            if (
                                word in _GATE0
                                or before in _GATE1
                                or before2 in _GATE2
                                or (i < last and words[i + 1] in _LAST2)
                                or (i + 1 < last and words[i + 2] in _LAST3)
                            ):
                                valence = _idioms(valence, words, i)
            if (
                self._least_negates
                and i
                and words[i - 1] == "least"
                and (i == 1 or (words[i - 2] != "at" and words[i - 2] != "very"))
            ):
                valence = valence * N_SCALAR
            sentiments[i] = valence
        if "but" in words:
            _but(sentiments, words.index("but"))
        return sentiments

    def score_valence(self, sentiments: Sentiments, text: str) -> dict[str, float]:
        """The package's ``score_valence``: punctuation emphasis, compound and the pos/neu/neg shares."""
        if not any(sentiments):  # no words, or only neutral ones: exactly what the sums below give
            return {"neg": 0.0, "neu": 1.0 if sentiments else 0.0, "pos": 0.0, "compound": 0.0}
        sum_s = float(sum(sentiments))
        exclaims = text.count("!")
        if exclaims > 4:
            exclaims = 4
        questions = text.count("?")
        question_amp: float = 0
        if questions > 1:
            question_amp = questions * 0.18 if questions <= 3 else 0.96
        emphasis = exclaims * 0.292 + question_amp
        if sum_s > 0:
            sum_s += emphasis
        elif sum_s < 0:
            sum_s -= emphasis
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)
        if compound < -1.0:
            compound = -1.0
        elif compound > 1.0:
            compound = 1.0
        pos_sum = 0.0
        neg_sum = 0.0
        signed = list(filter(None, sentiments))  # zeros are the neutral words
        for score in signed:
            if score > 0:
                pos_sum += float(score) + 1
            else:
                neg_sum += float(score) - 1
        neu_count = len(sentiments) - len(signed)
        if pos_sum > math.fabs(neg_sum):
            pos_sum += emphasis
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= emphasis
        total = pos_sum + math.fabs(neg_sum) + neu_count
        pos = math.fabs(pos_sum / total)
        neg = math.fabs(neg_sum / total)
        neu = math.fabs(neu_count / total)
        return {"neg": round(neg, 3), "neu": round(neu, 3), "pos": round(pos, 3), "compound": round(compound, 4)}


def _boosted(
    valence: float, scalar: float, distance: int, tokens: list[str], at: int, cap_diff: int
) -> tuple[float, int]:
    """``valence`` plus the booster ``scalar`` of the token at ``at``, ``distance`` words before the
    lexicon word (vaderSentiment's ``scalar_inc_dec`` and its damping by distance), and ``cap_diff``
    settled if it had to be counted."""
    if valence < 0:
        scalar *= -1
    if tokens[at].isupper():
        if cap_diff < 0:
            cap_diff = _cap_diff(tokens)
        if cap_diff:
            scalar = scalar + C_INCR if valence > 0 else scalar - C_INCR
    if distance == 2:
        scalar = scalar * 0.95
    elif distance == 3:
        scalar = scalar * 0.9
    return valence + scalar, cap_diff


def _idioms(valence: float, words: list[str], i: int) -> float:
    """vaderSentiment's ``_special_idioms_check`` at ``i`` (``i >= 3``), on word tuples, same order."""
    w3, w2, w1, w0 = words[i - 3], words[i - 2], words[i - 1], words[i]
    for table, key in (
        (_SPECIAL2, (w1, w0)),
        (_SPECIAL3, (w2, w1, w0)),
        (_SPECIAL2, (w2, w1)),
        (_SPECIAL3, (w3, w2, w1)),
        (_SPECIAL2, (w3, w2)),
    ):
        found = table.get(key)
        if found is not None:
            valence = found
            break
    count = len(words)
    if count - 1 > i:
        found = _SPECIAL2.get((w0, words[i + 1]))
        if found is not None:
            valence = found
    if count - 1 > i + 1:
        found = _SPECIAL3.get((w0, words[i + 1], words[i + 2]))
        if found is not None:
            valence = found
    for table, key in ((_BOOST3, (w3, w2, w1)), (_BOOST2, (w3, w2)), (_BOOST2, (w2, w1))):
        found = table.get(key)
        if found is not None:
            valence = valence + found
    return valence


def _but(sentiments: Sentiments, but_at: int) -> None:
    """vaderSentiment's ``_but_check``, quirk included: each value is halved (before "but") or scaled
    x1.5 (after) at the first position holding an equal value, which is not always its own.

    Zeros are skipped: rescaling a zero writes a zero where a zero already is.
    """
    index = sentiments.index
    for k in range(len(sentiments)):
        value = sentiments[k]
        if not value:
            continue
        at = index(value)
        if at < but_at:
            sentiments[at] = value * 0.5
        elif at > but_at:
            sentiments[at] = value * 1.5
