"""The observation: one sighting of a post by a connector at a moment in time.

This is the data contract shared by connectors, replay, backtest, import and export
(see ``docs/observations.md``). Everything that moves posts around speaks it, so the
pipeline has exactly one input shape whatever the source.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, field_validator

from monitor.core.errors import SkipRecord

DELETED = "deleted"
"""Extra key a connector sets to ``True`` when the source says a post was deleted or removed: the
pipeline keeps the post's last words and score instead of scoring the placeholder text."""


def _whole(value: Any) -> Any:
    """``1e23`` written by a JSON encoder is a whole number: an int, however large (stores clamp it)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class Author(BaseModel):
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)

    id: str | None = None
    handle: str | None = None
    followers: int | None = Field(default=None, ge=0)

    @field_validator("followers", mode="before")
    @classmethod
    def _whole_float(cls, value: Any) -> Any:
        return _whole(value)


class Engagement(BaseModel):
    """Cumulative counters at the moment of observation; ``None`` means unknown, not zero."""

    model_config = ConfigDict(extra="ignore")

    likes: int | None = None
    reposts: int | None = None
    replies: int | None = None
    quotes: int | None = None
    views: int | None = None

    @field_validator("likes", "reposts", "replies", "quotes", "views", mode="before")
    @classmethod
    def _whole_float(cls, value: Any) -> Any:
        return _whole(value)

    def total(self) -> int:
        """Interactions that spread a post (views excluded: they are seen, not passed on)."""
        return (self.likes or 0) + (self.reposts or 0) + (self.replies or 0) + (self.quotes or 0)


class Observation(BaseModel):
    model_config = ConfigDict(extra="allow", coerce_numbers_to_str=True, frozen=False)

    observed_at: AwareDatetime
    source: str = Field(min_length=1)
    id: str = Field(min_length=1)
    url: str | None = None
    created_at: AwareDatetime | None = None
    author: Author = Field(default_factory=Author)
    text: str
    engagement: Engagement = Field(default_factory=Engagement)
    in_reply_to: str | None = None
    lang: str | None = None
    rating: int | None = Field(default=None, ge=1, le=5)

    @field_validator("observed_at", "created_at")
    @classmethod
    def _to_utc(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return None
        try:
            return value.astimezone(UTC)
        except OverflowError:  # year 1 with a positive offset falls before year 1 in UTC
            raise ValueError(f"{value.isoformat()} cannot be expressed in UTC") from None

    @field_validator("author", "engagement", mode="before")
    @classmethod
    def _null_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.id)

    @property
    def extra(self) -> dict[str, Any]:
        """Keys the spec does not name; kept so an export gives back what an import took in."""
        return {k: v for k, v in (self.model_extra or {}).items() if k != "sentiment"}

    def to_json(self, sentiment: dict[str, Any] | None = None) -> str:
        data = self.model_dump(mode="json", exclude_none=False)
        for key in ("sentiment",):
            data.pop(key, None)
        data["observed_at"] = _rfc3339(self.observed_at)
        data["created_at"] = _rfc3339(self.created_at) if self.created_at else None
        if sentiment is not None:
            data["sentiment"] = sentiment
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True, slots=True)
class BadLine:
    line: int
    problem: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.problem}"


class StrictModeError(Exception):
    """Raised by ``--strict`` readers on the first bad line, before anything is written."""

    def __init__(self, bad: BadLine) -> None:
        super().__init__(str(bad))
        self.bad = bad


def describe_validation_error(error: ValidationError) -> str:
    """One readable sentence for a pydantic error, naming the offending field."""
    parts = []
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "line"
        message = item["msg"].lower().removeprefix("value error, ")
        parts.append(f"{where}: {message}")
    return "; ".join(parts)


_VALIDATOR = Observation.__pydantic_validator__


def parse_line(raw: str | bytes) -> Observation:
    """Parse one JSON Lines record; raises ``ValueError`` with a readable reason.

    The well-formed line takes pydantic's JSON parser (one pass in Rust); only a line that fails
    is parsed again the slow way, to say what is wrong in words. The model's validator is called
    directly: ``model_validate_json`` only forwards to it, at a Python call per line of an import.
    """
    try:
        observation: Observation = _VALIDATOR.validate_json(raw)
    except ValidationError:
        return _parse_slowly(raw)
    return observation


def parse_bytes(raw: bytes) -> Observation:
    """:func:`parse_line` of a line as read from a file, to the same observation or the same error.

    The bytes go to the validator undecoded: it checks UTF-8 as it parses (any invalid byte, even in
    a key it ignores, fails the line), so decoding first only copied each line once more (a fifth of
    the parse). A line that fails is decoded and parsed as before, to say what is wrong in words:
    not UTF-8 first, then whatever :func:`parse_line` says of the text.
    """
    try:
        observation: Observation = _VALIDATOR.validate_json(raw)
    except ValidationError:
        return _parse_slowly(_decode(raw))
    return observation


def _parse_slowly(raw: str | bytes) -> Observation:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    try:
        return Observation.model_validate(data)
    except ValidationError as exc:
        raise ValueError(describe_validation_error(exc)) from None


@dataclass
class ReadResult:
    observations: list[Observation]
    bad_lines: list[BadLine]
    lines_read: int


Check = Callable[[Observation], Observation]


def read_lines(
    lines: Iterable[str | bytes], *, strict: bool = False, start_line: int = 1, check: Check | None = None
) -> ReadResult:
    """Parse observation lines, keeping file order for ties so replays are reproducible.

    ``check`` (the application's sanitiser) may clean a record or refuse it with ``SkipRecord``;
    a refused record is a bad line like any other, so ``--strict`` refuses it before any write.
    Lines given as bytes that are not UTF-8 are bad lines too, not the end of the file.
    """
    good: list[Observation] = []
    bad: list[BadLine] = []
    count = 0
    for number, raw in enumerate(lines, start=start_line):
        count += 1
        try:
            text = _decode(raw)
            if not text.strip():
                continue
            observation = parse_line(text)
            good.append(check(observation) if check is not None else observation)
        except (ValueError, SkipRecord) as exc:
            problem = BadLine(number, str(exc))
            if strict:
                raise StrictModeError(problem) from None
            bad.append(problem)
    good.sort(key=lambda o: o.observed_at)  # list.sort is stable: ties keep file order
    return ReadResult(good, bad, count)


@dataclass
class Chunk:
    """A bounded slice of a file: its good observations in time order and its bad lines."""

    observations: list[Observation]
    bad_lines: list[BadLine]


def stream_file(path: Path, *, chunk_lines: int = 5000, check: Check | None = None) -> Iterator[Chunk]:
    """Read a file of any size in bounded memory, ``chunk_lines`` lines at a time.

    Each chunk is sorted by ``observed_at`` (stable); across chunks the file's own order holds,
    which is what a backfill needs: an older sighting arriving later only adds its snapshot.
    A line that is not UTF-8, or that ``check`` (the sanitiser) refuses, is a bad line.
    """
    with path.open("rb") as handle:
        number = 0
        while True:
            good: list[Observation] = []
            bad: list[BadLine] = []
            started = number
            for raw in itertools.islice(handle, chunk_lines):
                number += 1
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                if not raw.strip():
                    continue
                try:
                    observation = parse_bytes(raw)
                    good.append(check(observation) if check is not None else observation)
                except (ValueError, SkipRecord) as exc:
                    bad.append(BadLine(number, str(exc)))
            if number == started:
                return
            good.sort(key=lambda o: o.observed_at)
            yield Chunk(good, bad)


def first_bad_line(path: Path, check: Check | None = None) -> BadLine | None:
    """The first line that would be skipped, for ``--strict`` runs that must change nothing."""
    return next(iter(bad_lines_of(path, check)), None)


def bad_lines_of(path: Path, check: Check | None = None) -> list[BadLine]:
    """Every line that would be skipped: ``--strict`` lists them all before refusing the file."""
    return [bad for chunk in stream_file(path, check=check) for bad in chunk.bad_lines]


def _decode(raw: str | bytes) -> str:
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})") from None


def read_file(path: Path, *, strict: bool = False, check: Check | None = None) -> ReadResult:
    with path.open("rb") as handle:
        head = handle.read(3)
        if head != b"\xef\xbb\xbf":  # a byte-order mark some editors write
            handle.seek(0)
        return read_lines(handle, strict=strict, check=check)


def write_lines(observations: Iterable[tuple[Observation, dict[str, Any] | None]], out: TextIO) -> int:
    count = 0
    for observation, sentiment in observations:
        out.write(observation.to_json(sentiment))
        out.write("\n")
        count += 1
    return count


def iter_file_from(path: Path, offset: int) -> Iterator[tuple[int, str]]:
    """Yield ``(offset_after_line, line)`` for complete lines after ``offset``; a partial last line waits."""
    with path.open("rb") as handle:
        handle.seek(offset)
        for raw in handle:
            if not raw.endswith(b"\n"):
                return
            offset += len(raw)
            yield offset, raw.decode("utf-8", errors="replace")
