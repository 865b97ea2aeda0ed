"""Scoring one post: normalise, decide the language, then VADER plus repmon's lexicon and phrase rules.

VADER itself runs as :class:`~monitor.scoring.vader_fast.FastVader`, an exact and faster copy of the
vaderSentiment package's algorithm (``Scorer(engine="reference")`` runs the package instead).

How phrase rules enter VADER: both engines override ``score_valence``, the step where VADER
turns its per-word valences into the compound and pos/neu/neg. By then VADER has scored every word
(boosters, negation, capitals, "but") and replaced emoji by their descriptions. The override scans that
text with the compiled rules and, for each match, gives the first word of the match the rule's valence
and the other words 0: the phrase counts as one unit of sentiment, and "laughed" in "laughed at me"
stops counting as positive. VADER then normalises the list exactly as it does for lexicon words, so
pos/neu/neg stay consistent. Three adjustments follow VADER's own ideas:

- negation: a VADER negation word among the two words before a match (same clause) cancels it
  ("didn't lose my bag" is not a complaint);
- "but": the phrase valence is halved before the first "but" and weighted x1.5 after it;
- clauses: a negation never reaches past the end of its clause (a comma, a full stop). VADER looks
  three words back whatever lies between, so "Nothing special, nothing wrong. Good shower" read
  "wrong" as negated twice and "good" as "not good", and "upgraded us without being asked. Lovely
  people" as not lovely; such a valence is put back (VADER's ground-truth sets agree better);
- complaint context: when a post names a failure (a negative phrase) and no fix (no positive phrase),
  positive words outside the "but" clause count a quarter ("Great job.", "thanks a lot": sarcasm and
  politeness around a complaint, which VADER reads as praise).

Thread safety: the analyzer holds no per-call state. The matches of the current call are handed back
to ``Scorer.score`` through a ``ContextVar``, which is per thread (and per asyncio task).
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from itertools import accumulate, chain
from operator import add
from typing import Any, Literal

from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

from monitor.config import ScoringConfig
from monitor.scoring import language, lexicon, normalize
from monitor.scoring.lexicon import Match, RuleSet
from monitor.scoring.vader_fast import N_SCALAR, FastVader, matches_installed_vader

__all__ = ["Engine", "Score", "Scorer"]

Engine = Literal["fast", "reference"]

POSITIVE_AT = 0.05
NEGATIVE_AT = -0.05
NEGATION_WINDOW = 2  # words before a phrase that can negate it
BUT_BEFORE, BUT_AFTER = 0.5, 1.5
# Weight of positive words in a post that names a failure (and no fix), outside a "but" clause.
COMPLAINT_CONTEXT_POSITIVE = 0.25

_PUNCT = string.punctuation
_CLAUSE_END = frozenset(".,;:!?")
_NEGATIONS = frozenset(NEGATE)  # VADER's own negation words
# Any of them or "no" (VADER's own rule) as a word, or "n't" anywhere: a cheap test before the per-word walk.
_NEGATION_WORDS = _NEGATIONS | {"no"}
_APART = str.maketrans({c: " " for c in _PUNCT if c != "'"})


@dataclass(frozen=True, slots=True)
class Score:
    compound: float | None  # None when unscored (non-English, empty)
    pos: float | None
    neu: float | None
    neg: float | None
    label: str  # "positive" | "neutral" | "negative" | "unscored"
    topics: tuple[str, ...] = ()  # complaint topics matched, e.g. ("refund", "double_charge")
    perceptions: tuple[str, ...] = field(default=())  # the customer's own words that matched, e.g. "charged me twice"
    abusive: bool = False  # insults, threats, harassment: routed to a lead, no warm draft


UNSCORED = Score(None, None, None, None, "unscored")

# Matches found while scoring, handed from the analyzer back to Scorer.score (per thread / task).
_MATCHES: ContextVar[list[Match] | None] = ContextVar("repmon_scoring_matches", default=None)


def label_for(compound: float) -> str:
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"


def _stripped(token: str) -> str:
    """A token as VADER looks it up: lower case, outer punctuation off unless that leaves <= 2 chars."""
    bare = token.strip(_PUNCT)
    return (bare if len(bare) > 2 else token).lower()


def _negated_before(tokens: list[str], index: int) -> bool:
    """True if one of the NEGATION_WINDOW words before ``index`` (same clause) is a VADER negation."""
    for token in reversed(tokens[max(0, index - NEGATION_WINDOW) : index]):
        if token[-1] in _CLAUSE_END:
            return False
        word = _stripped(token)
        if word in _NEGATIONS or "n't" in word:
            return True
    return False


def _token_starts(text: str, tokens: list[str]) -> list[int]:
    """Where each of ``text.split()``'s tokens starts."""
    ends = list(accumulate(map(len, tokens)))
    if ends and ends[-1] + len(tokens) - 1 == len(text):  # one character between tokens: no search needed
        return list(map(add, chain((0,), ends), range(len(tokens))))
    starts: list[int] = []
    position = 0
    for token in tokens:
        position = text.find(token, position)
        starts.append(position)
        position += len(token)
    return starts


