"""Reading a written crosscheck week back, for the brands' tests."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from tools.crosscheck.generate import labels_path
from tools.crosscheck.week import UPSET_CAP

Key = tuple[str, str]


def read_week(path: Path) -> dict[str, Any]:
    """A written week: each post's last sighting (``last``), every sighting (``seen``), the ``labels``."""
    last: dict[Key, dict[str, Any]] = {}
    seen: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = (row["source"], row["id"])
        last[key] = row
        seen[key].append(row)
    labels = {(row["source"], row["id"]): row for row in map(json.loads, labels_path(path).read_text().splitlines())}
    return {"last": last, "seen": seen, "labels": labels}


def created(row: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(row["created_at"].replace("Z", "+00:00"))


def members(week: dict[str, Any], prefix: str) -> dict[str, list[dict[str, Any]]]:
    """The labelled posts whose incident or kind starts with ``prefix``, by incident or kind."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for key, label in week["labels"].items():
        name = label.get("incident") or label.get("kind")
        if name.startswith(prefix):
            found[name].append(week["last"][key])
    return found


def likes(row: dict[str, Any]) -> int:
    """A sighting's likes; 0 where the platform counts none."""
    return int((row.get("engagement") or {}).get("likes") or 0)


def check_hard_negatives(week: dict[str, Any], praise_likes: int, ref_prefix: str) -> None:
    """The five hard negatives every brand has look like their kind: the praise and the news take off, the
    ignored angry posts get nothing, one author repeats one reference (which starts with ``ref_prefix``)."""
    negatives = members(week, "")
    [praise] = negatives["viral_praise"]
    assert likes(praise) >= praise_likes
    assert any(likes(row) >= 300 for row in negatives["viral_news"])
    for key, label in week["labels"].items():
        if label.get("kind") == "angry_ignored":
            counted = [sum(value or 0 for value in (row.get("engagement") or {}).values()) for row in week["seen"][key]]
            assert max(counted) <= 2  # no likes; a stray reply or repost at most
    repeats = negatives["repeater"]
    assert len(repeats) >= 8 and len({row["author"]["id"] for row in repeats}) == 1
    refs = {word.strip(".,") for row in repeats for word in row["text"].split() if word.startswith(ref_prefix)}
    assert len(refs) == 1


def check_independent_burst(burst: list[dict[str, Any]], hours: float) -> None:
    """A topic burst is many people's own complaints within ``hours``: at ordinary engagement, nobody
    replying to anybody, hardly anyone posting twice."""
    moments = sorted(created(row) for row in burst)
    assert moments[-1] - moments[0] <= timedelta(hours=hours)
    for row in burst:
        assert likes(row) <= UPSET_CAP[row["source"]], row["text"]
        assert row["in_reply_to"] is None  # nobody passes a story on
    assert len({row["author"]["id"] for row in burst}) >= 0.9 * len(burst)
