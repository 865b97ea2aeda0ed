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

from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import datetime

from monitor.config import DetectionConfig
from monitor.core.platforms import ReachKind, profile_for
from monitor.ingest.batch import Batch
from monitor.spread import echo
from monitor.spread.content import (
    DOCS,
    SINCE,
    TOPIC,
    WAVE_TAG,
    TermCounts,
    baseline_rate,
    conflicting,
    content_words,
    expected_chance_authors,
    identifier_terms,
    link_terms,
    mark_start,
    poisson_tail,
)
from monitor.store import echo_terms, posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostKey, PostRow

Key = PostKey
SPECIFIC_LIMIT = 12  # rarest words indexed per complaint
PER_TERM = 8  # most recent holders of one word kept as candidates: a word shared by dozens is not specific
MAX_CANDIDATES = 12
COMPLAINTS = "|complaints"  # scope suffix of an app store's complaint word counts
WAVE = "~"  # prefix of the words reviews are indexed by for waves (rare in the store's complaints)


def key_str(source: str, post_id: str) -> str:
    return f"{source}:{post_id}"


def author_of(row: PostRow) -> str:
    """Who wrote it; posts with no known author (news feeds) never count as distinct echoing voices."""
    return str(row.get("author_id") or row.get("author_handle") or "")


def can_echo(row: PostRow) -> bool:
    """Complaints from people: a news feed carrying a story word for word is syndication, not a voice."""
    return not (profile_for(row["source"]).reach is ReachKind.NONE and row.get("rating") is None)


def topic_of(row: PostRow) -> str:
    topics = [t for t in (row.get("topics") or "").split(",") if t]
    return topics[0] if topics else "other"


@dataclass
class ClusterResult:
    """What the walk learnt that detection needs at event time, without reading it back."""

    expected: dict[Key, float] = field(default_factory=dict)  # chance authors for the post's topic, at its time


