"""Every figure of one week's digest, as plain JSON-ready data (the JSON format *is* this dict).

All counting happens in the database (``monitor.store.digest``); this module only arranges the
aggregates: days in the digest's time zone, the previous week, the average of the four weeks
before, week-over-week changes, themes and the posts worth quoting.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any

from monitor.config import Config
from monitor.digest import activity
from monitor.digest.themes import distinct_phrases, scan, split_topics
from monitor.digest.weeks import Week, day_bounds, midnight
from monitor.store import digest as store
from monitor.store.database import UnitOfWork

LABELS = store.LABELS
HISTORY_WEEKS = 4  # the average the week is compared with
THEMES = 6  # of each kind (topics, phrases) per list
TOP_POSTS = 5
PHRASE_SAMPLE = 1_000  # most engaged posts read per label to find recurring phrases
MIN_PHRASE_POSTS = 3  # a phrase in fewer posts is not a theme
EXCERPT = 280
SCHEMA_VERSION = 1


def net_sentiment(mix: dict[str, int]) -> float | None:
    """(positive - negative) / scored posts, in points from -100 to 100; None without scored posts."""
    scored = mix.get("positive", 0) + mix.get("neutral", 0) + mix.get("negative", 0)
    if not scored:
        return None
    return round(100.0 * (mix.get("positive", 0) - mix.get("negative", 0)) / scored, 1)


def change_pct(now: float | None, before: float | None) -> float | None:
    if now is None or before is None or before == 0:
        return None
    return round(100.0 * (now - before) / before, 1)


def _week_figures(week: Week, rows: list[tuple[int, str, str, int]], offset: int) -> dict[str, Any]:
    """Volume and sentiment of one week from the 35-day aggregate (days ``offset..offset+6``)."""
    days = [d.isoformat() for d in week.days()]
    by_source: dict[str, int] = defaultdict(int)
    by_day = dict.fromkeys(days, 0)
    mix = dict.fromkeys(LABELS, 0)
    day_mix = {d: dict.fromkeys(LABELS, 0) for d in days}
    for index, source, label, count in rows:
        if not offset <= index < offset + 7:
            continue
        day = days[index - offset]
        key = label if label in mix else "unscored"
        by_source[source] += count
        by_day[day] += count
        mix[key] += count
        day_mix[day][key] += count
    return {
        "week": str(week),
        "volume": {"total": sum(by_day.values()), "by_source": dict(sorted(by_source.items())), "by_day": by_day},
        "sentiment": {
            **mix,
            "net": net_sentiment(mix),
            "by_day": day_mix,
            "net_by_day": {d: net_sentiment(m) for d, m in day_mix.items()},
        },
    }


def _average(weeks: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(weeks)
    sources = sorted({s for w in weeks for s in w["volume"]["by_source"]})
    mix = {label: round(sum(w["sentiment"][label] for w in weeks) / n, 1) for label in LABELS}
    return {
        "weeks": [w["week"] for w in weeks],
        "volume": {
            "total": round(sum(w["volume"]["total"] for w in weeks) / n, 1),
            "by_source": {s: round(sum(w["volume"]["by_source"].get(s, 0) for w in weeks) / n, 1) for s in sources},
        },
        "sentiment": {**mix, "net": net_sentiment({k: round(v) for k, v in mix.items()})},
    }


def _post(row: dict[str, Any]) -> dict[str, Any]:
    text = str(row.get("text") or "")
    return {
        "source": row["source"],
        "id": row["post_id"],
        "url": row.get("url"),
        "author": row.get("author_handle"),
        "followers": row.get("author_followers"),
        "created_at": _iso(row.get("created_at")),
        "label": row.get("label"),
        "compound": row.get("compound"),
        "engagement": int(
            row.get("engagement") or sum(int(row.get(k) or 0) for k in ("likes", "reposts", "replies", "quotes"))
        ),
        "text": text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "\u2026",
    }


def _iso(value: Any) -> str | None:
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z") if value else None


def _themes(
    conn: UnitOfWork,
    config: Config,
    week: tuple[datetime, datetime],
    previous: tuple[datetime, datetime],
    brand: str | None,
    label: str,
) -> list[dict[str, Any]]:
    """Topics (stored per post) and recurring phrases of the week's posts with ``label``."""
    topic_totals = split_topics(store.topic_combinations(conn, *week, brand, label))
    topics = [t for t, _ in sorted(topic_totals.items(), key=lambda kv: (-kv[1], kv[0]))][:THEMES]
    excluded = [term for b in config.brands if brand in (None, b.name) for term in [b.name, *b.include]]
    found = scan(store.texts(conn, *week, brand, label, PHRASE_SAMPLE), excluded)
    phrases = distinct_phrases(found.phrases, THEMES + 4)  # a few spare: some are the same posts
    now, before = store.theme_counts(conn, [week, previous], brand, label, topics=topics, phrases=phrases)
    examples = store.posts_by_key(conn, [found.examples[k] for k in now if k in found.examples])
    themes: list[dict[str, Any]] = []
    seen: set[tuple[int, tuple[str, str] | None]] = set()  # (posts, example): phrases of the same posts
    for kind, names in (("topic", topics), ("phrase", phrases)):
        for name in names:
            key = f"{kind}:{name}"
            if kind == "phrase" and (now[key] < MIN_PHRASE_POSTS or len(themes) >= len(topics) + THEMES):
                continue
            example_key = found.examples.get(key)
            if kind == "phrase" and (now[key], example_key) in seen:
                continue
            if kind == "phrase":
                seen.add((now[key], example_key))
            example = examples.get(example_key) if example_key else None
            themes.append(
                {
                    "kind": kind,
                    "name": name,
                    "posts": now[key],
                    "previous_week": before[key],
                    "change": now[key] - before[key],
                    "change_pct": change_pct(now[key], before[key]),
                    "example": _post(example) if example else None,
                }
            )
    return sorted(themes, key=lambda t: (-t["posts"], t["kind"], t["name"]))


