"""What makes two complaints the same complaint: shared specifics, weighted by how rare they are.

Independent customers complaining about the same brand share plenty of words ("flight", "delayed",
"hold", "not happy") and nothing that says it is one story. Echoes share the specifics: the flight
number, the gate, the wheelchair that never came, the link. So every word is weighted by its
inverse document frequency in the brand's own recent traffic, and words that a sizeable share of
that traffic uses (``echo_common_share``) carry no weight at all.

Document frequencies decay with a half-life, so a storm day that makes "snow" and "delayed" common
lowers their weight within hours, and a slow week forgets them again. The counts are kept per brand
in the store as ``(weight, as_of)`` pairs and updated incrementally: a batch loads only the terms it
uses. The same decaying counter, keyed ``#topic:<name>``, tells how many upset posts on a topic the
brand normally gets per hour: the baseline an echo must outrun.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from operator import methodcaller

from monitor.spread.identifiers import SPECIFIC

DOCS = ""  # the term under which the number of posts seen is counted
TOPIC = "#topic:"
COMMON_FLOOR = 6.0  # a word fewer independent stories than this used lately is never "common", however small the brand

Loader = Callable[[AbstractSet[str]], dict[str, tuple[float, datetime]]]
"""Stored counts of some terms, by term (those the store does not have are left out)."""


@lru_cache(maxsize=4096)
def content_words(words: frozenset[str]) -> frozenset[str]:
    """Words without topic tags: tags say what kind of trouble, never which event."""
    if not any(w.startswith("#") for w in words):
        return words  # nothing to drop: the same set, not a cached copy of it
    return frozenset(w for w in words if not w.startswith("#"))


@dataclass
class TermCounts:
    """Decaying counts of the terms a batch needs, loaded from the store and written back after.

    Weights are memoised per moment until the counts change (``add``, or terms loaded into
    ``counts``): clustering asks for the same words' weights once per candidate, and the decay
    arithmetic dominated a backfill's profile.
    """

    half_life: timedelta
    counts: dict[str, tuple[float, datetime]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)
    loader: Loader | None = None  # reads terms the batch did not load up front (``load``)
    _asked: set[str] = field(default_factory=set, init=False, repr=False)
    _memo_at: tuple[datetime, float, int, int] | None = field(default=None, init=False, repr=False)
    _memo: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _totals: dict[frozenset[str], float] = field(default_factory=dict, init=False, repr=False)
    _factors: dict[datetime, float] = field(default_factory=dict, init=False, repr=False)

    def load(self, terms: Iterable[str]) -> None:
        """Read the stored counts of the terms not in memory yet (never overwriting a count made since).

        A word is weighed by what the store holds plus what this batch counted. A word of a post this
        batch did not load it for (a candidate from another source in the same batch, a cluster's root
        read from the store) would otherwise weigh as never seen, and a post would match differently
        depending on whether its candidate arrived in its own batch or an earlier one.
        """
        if self.loader is None:
            return
        # ``difference`` with a dict looks each term up in it, in C (a set minus ``counts.keys()`` would
        # copy every key; a comprehension made a Python step per term, and this is asked per post)
        wanted = (terms if isinstance(terms, (set, frozenset)) else set(terms)).difference(self.counts, self._asked)
        if not wanted:
            return
        self._asked |= wanted
        found = self.loader(wanted)
        if found:
            self.counts.update(found)
            for term in found:  # weighed as unseen before it was read: weigh it again
                self._memo.pop(term, None)
            self._totals.clear()

    def _decayed(self, term: str, now: datetime) -> float:
        found = self.counts.get(term)
        if found is None:
            return 0.0
        weight, as_of = found
        return float(weight * _decay(now, as_of, self.half_life.total_seconds()))

    def add(self, terms: Iterable[str], now: datetime) -> None:
        """Count one more use of each term now (decaying what was counted before).

        The terms of one document were mostly last counted together, at a few moments: the decay
        since each moment is computed once per call, not once per term. A use older than the count
        (a file out of time order, a backlog arriving after newer posts) adds what it is worth at
        the count's moment, so a count is the same sum of decayed uses in whatever order they came.
        """
        self._memo_at = None
        counts, half_life = self.counts, self.half_life.total_seconds()
        factors: dict[datetime, float] = {}
        terms = list(terms)
        for term in terms:
            found = counts.get(term)
            if found is None:
                counts[term] = (1.0, now)
                continue
            weight, as_of = found
            if as_of > now:  # an older use: worth less at the count's newer moment, which stays
                counts[term] = (weight + _decay(as_of, now, half_life), as_of)
                continue
            factor = factors.get(as_of)
            if factor is None:  # ``_decay`` inlined, the same arithmetic: a Python call per moment met
                seconds = (now - as_of).total_seconds()
                factor = factors[as_of] = 0.5 ** ((seconds if seconds > 0.0 else 0.0) / half_life)
            counts[term] = (weight * factor + 1.0, now)
        self.changed.update(terms)

    def add_document(self, words: Iterable[str], now: datetime) -> None:
        self.add([DOCS, *(words if isinstance(words, frozenset) else set(words))], now)

    def count(self, term: str, now: datetime) -> float:
        """Documents that used ``term`` lately (decayed)."""
        return self._decayed(term, now)

    def docs(self, now: datetime) -> float:
        return self._decayed(DOCS, now)

    def share(self, term: str, now: datetime) -> float:
        docs = self.docs(now)
        return self._decayed(term, now) / docs if docs >= 1 else 0.0

    def weight(self, term: str, now: datetime, common_share: float, min_docs: int) -> float:
        """Inverse document frequency; zero for a term that a sizeable share of the traffic uses."""
        return self.weights(now, common_share, min_docs)(term)

    def _weight(self, term: str, now: datetime, docs: float, common_share: float, min_docs: int) -> float:
        return _idf(term, self._decayed(term, now), docs, common_share, min_docs)

    def weights(self, now: datetime, common_share: float, min_docs: int) -> Callable[[str], float]:
        """``weight`` at one moment, as a plain function: the hot loops call it per word."""
        memo = self._at(now, common_share, min_docs)
        docs = memo[DOCS]

        def weight(term: str) -> float:
            found = memo.get(term)
            if found is None:
                found = memo[term] = self._weight(term, now, docs, common_share, min_docs)
            return found

        return weight

    def _at(self, now: datetime, common_share: float, min_docs: int) -> dict[str, float]:
        """The memo of weights at this moment (``weights``, ``_fill``), emptied when the moment changes."""
        moment = (now, common_share, min_docs, len(self.counts))  # terms loaded since: recompute
        if self._memo_at != moment:
            self._memo_at, self._memo, self._totals, self._factors = moment, {DOCS: self.docs(now)}, {}, {}
        return self._memo

    def _fill(self, words: frozenset[str]) -> None:
        """Weigh every word of ``words`` missing from the memo, at its moment (``_at`` first).

        A whole set at once, read afterwards with ``memo.__getitem__`` in C: through ``weights``,
        a Python call per word read.
        """
        memo, moment = self._memo, self._memo_at
        # ``difference`` with the dict itself looks each word up in it: ``words - memo.keys()`` copied
        # ``words`` and walked every key of the memo, which holds every candidate weighed at this moment
        missing = words.difference(memo)
        if not missing or moment is None:
            return
        now, common_share, min_docs, _ = moment
        counts, factors, half_life, docs = self.counts, self._factors, self.half_life.total_seconds(), memo[DOCS]
        # ``_idf`` inlined, the same arithmetic in the same order: a call per word was a fifth of this loop
        link, judged, log = math.log(docs + 2) + 1.0, docs >= min_docs, math.log
        for term in missing:  # ``_weight``, with the decay since each moment a count was last updated kept
            found = counts.get(term)
            count = 0.0
            if found is not None:
                weight, as_of = found
                factor = factors.get(as_of)
                if factor is None:  # ``_decay``, inlined as in ``add``
                    seconds = (now - as_of).total_seconds()
                    factor = factors[as_of] = 0.5 ** ((seconds if seconds > 0.0 else 0.0) / half_life)
                count = weight * factor
            if term.startswith("link:"):
                memo[term] = link
            elif judged and count > COMMON_FLOOR and count / docs > common_share:
                memo[term] = 0.0
            else:
                memo[term] = log((docs + 1.0) / (count + 1.0)) + 0.1

    def specific(
        self, words: frozenset[str], now: datetime, common_share: float, min_docs: int, limit: int
    ) -> list[str]:
        """The post's rarest terms, rarest first: what an echo would have to share."""
        self.load(words)
        weight = self._at(now, common_share, min_docs).__getitem__
        self._fill(words)
        rarest = sorted([(-weight(w), w) for w in words if not w.startswith("#")])  # heaviest first, then by word
        return [w for negated, w in rarest if negated < 0][:limit]

    def similarity(
        self, a: frozenset[str], b: frozenset[str], now: datetime, common_share: float, min_docs: int
    ) -> tuple[float, int]:
        """Weighted Dice overlap of content words (topic tags excluded), and how specific what they share is.

        Specificity counts each shared word that is not common in the brand's traffic, and counts an
        identifier or a link twice: two complaints naming the same flight and gate are one story;
        two that both say "delayed" and "gate" are two.

        Dice rather than Jaccard: a long retelling and a short one of the same event share the same
        specifics, and the long one's extra words should dilute the match less.

        Weights are summed exactly (``math.fsum``): a plain sum over a set depends on the order the
        set is walked in, which changes with Python's hash seed, and a post near the threshold
        joined a different cluster from one run to the next.
        """
        a, b = content_words(a), content_words(b)
        self.load(a)
        weight = self._at(now, common_share, min_docs).__getitem__
        if not a or not b:
            return 0.0, 0
        total = self._total(a) + self._total(b)  # weighs every word of both: a shared word's weight is known
        shared = [w for w in a & b if weight(w) > 0]
        specificity = len(shared) + sum(map(_names_one, shared))
        return (2 * math.fsum(map(weight, shared)) / total if total else 0.0), specificity

    def match(
        self, a: frozenset[str], b: frozenset[str], now: datetime, common_share: float, min_docs: int, min_shared: int
    ) -> float | None:
        """``similarity`` of two posts sharing at least ``min_shared`` specifics, else None (no match)."""
        return self.matcher(a, now, common_share, min_docs, min_shared)(b)

    def matcher(
        self, a: frozenset[str], now: datetime, common_share: float, min_docs: int, min_shared: int
    ) -> Callable[[frozenset[str]], float | None]:
        """``match`` of one post with candidate after candidate, at one moment and the counts as they are.

        What depends on the post alone (its content words, their weights and sum) is done once, and
        a candidate sharing too few specifics (most of those ranked, in some traffic) is never summed.
        ``similarity``'s arithmetic, in one closure: a call per candidate.
        """
        a = content_words(a)
        self.load(a)
        weight = self._at(now, common_share, min_docs).__getitem__
        total_a = self._total(a) if a else 0.0  # weighs every word of ``a``: a shared word's weight is known
        total, fsum, nothing = self._total, math.fsum, (0.0 if min_shared <= 0 else None)

        def match(b: frozenset[str]) -> float | None:
            b = content_words(b)
            if not a or not b:
                return nothing  # no specifics shared: ``similarity``'s (0.0, 0)
            shared = [w for w in a & b if weight(w) > 0]
            if len(shared) + sum(map(_names_one, shared)) < min_shared:
                return None
            both = total_a + total(b)
            return 2 * fsum(map(weight, shared)) / both if both else 0.0

        return match

    def _total(self, words: frozenset[str]) -> float:
        """The summed weight of a set at the memo's moment: a post is compared with up to a dozen
        candidates at one moment, and its own total was summed again for each of them."""
        found = self._totals.get(words)
        if found is None:
            self._fill(words)
            found = self._totals[words] = math.fsum(map(self._memo.__getitem__, words))
        return found

    def topic_rate(self, topic: str, now: datetime) -> float:
        """Upset posts on this topic per hour, lately (a decaying count over its mean lifetime)."""
        mean_life_hours = self.half_life.total_seconds() / 3600 / math.log(2)
        return self._decayed(TOPIC + topic, now) / mean_life_hours

    def dump(self) -> list[tuple[str, float, datetime]]:
        return [(term, *self.counts[term]) for term in sorted(self.changed)]


