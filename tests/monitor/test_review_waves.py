"""A wave of app reviews about one failure is one spreading complaint; a store's everyday gripes are not.

Reviews of the brand's own app share no identifier and tell the failure in their own words; the
feature they name ("boarding pass") is common in the store's praise, rare in its complaints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from monitor.core.observations import Observation
from monitor.pipeline import Pipeline
from monitor.store.database import open_database
from monitor.store.tables import Incident
from tests.builders import at, config

INCIDENTS = Incident.__table__  # type: ignore[attr-defined]
BRANDS = {
    "brands": [{"name": "Northwind Air", "include": ["northwind"], "languages": [], "own_platforms": ["appstore"]}]
}
GRIPES = [  # what this store's one-star reviews are usually about: logins, again and again
    "Logs me out\nLogged me out again and the reset email never arrives.",
    "Crashes\nFreezes on the sign in page most mornings.",
    "Can't sign in\nSession expired twice in ten minutes. Useless.",
    "Fix the login\nThe verification code takes ages. Had to call instead.",
    "Frustrating\nFace ID stopped working since last week.",
    "Login broken\nStuck on the loading circle after sign in.",
]
PRAISE = "Handy\nBoarding pass in the wallet, no fuss."
WAVE = [
    "Update broke it\nBoarding passes don't survive the latest update. Screenshot yours.",
    "Broken update\nBoarding pass vanished after updating. Support says reinstall, that didn't help.",
    "Pass disappeared\nThe new update removed my saved boarding pass. Had to queue at the desk.",
    "Lost boarding pass\nUpdated the app at the gate and my boarding pass was gone. Terrible timing.",
]


def review(post_id: str, minute: float, text: str, rating: int) -> Observation:
    return Observation.model_validate(
        {
            "observed_at": at(minute + 5),
            "source": "appstore",
            "id": post_id,
            "created_at": at(minute),
            "author": {"id": f"reviewer-{post_id}", "handle": f"reviewer-{post_id}"},
            "text": text,
            "rating": rating,
            "engagement": {"likes": 0},
            "lang": "en",
        }
    )


def ordinary_days(hours: int) -> list[Observation]:
    """A gripe every 40 minutes, cycling through the usual six, and praise naming the boarding pass in between."""
    out = []
    for n in range(hours * 60 // 40):
        out.append(review(f"gripe{n}", 40 * n, GRIPES[n % len(GRIPES)], rating=1 + n % 2))
        out.append(review(f"praise{n}", 40 * n + 20, PRAISE, rating=5))
    return out


def alerting(engine: Engine, observations: list[Observation], page_size: int = 4) -> list[dict[str, Any]]:
    """Incidents that pinged the team, the reviews read ``page_size`` at a time (a store's feed pages them)."""
    observations.sort(key=lambda o: o.observed_at)
    clock = {"now": observations[0].observed_at}
    pipeline = Pipeline(engine, config("sqlite://", **BRANDS), clock=lambda: clock["now"])
    for index in range(0, len(observations), page_size):
        page = observations[index : index + page_size]
        clock["now"] = max(o.observed_at for o in page)
        pipeline.ingest(page)
    with engine.connect() as conn:
        found = conn.execute(select(INCIDENTS).where(INCIDENTS.c.level != "watch")).mappings()
        return [dict(row) for row in found]


@pytest.mark.slow
def test_a_day_of_ordinary_negative_reviews_raises_no_incident(engine: Engine) -> None:
    assert alerting(engine, ordinary_days(40)) == []


@pytest.mark.slow
def test_reviewers_telling_one_failure_in_their_own_words_within_the_hour_are_a_wave(engine: Engine) -> None:
    wave = [review(f"wave{n}", 36 * 60 + 15 * n, text, rating=1) for n, text in enumerate(WAVE)]
    found = alerting(engine, ordinary_days(40) + wave)
    assert [i["root_post_id"] for i in found] == ["wave0"]
    assert found[0]["reasons"][0].startswith("echoed by 4 distinct authors on 1 source")
    assert found[0]["first_alert_at"].replace(tzinfo=None) == wave[2].observed_at.replace(tzinfo=None)  # the third


@pytest.mark.slow
def test_a_wave_read_in_one_page_alerts_as_it_does_polled(tmp_path: Path) -> None:
    wave = [review(f"wave{n}", 36 * 60 + 15 * n, text, rating=1) for n, text in enumerate(WAVE)]
    polled = alerting(open_database(f"sqlite:///{tmp_path / 'polled.db'}"), ordinary_days(40) + wave)
    at_once = alerting(open_database(f"sqlite:///{tmp_path / 'once.db'}"), ordinary_days(40) + wave, page_size=10**6)
    assert [(i["key"], i["first_alert_at"]) for i in at_once] == [(i["key"], i["first_alert_at"]) for i in polled]
    assert len(polled) == 1


@pytest.mark.slow
def test_a_wave_within_one_minute_alerts_at_its_third_reviewer_however_it_is_read(tmp_path: Path) -> None:
    """Findings of one minute are kept as its strongest, timed when that level was first reached:
    read in one page, a fourth review seconds later must not move the alert to its own time."""
    wave = [review(f"wave{n}", 36 * 60 + n / 6, text, rating=1) for n, text in enumerate(WAVE)]  # 10 s apart
    polled = alerting(open_database(f"sqlite:///{tmp_path / 'polled.db'}"), ordinary_days(40) + wave, page_size=1)
    at_once = alerting(open_database(f"sqlite:///{tmp_path / 'once.db'}"), ordinary_days(40) + wave, page_size=10**6)
    third = wave[2].observed_at.replace(tzinfo=None)
    assert [i["first_alert_at"].replace(tzinfo=None) for i in polled] == [third]
    assert [i["first_alert_at"].replace(tzinfo=None) for i in at_once] == [third]
