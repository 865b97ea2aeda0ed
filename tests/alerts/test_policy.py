"""The channel gate: quiet hours (across midnight, in the team's time zone) and the budget per channel."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from alerts.config import SlackConfig
from alerts.policy import NotifyPolicy, QuietHours
from alerts.summary import HeldAlert, HeldSummary, build_summary
from monitor.core.statuses import Decision
from monitor.core.view import IncidentView, PostView

PARIS_NIGHT = QuietHours.parse("22:00-07:00", "Europe/Paris")


@pytest.mark.parametrize(
    ("utc", "quiet"),
    [
        ("2026-11-20T20:59", False),  # 21:59 in Paris (UTC+1 in November)
        ("2026-11-20T21:00", True),  # 22:00: the window opens
        ("2026-11-21T02:00", True),  # past midnight
        ("2026-11-21T05:59", True),
        ("2026-11-21T06:00", False),  # 07:00: it ends (the end is not part of it)
        ("2026-07-01T20:30", True),  # 22:30 in summer (UTC+2)
        ("2026-07-01T05:00", False),  # 07:00 in summer
    ],
)
def test_quiet_hours_cross_midnight_in_local_time(utc: str, quiet: bool) -> None:
    assert PARIS_NIGHT.contains(datetime.fromisoformat(utc).replace(tzinfo=UTC)) is quiet


def test_quiet_hours_say_when_they_end() -> None:
    late = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)  # 00:30 in Paris
    assert PARIS_NIGHT.ends_after(late) == datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
    lunch = QuietHours.parse("12:00-13:30")
    assert lunch.contains(datetime(2026, 11, 20, 12, 45, tzinfo=UTC))
    assert not lunch.contains(datetime(2026, 11, 20, 21, 0, tzinfo=UTC))
    assert lunch.ends_after(datetime(2026, 11, 20, 12, 45, tzinfo=UTC)) == datetime(2026, 11, 20, 13, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("window", "zone", "error"),
    [
        ("late", "UTC", "expected HH:MM-HH:MM such as '22:00-07:00', got 'late'"),
        ("25:00-07:00", "UTC", "expected HH:MM-HH:MM"),
        ("22:00-22:00", "UTC", "start and end are the same"),
        ("22:00-07:00", "Mars/Olympus", "unknown time zone 'Mars/Olympus'"),
    ],
)
def test_a_bad_window_or_zone_is_one_line(window: str, zone: str, error: str) -> None:
    with pytest.raises(ValueError, match="^" + error.replace("(", r"\(").replace(")", r"\)")) as caught:
        QuietHours.parse(window, zone)
    assert "\n" not in str(caught.value)


def test_the_budget_counts_per_channel_and_zero_is_unlimited() -> None:
    policy = SlackConfig(enabled=False, budget_per_hour=3, channel_budgets={"#priority": 1, "#firehose": 0}).policy()
    now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert policy.hold(now, "#alerts", 2) is None
    held = policy.hold(now, "#alerts", 3)
    assert held is not None and held.decision is Decision.BUDGET and "3 of 3" in held.reason
    assert policy.hold(now, "#priority", 1) is not None  # its own, smaller budget
    assert policy.hold(now, "#firehose", 500) is None  # 0: unlimited
    assert not NotifyPolicy().active and NotifyPolicy().hold(now, None, 10_000) is None


def test_quiet_hours_come_before_the_budget() -> None:
    policy = NotifyPolicy(budget_per_hour=5, quiet_hours=PARIS_NIGHT)
    held = policy.hold(datetime(2026, 11, 20, 23, 0, tzinfo=UTC), "#alerts", 0)
    assert held is not None and held.decision is Decision.QUIET_HOURS
    assert "held until 07:00" in held.reason and "Europe/Paris" in held.reason


def _held(
    key: str, text: str, url: str | None, *, new: bool = True, hold: Decision = Decision.QUIET_HOURS
) -> HeldAlert:
    moment = datetime(2026, 11, 20, 22, 10, tzinfo=UTC)
    post = PostView("reddit", key, url, "dana", 120, text, -0.7, "negative", moment)
    view = IncidentView(f"reddit:{key}", "Northwind Air", "spreading", "open", 1.2, ["why"], post, 1, 1, ["reddit"],
                        "", False, moment, 1)  # fmt: skip
    return HeldAlert(view, frozenset({hold.value}), moment, new, "C0ALERTS", None if new else "17.5")


def test_the_summary_lists_every_held_alert_with_links_and_escapes_user_text() -> None:
    hostile = "<!channel> refund here: <http://evil.example|northwindair.com> @here & more"
    summary = HeldSummary(
        7,
        [_held("a", hostile, "https://example.test/a"), _held("b", "lost my bag", None, new=False)],
        quiet_hours=str(PARIS_NIGHT),
    )
    text, blocks = build_summary(summary)
    body = text + "".join(str(b) for b in blocks)
    assert "2 alerts were held during quiet hours (22:00-07:00 Europe/Paris)" in body
    assert "<!channel>" not in body and "<http://evil.example|" not in body
    assert "&lt;!channel&gt;" in body and "&amp; more" in body
    assert "<https://example.test/a|open the post>" in body
    assert "<https://slack.com/archives/C0ALERTS/p175|the alert>" in body  # the update links its alert
    assert "`reddit:a`" in body and "`reddit:b`" in body
    assert "· new alert" in body and "· update" in body and "(open)" not in body


def test_the_summary_says_when_the_team_handled_a_held_alert_meanwhile() -> None:
    held = _held("a", "lost my bag", None)
    resolved = HeldAlert(replace(held.view, status="resolved"), held.holds, held.held_since, held.new)
    assert "new alert (resolved)" in str(build_summary(HeldSummary(3, [resolved]))[1])


def test_a_long_hold_is_counted_beyond_what_one_message_can_list() -> None:
    many = [_held(f"p{n}", f"complaint {n}", None, hold=Decision.BUDGET) for n in range(55)]
    text, blocks = build_summary(HeldSummary(1, many, budget=4))
    assert len(blocks) <= 50
    assert "55 alerts were held over the budget of 4 an hour" in text
    assert "…and 15 more" in str(blocks[-1])


def test_quiet_hours_end_a_day_later_when_asked_exactly_at_the_end() -> None:
    end = datetime(2026, 11, 21, 6, 0, tzinfo=UTC)
    assert PARIS_NIGHT.ends_after(end) == end + timedelta(days=1)