_names_one = methodcaller("startswith", SPECIFIC)  # an identifier or a link: shared, it counts double


def _decay(now: datetime, as_of: datetime, half_life: float) -> float:
    """What a count made at ``as_of`` is worth at ``now`` (a count is never worth more than when made)."""
    return float(0.5 ** (max((now - as_of).total_seconds(), 0.0) / half_life))


def _idf(term: str, count: float, docs: float, common_share: float, min_docs: int) -> float:
    """A term's weight from its decayed count; zero for a term a sizeable share of the traffic uses."""
    if term.startswith("link:"):
        return math.log(docs + 2) + 1.0  # a shared link is as specific as it gets, however often shared
    if docs >= min_docs and count > COMMON_FLOOR and count / docs > common_share:
        return 0.0
    return math.log((docs + 1.0) / (count + 1.0)) + 0.1


WAVE_TAG = "#wave"  # in a review's signature: it joined a wave of reviews naming one rare feature
SINCE = "#since"  # a counter's first document: how long its counts have been gathering
UNSEEN = 0.5  # documents credited to a word never seen yet: unseen is rare, not impossible


def mark_start(counts: TermCounts, now: datetime) -> None:
    """Remember when a counter began, so a young baseline's rates are not read as a year's."""
    if SINCE not in counts.counts:
        counts.counts[SINCE] = (1.0, now)
        counts.changed.add(SINCE)


