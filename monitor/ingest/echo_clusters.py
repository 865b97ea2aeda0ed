"""An echo cluster as detection sees it at one moment: its voices, what they name, its own history.

Split out of the assessment stage (``assessing``), which walks sightings in event time and asks a
cluster, as of each sighting, how many voices it has, whether they name one instance, how fast
the story gathered voices before the current window, and whether it was born while repmon was
still learning the brand.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cached_property
from operator import itemgetter

from monitor.core.platforms import profile_for
from monitor.spread import echo
from monitor.spread.content import TOO, WAVE_TAG, tagged_learning, tagged_pace
from monitor.spread.identifiers import instance_terms, is_code
from monitor.store.posts import PostKey

Member = tuple[PostKey, str, datetime, bool, str, str | None]  # key, author, joined, upset, signature, parent


def _named(key: PostKey, words: frozenset[str]) -> frozenset[str]:
    """The instances a voice names; an app version counts only in the store's reviews of the app."""
    return instance_terms(words, releases=profile_for(key[0]).app_reviews)


@dataclass
class EchoCluster:
    """An echo cluster's members as detection reads them: who joined when, and what they named."""

    members: list[Member]
    expected: float | None = None

    # A cluster is loaded once per page and asked about at every sighting of its members: each
    # member's signature is read once, not once per question per sighting.
    @cached_property
    def _words(self) -> list[frozenset[str]]:
        return [echo.decode_signature(signature) for *_, signature, _ in self.members]

    @cached_property
    def _names(self) -> list[frozenset[str]]:
        return [_named(member[0], words) for member, words in zip(self.members, self._words, strict=True)]

    @cached_property
    def _names_but_codes(self) -> list[frozenset[str]]:
        return [frozenset(t for t in named if not is_code(t)) for named in self._names]

    def _instances(self, codes: bool) -> list[frozenset[str]]:
        """What each voice names; without error codes while the brand is still being learnt: a code
        its players quote every day looks, on the first morning, like one failure named by strangers."""
        return self._names if codes else self._names_but_codes

    @cached_property
    def _joins(self) -> list[tuple[datetime, str]]:
        """Who joined when, in order."""
        return sorted((seen, author) for _, author, seen, *_ in self.members)

    @cached_property
    def _paces(self) -> list[tuple[datetime, float]]:
        """The paces its tellers recorded, with when each joined."""
        found = ((member[2], tagged_pace(words)) for member, words in zip(self.members, self._words, strict=True))
        return [(seen, pace) for seen, pace in found if pace is not None]

    def anchored(self, codes: bool = True) -> bool:
        """Replies in one thread, posts sharing an identifier or link, or a review wave: one named thing.

        Reviews of one app that joined as a wave (``clustering``: a feature the store's complaints
        rarely name) are anchored by that feature as a flight number anchors social posts.
        ``codes``: whether a shared error code counts (not while the brand is being learnt).
        """
        ids = {key[1] for key, *_ in self.members}
        if any(parent in ids for *_, parent in self.members):
            return True
        if any(WAVE_TAG in words for words in self._words):
            return True
        seen: set[str] = set()
        for terms in self._instances(codes):  # an airport, or a release on social sites, is no one thing
            if terms & seen:
                return True
            seen |= terms
        return False

    def names_one_instance(self, moment: datetime, codes: bool = True) -> bool:
        """Whether by then most of its voices (two at least) name the same instance: a link, a flight,
        an amount, an @handle.

        Coincidence explains a share of a topic's complaints matching any story by their words; it
        does not make strangers name the same link or the same amount. A place or a gate is only
        where. Most, not any two: on patch day a game's players quote the same few error codes in
        every kind of gripe, and two of ten voices sharing "0x7A-MEM" is that, not one story.
        """
        voices: set[str] = set()
        naming: dict[str, set[str]] = defaultdict(set)
        for (_, author, joined, *_), named in zip(self.members, self._instances(codes), strict=True):
            if joined <= moment:
                voices.add(author)
                for term in named:
                    naming[term].add(author)
        most = max(map(len, naming.values()), default=0)
        return most >= 2 and 2 * most >= len(voices)

    def as_of(self, moment: datetime, window: timedelta) -> tuple[int, int, int, tuple[PostKey, ...]]:
        present = [(key, author, seen) for key, author, seen, *_ in self.members if seen <= moment]
        authors = {author for _, author, _ in present}
        recent = {author for _, author, seen in present if seen > moment - window}
        sources = {key[0] for key, _, _ in present}
        return len(authors), len(recent), max(len(sources), 1), tuple(sorted(key for key, _, _ in present))

    def gathering_since(self, moment: datetime, window: timedelta) -> datetime:
        """When the first of its voices within the window joined: how long this echo took to gather."""
        return min((seen for _, _, seen, *_ in self.members if moment - window < seen <= moment), default=moment)

    def usual_joins(self, moment: datetime, window: timedelta) -> tuple[float, int]:
        """Authors this complaint gathered per window before the current one (a steady trickle is its
        normal), and how many voices that trickle rests on."""
        start = moment - window
        before = [(author, seen) for _, author, seen, *_ in self.members if seen <= start]
        if not before:
            return 0.0, 0
        authors = {author for author, _ in before}
        age = max(start - min(seen for _, seen in before), window)
        return len(authors) * (window / age), len(authors)

    def peak_before(self, moment: datetime, window: timedelta) -> int:
        """The most distinct authors it gathered in any one window that ended before the current one began.

        A gripe told all week has had busy windows before; a story that is spreading now has not.
        """
        joins = self._joins[: bisect_right(self._joins, moment - window, key=itemgetter(0))]
        inside: dict[str, int] = {}
        peak = tail = 0
        for seen, author in joins:
            inside[author] = inside.get(author, 0) + 1
            while joins[tail][0] <= seen - window:
                gone = joins[tail][1]
                inside[gone] -= 1
                if not inside[gone]:
                    del inside[gone]
                tail += 1
            peak = max(peak, len(inside))
        return peak

    def recurring(self, moment: datetime, window: timedelta) -> tuple[float, datetime | None]:
        """Authors the story's own pace would bring in a window: how often it was told before it echoed,
        as the latest teller before the window measured it (else the one that opened the cluster);
        and when that teller joined (None: no pace recorded), which says how many tellings the pace
        rests on.

        A cluster takes in more of a story's tellings as it grows, so a gripe told all week gathers
        voices faster on Saturday than on Monday; the brand's complaints as a whole still say how
        often it is told. Tellers within the window are the echo being judged, not its history.
        """
        paces = [(seen, pace) for seen, pace in self._paces if seen <= moment]
        if not paces:
            return 0.0, None
        before = [found for found in paces if found[0] <= moment - window]
        seen, pace = max(before) if before else min(paces)
        return pace * window.total_seconds() / 3600, seen

    def learning(self, moment: datetime, window: timedelta) -> bool:
        """Whether the voices the echo counts now began gathering before the brand had a baseline.

        A gripe first told on the morning repmon started is still new to it that evening: the voices
        of the window that began in the learning time cannot be measured against anything, and once
        they have left the window the echo's own trickle (``usual_joins``) has its baseline.
        """
        for (*_, seen, _, _, _), words in zip(self.members, self._words, strict=True):
            until = tagged_learning(words) if seen <= moment else None
            if until is not None:
                return self.gathering_since(moment, window) < until
        return False

    def said_too(self, moment: datetime) -> bool:
        """Whether a teller by then said it happened to them too: a story passed on, not told alone."""
        members = zip(self.members, self._words, strict=True)
        return any(member[2] <= moment and TOO in words for member, words in members)

    def upset_by(self, moment: datetime) -> bool:
        """Whether anyone in the cluster said it in upset words by then (then sentiment is not in doubt)."""
        return any(upset and seen <= moment for _, _, seen, upset, *_ in self.members)
