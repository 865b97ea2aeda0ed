"""Make one observation safe to store, or say in one line why it cannot be.

Every observation passes through :func:`sanitize` before the pipeline stores it, whatever it came
from (a connector, ``import``, ``backtest``, the replay source). What is safe to clean is cleaned,
so one odd character never stops a source: NUL bytes (PostgreSQL rejects them in text) and lone
UTF-16 surrogates (no database can encode them) become U+FFFD, and counters are clamped to the
range of the BigInteger columns. What cannot be cleaned without inventing data raises
:class:`~monitor.core.errors.SkipRecord`: an impossible date, or an identity too long for its
column (cutting it could merge two posts). The caller sets such a record aside in the quarantine.

Pure functions on :class:`Observation`: no clock, no database, so the same record gives the same
answer in a test, an import and the daemon.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from monitor.core.durations import humanize
from monitor.core.errors import SkipRecord
from monitor.core.observations import Observation

REPLACEMENT = "\ufffd"
BIGINT_MAX = 2**63 - 1  # the store's counters are BigInteger (signed 64-bit) on both databases
COUNTERS = ("likes", "reposts", "replies", "quotes", "views")
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)  # before the epoch no social post was ever written
LATEST = datetime(2200, 1, 1, tzinfo=UTC)  # a year past this is a corrupt field, not a scheduled post
CLOCK_SKEW = timedelta(days=1)  # a source's clock may run ahead of ours; by more than this it is wrong
# identity columns: too long means the record is broken, and cutting could merge two posts
ID_LIMITS = {"source": 64, "id": 255}
# descriptive columns: cutting loses a little, storing nothing loses the post
TEXT_LIMITS = {"in_reply_to": 255, "lang": 35}
AUTHOR_LIMITS = {"id": 255, "handle": 255}

_UNSAFE = re.compile("[\x00\ud800-\udfff]")


def clean_text(value: str) -> str:
    """``value`` with NUL and lone surrogates replaced by U+FFFD (valid pairs cannot occur in a str)."""
    return _UNSAFE.sub(REPLACEMENT, value) if _UNSAFE.search(value) else value


def clean_json(value: Any) -> Any:
    """Strings anywhere inside a JSON-like value cleaned, keys included."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_json(v) for v in value]
    return value


def clamp_count(value: int | None) -> int | None:
    """A counter within what the column holds; a negative count is no count at all."""
    if value is None:
        return None
    return max(0, min(int(value), BIGINT_MAX))


class ImpossibleDate(SkipRecord):
    """A date no clock produces; ``kind`` names it for the anomaly counts (``monitor.ingest.screening``)."""

    def __init__(self, message: str, kind: str = "impossible_date") -> None:
        super().__init__(message)
        self.kind = kind


def check_moment(name: str, moment: datetime, latest: datetime = LATEST) -> None:
    if not EARLIEST <= moment <= latest:
        raise ImpossibleDate(f"{name} {moment.isoformat()} is impossible (outside {EARLIEST.year}..{latest.year})")


def sanitize(observation: Observation) -> Observation:
    """``observation`` cleaned (a copy when anything changed); raises :class:`SkipRecord` if it cannot be stored.

    The input is never modified; a clean record (the usual case) is returned as is, uncopied.
    """
    obs = observation
    check_moment("observed_at", obs.observed_at)
    if obs.created_at is not None:
        check_moment("created_at", obs.created_at)
        if obs.created_at > obs.observed_at + CLOCK_SKEW:
            after = humanize(obs.created_at - obs.observed_at)
            raise ImpossibleDate(
                f"created_at {obs.created_at.isoformat()} is impossible: {after} after it was observed "
                f"({obs.observed_at.isoformat()})",
                "observed_before_created",
            )
    return obs if _already_clean(obs) else cleaned_copy(obs)


def cleaned_copy(obs: Observation) -> Observation:
    """The long way: every field cleaned, cut or clamped; ``obs`` itself when nothing changed."""
    top: dict[str, Any] = {}
    for name, limit in ID_LIMITS.items():
        value = clean_text(getattr(obs, name))
        if len(value) > limit:
            raise SkipRecord(f"{name} is {len(value)} characters long (at most {limit} fit)")
        top[name] = value
    top["text"] = clean_text(obs.text)
    top["url"] = clean_text(obs.url) if obs.url is not None else None
    for name, limit in TEXT_LIMITS.items():
        value = getattr(obs, name)
        top[name] = clean_text(value)[:limit] if value is not None else None
    changes = {k: v for k, v in top.items() if v != getattr(obs, k)}
    author: dict[str, Any] = {
        name: clean_text(v)[:limit] for name, limit in AUTHOR_LIMITS.items() if (v := getattr(obs.author, name))
    }
    author["followers"] = clamp_count(obs.author.followers)
    author = {k: v for k, v in author.items() if v != getattr(obs.author, k)}
    counts = {name: clamp_count(getattr(obs.engagement, name)) for name in COUNTERS}
    counts = {k: v for k, v in counts.items() if v != getattr(obs.engagement, k)}
    extra = {k: clean_json(v) for k, v in (obs.model_extra or {}).items()}
    extra = {k: v for k, v in extra.items() if v != (obs.model_extra or {})[k]}
    if not (changes or author or counts or extra):
        return obs
    cleaned = obs.model_copy(update=changes | extra)
    cleaned.author = obs.author.model_copy(update=author)
    cleaned.engagement = obs.engagement.model_copy(update=counts)
    return cleaned


def _already_clean(obs: Observation) -> bool:
    """The usual record, decided in one pass: nothing to replace, cut or clamp, no extra keys.

    Only a shortcut: anything it is unsure of goes the long way, which gives the same answer.
    Written out field by field (no generators): it runs once for every record of an import.
    """
    if obs.model_extra or len(obs.source) > _SOURCE_LIMIT or len(obs.id) > _ID_LIMIT:
        return False
    author, counts = obs.author, obs.engagement
    in_reply_to, lang, author_id, handle, url = obs.in_reply_to, obs.lang, author.id, author.handle, obs.url
    if (
        (in_reply_to is not None and len(in_reply_to) > _REPLY_LIMIT)
        or (lang is not None and len(lang) > _LANG_LIMIT)
        or (author_id is not None and len(author_id) > _AUTHOR_ID_LIMIT)
        or (handle is not None and len(handle) > _HANDLE_LIMIT)
    ):
        return False
    for n in (author.followers, counts.likes, counts.reposts, counts.replies, counts.quotes, counts.views):
        if n is not None and not (type(n) is int and 0 <= n <= BIGINT_MAX):
            return False
    texts = [obs.source, obs.id, obs.text]
    for value in (url, in_reply_to, lang, author_id, handle):
        if value:
            texts.append(value)
    joined = "".join(texts)
    if joined.isascii():  # no surrogate can be ASCII: only NUL is left to find, by a plain scan
        return "\x00" not in joined
    return _UNSAFE.search(joined) is None


_SOURCE_LIMIT, _ID_LIMIT = ID_LIMITS["source"], ID_LIMITS["id"]
_REPLY_LIMIT, _LANG_LIMIT = TEXT_LIMITS["in_reply_to"], TEXT_LIMITS["lang"]
_AUTHOR_ID_LIMIT, _HANDLE_LIMIT = AUTHOR_LIMITS["id"], AUTHOR_LIMITS["handle"]


def raw_record(observation: Observation) -> dict[str, Any]:
    """The record as received, JSON-ready, for the quarantine (``retry`` parses it again)."""
    data: dict[str, Any] = observation.model_dump(mode="json")
    return data
