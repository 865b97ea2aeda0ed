"""The sanitiser's one-pass shortcut for clean records gives the same answer as the long way."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from monitor.core.errors import SkipRecord
from monitor.core.observations import Observation, parse_line
from monitor.ingest.sanitize import BIGINT_MAX, cleaned_copy, sanitize

POISON = ["", "", "", "\x00", "\ud800", "ok", "ü", "😡"]  # mostly clean, sometimes not


def _text(rng: random.Random, longest: int) -> str:
    size = rng.choice([1, 5, 20, longest - 1, longest, longest + 1])
    return ("x" * max(size, 1))[: max(size, 1)] + rng.choice(POISON)


def _number(rng: random.Random) -> Any:
    return rng.choice([None, 0, 7, -3, BIGINT_MAX, BIGINT_MAX + 1, 12])


def _record(rng: random.Random) -> dict[str, Any]:
    record: dict[str, Any] = {
        "observed_at": "2026-11-01T10:00:00Z",
        "source": _text(rng, 64),
        "id": _text(rng, 255),
        "text": "The flight was late" + rng.choice(POISON),
        "url": rng.choice([None, "https://example.com/p" + rng.choice(POISON)]),
        "in_reply_to": rng.choice([None, _text(rng, 255)]),
        "lang": rng.choice([None, "en", _text(rng, 35)]),
        "author": {"id": rng.choice([None, _text(rng, 255)]), "handle": rng.choice([None, _text(rng, 255)])},
        "engagement": {name: _number(rng) for name in ("likes", "reposts", "replies", "quotes", "views")},
    }
    record["author"]["followers"] = _number(rng)
    if rng.random() < 0.2:
        record["custom"] = {"note" + rng.choice(POISON): rng.choice(POISON)}
    return record


def _outcome(step: Any, obs: Observation) -> Any:
    try:
        result = step(obs)
    except SkipRecord as exc:
        return ("skip", str(exc))
    return ("kept", result.model_dump(), result is obs)


@pytest.mark.parametrize("seed", range(3))
def test_the_shortcut_and_the_long_way_agree_on_every_record(seed: int) -> None:
    rng = random.Random(seed)
    clean = 0
    for _ in range(700):
        try:  # the way records arrive: a JSON line, escapes and all
            obs = parse_line(json.dumps(_record(rng)))
        except ValueError:
            continue
        fast, slow = _outcome(sanitize, obs), _outcome(cleaned_copy, obs)
        assert fast == slow, obs
        clean += fast[0] == "kept" and fast[2]
    assert 0 < clean < 700  # both kinds of record were exercised
