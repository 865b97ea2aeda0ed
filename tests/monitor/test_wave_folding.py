"""Waves of reviews of one app at the same time are one incident: one Slack message, not one per wording.

A broken release fills its store with one-star reviews in several wordings; each wording gathers
its own wave, and the app's wave incident takes in the others while it is active.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, select

from monitor.ingest.folding import is_app_wave
from monitor.store.database import UnitOfWork
from monitor.store.tables import Incident, IncidentPost
from tests.monitor.test_review_waves import WAVE, alerting, ordinary_days, review

INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
MEMBERS = IncidentPost.__table__  # type: ignore[attr-defined]
SEAT_WAVE = [  # the same afternoon, another feature, other words: a wave of its own
    "Seat map gone\nThe seat map is blank, cannot pick a seat at all.",
    "No seat selection\nSeat selection screen stays blank. Paid for nothing.",
    "Seats broken\nThe seat map never loads. Useless.",
    "Seat picker\nSeat map shows nothing, tried on wifi and 4G.",
]


def _members(engine: Engine, incident: dict[str, Any]) -> set[str]:
    with engine.connect() as conn:
        held = conn.execute(select(MEMBERS.c.post_id).where(MEMBERS.c.incident_id == incident["id"]))
        return {str(p) for p in held.scalars()}


def _all_incidents(engine: Engine) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(INCIDENTS)).mappings()]


@pytest.mark.slow
def test_two_waves_of_one_app_at_the_same_time_are_one_incident(engine: Engine) -> None:
    passes = [review(f"wave{n}", 36 * 60 + 15 * n, text, rating=1) for n, text in enumerate(WAVE)]
    seats = [review(f"seat{n}", 36 * 60 + 90 + 15 * n, text, rating=1) for n, text in enumerate(SEAT_WAVE)]
    found = alerting(engine, ordinary_days(40) + passes + seats)
    assert [i["root_post_id"] for i in found] == ["wave0"]
    held = _members(engine, found[0])
    assert {"wave0", "wave3", "seat0", "seat3"} <= held, held  # both wordings, in one message
    seat_levels = {i["level"] for i in _all_incidents(engine) if i["root_post_id"].startswith("seat")}
    assert seat_levels <= {"watch"}, seat_levels  # on watch it waited alone; when it would ping, it folded
    reasons = found[0]["reasons"]
    assert any(r.startswith("the same app's reviews in other words: echoed by") for r in reasons), reasons


@pytest.mark.slow
def test_a_wave_after_the_first_went_quiet_is_its_own_incident(engine: Engine) -> None:
    passes = [review(f"wave{n}", 36 * 60 + 15 * n, text, rating=1) for n, text in enumerate(WAVE)]
    seats = [review(f"seat{n}", 46 * 60 + 15 * n, text, rating=1) for n, text in enumerate(SEAT_WAVE)]
    found = alerting(engine, ordinary_days(50) + passes + seats)
    assert sorted(i["root_post_id"] for i in found) == ["seat0", "wave0"]


def test_reviews_echoing_each_others_words_are_a_wave_too(engine: Engine) -> None:
    """Two reviews joined by their words (an echo, not the feature rule) are still the app's reviews;
    a cluster told mostly on social sites is not."""
    with UnitOfWork(engine) as uow:
        assert is_app_wave(uow, [("appstore", "a"), ("googleplay", "b"), ("reddit", "c")], {})
        assert not is_app_wave(uow, [("appstore", "a"), ("reddit", "b"), ("bluesky", "c")], {})
        assert not is_app_wave(uow, [("reddit", "a"), ("bluesky", "b")], {})
