"""The digest's figures against a week whose numbers are known by construction (week_fixture.PLAN)."""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text

from monitor.config import Config
from monitor.digest import output
from monitor.digest.themes import phrases_of
from monitor.digest.weeks import Week
from monitor.store.database import open_database
from tests.builders import config
from tests.monitor.digest import week_fixture as fx

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def cfg(url: str, **digest: str) -> Config:
    return config(
        url,
        brands=[{"name": fx.BRAND, "include": ["northwind air"]}, {"name": fx.OTHER, "include": ["contoso"]}],
        sources=[{"type": "replay", "name": "feed", "path": "feed.jsonl", "interval": "1h"}],
        digest=digest,
    )


def expected(offset: int) -> dict[str, object]:
    """Volume and sentiment of week ``offset`` straight from the plan."""
    by_source: Counter[str] = Counter()
    by_label: Counter[str] = Counter()
    by_day: Counter[str] = Counter()
    for (week, day, source, label), count in fx.PLAN.items():
        if week == offset and count:
            by_source[source] += count
            by_label[label] += count
            by_day[(fx.MONDAY + timedelta(weeks=offset, days=day)).date().isoformat()] += count
    return {"by_source": dict(by_source), "by_label": by_label, "by_day": by_day, "total": sum(by_source.values())}


@pytest.fixture(scope="module")
def week_digest(module_db_url: str) -> Iterator[dict[str, object]]:
    """The fixture week's digest, built once per backend: the tests below only read it."""
    engine = open_database(module_db_url)
    fx.build(engine)
    yield output.build(engine, cfg(module_db_url), Week.parse(fx.WEEK), fx.BRAND, NOW)
    engine.dispose()


@pytest.fixture
def digest(week_digest: dict[str, object]) -> dict[str, object]:
    return copy.deepcopy(week_digest)  # each test gets its own, whatever the one before did with it


def test_volume_and_sentiment_match_the_construction(digest: dict[str, object]) -> None:
    week = expected(0)
    volume = digest["volume"]
    assert digest["week"] == fx.WEEK and digest["complete"] is True
    assert volume["total"] == week["total"]
    assert volume["by_source"] == week["by_source"]
    assert volume["by_day"] == {day: week["by_day"][day] for day in volume["by_day"]}
    assert len(volume["by_day"]) == 7 and min(volume["by_day"]) == "2026-11-16"
    sentiment = digest["sentiment"]
    for label in ("positive", "neutral", "negative", "unscored"):
        assert sentiment[label] == week["by_label"][label]
    pos, neu, neg = (week["by_label"][k] for k in ("positive", "neutral", "negative"))
    assert sentiment["net"] == round(100 * (pos - neg) / (pos + neu + neg), 1)


def test_previous_week_and_four_week_average(digest: dict[str, object]) -> None:
    before = expected(-1)
    previous = digest["previous_week"]
    assert previous["week"] == "2026-W46"
    assert previous["volume"]["total"] == before["total"]
    assert previous["volume"]["by_source"] == before["by_source"]
    assert previous["sentiment"]["negative"] == before["by_label"]["negative"]
    totals = [expected(offset)["total"] for offset in (-1, -2, -3, -4)]
    assert digest["four_week_average"]["volume"]["total"] == round(sum(totals) / 4, 1)
    change = digest["change"]
    assert change["volume_pct"] == round(100 * (expected(0)["total"] - before["total"]) / before["total"], 1)
    assert change["net_points"] == round(digest["sentiment"]["net"] - previous["sentiment"]["net"], 1)


def test_all_brands_count_the_other_brand_too(engine: Engine, db_url: str) -> None:
    fx.build(engine)
    every = output.build(engine, cfg(db_url), Week.parse(fx.WEEK), None, NOW)
    assert every["volume"]["total"] == expected(0)["total"] + 1  # the Contoso post; not the edge traps
    assert len(every["incidents"]) == 3


def test_days_follow_the_configured_time_zone(engine: Engine, db_url: str) -> None:
    fx.build(engine, incidents=False, polls=False)
    # Pacific/Kiritimati is UTC+14: a post at 10:xx UTC on Monday is already Monday evening local,
    # and the 10:xx UTC posts of Sunday 22 Nov fall on Monday 23 Nov local, outside the week
    east = output.build(engine, cfg(db_url, timezone="Pacific/Kiritimati"), Week.parse(fx.WEEK), fx.BRAND, NOW)
    assert east["start"] == "2026-11-15T10:00:00Z"
    sunday = sum(n for (w, d, _s, _l), n in fx.PLAN.items() if w == 0 and d == 6)
    assert (
        east["volume"]["total"]
        == expected(0)["total"] - sunday + sum(n for (w, d, _s, _l), n in fx.PLAN.items() if w == 1 and d == 6) + 1
    )  # the "next-week" trap, written at Monday 00:00 UTC, is Monday 14:00 local: inside


def test_complaint_themes_count_topics_and_recurring_phrases(digest: dict[str, object]) -> None:
    complaints = {(t["kind"], t["name"]): t for t in digest["themes"]["complaints"]}
    refund = complaints[("topic", "refund")]
    assert (refund["posts"], refund["previous_week"], refund["change"]) == (6, fx.PREVIOUS_REFUNDS, 6 - 3)
    assert complaints[("topic", "double_charge")]["posts"] == 2
    assert refund["example"]["text"] == fx.REFUND
    luggage = [t for (kind, name), t in complaints.items() if kind == "phrase" and name in phrases_of(fx.LUGGAGE)]
    assert len(luggage) == 1, "one theme per recurring complaint, not one per overlapping phrase"
    assert luggage[0]["posts"] == 8  # the other brand's identical post is not counted
    assert luggage[0]["previous_week"] == 5 - fx.PREVIOUS_REFUNDS
    assert all("northwind" not in name for _kind, name in complaints)
    praise = digest["themes"]["praise"]
    assert praise and praise[0]["posts"] == expected(0)["by_label"]["positive"]
    assert praise[0]["name"] in phrases_of(fx.PRAISE)


