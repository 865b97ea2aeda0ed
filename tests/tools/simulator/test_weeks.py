"""Simulated weeks: realistic volume and mix, labels that name what the scorecard needs, same seed same week."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from monitor.core.observations import read_file
from tools.simulator.week_script import build_week


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("week") / "week.jsonl"
    build_week(7001, 0, days=2, per_day=250).write(path)
    return path


@pytest.mark.slow
def test_a_week_is_the_same_for_the_same_seed(week: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.jsonl"
    build_week(7001, 0, days=2, per_day=250).write(again)
    assert again.read_bytes() == week.read_bytes()


@pytest.mark.slow
def test_a_week_has_everyday_complaints_that_are_all_different(week: Path) -> None:
    observations = read_file(week).observations
    texts = {o.key: o.text for o in observations}
    assert len(texts) > 450
    sources = Counter(key[0] for key in texts)
    assert set(sources) >= {"bluesky", "mastodon", "reddit", "hackernews", "appstore", "rss"}
    delays = [t for t in texts.values() if "delayed" in t.lower()]
    assert len(delays) >= 20  # a recurring topic, the storm day included
    assert len(set(delays)) >= 0.95 * len(delays)  # independent people rarely write the same sentence


@pytest.mark.slow
def test_labels_name_every_kind_the_scorecard_scores(week: Path) -> None:
    labels = [json.loads(line) for line in week.with_name("week.labels.jsonl").read_text().splitlines()]
    kinds = {label["kind"] for label in labels}
    assert kinds >= {"burst", "high_reach", "echo", "app_wave", "foreign", "plain_failure"}
    assert kinds >= {"viral_praise", "viral_news", "angry_ignored", "angry_ordinary", "repeater", "topic_burst"}
    assert all(label["spreading"] == ("incident" in label) for label in labels)
    repeats = {label["id"] for label in labels if label["kind"] == "repeater"}
    authors = {o.author.id for o in read_file(week).observations if o.id in repeats}
    assert len(repeats) >= 8 and len(authors) == 1
