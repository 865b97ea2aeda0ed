"""Release notes name what was fixed: "bug and crash fixes" is no complaint, a crash still is."""

from __future__ import annotations

import pytest

from monitor.scoring import Scorer


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    return Scorer()


def test_fixes_of_bugs_and_crashes_carry_no_complaint(scorer: Scorer) -> None:
    notes = scorer.score("Patch 2.15 notes are up: queue rework, 140+ bug and crash fixes", "en")
    assert notes.label == "neutral"
    assert scorer.score("Version 3.2 brings stability fixes for older phones", "en").compound >= 0


def test_a_crash_is_still_a_complaint_beside_a_fix_it_lacks(scorer: Scorer) -> None:
    assert scorer.score("Bug: the app crashes every time I log in", "en").label == "negative"
    assert scorer.score("the app keeps crashing, where are the crash fixes you promised", "en").label == "negative"
