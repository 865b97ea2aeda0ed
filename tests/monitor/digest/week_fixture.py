"""A fixture store whose digest figures are known by construction.

``PLAN`` says how many posts of each (week offset, weekday, source, label) exist; the tests
derive every expected figure from ``PLAN`` by plain summation, independently of the digest code.
Week offset 0 is 2026-W47 (Mon 16 Nov .. Sun 22 Nov 2026, UTC); -1 is the week before, and so on.
Posts of another brand, and posts one second outside the week, are added as traps.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from monitor.store.database import plain_insert, transaction
from monitor.store.tables import Delivery, Incident, IncidentPost, NotifyDecision, PollRun, Post

WEEK = "2026-W47"
MONDAY = datetime(2026, 11, 16, tzinfo=UTC)
BRAND, OTHER = "Northwind Air", "Contoso"
LUGGAGE = "Northwind Air lost my luggage in Oslo and nobody answers the phone"
REFUND = "Northwind Air refund still missing after weeks, awful"
PRAISE = "Northwind Air crew were lovely and the landing was smooth"

# (week offset, weekday 0-6, source, label) -> posts of BRAND
PLAN: dict[tuple[int, int, str, str], int] = {}
for day in range(7):
    PLAN[(0, day, "reddit", "positive")] = day + 1
    PLAN[(0, day, "bluesky", "negative")] = 2
PLAN[(0, 0, "reddit", "neutral")] = 3
PLAN[(0, 6, "hackernews", "unscored")] = 1
for day in range(7):
    PLAN[(-1, day, "reddit", "positive")] = 1
    PLAN[(-1, day, "bluesky", "negative")] = 1 if day < 5 else 0
for offset, count in ((-2, 4), (-3, 8), (-4, 12)):
    PLAN[(offset, 2, "mastodon", "neutral")] = count

# negative posts of week 0 by topic and text: 8 lose luggage (no topic), 6 about refunds
NEGATIVE_TEXTS = [(LUGGAGE, "")] * 8 + [(REFUND, "refund")] * 4 + [(REFUND, "refund,double_charge")] * 2
PREVIOUS_REFUNDS = 3  # of week -1's 5 negative posts


def _row(source: str, post_id: str, created: datetime, label: str, **extra: Any) -> dict[str, Any]:
    compound = {"positive": 0.6, "neutral": 0.0, "negative": -0.6}.get(label)
    row = {
        "source": source, "post_id": post_id, "url": f"https://example.test/{source}/{post_id}",
        "created_at": created, "first_seen_at": created, "last_observed_at": created,
        "author_id": f"author-{post_id}", "author_handle": f"author-{post_id}", "author_followers": 100,
        "text": PRAISE if label == "positive" else "Flying Northwind Air tomorrow", "text_hash": 0,
        "brand": BRAND, "compound": compound, "label": label, "upset": label == "negative", "abusive": False,
        "topics": "", "likes": 1, "reposts": 0, "replies": 0, "quotes": 0,
    }  # fmt: skip
    return row | extra


def plan_rows() -> Iterator[dict[str, Any]]:
    negatives = iter(range(10_000))
    for (offset, day, source, label), count in PLAN.items():
        for n in range(count):
            created = MONDAY + timedelta(weeks=offset, days=day, hours=10, minutes=n)
            post_id = f"w{offset}-d{day}-{source}-{label}-{n}"
            row = _row(source, post_id, created, label)
            if label == "negative" and offset == 0:
                text, topics = NEGATIVE_TEXTS[next(negatives)]
                row |= {"text": text, "topics": topics, "likes": 10 * n + day}
            if label == "negative" and offset == -1:
                refund = day < PREVIOUS_REFUNDS
                row |= {"text": REFUND if refund else LUGGAGE, "topics": "refund" if refund else ""}
            yield row


def traps() -> list[dict[str, Any]]:
    """Posts that must not count: another brand in the week, and the instants just outside it."""
    return [
        _row("reddit", "other-brand", MONDAY + timedelta(days=1), "negative", brand=OTHER, text=LUGGAGE),
        _row("reddit", "next-week", MONDAY + timedelta(weeks=1), "positive"),
        _row("reddit", "before-history", MONDAY - timedelta(weeks=4, seconds=1), "positive"),
    ]


TOP_NEGATIVE_LIKES = 10 * 1 + 6  # the most liked negative post of week 0: n=1 on Sunday


def build(engine: Engine, *, incidents: bool = True, polls: bool = True) -> None:
    with transaction(engine) as conn:
        plain_insert(conn, Post.__table__, [*plan_rows(), *traps()])  # type: ignore[attr-defined]
        if incidents:
            _incidents(conn)
        if polls:
            plain_insert(conn, PollRun.__table__, list(poll_rows()))  # type: ignore[attr-defined]


DAY1, DAY3 = MONDAY + timedelta(days=1), MONDAY + timedelta(days=3)


def _incidents(conn: Any) -> None:
    incidents = Incident.__table__  # type: ignore[attr-defined]
    rows = [
        # key, brand, root, status, level, first alert
        ("i-res", BRAND, ("bluesky", "w0-d1-bluesky-negative-0"), "resolved", "critical", DAY1 + timedelta(hours=11)),
        ("i-closed", BRAND, ("bluesky", "w0-d3-bluesky-negative-1"), "closed", "warning", DAY3 + timedelta(hours=12)),
        ("i-other", OTHER, ("reddit", "other-brand"), "open", "warning", MONDAY + timedelta(days=1, hours=12)),
        ("i-old", BRAND, ("bluesky", "w-1-d0-bluesky-negative-0"), "resolved", "warning", MONDAY - timedelta(days=6)),
    ]  # fmt: skip
    for n, (key, brand, root, status, level, first) in enumerate(rows, start=1):
        conn.execute(incidents.insert().values(
            id=n, key=key, brand=brand, root_source=root[0], root_post_id=root[1], status=status, level=level,
            score=1.5, reasons=[f"reason of {key}"], signals={"velocity_ratio": 12.0}, abusive=False, draft="",
            version=1, first_alert_at=first, last_change_at=first, last_sent_version=1,
            slack_channel="C0ALERTS", slack_ts=f"1700000000.00000{n}",
        ))  # fmt: skip
        members = [root] + ([("reddit", "w0-d1-reddit-positive-0")] if key == "i-res" else [])
        plain_insert(conn, IncidentPost.__table__, [  # type: ignore[attr-defined]
            {"incident_id": n, "source": s, "post_id": p, "added_at": first} for s, p in members])  # fmt: skip
    plain_insert(conn, Delivery.__table__, [  # type: ignore[attr-defined]
        {"incident_id": 2, "version": 2, "kind": "update", "reason": "quiet hours", "status": "held", "attempts": 0,
         "created_at": MONDAY + timedelta(days=3, hours=23), "next_attempt_at": MONDAY + timedelta(days=4),
         "hold": "quiet_hours"},
    ])  # fmt: skip
    held_at = MONDAY + timedelta(days=3, hours=23)
    plain_insert(conn, NotifyDecision.__table__, [  # type: ignore[attr-defined]
        {"subject": "i-closed", "incident_id": 2, "version": 2, "kind": "quiet_hours", "reason": "quiet hours",
         "decided_at": held_at, "last_at": held_at, "repeats": 1},
    ])  # fmt: skip


POLL_SKIPPED = range(58, 63)  # hours of the week with no poll at all: Wed 10:30 .. 14:30
POLL_FAILED = (74, 75)  # Thu 02:30 and 03:30 fail


def poll_rows() -> Iterator[dict[str, Any]]:
    """Source "feed" (interval 1h in the test config) polled at half past every hour of week 0."""
    for hour in range(7 * 24):
        if hour in POLL_SKIPPED:
            continue
        started = MONDAY + timedelta(hours=hour, minutes=30)
        failed = hour in POLL_FAILED
        yield {"source": "feed", "started_at": started, "finished_at": started + timedelta(seconds=20),
               "ok": not failed, "error": "feed: HTTP 503" if failed else None, "items": 0 if failed else 3,
               "new_posts": 0 if failed else 1}  # fmt: skip


POLLS = 7 * 24 - len(POLL_SKIPPED)
ITEMS = 3 * (POLLS - len(POLL_FAILED))
