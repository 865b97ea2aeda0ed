"""Spread detection rules, on evidence records (no database)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from monitor.config import DetectionConfig
from monitor.spread import echo
from monitor.spread.baseline import MIN_SAMPLES, VelocityBaseline
from monitor.spread.chance import poisson_tail, unlikely_count
from monitor.spread.detector import Evidence, assess, known_dispersion, material_changes

CFG = DetectionConfig()


def quiet(**overrides: object) -> Evidence:
    evidence = Evidence(source="bluesky", author="ana", followers=300, engagement_total=4)
    for name, value in overrides.items():
        setattr(evidence, name, value)
    return evidence


def level_of(evidence: Evidence) -> str | None:
    result = assess(evidence, CFG)
    return None if result is None else str(result.level)


def test_cold_start_needs_an_unmistakable_rate() -> None:
    young = {"baseline_median": None, "gained": {"likes": 40}, "window": timedelta(minutes=30)}
    assert assess(quiet(rate_per_hour=40, **young), CFG) is None
    near = assess(quiet(rate_per_hour=80, **young), CFG)
    assert near is not None and near.level == "watch"  # recorded, nobody pinged
    result = assess(quiet(rate_per_hour=150, **young), CFG)
    assert result is not None
    assert result.reasons == ["likes +40 in 30 min (150/h; no baseline for this source yet)"]


def test_nothing_spreading_raises_nothing() -> None:
    assert assess(quiet(), CFG) is None
    # fast for a tiny source, but under the absolute floor: at most on watch, which pings nobody
    tiny = quiet(rate_per_hour=18, baseline_median=0.5, gained={"likes": 9}, window=timedelta(minutes=30))
    assert level_of(tiny) == "watch"
    assert (
        level_of(quiet(rate_per_hour=12, baseline_median=0.5, gained={"likes": 6}, window=timedelta(minutes=30)))
        is None
    )
    # busy, but normal for this source
    assert (
        assess(
            quiet(rate_per_hour=200, baseline_median=60, gained={"likes": 100}, window=timedelta(minutes=30)),
            CFG,
        )
        is None
    )


def test_velocity_far_above_the_source_median_alerts_with_figures() -> None:
    evidence = quiet(
        rate_per_hour=680,
        baseline_median=17,
        gained={"likes": 340, "reposts": 0},
        window=timedelta(minutes=30),
        engagement_total=360,
    )
    result = assess(evidence, CFG)
    assert result is not None
    assert result.kinds == ["velocity"]
    assert result.reasons == ["likes +340 in 30 min, 40x this source's median rate"]
    assert result.level == "spreading"


def test_acceleration_is_named_and_adds_weight() -> None:
    base = {
        "rate_per_hour": 600.0,
        "baseline_median": 10.0,
        "gained": {"likes": 600},
        "window": timedelta(hours=1),
    }
    steady = assess(quiet(**base, previous_rate_per_hour=550.0), CFG)
    speeding = assess(quiet(**base, previous_rate_per_hour=100.0), CFG)
    assert steady is not None and speeding is not None
    assert speeding.score > steady.score
    assert "accelerating: 6x the rate of the window before" in speeding.reasons


def test_echo_by_distinct_authors_alerts() -> None:
    two = assess(quiet(echo_authors=2, echo_recent_authors=2), CFG)
    assert two is not None and two.level == "watch"
    result = assess(quiet(echo_authors=6, echo_recent_authors=6, echo_sources=2), CFG)
    assert result is not None
    assert result.reasons == ["echoed by 6 distinct authors on 2 sources"]


def test_an_echo_must_outrun_what_coincidence_explains() -> None:
    # a busy topic: about 1.5 matching authors per window would be usual
    busy = {"echo_authors": 4, "echo_recent_authors": 4, "echo_expected": 1.5}
    assert level_of(quiet(**busy)) == "watch"
    result = assess(quiet(echo_authors=7, echo_recent_authors=7, echo_expected=1.5), CFG)
    assert result is not None and result.level != "watch"
    assert "1.5 would be usual in that time for a complaint like this" in result.reasons[0]


def test_a_story_told_before_must_be_rare_at_its_own_pace_not_just_three_times_it() -> None:
    # a gripe told about twice per window: eight voices is four times its pace, yet such gripes come in bunches
    told = {"echo_expected": 2.0, "echo_known": 2.0}
    assert level_of(quiet(echo_authors=10, echo_recent_authors=10, **told)) == "watch"
    assert level_of(quiet(echo_authors=11, echo_recent_authors=11, **told)) in {"spreading", "viral"}
    # counted as Poisson (no bunching beyond chance), nine voices were already rare enough
    poisson = CFG.model_copy(update={"echo_known_dispersion": 0.0})
    eight = assess(quiet(echo_authors=8, echo_recent_authors=8, **told), poisson)
    assert eight is None or eight.level == "watch"
    nine = assess(quiet(echo_authors=9, echo_recent_authors=9, **told), poisson)
    assert nine is not None and nine.level != "watch"
    # the same count, explained by coincidence alone rather than the story's history, is the surge rule's
    assert level_of(quiet(echo_authors=8, echo_recent_authors=8, echo_expected=2.0)) != "watch"


def test_a_pace_measured_on_a_few_tellings_needs_more_voices_than_one_measured_on_a_week() -> None:
    told = {"echo_expected": 2.0, "echo_known": 2.0}
    # a week of tellings pins the pace down: the bunching alone decides, as before
    settled = quiet(echo_authors=11, echo_recent_authors=11, echo_known_support=400.0, **told)
    assert level_of(settled) in {"spreading", "viral"}
    # the same pace read from three tellings on the first morning: eleven is not rare enough yet
    young = quiet(echo_authors=11, echo_recent_authors=11, echo_known_support=3.0, **told)
    assert level_of(young) == "watch"
    assert known_dispersion(young, CFG) == pytest.approx(1 / (1 / 4 + 1 / 3))
    assert known_dispersion(quiet(**told), CFG) == CFG.echo_known_dispersion  # support unknown: as configured
    poisson = CFG.model_copy(update={"echo_known_dispersion": 0.0})
    assert known_dispersion(young, poisson) == 3.0 and known_dispersion(quiet(**told), poisson) == 0.0


def test_the_fewest_voices_a_pace_reaches_only_rarely() -> None:
    assert unlikely_count(0.0, 0.001) == 0
    assert unlikely_count(1.0, 0.001) == 6  # P(X >= 5 | 1) = 0.0037, P(X >= 6 | 1) = 0.0006
    assert poisson_tail(unlikely_count(2.2, 0.001), 2.2) <= 0.001 < poisson_tail(unlikely_count(2.2, 0.001) - 1, 2.2)


def test_a_bunched_pace_needs_more_voices_than_a_poisson_one() -> None:
    """A negative binomial of size k has variance mean + mean²/k: the smaller k, the more bunched."""
    assert unlikely_count(1.0, 0.001, 4.0) == 7  # at k=4, P(X >= 6 | 1) = 0.0031 and P(X >= 7 | 1) = 0.0009
    assert unlikely_count(2.0, 0.001, 4.0) == 11
    assert unlikely_count(2.0, 0.001, 1.0) > unlikely_count(2.0, 0.001, 4.0) > unlikely_count(2.0, 0.001)
    assert unlikely_count(2.0, 0.001, 1e9) == unlikely_count(2.0, 0.001)  # k -> infinity is Poisson
    assert unlikely_count(0.0, 0.001, 4.0) == 0


def test_authors_that_joined_long_ago_do_not_make_a_burst() -> None:
    assert level_of(quiet(echo_authors=9, echo_recent_authors=2)) == "watch"


def test_an_echo_sharing_no_identifier_needs_more_voices() -> None:
    three = {"echo_authors": 3, "echo_recent_authors": 3}
    assert level_of(quiet(**three)) == "spreading"
    assert level_of(quiet(**three, echo_anchored=False)) == "watch"
    four = assess(quiet(echo_authors=4, echo_recent_authors=4, echo_anchored=False), CFG)
    assert four is not None and four.level == "spreading"


def test_a_failure_report_that_does_not_read_upset_alerts_with_a_plain_note() -> None:
    fast = {"rate_per_hour": 900.0, "baseline_median": 10.0, "gained": {"likes": 900}, "window": timedelta(hours=1)}
    result = assess(quiet(**fast, upset=False, sentiment="unscored"), CFG)
    assert result is not None and result.level != "watch"
    assert result.reasons[-1].startswith("sentiment unscored")
    neutral = assess(quiet(**fast, upset=False, sentiment="neutral"), CFG)
    assert neutral is not None and "sentiment uncertain: the words read neutral" in neutral.reasons[-1]
    # twice the usual bar: a happy story that mentions a delay also travels
    modest = {"rate_per_hour": 150.0, "baseline_median": 10.0, "gained": {"likes": 150}, "window": timedelta(hours=1)}
    upset_modest = assess(quiet(**modest), CFG)
    assert upset_modest is not None and upset_modest.level == "spreading"
    unsure_modest = assess(quiet(**modest, upset=False, sentiment="positive"), CFG)
    assert unsure_modest is not None and unsure_modest.level == "watch"


def test_high_reach_and_key_accounts_are_routed_as_priority() -> None:
    result = assess(quiet(followers=250_000, engagement_total=40, author="bigvoice", rate_per_hour=40), CFG)
    assert result is not None and result.signals.get("priority") is True
    plain = assess(quiet(echo_authors=6, echo_recent_authors=6), CFG)
    assert plain is not None and "priority" not in plain.signals


def test_high_reach_needs_traction() -> None:
    assert assess(quiet(followers=250_000, engagement_total=3), CFG) is None
    # plenty of interactions in total, but no faster than this source's ordinary posts: not traction
    assert assess(quiet(followers=250_000, engagement_total=40, rate_per_hour=30, baseline_median=25), CFG) is None
    result = assess(quiet(followers=250_000, engagement_total=40, author="bigvoice", rate_per_hour=40), CFG)
    assert result is not None
    assert result.reasons == ["high-reach author @bigvoice: 250k followers, 40 interactions so far"]
    # a per-source threshold applies (HN karma, say)
    assert assess(quiet(followers=6_000, engagement_total=40, reach_threshold=5_000, rate_per_hour=40), CFG) is not None


def test_key_account_always_alerts_and_several_signals_make_it_viral() -> None:
    assert assess(quiet(key_account=True), CFG) is not None
    result = assess(
        quiet(
            rate_per_hour=2000,
            baseline_median=10,
            gained={"likes": 900, "reposts": 300},
            window=timedelta(minutes=40),
            echo_authors=7,
            echo_recent_authors=7,
            echo_sources=3,
            followers=120_000,
            engagement_total=1500,
        ),
        CFG,
    )
    assert result is not None
    assert result.level == "viral"
    assert result.kinds == ["velocity", "echo", "reach"]


def test_material_changes() -> None:
    old = {"kinds": ["velocity"], "authors": 1, "velocity_ratio": 12}
    assert material_changes(old, dict(old), "warning", "warning") == []
    assert material_changes(old, {**old, "velocity_ratio": 15}, "warning", "warning") == []
    changes = material_changes(
        old, {"kinds": ["velocity", "echo"], "authors": 4, "velocity_ratio": 30}, "warning", "critical"
    )
    assert changes == [
        "escalated from warning to critical",
        "other customers are now echoing the complaint",
        "now echoed by 4 distinct authors (was 1)",
        "velocity now 30x the source median (was 12x)",
    ]


def test_baseline_median_tracks_the_bulk_and_survives_json() -> None:
    baseline = VelocityBaseline()
    baseline.add_many([2.0] * (MIN_SAMPLES - 1))
    assert baseline.median() is None  # not enough history to trust
    baseline.add_many([2.0] * 60 + [5000.0] * 5)
    median = baseline.median()
    assert median is not None and 1.5 <= median <= 2.7
    restored = VelocityBaseline.from_json(baseline.to_json())
    assert restored.median() == median
    # decay: a source that got busier moves its median up
    for _ in range(3000):
        restored.add(40.0)
    busier = restored.median()
    assert busier is not None and 30 <= busier <= 50


def test_echo_signature_keeps_content_words() -> None:
    brand = ["northwind", "air"]
    a = echo.signature("Northwind Air cancelled my flight to Denver, kept my money and the agent laughed at me.", brand)
    b = echo.signature("@northwindair cancelled my flight to Boston and kept my money. The agent laughed!", brand)
    c = echo.signature("Loved the new lounge at Northwind Air, great coffee", brand)
    assert "northwind" not in a and "the" not in a
    assert len(a & b) >= 5 and not a & c  # retold in other words, the content words still overlap
    assert echo.decode_signature(echo.encode_signature(a)) == a


def test_a_number_with_thousands_separators_is_one_word() -> None:
    """Split at its comma, "33,500" shared "500" with every post naming some hundreds or thousands."""
    a = echo.signature("Pennyworth froze 33,500 of my savings without a word", ["pennyworth"])
    b = echo.signature("Pennyworth charged me 2,500 to close the account", ["pennyworth"])
    assert "33500" in a and "2500" in b
    assert not {"500", "33"} & a
    assert "1234567" in echo.signature("a balance of 1,234,567 points gone", [])
    assert not a & b & {"500", "2500", "33500"}
