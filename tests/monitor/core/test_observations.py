from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.core.observations import StrictModeError, parse_line, read_file, read_lines


def line(**fields: object) -> str:
    base: dict[str, object] = {
        "observed_at": "2026-11-20T10:05:00Z",
        "source": "reddit",
        "id": "t3_a",
        "text": "hi",
    }
    base.update(fields)
    return json.dumps(base)


def test_parses_the_spec_example() -> None:
    obs = parse_line(
        json.dumps(
            {
                "observed_at": "2026-11-20T10:05:00Z",
                "source": "reddit",
                "id": "t3_1abcde",
                "url": "https://www.reddit.com/r/x/comments/1abcde/",
                "created_at": "2026-11-20T09:55:00+01:00",
                "author": {"id": "t2_9xyz", "handle": "some_user", "followers": 120},
                "text": "Title and body, plain text",
                "engagement": {"likes": 14, "reposts": 0, "replies": 6, "quotes": 0, "views": None},
                "in_reply_to": None,
                "lang": "en",
                "rating": None,
                "subreddit": "x",
            }
        )
    )
    assert obs.key == ("reddit", "t3_1abcde")
    assert obs.created_at == datetime(2026, 11, 20, 8, 55, tzinfo=UTC)  # offsets normalised to UTC
    assert obs.engagement.views is None and obs.engagement.likes == 14
    assert obs.engagement.total() == 20
    assert obs.extra == {"subreddit": "x"}  # unknown keys are kept
    assert json.loads(obs.to_json())["subreddit"] == "x"


def test_numeric_ids_become_strings_and_null_objects_are_empty() -> None:
    obs = parse_line(line(id=18463371, author=None, engagement=None))
    assert obs.id == "18463371"
    assert obs.author.handle is None and obs.engagement.total() == 0


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (
            json.dumps({"observed_at": "2026-11-20T10:05:00Z", "source": "x", "text": ""}),
            "id: field required",
        ),
        (line(observed_at="yesterday"), "observed_at:"),
        (line(observed_at="2026-11-20T10:05:00"), "observed_at: input should have timezone info"),
        (line(rating=9), "rating:"),
        (line(engagement={"likes": "many"}), "engagement.likes:"),
    ],
)
def test_bad_lines_are_described(raw: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_line(raw)


def test_reader_skips_bad_lines_with_numbers_and_sorts_stably() -> None:
    lines = [
        line(id="late", observed_at="2026-11-20T11:00:00Z") + "\n",
        "garbage\n",
        "\n",
        line(id="tie-1", observed_at="2026-11-20T10:00:00Z") + "\n",
        line(id="tie-2", observed_at="2026-11-20T10:00:00Z") + "\n",
    ]
    result = read_lines(lines)
    assert [o.id for o in result.observations] == ["tie-1", "tie-2", "late"]
    assert [(b.line, b.problem.split(" ")[0]) for b in result.bad_lines] == [(2, "not")]
    with pytest.raises(StrictModeError, match="line 2: not JSON"):
        read_lines(lines, strict=True)


def test_read_file_accepts_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "o.jsonl"
    path.write_text("\ufeff" + line() + "\n", encoding="utf-8")
    assert len(read_file(path).observations) == 1
