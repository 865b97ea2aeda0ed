"""VADER's ``polarity_scores``, exactly, at several times the speed of the vaderSentiment package.

The package stays the reference: its tables (boosters, negations, idioms, the constants) are
imported and its lexicon and emoji files read by its own loader (:mod:`monitor.scoring.vader_tables`),
so nothing of VADER's data lives in repmon. What changes is only the cost of each call. The package
lowercases every word list again for each neighbour it inspects (quadratic in the post's length),
walks the text one character at a time to find emoji, builds n-gram strings for every lexicon word
and calls a method per rule. Here each token is stripped and lowercased once (cached across calls),
only the words that carry a valence are visited, emoji are replaced by one precompiled regex and only
in non-ASCII text, and the idiom tables are checked only when a neighbouring word can be part of an
idiom.

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
from collections.abc import Mapping
from types import MappingProxyType

from vaderSentiment import vaderSentiment as _package

from monitor.scoring.vader_tables import (
    BOOST2,
    BOOST3,
    GATE0,
    GATE1,
    GATE2,
    LAST2,
    LAST3,
    REFERENCE_VERSION,
    SPECIAL2,
    SPECIAL3,
    emoji_replacer,
    lowered,
    matches_installed_vader,
    package_tables,
    some_in_capitals,
)

__all__ = ["REFERENCE_VERSION", "FastVader", "matches_installed_vader"]

Sentiments = list[float]

# The package's constants, typed (it has no annotations).
BOOSTER_DICT: dict[str, float] = _package.BOOSTER_DICT
C_INCR: float = _package.C_INCR
N_SCALAR: float = _package.N_SCALAR
_NEGATIONS: frozenset[str] = frozenset(_package.NEGATE)
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")


class FastVader:
    """``FastVader(words).polarity_scores(text)`` equals vaderSentiment's with ``words`` added to its lexicon.

    ``score_valence(sentiments, text)`` has the package's signature and meaning, so a subclass can
    adjust the per-word valences before they are summed, as repmon's phrase rules do.
    """

    def __init__(self, words: Mapping[str, float] | None = None) -> None:
        base, _ = package_tables()
        lexicon = dict(base)
        if words:
            lexicon.update(words)
        self._valence = lexicon
        self.lexicon: Mapping[str, float] = MappingProxyType(lexicon)
        # Words that receive a valence of their own: in the lexicon and not a booster.
        self._scored = frozenset(lexicon).difference(BOOSTER_DICT)
        self._least_negates = "least" not in lexicon
        self._replace_emoji, self._ascii_emoji = emoji_replacer()

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
        words = lowered(tokens)
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
                    cap_diff = some_in_capitals(tokens)
                if cap_diff:
                    valence = valence + C_INCR if valence > 0 else valence - C_INCR
            if i:  # the three words before: boosters, negations and idioms (only words not in the lexicon)
                before = words[i - 1]
                if before not in lexicon:
                    if before in BOOSTER_DICT:
                        valence, cap_diff = _boosted(valence, BOOSTER_DICT[before], 1, tokens, i - 1, cap_diff)
                    if before in _NEGATIONS or "n't" in before:
                        valence = valence * N_SCALAR
                if i > 1:
                    before2 = words[i - 2]
                    if before2 not in lexicon:
                        if before2 in BOOSTER_DICT:
                            valence, cap_diff = _boosted(valence, BOOSTER_DICT[before2], 2, tokens, i - 2, cap_diff)
                        valence = _far_negation(valence, before2, None, before)
                    if i > 2:
                        before3 = words[i - 3]
                        if before3 not in lexicon:
                            if before3 in BOOSTER_DICT:
                                valence, cap_diff = _boosted(valence, BOOSTER_DICT[before3], 3, tokens, i - 3, cap_diff)
                            valence = _far_negation(valence, before3, before2, before)
                            if (
                                word in GATE0
                                or before in GATE1
                                or before2 in GATE2
                                or (i < last and words[i + 1] in LAST2)
                                or (i + 1 < last and words[i + 2] in LAST3)
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


def _far_negation(valence: float, far: str, middle: str | None, near: str) -> float:
    """vaderSentiment's ``_negation_check`` for the word two (``middle`` None) or three places before
    the lexicon word: "never so/this" intensifies (three places: "so"/"this" just before is enough),
    "without doubt" cancels the negation, a negation word or "n't" inverts."""
    if middle is None:
        intensified = far == "never" and near in _SO_THIS
        doubtless = far == "without" and near == "doubt"
    else:
        intensified = (far == "never" and middle in _SO_THIS) or near in _SO_THIS
        doubtless = far == "without" and (middle == "doubt" or near == "doubt")
    if intensified:
        return valence * 1.25
    if doubtless or not (far in _NEGATIONS or "n't" in far):
        return valence
    return valence * N_SCALAR


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
            cap_diff = some_in_capitals(tokens)
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
        (SPECIAL2, (w1, w0)),
        (SPECIAL3, (w2, w1, w0)),
        (SPECIAL2, (w2, w1)),
        (SPECIAL3, (w3, w2, w1)),
        (SPECIAL2, (w3, w2)),
    ):
        found = table.get(key)
        if found is not None:
            valence = found
            break
    count = len(words)
    if count - 1 > i:
        found = SPECIAL2.get((w0, words[i + 1]))
        if found is not None:
            valence = found
    if count - 1 > i + 1:
        found = SPECIAL3.get((w0, words[i + 1], words[i + 2]))
        if found is not None:
            valence = found
    for table, key in ((BOOST3, (w3, w2, w1)), (BOOST2, (w3, w2)), (BOOST2, (w2, w1))):
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
