"""The driver's fast paths store exactly what SQLAlchemy's own column types would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, insert, select, text

from monitor.store import driver
from monitor.store.tables import Snapshot

MOMENTS = [
    datetime(2026, 11, 27, 18, 0, tzinfo=UTC),  # no microseconds: isoformat must still write them
    datetime(2026, 11, 27, 18, 0, 5, 123456, tzinfo=UTC),
    datetime(2026, 3, 29, 2, 30, 1, 7, tzinfo=timezone(timedelta(hours=-7))),  # converted to UTC
    datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC),  # a year below 1000: zero-padded, as SQLAlchemy pads it
]


@pytest.mark.parametrize("moment", MOMENTS, ids=str)
def test_a_time_written_through_the_driver_is_stored_as_sqlalchemy_stores_it(engine: Engine, moment: datetime) -> None:
    table = Snapshot.__table__  # type: ignore[attr-defined]
    with engine.begin() as uow:
        uow.execute(insert(table).values(source="orm", post_id="1", observed_at=moment))
        mark = driver.placeholder(uow)
        driver.execute_many(
            uow,
            f"INSERT INTO snapshots (source, post_id, observed_at) VALUES ({mark}, {mark}, {mark})",
            [("driver", "1", driver.to_db_time(uow, moment))],
        )
    with engine.connect() as uow:
        raw = dict(uow.execute(text("SELECT source, observed_at FROM snapshots")).all())
        typed = dict(uow.execute(select(table.c.source, table.c.observed_at)).all())
    assert raw["driver"] == raw["orm"]
    assert typed["driver"] == typed["orm"] == moment