def baseline_rate(counts: TermCounts, term: str, now: datetime, recent: int, unseen: float = UNSEEN) -> float:
    """Documents per hour using ``term`` before the last few hours (its ``recent`` holders set aside)."""
    return baseline_rates(counts, now)(term, recent, unseen)


def baseline_rates(counts: TermCounts, now: datetime) -> Callable[[str, float, float], float]:
    """``baseline_rate`` of word after word at one moment: the span is the same for every word, so it
    is worked out once (a story's pace asks it for each word it shares).

    A decaying count of a steady rate r, gathered for t hours with mean life m, is r·m·(1 - e^(-t/m)):
    dividing by that span reads a one-day-old baseline as one day, not as ``m``.
    """
    mean_life = counts.half_life.total_seconds() / 3600 / math.log(2)
    started = counts.counts.get(SINCE)
    gathered = (now - started[1]).total_seconds() / 3600 if started else 0.0
    span = mean_life * (1 - math.exp(-max(gathered, 1.0) / mean_life))

    def rate(term: str, recent: float, unseen: float = UNSEEN) -> float:
        return (max(counts.count(term, now) - recent, 0.0) + unseen) / span

    return rate


PACE = "#pace:"  # in the signature of a cluster's second teller: how often the story was told before, per hour


def story_pace(
    told: TermCounts, shared: Iterable[str], now: datetime, echoing: Callable[[str], int] = lambda word: 0
) -> float:
    """How often, per hour, the brand's complaints told this story before it began to echo.

    ``shared`` are the words that made two complaints one story; the story is no commoner than its
    rarest one. A story that recurs all week in the same words ("lost signal again, SOS only") has a
    pace of its own, and a handful of people telling it within hours is that pace, not an echo; a
    new story (a flight number, a link, words the complaints never used) has none: a word never
    seen counts nothing here, so a new install is not deaf to its first echoes. The story's first
    teller is already counted, and set aside, and so are the echo's own voices of the last hours
    (``echoing``: how many of them used the word): three replies retelling a complaint within the
    hour are the echo being judged, and counted as its history they made a new story read as one
    told three times before.
    """
    rate = baseline_rates(told, now)
    return min((rate(word, 1 + echoing(word), 0.0) for word in shared), default=0.0)


def pace_tag(pace: float) -> str:
    return f"{PACE}{pace:.4g}"


def tagged_pace(words: Iterable[str]) -> float | None:
    """The pace a signature records, if it is the one that opened its cluster by content."""
    for word in words:
        if word.startswith(PACE):
            return float(word.removeprefix(PACE))
    return None


LEARNING = "#learning:"  # in the signature of a cluster's second teller: until when the brand's baseline was too young
TOO = "#too"  # in a teller's signature: the writer says it happened to them too


def learning_tag(told: TermCounts, now: datetime, learning: timedelta) -> frozenset[str]:
    """Until when an echo born now has no baseline to be judged by, if the brand is that new to repmon.

    ``told`` counts every complaint of the brand since repmon first saw one (``SINCE``): for
    ``learning`` after that, a gripe customers repeat every day is not yet known as one.
    """
    started = told.counts.get(SINCE)
    until = (started[1] if started else now) + learning
    return frozenset({f"{LEARNING}{until.timestamp():.0f}"}) if now < until else frozenset()


def tagged_learning(words: Iterable[str]) -> datetime | None:
    for word in words:
        if word.startswith(LEARNING):
            return datetime.fromtimestamp(float(word.removeprefix(LEARNING)), tz=UTC)
    return None
