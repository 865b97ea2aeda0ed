"""Reading a written crosscheck week back, for the brands' tests."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from tools.crosscheck.generate import labels_path

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
