"""Review waves: one-star reviews of the brand's own app naming the same broken feature, each in its own words.

On an app store every review names the app's features, praise as often as complaints, so what two
reviews share is weighed against the store's own complaints (``clustering`` keeps their word counts
apart) and a wave must outrun the pace at which those complaints named the feature before.
"""

from __future__ import annotations

import math
from collections import Counter, deque
from datetime import datetime

from monitor.config import DetectionConfig
from monitor.ingest.echo_posts import MAX_CANDIDATES, WAVE, Key, author_of
from monitor.spread import echo
from monitor.spread.chance import poisson_tail
from monitor.spread.content import WAVE_TAG, TermCounts, baseline_rate, content_words
from monitor.spread.identifiers import conflicting
from monitor.store.posts import PostRow


def wave_root(
    cfg: DetectionConfig,
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
        strength = math.fsum(map(weight, common))  # exact: the same whatever order the set is walked in
        if best is None or strength > best[0]:
            best = (strength, other)
    return best[1] if best else None