def build(
    conn: UnitOfWork, config: Config, week: Week, brand: str | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """The whole digest of ``week`` (for ``brand``, or all brands) as a JSON-ready dict."""
    now = now or datetime.now(UTC)
    zone = config.digest.zone
    first = week.shifted(-HISTORY_WEEKS)
    bounds = day_bounds(first.monday, 7 * (HISTORY_WEEKS + 1), zone)
    rows = store.mix_by_day(conn, bounds, brand)
    weeks = [_week_figures(first.shifted(i), rows, 7 * i) for i in range(HISTORY_WEEKS + 1)]
    current, previous = weeks[-1], weeks[-2]
    span = (midnight(week.monday, zone), midnight(week.monday + timedelta(days=7), zone))
    before = (midnight(week.monday - timedelta(days=7), zone), span[0])
    negatives = store.most_engaged(conn, *span, brand, "negative", TOP_POSTS)
    positives = store.most_engaged(conn, *span, brand, "positive", TOP_POSTS)
    incidents = activity.incidents(conn, span, brand)
    return {
        "schema": SCHEMA_VERSION,
        "week": str(week),
        "brand": brand,
        "timezone": config.digest.timezone,
        "start": _iso(span[0]),
        "end": _iso(span[1]),
        "complete": span[1] <= now,
        "generated_at": _iso(now),
        "volume": current["volume"],
        "sentiment": current["sentiment"],
        "previous_week": previous,
        "four_week_average": _average(weeks[:-1]),
        "change": {
            "volume_pct": change_pct(current["volume"]["total"], previous["volume"]["total"]),
            "negative_pct": change_pct(current["sentiment"]["negative"], previous["sentiment"]["negative"]),
            "net_points": _difference(current["sentiment"]["net"], previous["sentiment"]["net"]),
            "volume_vs_average_pct": change_pct(current["volume"]["total"], _average(weeks[:-1])["volume"]["total"]),
        },
        "incidents": incidents,
        "themes": {
            "complaints": _themes(conn, config, span, before, brand, "negative"),
            "praise": _themes(conn, config, span, before, brand, "positive"),
        },
        "top_posts": {"negative": [_post(r) for r in negatives], "positive": [_post(r) for r in positives]},
        "response": activity.response(conn, span, brand, incidents),
        "sources": activity.source_health(conn, config, span, now),
    }


def _difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else round(now - before, 1)