def _apply(sentiments: list[float], text: str, matches: list[Match]) -> tuple[list[float], list[Match]]:
    """Put each match's valence in place of the valences of the words it covers."""
    tokens = text.split()
    if len(tokens) != len(sentiments):  # cannot happen with VADER 3.3.2; degrade to appending
        sentiments.extend(m.rule.valence for m in matches)
        return sentiments, matches
    starts = _token_starts(text, tokens)
    but = None
    if "but" in text.lower():
        but = next((i for i, t in enumerate(tokens) if _stripped(t) == "but"), None)
    live: list[Match] = []
    covered: set[int] = set()
    for match in matches:
        first = bisect_right(starts, match.start) - 1
        last = bisect_right(starts, match.end - 1) - 1
        valence = match.rule.valence
        if _negated_before(tokens, first):
            valence = 0.0  # "didn't lose my bag", "never charged me twice": not a complaint
        else:
            live.append(match)
        if but is not None and first != but:
            valence *= BUT_BEFORE if first < but else BUT_AFTER
        sentiments[first] = valence
        for i in range(first + 1, last + 1):
            sentiments[i] = 0.0
        covered.update(range(first, last + 1))
    if any(m.rule.valence < 0 for m in live) and not any(m.rule.valence > 0 for m in live):
        # Complaint context: praise around a named failure is mostly sarcasm or politeness
        # ("Great job", "thanks a lot"). Words after a "but" keep their weight (mixed posts).
        end = len(sentiments) if but is None else but
        for i in range(end):
            if sentiments[i] > 0 and i not in covered:
                sentiments[i] *= COMPLAINT_CONTEXT_POSITIVE
    return sentiments, live


def _negations_across_clauses(words: list[str], tokens: list[str], i: int, lexicon: Mapping[str, float]) -> int:
    """How many of the negations VADER applied to word ``i`` stand in an earlier clause."""
    crossed = 0
    for j in range(max(0, i - 3), i):
        if not any(tokens[m][-1] in _CLAUSE_END for m in range(j, i)):
            continue
        word = words[j]
        if word == "no":  # VADER's own rule: "no" up to two words before (three with "or"/"nor")
            crossed += j >= i - 2 or words[i - 1] in ("or", "nor")
        elif word not in lexicon and (word in _NEGATIONS or "n't" in word):
            following = words[j + 1]
            special = (word == "never" and following in ("so", "this") and j < i - 1) or (
                word == "without" and following == "doubt" and j < i - 1
            )
            crossed += not special
    return crossed


def _has_negation(text: str) -> bool:
    lowered = text.lower()
    return "n't" in lowered or not _NEGATION_WORDS.isdisjoint(lowered.translate(_APART).split())


def _within_clauses(sentiments: list[float], text: str, lexicon: Mapping[str, float]) -> list[float]:
    """Undo the negations VADER carried over a clause end ("Nothing special, nothing wrong. Good shower")."""
    if not any(c in text for c in _CLAUSE_END) or not _has_negation(text):
        return sentiments  # most posts: nothing to undo, and no per-word walk
    tokens = text.split()
    if len(tokens) != len(sentiments):
        return sentiments
    ended = [t[-1] in _CLAUSE_END for t in tokens]
    words: list[str] = []
    for i, value in enumerate(sentiments):
        if value and i and any(ended[max(0, i - 3) : i]):  # a clause ended among the three words before
            words = words or [_stripped(t) for t in tokens]
            crossed = _negations_across_clauses(words, tokens, i, lexicon)
            if crossed:
                sentiments[i] = value / N_SCALAR**crossed
    return sentiments


_NAME = re.compile(r"\b[Tt]he [A-Z][a-z]+ [A-Z][a-z]+")  # "the Drowned Spire", "the Walking Dead"


def _title_case(token: str) -> bool:
    word = token.rstrip(_PUNCT)
    return len(word) > 1 and word[0].isupper() and word[1:].islower() and word.isalpha()


