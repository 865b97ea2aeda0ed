"""The clustering walk's shortcuts in the word counts give what the plain arithmetic gives.

The walk (``monitor.ingest.clustering``) weighs a complaint against candidate after candidate at
one moment, so ``TermCounts`` keeps memos and reads the store only for words it has not read: these
tests hold the shortcuts to the answers computed afresh, which no stored result may tell apart. The
last holds the one pattern that finds a post's "me too" to the answer of a test per cue.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from datetime import UTC, datetime, timedelta

from monitor.spread.content import TermCounts, _decay
from monitor.spread.failure import _for_language, _padded, _retold_cues, says_too
from monitor.spread.identifiers import conflicting, may_conflict

NOW = datetime(2027, 1, 4, 12, tzinfo=UTC)
CUTOFF, MIN_DOCS = 0.2, 5


def traffic() -> TermCounts:
    counts = TermCounts(timedelta(hours=6))
    for n in range(60):
        words = {"delay", "gate", f"city{n % 7}", f"rare{n}", "link:example.com/a"}
        counts.add_document(words, NOW - timedelta(minutes=n))
    return counts


def test_a_term_is_read_from_the_store_once_and_never_over_a_count_made_since() -> None:
    asked: list[set[str]] = []

    def loader(terms: AbstractSet[str]) -> dict[str, tuple[float, datetime]]:
        wanted = set(terms)
        asked.append(wanted)
        return {t: (3.0, NOW) for t in wanted if t.startswith("stored")}

    counts = TermCounts(timedelta(hours=6), loader=loader)
    counts.add(["counted"], NOW)
    counts.load(frozenset({"counted", "stored1", "unknown"}))
    counts.load(["stored1", "stored2", "unknown", "counted"])  # any iterable; read again: only what is new
    counts.load({"stored2"})
    assert asked == [{"stored1", "unknown"}, {"stored2"}]
    assert counts.counts["counted"] == (1.0, NOW) and counts.counts["stored2"] == (3.0, NOW)


def test_weights_read_through_the_memo_are_those_weighed_afresh() -> None:
    counts, fresh = traffic(), traffic()
    later = NOW + timedelta(minutes=30)
    weight = counts.weights(later, CUTOFF, MIN_DOCS)
    words = [f"rare{n}" for n in range(60)] + ["delay", "gate", "city3", "link:example.com/a", "never"]
    for n in range(0, len(words), 5):  # the memo grows candidate by candidate, as in a walk
        counts._fill(frozenset(words[n : n + 5]))
    for word in words:
        assert weight(word) == fresh.weight(word, later, CUTOFF, MIN_DOCS)
    assert weight("delay") == 0.0 and weight("rare59") > weight("city3") > 0.0


def test_a_count_adds_up_as_the_decay_of_each_use_says_to_the_last_bit() -> None:
    counts = TermCounts(timedelta(hours=6))
    moments = [NOW - timedelta(minutes=m) for m in (300, 200, 250, 30, 0)]  # one use arrives late
    for moment in moments:
        counts.add(["refund", "refund-" + str(moment.minute)], moment)
    half_life, (weight, as_of) = 6 * 3600.0, (1.0, moments[0])
    for moment in moments[1:]:
        if moment < as_of:
            weight += _decay(as_of, moment, half_life)
        else:
            weight, as_of = weight * _decay(moment, as_of, half_life) + 1.0, moment
    assert counts.counts["refund"] == (weight, as_of)


def test_a_matcher_gives_the_similarity_of_each_candidate_sharing_enough_specifics() -> None:
    counts = traffic()
    post = frozenset({"rare1", "rare2", "id:nw418", "gate", "#topic:delay", "city1"})
    others = [
        frozenset({"rare1", "rare2", "id:nw418", "hotel"}),
        frozenset({"rare1", "gate", "delay"}),
        frozenset({"gate", "delay"}),
        frozenset({"#topic:delay"}),
        frozenset(),
        post,
    ]
    for min_shared in (0, 1, 3):
        match = counts.matcher(post, NOW, CUTOFF, MIN_DOCS, min_shared)
        for other in others:
            similarity, specificity = traffic().similarity(post, other, NOW, CUTOFF, MIN_DOCS)
            assert match(other) == (similarity if specificity >= min_shared else None)


def test_a_post_naming_no_flight_gate_version_or_code_conflicts_with_none() -> None:
    for words in (frozenset({"delayed", "id:yyc", "link:example.com/a"}), frozenset({"id:@sam", "id:$40"})):
        assert not may_conflict(words)
        assert not conflicting(words, frozenset({"id:nw512", "id:d37", "id:2.14.2", "id:hc-409"}))
    assert may_conflict(frozenset({"id:nw418", "delayed"}))
    assert conflicting(frozenset({"id:nw418"}), frozenset({"id:nw512"}))


def test_a_me_too_cue_is_found_by_the_one_pattern_exactly_when_a_test_per_cue_finds_it() -> None:
    cues = _retold_cues()
    texts = ["Same here, they charged me twice", "no soy el único", "MOI AUSSI!!", "moi-aussi", "ik  ook", "", "ook"]
    texts += [f"Northwind {cue.strip()} lost it" for per_language in cues.values() for cue in per_language]
    texts += [f"x{cue.strip()}" for per_language in cues.values() for cue in per_language]  # inside a word
    for lang in (None, "en", "fr-CA", "es", "nl", "xx"):
        for text in texts:
            padded = _padded(text)
            per_cue = any(cue in padded for per_language in _for_language(cues, lang) for cue in per_language)
            assert says_too(text, lang) == per_cue, (text, lang)
    assert says_too("Ironleaf lost my skins, moi aussi", "fr") and not says_too("moi aussi", "en")
