"""Rendering a simulated window to files: each source polled on its own clock, each watched post
re-observed at every poll with its counters following its curve (Poisson increments, the odd
deleted vote), written as JSON Lines with a labels file beside it (docs/observations.md).

Each source's clock and each post's noise have their own seeded generator, so adding a post never
shifts another post's numbers.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tools.simulator.model import poisson
from tools.simulator.pools import COUNTERS, SOURCES

if TYPE_CHECKING:
    from tools.simulator.sim import SimCore

Row = tuple[float, int, dict[str, Any]]  # (second seen, order the post was made, the observation)


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def poll_ticks(sim: SimCore, source: str) -> list[float]:
    """The minutes ``source`` is polled at: its interval with jitter, and now and then a failed poll."""
    r = random.Random(f"{sim.seed}:ticks:{source}")
    interval = sim.intervals[source]
    t = r.uniform(0, min(interval, 10))
    out = []
    while t <= sim.end:
        if r.random() > 0.015:  # now and then a poll fails (rate limit, timeout): a gap in the data
            out.append(t)
        t += interval + r.uniform(-0.6, 1.2)
    return out


def observation_rows(sim: SimCore) -> list[Row]:
    """Every sighting of every post while it is watched, in the order a poller would have made them."""
    rows: list[Row] = []
    ticks = {s: poll_ticks(sim, s) for s in SOURCES}
    for order, p in enumerate(sim.posts):
        r = random.Random(f"{sim.seed}:post:{p.source}:{p.id}")
        lag = r.uniform(0.5, 3.5) if p.source not in ("rss", "appstore") else r.uniform(3, 25)
        counts = {k: c.base for k, c in p.counters.items()}
        prev_t = 0.0
        for tick in ticks[p.source]:
            if tick < p.created + lag or tick > p.created + p.watch:
                continue
            seen = tick + r.uniform(0, 0.25)  # posts in one poll are fetched a few seconds apart
            age = seen - p.created
            for name, curve in p.counters.items():
                counts[name] += poisson(r, curve.expected(age) - curve.expected(prev_t))
                if name == "likes" and counts[name] >= 3 and r.random() < 0.035:
                    counts[name] -= 1  # a deleted vote or an un-like: counters can go down
            prev_t = age
            engagement = {c: (counts.get(c, 0) if c in p.caps else None) for c in COUNTERS}
            row = {
                "observed_at": stamp(sim.at(seen)),
                "source": p.source,
                "id": p.id,
                "url": p.url,
                "created_at": stamp(sim.at(p.created)),
                "author": {"id": p.author.id, "handle": p.author.handle, "followers": p.author.followers},
                "text": p.text,
                "engagement": engagement,
                "in_reply_to": p.in_reply_to,
                "lang": p.lang,
                "rating": p.rating,
            }
            rows.append((round(seen * 60), order, row))
    rows.sort(key=lambda item: (item[0], item[1]))
    return rows


def write_files(sim: SimCore, path: Path) -> tuple[int, int]:
    """Write ``path`` and ``<name>.labels.jsonl`` beside it; (posts, observations) written.

    A labelled post that no poll saw is a scenario bug (it was made after the window closed), not a file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = observation_rows(sim)
    seen_posts = {(row["source"], row["id"]) for _, _, row in rows}
    missing = [p for p, _, _ in sim.labels if (p.source, p.id) not in seen_posts]
    if missing:
        raise RuntimeError(f"labelled posts never observed: {[p.id for p in missing]}")
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for _, _, row in rows:
            out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
    labels_path = path.with_name(path.name.removesuffix(".jsonl") + ".labels.jsonl")
    with labels_path.open("w", encoding="utf-8", newline="\n") as out:
        for p, spreading, incident in sim.labels:
            entry: dict[str, object] = {"source": p.source, "id": p.id, "spreading": spreading}
            if incident:
                entry["incident"] = incident
            if id(p) in sim.label_kinds:
                entry["kind"] = sim.label_kinds[id(p)]
            out.write(json.dumps(entry, ensure_ascii=False, separators=(",", ":")) + "\n")
    return len(seen_posts), len(rows)
