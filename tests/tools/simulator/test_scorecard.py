"""The scorecard on a simulated week repmon was not tuned on: the targets of issue 8, asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import load
from tools.simulator.scorecard import DEFAULT_CONFIG, score_week
from tools.simulator.week_script import build_week

HELD_OUT_SEED = 7002  # tuning was done on seed 7000 only


@pytest.mark.slow
def test_a_held_out_week_meets_the_targets(tmp_path: Path) -> None:
    path = tmp_path / "week.jsonl"
    build_week(HELD_OUT_SEED, 2).write(path)
    score = score_week(path, tmp_path / "week.labels.jsonl", load(DEFAULT_CONFIG), HELD_OUT_SEED)
    assert score.lines > 10_000 and score.incidents >= 5
    assert score.caught == score.incidents, score.per_incident
    assert score.early >= score.incidents - 1, score.per_incident  # every one early but at most one
    assert score.hard_negatives_alerted == []
    assert score.false_per_day <= 1.0
