"""Stage 4: group complaints into echo clusters: the same complaint, told by different people.

A post joins a cluster when it replies to an upset post by someone else, or when it shares the
specifics of an earlier complaint (``content``: rare words, weighted by the brand's own traffic,
and links). New posts are walked in the order they were first seen, and every post, upset or not,
updates the brand's word frequencies as it goes, so a day arriving in one batch clusters exactly
as it would have arriving poll by poll.

Reviews of the brand's own app (a profile's ``app_reviews``) are judged differently: every review
there names the app's features, praise as often as complaints, so what a review shares with
another is weighed against the store's own complaints (their word counts are kept apart), and two
reviews from different people naming the same rare feature within ``echo_rate_window`` are one
wave (``echo_review_min_shared`` such words), however differently they tell it.

Complaints are indexed by their rarest words (``echo_bands`` rows keyed by word), so finding
candidates is an indexed lookup whose cost depends on how many complaints share a rare word, not
on how many posts are stored.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from monitor.config import DetectionConfig
from monitor.core.platforms import profile_for
from monitor.ingest.batch import Batch
from monitor.ingest.echo_posts import WAVE, Key, author_of, can_echo, join_cluster, topic_of
from monitor.ingest.echo_roots import echo_voices, similar_root
from monitor.ingest.review_waves import wave_root
from monitor.spread import echo
from monitor.spread.chance import expected_chance_authors
from monitor.spread.content import (
    DOCS,
    SINCE,
    TOPIC,
    WAVE_TAG,
    TermCounts,
    content_words,
    learning_tag,
    mark_start,
    pace_tag,
    story_pace,
)
from monitor.spread.identifiers import conflicting, instance_terms
from monitor.spread.post_words import PostWords
from monitor.store import echo_terms, posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostRow

Rows = dict[Key, PostRow]
SPECIFIC_LIMIT = 12  # rarest words indexed per complaint
TOLD = "="  # prefix of the instance terms a retelling waits under for a complaint that names the same thing
PER_TERM = 8  # most recent holders of one word kept as candidates: a word shared by dozens is not specific
COMPLAINTS = "|complaints"  # scope suffix of an app store's complaint word counts


@dataclass
class ClusterResult:
    """What the walk learnt that detection needs at event time, without reading it back."""

    expected: dict[Key, float] = field(default_factory=dict)  # chance authors for the post's topic, at its time
    retold: list[Key] = field(default_factory=list)  # posts not read as upset that joined a complaint's cluster
    adopted: dict[Key, datetime] = field(default_factory=dict)  # earlier retellings a complaint took in, and when


KnownWords = Callable[[str, str | None], frozenset[str] | None]
"""A post's echo terms by (text, language) if read already (an import's scoring worker reads them)."""


def _none_known(text: str, lang: str | None) -> frozenset[str] | None:
    return None


class Clusterer:
    def __init__(
        self,
        config: DetectionConfig,
        brand_words: set[str],
        own: frozenset[str] = frozenset(),
        known: KnownWords | None = None,
    ) -> None:
        self.config = config
        self.read = PostWords(brand_words)
        self.known = known or _none_known
        self.own = own

    def run(
        self,
        conn: UnitOfWork,
        new_keys: list[Key],
        rows: dict[Key, PostRow],
        dirty: dict[Key, PostRow],
    ) -> ClusterResult:
        cfg = self.config
        result = ClusterResult()
        order = sorted(new_keys, key=lambda k: rows[k]["first_seen_at"])
        words_of = {k: self._words(rows[k]) for k in order}
        complaints = [k for k in order if (rows[k]["upset"] or rows[k].get("failure")) and can_echo(rows[k])]
        by_scope: dict[str, list[Key]] = defaultdict(list)
        for key in order:
            by_scope[rows[key].get("brand") or ""].append(key)

        complaint_set = set(complaints)
        # a post not read as upset is a candidate retelling only if it names one instance (a flight, a link)
        voices = [k for k in order if k not in complaint_set and can_echo(rows[k], self.own)]
        named = {k: instance_terms(words_of[k]) for k in voices}
        retellings = {k: ids for k, ids in named.items() if ids}
        for scope, keys in by_scope.items():
            # words are common or rare per source: what every app review says is no sign of an echo there
            terms: dict[str, TermCounts] = {}
            by_source: dict[str, list[Key]] = defaultdict(list)
            for key in keys:
                by_source[rows[key]["source"]].append(key)
            scope_complaints = [k for k in keys if k in complaint_set]
            scope_retellings = [k for k in keys if k in retellings]
            # a candidate from another source in this batch is weighed by this source's counts, as it
            # would be had it arrived in an earlier batch (``_known_candidates``): its words are read too
            told_words = {w for k in scope_complaints for w in words_of[k]}
            candidate_words = {DOCS, *told_words}.union(*(words_of[k] for k in scope_retellings))
            for source in sorted(by_source):
                needed = candidate_words.union(*(words_of[k] for k in by_source[source]))
                terms[source] = self._counts(conn, f"{scope}|{source}", needed)
                if profile_for(source).app_reviews:
                    terms[source + COMPLAINTS] = self._counts(conn, f"{scope}|{source}{COMPLAINTS}", needed | {SINCE})
            # every complaint of the brand: how often each story is told (and how many, ``DOCS``, which a
            # batch that did not read it restarted from one)
            told = self._counts(conn, scope + COMPLAINTS, {SINCE, DOCS, *told_words})
            topics = self._counts(conn, scope, {TOPIC + topic_of(rows[k]) for k in scope_complaints})
            lookup = {**words_of, **retellings}  # a retelling finds its complaint by the thing they both name
            candidates = self._known_candidates(conn, scope, scope_complaints + scope_retellings, rows, lookup, terms)
            index_rows: list[tuple[str, Key, datetime]] = []
            for key in keys:
                row, at = rows[key], rows[key]["first_seen_at"]
                own = terms[row["source"]]
                complained = terms.get(row["source"] + COMPLAINTS)
                if key in complaint_set:
                    row["signature"] = echo.encode_signature(words_of[key])
                    specific = own.specific(words_of[key], at, cfg.echo_common_share, cfg.echo_min_docs, SPECIFIC_LIMIT)
                    wave = (
                        complained.specific(words_of[key], at, cfg.echo_common_share, cfg.echo_min_docs, SPECIFIC_LIMIT)
                        if complained is not None
                        else []
                    )
                    echoed, opened = self._attach(
                        conn, key, (specific, wave), candidates, rows, (own, complained), dirty
                    )
                    if echoed is not None:  # the story echoes again: how often was it told before now?
                        weight = own.weights(at, cfg.echo_common_share, cfg.echo_min_docs)
                        root_words = echo.decode_signature(rows[echoed].get("signature"))
                        shared = [w for w in content_words(words_of[key] & root_words) if weight(w) > 0]
                        echoing = echo_voices((key, echoed), candidates, rows, (at, cfg.echo_rate_window))
                        pace = story_pace(told, shared, at, echoing)
                        tagged = echo.decode_signature(row["signature"]) | {pace_tag(pace)}
                        if opened:
                            tagged |= learning_tag(told, at, cfg.echo_learning)
                        row["signature"] = echo.encode_signature(tagged)
                    mark_start(told, at)
                    told.add_document(words_of[key], at)
                    self._adopt(key, candidates, (rows, words_of), own, (dirty, result))
                    for term in [*specific, *(WAVE + w for w in wave)]:  # a wave's own index: echoes are unchanged
                        candidates[term].append((key, at))
                        index_rows.append((echo_terms.index_key(scope, term), key, at))
                    result.expected[key] = expected_chance_authors(
                        topics.topic_rate(topic_of(row), at), cfg.echo_rate_window, cfg.echo_chance
                    )
                    topics.add([TOPIC + topic_of(row)], at)
                elif key in retellings and self._retold(conn, key, words_of[key], candidates, own, (rows, dirty)):
                    result.retold.append(key)
                elif key in retellings:  # told before any complaint: it waits, by what it names, for one
                    for term in retellings[key]:
                        candidates[TOLD + term].append((key, at))
                        index_rows.append((echo_terms.index_key(scope, TOLD + term), key, at))
                # an echo is the same story again: documents count stories (a review in a wave still counts
                # in the store's traffic, which echoes of every other kind are weighed by; so does a retelling,
                # which the traffic counted before it could join: its joining changes no word's weight)
                if (
                    key in retellings
                    or row.get("cluster") is None
                    or WAVE_TAG in echo.decode_signature(row.get("signature"))
                ):
                    own.add_document(words_of[key], at)
                if complained is not None and key in complaint_set:
                    mark_start(complained, at)
                    # every complaint, echo or not: the store's baseline of what its complaints talk about
                    # (counting only stories, a store whose gripes all cluster would never learn one word)
                    complained.add_document(words_of[key], at)
            for source, counts in terms.items():
                echo_terms.save_term_counts(conn, f"{scope}|{source}", counts.dump())
            echo_terms.save_term_counts(conn, scope, topics.dump())
            echo_terms.save_term_counts(conn, scope + COMPLAINTS, told.dump())
            echo_terms.index_complaints(conn, index_rows)
        return result

    def _retold(
        self,
        conn: UnitOfWork,
        key: Key,
        words: frozenset[str],
        candidates: dict[str, deque[tuple[Key, datetime]]],
        own: TermCounts,
        batch: tuple[Rows, Rows],
    ) -> bool:
        """Join the complaint this post retells, though its own words do not read upset.

        People retell one event in their own words, and the scorer reads some tellings as neutral
        or even positive ("Same here: they took the upgrade fee twice for NW 608 and closed the
        support case"): left out, an echo gathers its voices only from the tellings that happen to
        score upset, and alerts late. Without sentiment to go on, a retelling must name the same
        instance as the complaint (a flight, an amount, an app version, a link; an airport or a
        gate is only where), as well as share its specifics as any echo does. It is never a root:
        only complaints gather echoes.
        """
        cfg = self.config
        rows, dirty = batch
        row = rows[key]
        row["signature"] = echo.encode_signature(words)
        named = instance_terms(words)  # by what it names, however common its other words are
        specific = own.specific(named, row["first_seen_at"], cfg.echo_common_share, cfg.echo_min_docs, len(named))
        root = similar_root(self.config, (conn, key), specific, candidates, rows, own, True)
        if root is None:
            row["signature"] = None  # stored only for posts that cluster: most posts are not complaints
            return False
        join_cluster(row, root, rows, dirty)
        return True

    def _adopt(
        self,
        key: Key,
        candidates: dict[str, deque[tuple[Key, datetime]]],
        batch: tuple[Rows, dict[Key, frozenset[str]]],
        own: TermCounts,
        out: tuple[Rows, ClusterResult],
    ) -> None:
        """Take in the retellings of this complaint told before it, by people who did not sound upset.

        The first people to tell a story do not always sound upset ("booked assistance on NW1558,
        nobody turned up") and a retelling never starts a cluster; when a complaint then names the
        same instance, those earlier tellings are voices of its echo, judged exactly as a retelling
        that came after it would be. They count from the complaint's arrival, not their own.
        """
        cfg = self.config
        rows, words_of = batch
        dirty, result = out
        row = rows[key]
        at = row["first_seen_at"]
        words = echo.decode_signature(row["signature"])
        named = instance_terms(words)
        specific = own.specific(named, at, cfg.echo_common_share, cfg.echo_min_docs, len(named))
        waiting = {
            other
            for term in specific
            for other, told in candidates.get(TOLD + term, ())
            if at - told <= cfg.echo_window
        } - {key}
        if not waiting:  # most complaints: no retelling waits for what they name, and nothing is weighed
            return
        match = own.matcher(
            words, at, cfg.echo_common_share, cfg.echo_min_docs, cfg.echo_min_shared
        )  # Dice is symmetric
        for other in sorted(waiting, key=lambda k: rows[k]["first_seen_at"] if k in rows else at):
            other_row = rows.get(other)
            if other_row is None or other_row.get("cluster") is not None or other_row["first_seen_at"] > at:
                continue
            if author_of(other_row) == author_of(row) or other_row.get("brand") != row.get("brand"):
                continue
            told = words_of[other] if other in words_of else self._words(other_row)
            if conflicting(words, told):
                continue
            similarity = match(told)
            if similarity is None or similarity < cfg.echo_similarity:
                continue
            other_row["signature"] = echo.encode_signature(told)
            join_cluster(other_row, key, rows, dirty)
            dirty[other] = other_row
            result.adopted[other] = at

    def _words(self, row: PostRow) -> frozenset[str]:
        text, lang = row["text"], row.get("lang")
        known = self.known(text, lang)
        return known if known is not None else self.read(text, lang)

    def _known_candidates(
        self,
        conn: UnitOfWork,
        scope: str,
        complaints: list[Key],
        rows: dict[Key, PostRow],
        words_of: dict[Key, frozenset[str]],
        terms: dict[str, TermCounts],
    ) -> dict[str, deque[tuple[Key, datetime]]]:
        """Stored complaints that share a word with this batch's complaints, by word, oldest first."""
        candidates: dict[str, deque[tuple[Key, datetime]]] = defaultdict(lambda: deque(maxlen=PER_TERM))
        if not complaints:
            return candidates
        by_index = {echo_terms.index_key(scope, w): w for k in complaints for w in words_of[k]}
        for k in complaints:
            if profile_for(rows[k]["source"]).app_reviews:
                by_index.update((echo_terms.index_key(scope, WAVE + w), WAVE + w) for w in words_of[k])
            if rows[k]["upset"] or rows[k].get("failure"):  # and the retellings told before it
                by_index.update((echo_terms.index_key(scope, TOLD + w), TOLD + w) for w in instance_terms(words_of[k]))
        earliest = min(rows[k]["first_seen_at"] for k in complaints) - self.config.echo_window
        found = echo_terms.complaints_using(conn, by_index, earliest)
        for band, key, at in found:
            candidates[by_index[band]].append((key, at))
        unknown = {key for _, key, _ in found if key not in rows}
        rows.update(posts.load_posts(conn, unknown))
        holders = {key for _, key, _ in found if key in rows}  # a complaint holds several of the words
        words = set().union(*(echo.decode_signature(rows[key].get("signature")) for key in holders))
        for counts in terms.values():
            counts.load(words)
        return candidates

    def _counts(self, conn: UnitOfWork, scope: str, needed: set[str]) -> TermCounts:
        """A counter of ``scope`` with ``needed`` read now, and any other word read when first weighed."""
        counts = TermCounts(self.config.echo_term_half_life, loader=partial(echo_terms.load_term_counts, conn, scope))
        counts.load(needed)
        return counts

    def _attach(
        self,
        conn: UnitOfWork,
        key: Key,
        specific: tuple[list[str], list[str]],
        candidates: dict[str, deque[tuple[Key, datetime]]],
        rows: dict[Key, PostRow],
        terms: tuple[TermCounts, TermCounts | None],
        dirty: dict[Key, PostRow],
    ) -> tuple[Key | None, bool]:
        """Join the thread's, the echoed complaint's or the review wave's cluster (``specific``, ``terms``:
        the post's rarest words and the counts they were judged by, in the traffic and in the store's complaints).

        Returns the post it echoed by what they say (not a reply thread, not a review wave), and
        whether that opened the cluster: the moment a story begins to echo.
        """
        row = rows[key]
        own, complained = terms
        root = self._reply_root(conn, row, rows)
        by_content = root is None
        root = root or similar_root(self.config, (conn, key), specific[0], candidates, rows, own)
        if root is None and complained is not None:
            by_content = False
            root = wave_root(self.config, key, specific[1], candidates, rows, complained)
            if root is not None:  # tagged: detection counts a wave's reviewers as anchored by the feature
                row["signature"] = echo.encode_signature(echo.decode_signature(row["signature"]) | {WAVE_TAG})
        if root is None:
            return None, False
        opened = rows[root].get("cluster") is None
        join_cluster(row, root, rows, dirty)
        return (root, opened) if by_content else (None, False)

    def _reply_root(
        self,
        conn: UnitOfWork,
        row: PostRow,
        rows: dict[Key, PostRow],
    ) -> Key | None:
        parent_id = row.get("in_reply_to")
        if not parent_id:
            return None
        parent = (row["source"], parent_id)
        if parent not in rows:
            rows.update(posts.load_posts(conn, {parent}))
        parent_row = rows.get(parent)
        if parent_row is None or not (parent_row["upset"] or parent_row.get("failure")) or not can_echo(parent_row):
            return None
        if author_of(parent_row) == author_of(row) or not row["upset"]:
            return None  # a reply that does not itself complain is conversation, not an echo
        return parent


def cluster_echoes(uow: UnitOfWork, batch: Batch, clusterer: Clusterer) -> ClusterResult:
    """Cluster this page's new posts in the order they were first seen (complaints, and their retellings).

    A retelling that joined a complaint's cluster is assessed with it from its first sighting: its
    arrival is a new voice in the echo, whatever its own sentiment.
    """
    if not batch.new_keys:
        return ClusterResult()
    result = clusterer.run(uow, list(batch.new_keys), batch.rows, batch.dirty)
    for key in result.retold:
        batch.touched_upset[key] = batch.last_seen[key]
    for key in result.adopted:
        if key in batch.new_keys:
            batch.touched_upset[key] = batch.last_seen[key]
        else:  # stored by an earlier page without a signature: written whole again
            batch.rewritten.add(key)
    return result
