"""The driver's fast paths store exactly what SQLAlchemy's own column types would."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine, insert, select, text

from monitor.store import driver
from monitor.store.tables import Post, Snapshot

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


def test_a_column_of_times_is_converted_as_each_time_alone(engine: Engine) -> None:
    """The batch writes convert a column at once (each UTC moment once); every value as ``to_db_time`` would."""
    moments = [*MOMENTS, None, MOMENTS[0], MOMENTS[1].astimezone(timezone(timedelta(hours=2))), MOMENTS[1]]
    with engine.connect() as uow:
        assert driver.time_column(uow)(moments) == [driver.to_db_time(uow, m) for m in moments]


def test_sqlite_times_are_remembered_across_calls_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A page writes a re-sighting's time twice (state, then snapshot): the second call finds the text."""
    monkeypatch.setattr(driver, "_SQLITE_TIMES", {})
    monkeypatch.setattr(driver, "SQLITE_TIMES_HELD", 3)
    first = driver._sqlite_time_column(MOMENTS)
    assert first == [driver._to_sqlite_time(m) for m in MOMENTS]
    assert set(driver._SQLITE_TIMES) == {MOMENTS[0], MOMENTS[1], MOMENTS[3]}  # only UTC moments are kept
    driver._SQLITE_TIMES[MOMENTS[0]] = "remembered"  # (never so: a stand-in to see the memo is read)
    assert driver._sqlite_time_column([MOMENTS[0]]) == ["remembered"]
    later = [MOMENTS[0] + timedelta(seconds=n) for n in range(1, 3)]
    driver._sqlite_time_column(later)  # over the bound now: the next call starts again
    assert len(driver._SQLITE_TIMES) == 5
    assert driver._sqlite_time_column([MOMENTS[0]]) == [driver._to_sqlite_time(MOMENTS[0])]
    assert set(driver._SQLITE_TIMES) == {MOMENTS[0]}


def test_a_row_missing_a_column_takes_its_default_and_typed_columns_are_converted(engine: Engine) -> None:
    table = Post.__table__  # type: ignore[attr-defined]
    moment = MOMENTS[1]
    full = {c.name: None for c in table.columns} | {"source": "a", "post_id": "1", "upset": 1, "extra": {"k": [1]}}
    partial = {"source": "a", "post_id": "2", "created_at": moment}
    with engine.connect() as uow:
        values = driver.row_values(uow, table, [full, partial])
        columns = dict(zip([c.name for c in table.columns], values, strict=True))
        assert columns["post_id"] == ["1", "2"]
        assert columns["upset"] == [True, False]  # bound as SQLAlchemy binds a Boolean; the default where missing
        assert columns["label"] == [None, "unscored"]
        assert columns["extra"] == ['{"k": [1]}', "null"]
        assert columns["created_at"] == [None, driver.to_db_time(uow, moment)]


def test_a_mapping_that_invents_values_still_takes_the_column_default(engine: Engine) -> None:
    """Only a plain dict is read without checking its columns: a defaultdict would answer for a missing one."""
    table = Post.__table__  # type: ignore[attr-defined]
    complete = {c.name: None for c in table.columns} | {"source": "a", "post_id": "1"}
    inventing: defaultdict[str, object] = defaultdict(lambda: "invented", {"source": "a", "post_id": "2"})
    with engine.connect() as uow:
        for rows in ([complete, inventing], [inventing, complete], [{"source": "a", "post_id": "3"}, complete]):
            columns = dict(zip([c.name for c in table.columns], driver.row_values(uow, table, rows), strict=True))
            assert "invented" not in columns["label"]
            assert sorted(map(str, columns["label"])) == ["None", "unscored"]
