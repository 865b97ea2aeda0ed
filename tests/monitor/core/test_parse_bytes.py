"""``parse_bytes`` (the import's path: undecoded bytes to the validator) against the way it replaced:
decode the line, then ``parse_line``. Every line must give the same observation or the same error."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from monitor.core.observations import Observation, parse_bytes, parse_line, stream_file
from tests.monitor.core.test_observations import line


def _line(**fields: object) -> bytes:
    """``line``'s record with non-ASCII text as UTF-8 bytes, as most encoders write it."""
    return json.dumps(json.loads(line(**fields)), ensure_ascii=False).encode()


GOOD = [
    _line(),
    _line(text="café ☕ 😡", author={"id": 7, "handle": "ü", "followers": 1e3}),
    _line(engagement={"likes": 3.0, "reposts": None, "views": 10}, extra_key={"a": [1, "b"]}),
    _line(created_at="2026-11-20T09:55:00+01:00", lang="de", rating=4, in_reply_to="t3_0"),
    _line(text="a\u0000b \u2028 \ufeff"),
    _line(id=18463371, author=None, engagement=None),
    _line(engagement={"likes": 3.0, "reposts": -0.0, "replies": 1e18, "quotes": "7"}, author={"followers": 2.0}),
    _line(engagement={"likes": True, "views": None}, author={"id": None, "handle": 5}),
    _line() + b"\n",
    b'{"observed_at":"2026-11-20T10:05:00Z","source":"x","id":"1","text":"a","text":"b"}',
    b'{"observed_at":"2026-11-20T10:05:00Z","source":"x","id":"1","text":"a","n":1e400}',
]

BAD = [
    b"{not json",
    b"[1, 2]",
    b'"a string"',
    b"null",
    _line(observed_at="yesterday"),
    _line(observed_at="2026-11-20T10:05:00"),
    _line(observed_at="0001-01-01T00:00:00+05:00"),
    _line(observed_at="9999-12-31T23:00:00-05:00"),
    _line(rating=9),
    _line(source=""),
    _line(engagement={"likes": "many"}),
    _line(engagement={"likes": 1.5}),
    _line(engagement={"likes": "1e3"}),
    _line(author={"followers": -3.0}),
    _line(author={"followers": -1}),
    _line(author="someone"),
    _line(text=None),
    json.dumps({"observed_at": "2026-11-20T10:05:00Z", "source": "x", "text": ""}).encode(),
    # not UTF-8: in the text, in a key the model ignores, in an extra key, and after the object
    _line(text="X").replace(b"X", b"\xff"),
    _line(author={"zz": "X"}).replace(b"X", b"\xc3"),
    _line(extra_key="X").replace(b"X", b"\xed\xa0\x80"),
    _line() + b" \xff",
    # a BOM inside the line (the reader strips one only at the start of the file), trailing data
    b"\xef\xbb\xbf" + _line(),
    _line() + b"{}",
]


ODD = [
    # refused by the validator's JSON parser, taken by the slow path (its parse, then the model)
    b'{"observed_at":"2026-11-20T10:05:00Z","source":"x","id":"1","text":"\\ud800"}',
    b'{"observed_at":"2026-11-20T10:05:00Z","source":"x","id":"1","text":"a","n":NaN}',
    _line(engagement={"likes": 1e23}),
    _line(engagement={"views": 9.3e18}, author={"followers": 1e19}),
]


COUNTS: list[object] = [None, 0, 7, -3, 3.0, -0.0, 1.5, 1e18, 9.3e18, 1e23, 2**63, "7", "7.0", "x", True, [], {}]


def _random_line(rng: random.Random) -> bytes:
    """A record whose counts, author and engagement take the values the validators widen, or refuse."""
    engagement = {name: rng.choice(COUNTS) for name in ("likes", "reposts", "replies", "quotes", "views")}
    author = {"id": rng.choice([None, "u1", 12]), "followers": rng.choice(COUNTS)}
    fields: dict[str, object] = {
        "engagement": rng.choice([engagement, engagement, None, {}, "many"]),
        "author": rng.choice([author, author, None, {}, "someone"]),
    }
    if rng.random() < 0.2:
        fields["rating"] = rng.choice(COUNTS)
    return _line(**fields)


def _outcome(parse: object, raw: bytes) -> tuple[str, object]:
    try:
        observation = parse(raw)  # type: ignore[operator]
    except ValueError as exc:
        return ("error", str(exc))
    assert isinstance(observation, Observation)
    dumped = json.dumps(observation.model_dump(), default=repr, sort_keys=True)
    given = [sorted(o.model_fields_set) for o in (observation, observation.author, observation.engagement)]
    return ("ok", (dumped, given, observation.observed_at.tzinfo))


def _decoded_then_parsed(raw: bytes) -> Observation:
    """What ``stream_file`` did before ``parse_bytes``: decode (a readable error if not UTF-8), then parse."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})") from None
    return parse_line(text)


@pytest.mark.parametrize("raw", GOOD + BAD + ODD)
def test_parse_bytes_gives_what_decoding_first_gave(raw: bytes) -> None:
    assert _outcome(parse_bytes, raw) == _outcome(_decoded_then_parsed, raw)


@pytest.mark.parametrize("seed", range(3))
def test_random_counts_and_nulls_parse_as_decoding_first_did(seed: int) -> None:
    rng = random.Random(seed)
    outcomes = set()
    for _ in range(400):
        raw = _random_line(rng)
        fast, slow = _outcome(parse_bytes, raw), _outcome(_decoded_then_parsed, raw)
        assert fast == slow, raw
        outcomes.add(fast[0])
    assert outcomes == {"ok", "error"}  # both kinds of line were drawn


@pytest.mark.parametrize("raw", BAD)
def test_every_bad_line_is_refused_with_a_reason(raw: bytes) -> None:
    kind, problem = _outcome(parse_bytes, raw)
    assert kind == "error" and problem


def test_a_file_of_good_and_bad_lines_reports_each_bad_line_by_number(tmp_path: Path) -> None:
    lines = [raw for pair in zip(GOOD, BAD, strict=False) for raw in pair] + BAD[len(GOOD) :] + ODD
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"".join(raw.rstrip(b"\n") + b"\n" for raw in lines))
    chunks = list(stream_file(path, chunk_lines=4))
    expected_bad = []
    for number, raw in enumerate(lines, start=1):
        kind, problem = _outcome(_decoded_then_parsed, raw.rstrip(b"\n") + b"\n")
        if kind == "error":
            expected_bad.append(f"line {number}: {problem}")
    assert [str(bad) for chunk in chunks for bad in chunk.bad_lines] == expected_bad
    assert sum(len(chunk.observations) for chunk in chunks) == len(lines) - len(expected_bad)