def _without_names(sentiments: list[float], text: str) -> list[float]:
    """Words of a name carry no feeling: "a new map, the Drowned Spire" announces a map, it mourns nobody.

    A name here is "the" and two or more capitalised words, the way products, places, shows and game
    maps are named; a capitalised word on its own is often just the start of a sentence or shouting,
    and in a headline written in title case every word is capitalised.
    """
    if not _NAME.search(text):
        return sentiments
    tokens = text.split()
    if len(tokens) != len(sentiments):
        return sentiments
    capitals = [_title_case(t) for t in tokens]
    if 2 * sum(capitals) > len(tokens):
        return sentiments  # a headline in title case: its capitals say nothing of names
    for i, token in enumerate(tokens[:-2]):
        if token not in ("the", "The") or not (capitals[i + 1] and capitals[i + 2]):
            continue
        j = i + 1
        while j < len(tokens) and capitals[j]:
            sentiments[j] = 0.0
            if tokens[j][-1] in _PUNCT:
                break  # the name ends with its clause
            j += 1
    return sentiments


def _with_rules(rules: RuleSet, sentiments: list[float], text: str, lexicon: Mapping[str, float]) -> list[float]:
    """The per-word valences with negations kept in their clause, names read as names and the phrase
    rules applied; the live matches go to ``_MATCHES``."""
    sentiments = _without_names(_within_clauses(list(sentiments), text, lexicon), text)
    if sentiments and len(rules):
        matches = rules.scan(text)
        if matches:
            sentiments, live = _apply(sentiments, text, matches)
            sink = _MATCHES.get()
            if sink is not None:
                sink.extend(live)
    return sentiments


class _RuleAwareVader(SentimentIntensityAnalyzer):  # type: ignore[misc]  # untyped base class
    """The reference engine: the vaderSentiment package itself."""

    def __init__(self, words: dict[str, float], rules: RuleSet) -> None:
        super().__init__()
        self.lexicon.update(words)
        self.rules = rules

    def score_valence(self, sentiments: list[float], text: str) -> Any:
        return super().score_valence(_with_rules(self.rules, sentiments, text, self.lexicon), text)


class _RuleAwareFastVader(FastVader):
    """The default engine: the same scores as :class:`_RuleAwareVader`, bit for bit, faster."""

    def __init__(self, words: dict[str, float], rules: RuleSet) -> None:
        super().__init__(words)
        self.rules = rules

    def score_valence(self, sentiments: list[float], text: str) -> dict[str, float]:
        return super().score_valence(_with_rules(self.rules, sentiments, text, self.lexicon), text)


class Scorer:
    """``Scorer(config).score(text, lang) -> Score``. One instance is safe to share between threads."""

    def __init__(self, config: ScoringConfig | None = None, *, engine: Engine | None = None) -> None:
        """``engine``: "fast" (:mod:`monitor.scoring.vader_fast`, the default while the installed
        vaderSentiment is the release it reproduces) or "reference" (the package itself); both
        give the same scores, bit for bit."""
        config = config or ScoringConfig()
        self.config = config
        self.lexicon = lexicon.for_config(config)
        self.rules = RuleSet(self.lexicon.rules)
        self.max_chars = config.max_chars
        if engine is None:
            engine = "fast" if matches_installed_vader() else "reference"
        self.engine: Engine = engine
        vader = _RuleAwareFastVader if engine == "fast" else _RuleAwareVader
        self._vader = vader(dict(self.lexicon.words), self.rules)

    def score(self, text: str, lang: str | None = None) -> Score:
        clean = normalize.for_scoring(text, self.max_chars)
        if not clean or not language.is_english(clean, lang):
            return UNSCORED
        found: list[Match] = []
        token = _MATCHES.set(found)
        try:
            vader = self._vader.polarity_scores(clean)
        finally:
            _MATCHES.reset(token)
        compound: float = vader["compound"]  # VADER's values are already rounded floats
        if not found:
            return Score(compound, vader["pos"], vader["neu"], vader["neg"], label_for(compound))
        topics: dict[str, None] = {}
        perceptions: dict[str, None] = {}
        abusive = False
        for match in found:
            if match.rule.abusive:
                abusive = True
                continue
            if match.rule.topic:
                topics[match.rule.topic] = None
            if match.rule.valence < 0 and match.rule.perception:
                perceptions[match.text.strip(_PUNCT + " ")] = None
        return Score(
            compound,
            vader["pos"],
            vader["neu"],
            vader["neg"],
            label_for(compound),
            topics=tuple(topics),
            perceptions=tuple(p for p in perceptions if p),
            abusive=abusive,
        )