class Clusterer:
    def __init__(self, config: DetectionConfig, brand_words: set[str]) -> None:
        self.config = config
        self.brand_words = brand_words
        self.brand_handles = frozenset(w.lstrip("@#") for w in brand_words)

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
        for scope, keys in by_scope.items():
            # words are common or rare per source: what every app review says is no sign of an echo there
            terms: dict[str, TermCounts] = {}
            for source in sorted({rows[k]["source"] for k in keys}):
                needed = {DOCS, *(w for k in keys if rows[k]["source"] == source for w in words_of[k])}
                terms[source] = TermCounts(cfg.echo_term_half_life)
                terms[source].counts.update(echo_terms.load_term_counts(conn, f"{scope}|{source}", needed))
                if profile_for(source).app_reviews:
                    terms[source + COMPLAINTS] = TermCounts(cfg.echo_term_half_life)
                    terms[source + COMPLAINTS].counts.update(
                        echo_terms.load_term_counts(conn, f"{scope}|{source}{COMPLAINTS}", needed | {SINCE})
                    )
            topics = TermCounts(cfg.echo_term_half_life)
            scope_complaints = [k for k in keys if k in complaint_set]
            topics.counts.update(
                echo_terms.load_term_counts(conn, scope, {TOPIC + topic_of(rows[k]) for k in scope_complaints})
            )
            candidates = self._known_candidates(conn, scope, scope_complaints, rows, words_of, terms)
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
                    self._attach(conn, key, (specific, wave), candidates, rows, (own, complained), dirty)
                    for term in [*specific, *(WAVE + w for w in wave)]:  # a wave's own index: echoes are unchanged
                        candidates[term].append((key, at))
                        index_rows.append((echo_terms.index_key(scope, term), key, at))
                    result.expected[key] = expected_chance_authors(
                        topics.topic_rate(topic_of(row), at), cfg.echo_rate_window, cfg.echo_chance
                    )
                    topics.add([TOPIC + topic_of(row)], at)
                # an echo is the same story again: documents count stories (a review in a wave still counts
                # in the store's traffic, which echoes of every other kind are weighed by)
                if row.get("cluster") is None or WAVE_TAG in echo.decode_signature(row.get("signature")):
                    own.add_document(words_of[key], at)
                if complained is not None and key in complaint_set:
                    mark_start(complained, at)
                    # every complaint, echo or not: the store's baseline of what its complaints talk about
                    # (counting only stories, a store whose gripes all cluster would never learn one word)
                    complained.add_document(words_of[key], at)
            for source, counts in terms.items():
                echo_terms.save_term_counts(conn, f"{scope}|{source}", counts.dump())
            echo_terms.save_term_counts(conn, scope, topics.dump())
            echo_terms.index_complaints(conn, index_rows)
        return result

    def _words(self, row: PostRow) -> frozenset[str]:
        text = row["text"]
        return echo.signature(text, self.brand_words) | link_terms(text) | identifier_terms(text, self.brand_handles)

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
        earliest = min(rows[k]["first_seen_at"] for k in complaints) - self.config.echo_window
        found = echo_terms.complaints_using(conn, by_index, earliest)
        for band, key, at in found:
            candidates[by_index[band]].append((key, at))
        unknown = {key for _, key, _ in found if key not in rows}
        rows.update(posts.load_posts(conn, unknown))
        words = {w for _, key, _ in found if key in rows for w in echo.decode_signature(rows[key].get("signature"))}
        for source, counts in terms.items():
            missing = {w for w in words if w not in counts.counts}
            counts.counts.update(echo_terms.load_term_counts(conn, f"{scope}|{source}", missing))
        return candidates

    def _attach(
        self,
        conn: UnitOfWork,
        key: Key,
        specific: tuple[list[str], list[str]],
        candidates: dict[str, deque[tuple[Key, datetime]]],
        rows: dict[Key, PostRow],
        terms: tuple[TermCounts, TermCounts | None],
        dirty: dict[Key, PostRow],
    ) -> None:
        """Join the thread's, the echoed complaint's or the review wave's cluster (``specific``, ``terms``:
        the post's rarest words and the counts they were judged by, in the traffic and in the store's complaints).
        """
        row = rows[key]
        own, complained = terms
        root = self._reply_root(conn, row, rows) or self._similar_root(key, specific[0], candidates, rows, own)
        if root is None and complained is not None:
            root = self._wave_root(key, specific[1], candidates, rows, complained)
            if root is not None:  # tagged: detection counts a wave's reviewers as anchored by the feature
                row["signature"] = echo.encode_signature(echo.decode_signature(row["signature"]) | {WAVE_TAG})
        if root is None:
            return
        root_row = rows[root]
        cluster = root_row.get("cluster") or key_str(*root)
        if root_row.get("cluster") is None:
            root_row["cluster"] = cluster
            dirty[root] = root_row
        row["cluster"] = cluster

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

    def _similar_root(
        self,
        key: Key,
        specific: list[str],
        candidates: dict[str, deque[tuple[Key, datetime]]],
        rows: dict[Key, PostRow],
        terms: TermCounts,
    ) -> Key | None:
        cfg = self.config
        row = rows[key]
        at = row["first_seen_at"]
        words = echo.decode_signature(row["signature"])
        author = author_of(row)
        shared: Counter[Key] = Counter()
        for term in specific:
            shared.update(k for k, seen in candidates.get(term, ()) if at - seen <= cfg.echo_window)
        shared.pop(key, None)
        best: tuple[float, Key] | None = None
        for other, _ in shared.most_common(MAX_CANDIDATES):
            other_row = rows.get(other)
            if other_row is None or author_of(other_row) == author or other_row.get("brand") != row.get("brand"):
                continue
            other_words = echo.decode_signature(other_row.get("signature"))
            if conflicting(words, other_words):
                continue
            similarity, common = terms.similarity(words, other_words, at, cfg.echo_common_share, cfg.echo_min_docs)
            matches = similarity >= cfg.echo_similarity and common >= cfg.echo_min_shared
            if matches and (best is None or similarity > best[0]):
                best = (similarity, other)
        return best[1] if best else None

    def _wave_root(
        self,
        key: Key,
        specific: list[str],
        candidates: dict[str, deque[tuple[Key, datetime]]],
        rows: dict[Key, PostRow],
        complained: TermCounts,
    ) -> Key | None:
        """An earlier review of the same app, by someone else, within hours, naming the same rare feature.

        Reviews are short and told in people's own words ("boarding pass vanished", "update deleted my
        pass"): what they share is the broken feature, and on a store where complaints are all about
        logins, a feature their complaints rarely name is the wave. It joins only while the wave is
        outrunning the pace at which the store's complaints named that feature before (a recurring
        gripe arriving three times in an afternoon is not a wave); whether the wave then alerts is
        the echo rules' business, with the rest of the cluster.
        """
        cfg = self.config
        row = rows[key]
        at = row["first_seen_at"]
        words = content_words(echo.decode_signature(row["signature"]))
        weight = complained.weights(at, cfg.echo_common_share, cfg.echo_min_docs)
        author = author_of(row)
        shared: Counter[Key] = Counter()
        holders: dict[str, set[Key]] = {}
        first_seen: dict[Key, datetime] = {}
        for term in specific:
            held = [(k, seen) for k, seen in candidates.get(WAVE + term, ()) if at - seen <= cfg.echo_rate_window]
            holders[term] = {k for k, _ in held if k != key}
            first_seen.update(held)
            shared.update(holders[term])
        best: tuple[float, Key] | None = None
        for other, count in shared.most_common(MAX_CANDIDATES):
            other_row = rows.get(other)
            if count < cfg.echo_review_min_shared or other_row is None or other_row["source"] != row["source"]:
                continue
            if author_of(other_row) == author or other_row.get("brand") != row.get("brand"):
                continue
            other_words = echo.decode_signature(other_row.get("signature"))
            if conflicting(words, other_words) or not (other_row.get("cluster") is None or WAVE_TAG in other_words):
                continue  # two events, or an echo of another kind: a wave does not take it over
            common = [w for w in words & other_words if weight(w) > 0]
            if len(common) < cfg.echo_review_min_shared:
                continue
            # the feature's usual pace, the wave it would join set aside: no rarer than its rarest word
            joined = other_row.get("cluster")
            wave = {other, *(k for k in shared if joined and rows.get(k, {}).get("cluster") == joined)}
            # ...over the time the wave has taken so far (a store pages its reviews hourly: never less than an hour)
            hours = max((at - min(first_seen[k] for k in wave)).total_seconds() / 3600, 1.0)
            usual = min(baseline_rate(complained, w, at, len(holders.get(w, set()) & wave)) for w in common) * hours
            if poisson_tail(cfg.echo_min_authors, usual) > cfg.echo_review_chance:
                continue  # a recurring gripe: this many reviewers in these hours is nothing unusual
            strength = sum(map(weight, common))
            if best is None or strength > best[0]:
                best = (strength, other)
        return best[1] if best else None


def cluster_echoes(uow: UnitOfWork, batch: Batch, clusterer: Clusterer) -> ClusterResult:
    """Cluster this page's new posts in the order they were first seen (only complaints join clusters)."""
    if not batch.new_keys:
        return ClusterResult()
    return clusterer.run(uow, list(batch.new_keys), batch.rows, batch.dirty)