def test_most_engaging_posts(digest: dict[str, object]) -> None:
    negative = digest["top_posts"]["negative"]
    assert negative[0]["engagement"] == fx.TOP_NEGATIVE_LIKES
    assert [p["engagement"] for p in negative] == sorted((p["engagement"] for p in negative), reverse=True)
    assert all(p["label"] == "positive" for p in digest["top_posts"]["positive"])


def test_incidents_and_response_before_anyone_acted(digest: dict[str, object]) -> None:
    incidents = {i["key"]: i for i in digest["incidents"]}
    assert set(incidents) == {"i-res", "i-closed"}
    resolved = incidents["i-res"]
    assert resolved["outcome"] == "resolved" and resolved["level"] == "critical"
    assert resolved["sources"] == [{"source": "bluesky", "posts": 1}, {"source": "reddit", "posts": 1}]
    assert resolved["posts"] == 2 and resolved["minutes_post_to_alert"] == 60.0
    assert resolved["slack_link"] == "https://slack.com/archives/C0ALERTS/p1700000000000001"
    assert incidents["i-closed"]["outcome"] == "closed by cooling down"
    assert resolved["recorded"] == {"acknowledged": True, "replied": True} and resolved["acknowledged_by"] is None
    response = digest["response"]
    assert response["incidents_raised"] == 2 and response["critical"] == 1
    assert response["share_resolved"] == 0.5 and response["alerts_held"] == 1
    assert response["acknowledged"] == 0 and response["median_minutes_to_acknowledge"] is None
    assert response["not_relevant"] == 0
    assert response["recorded"] == {"acknowledged": True, "replied": True, "feedback": True}


@pytest.mark.slow
def test_response_reads_what_the_slack_workflow_recorded(engine: Engine, db_url: str) -> None:
    fx.build(engine)
    first = fx.MONDAY + timedelta(days=1, hours=11)
    with engine.begin() as conn:  # what the Slack buttons record
        conn.execute(
            text(
                "UPDATE incidents SET acknowledged_at = :ack, acknowledged_by = 'U0MAYA', "
                "acknowledged_by_name = 'Maya', replied_at = :reply WHERE key = 'i-res'"
            ),
            {
                "ack": (first + timedelta(minutes=12)).replace(tzinfo=None),
                "reply": (first + timedelta(minutes=40)).replace(tzinfo=None),
            },
        )
        conn.execute(
            text(
                "INSERT INTO incident_feedback (incident_id, user_id, user_name, reason, created_at) "
                "VALUES (2, 'U0SAM', 'Sam', 'not_about_us', :at)"
            ),
            {"at": (first + timedelta(days=2)).replace(tzinfo=None)},
        )
    digest = output.build(engine, cfg(db_url), Week.parse(fx.WEEK), fx.BRAND, NOW)
    response = digest["response"]
    assert response["median_minutes_to_acknowledge"] == 12.0
    assert response["median_minutes_to_first_reply"] == 40.0
    assert response["acknowledged"] == 1 and response["not_relevant"] == 1
    resolved = next(i for i in digest["incidents"] if i["key"] == "i-res")
    assert resolved["acknowledged_by"] == "Maya" and resolved["minutes_to_acknowledge"] == 12.0
    closed = next(i for i in digest["incidents"] if i["key"] == "i-closed")
    assert closed["outcome"] == "not relevant" and closed["not_relevant_reason"] == "not_about_us"


def test_source_health_shows_polls_failures_and_gaps(digest: dict[str, object]) -> None:
    (feed,) = digest["sources"]
    assert feed["source"] == "feed" and feed["recorded"] is True
    assert (feed["polls"], feed["failures"], feed["items_fetched"]) == (fx.POLLS, len(fx.POLL_FAILED), fx.ITEMS)
    hours = len(fx.POLL_SKIPPED) + 1  # from the last poll before the hole to the first after it
    assert [g["hours"] for g in feed["gaps"]] == [float(hours)]  # the failed pair leaves 3 h: not a gap
    assert feed["last_error"] == "feed: HTTP 503" and feed["healthy"] is False


def test_a_store_without_poll_history_says_not_recorded(engine: Engine, db_url: str) -> None:
    fx.build(engine, polls=False)
    digest = output.build(engine, cfg(db_url), Week.parse(fx.WEEK), fx.BRAND, NOW)
    assert digest["sources"][0]["recorded"] is False and digest["sources"][0]["polls"] is None


def test_a_source_that_never_polled_that_week_is_one_long_gap(engine: Engine, db_url: str) -> None:
    fx.build(engine)
    config_ = cfg(db_url)
    config_.sources[0].name = "silent"  # configured, with no poll recorded at all
    digest = output.build(engine, config_, Week.parse(fx.WEEK), fx.BRAND, NOW)
    silent = next(s for s in digest["sources"] if s["source"] == "silent")
    assert silent["polls"] == 0 and [g["hours"] for g in silent["gaps"]] == [7 * 24.0]
    assert silent["healthy"] is False
