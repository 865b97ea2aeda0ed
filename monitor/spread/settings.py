"""The ``[detection]`` section: every threshold of spread detection, with its documented default.

It lives beside the detection code that reads it; ``monitor/config.py`` composes it into the
full configuration.
"""

from __future__ import annotations

from datetime import timedelta

from pydantic import AliasChoices, BaseModel, ConfigDict, Field

from monitor.core.durations import Duration


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class DetectionConfig(_Section):
    upset_threshold: float = Field(
        default=-0.3, ge=-1, le=0, description="Compound score at or below which a post counts as upset."
    )
    velocity_window: Duration = Field(
        default=timedelta(minutes=60), description="Window over which engagement velocity is measured."
    )
    velocity_ratio: float = Field(
        default=10.0,
        gt=1,
        description="Alert when an upset post's velocity is this many times the source median.",
    )
    min_velocity: float = Field(
        default=30.0,
        ge=0,
        description="...and at least this many interactions per hour, so tiny sources stay quiet and an angry "
        "post with ordinary engagement (on a busy brand, a couple of dozen likes in its first hour) is no incident.",
    )
    velocity_top_share: float = Field(
        default=0.95,
        gt=0.5,
        lt=1,
        description="The share of a source's posts whose early rate marks its ordinary busiest posts...",
    )
    velocity_top_ratio: float = Field(
        default=4.0,
        ge=0,
        description="...which a post must outpace this many times over: on a busy brand one post in twenty "
        "gets ten interactions an hour and one in a hundred a few dozen, and an angry one among them is "
        "ordinary, not spreading (0: off).",
    )
    velocity_ratioed: float = Field(
        default=3.0,
        gt=1,
        description="A post whose replies and quotes (ten at least) outnumber its likes and reposts this many "
        "times over is being argued with, not passed on: a troll's rage post draws mocking replies. On watch.",
    )
    cold_start_velocity: float = Field(
        default=100.0,
        ge=0,
        description="Until a source has a baseline, alert only from this many interactions per hour.",
    )
    echo_window: Duration = Field(
        default=timedelta(hours=24), description="How far back near-identical complaints are matched."
    )
    echo_similarity: float = Field(
        default=0.3,
        gt=0,
        le=1,
        description="Overlap of two complaints' words, each weighted by its rarity in the brand's traffic, "
        "for them to count as echoes.",
    )
    echo_min_shared: int = Field(
        default=4,
        ge=1,
        description="Specific content two complaints must share to be echoes: each word that is not common in "
        "the brand's traffic counts 1, an identifier (flight number, gate, airport code, amount, version, "
        "@handle) or a link counts 2.",
    )
    echo_root_min_shared: int = Field(
        default=2,
        ge=0,
        description="Specific content a post joining an echo through a later member must also share with the "
        "complaint that opened it (counted as echo_min_shared counts): a post telling two gripes at once must "
        "not chain them into one story.",
    )
    echo_review_min_shared: int = Field(
        default=2,
        ge=1,
        description="Words two reviews of the brand's own app (one store) must share to be one wave, counting only "
        "words that are rare in that store's complaints: short reviews in people's own words share the broken "
        "feature ('boarding pass', 'checkout') and little else.",
    )
    echo_review_chance: float = Field(
        default=1e-5,
        gt=0,
        le=1,
        description="Reviews join a wave only when echo_min_authors reviewers naming that feature in the time "
        "the wave has taken so far (at least an hour) would be rarer than this by coincidence, at the rate the "
        "store's complaints named it before: a recurring gripe is not a wave. Small, because every review is "
        "tested against every recent one.",
    )
    echo_common_share: float = Field(
        default=0.03,
        gt=0,
        le=1,
        description="A word used by more than this share of the brand's recent posts carries no weight in echoes.",
    )
    echo_term_half_life: Duration = Field(
        default=timedelta(days=3), description="Half-life of the word frequencies echoes are weighted by."
    )
    echo_min_docs: int = Field(
        default=50, ge=0, description="Posts seen before word frequencies are trusted to call a word common."
    )
    echo_rate_window: Duration = Field(
        default=timedelta(hours=6), description="Rolling window in which an echo's distinct authors are counted."
    )
    echo_chance: float = Field(
        default=0.03,
        ge=0,
        le=1,
        description="Share of a topic's upset posts expected to match any one complaint by coincidence.",
    )
    echo_surge: float = Field(
        default=3.0,
        ge=1,
        description="An echo alerts when its authors in the window are this many times what coincidence explains.",
    )
    echo_min_authors: int = Field(
        default=3, ge=2, description="Distinct authors (original included) that make a complaint 'echoed'."
    )
    echo_known_tail: float = Field(
        default=0.001,
        gt=0,
        le=1,
        description="A story told before (its own trickle, or how often the brand's complaints told it) alerts "
        "only when its authors in the window would be this rare at that pace: a gripe customers repeat every day "
        "comes in bunches, and three times its average is not rare enough to be news.",
    )
    echo_known_dispersion: float = Field(
        default=4.0,
        ge=0,
        description="How bunched a known story's tellings are, for echo_known_tail: the size k of a negative "
        "binomial count (variance mean + mean²/k); 0 counts them as Poisson. A gripe's average pace mixes busy "
        "evenings with quiet mornings, so twice its average in one window is ordinary. A pace measured on n "
        "tellings is rougher still: 1/n is added to 1/k.",
    )
    echo_peak_surge: float = Field(
        default=2.0,
        ge=1,
        description="A story that gathered voices in earlier windows alerts only when the current window tops "
        "its busiest earlier one this many times over: a gripe told all week had busy evenings before.",
    )
    echo_min_authors_unanchored: int = Field(
        default=4,
        ge=2,
        description="Distinct authors an echo needs when its posts share no identifier, link or reply thread.",
    )
    echo_learning: Duration = Field(
        default=timedelta(hours=12),
        description="For this long after repmon starts watching a brand it cannot tell a complaint customers repeat "
        "every day from one that is spreading: an echo sharing no link, named instance or reply thread alerts then "
        "only if one of its tellers says it happened to them too.",
    )
    echo_busy_min_span: Duration = Field(
        default=timedelta(minutes=30),
        description="How busy the brand's complaints are is measured over the time an echo took to gather its "
        "voices, and never over less than this...",
    )
    echo_busy_usual_span: Duration = Field(
        default=timedelta(hours=72),
        description="...against their pace over this much history: what is usual for an echo is multiplied by "
        "the ratio (a storm night makes every gripe and chance match come faster).",
    )
    echo_burst_busy: float = Field(
        default=2.0,
        ge=1,
        description="Complaint traffic, against its usual pace, from which an echo's hour may be a burst...",
    )
    echo_burst_stories: int = Field(
        default=2,
        ge=1,
        description="...when this many other stories gather echo_min_authors voices at the same time: a burst "
        "of independent complaints (a storm night, an outage evening) is the digest's business, not an alert.",
    )
    high_reach_followers: int = Field(
        default=10_000, ge=0, description="Followers (or karma) from which an author is high-reach."
    )
    high_reach_min_engagement: int = Field(
        default=30,
        ge=0,
        description="Interactions a high-reach author's upset post needs to count as traction.",
    )
    track_for: Duration = Field(
        default=timedelta(hours=48), description="How long upset posts are re-polled for engagement."
    )
    update_interval: Duration = Field(
        default=timedelta(minutes=15),
        description="Least time between two Slack updates of one incident unless its level rises.",
    )
    spreading_score: float = Field(
        default=1.0, gt=0, description="Incident score from which the level is 'spreading' and the team is pinged."
    )
    viral_score: float = Field(
        default=3.0,
        gt=0,
        validation_alias=AliasChoices("viral_score", "critical_score"),
        description="Incident score from which the level is 'viral' (the older name critical_score still reads).",
    )
    watch_fraction: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="A signal at this fraction of its bar puts a post on 'watch': recorded, nobody pinged.",
    )
    late_after: Duration = Field(
        default=timedelta(minutes=30),
        description="An incident opened this long after its signal (a backlog) is marked late, with when it fired.",
    )
    close_after: Duration = Field(
        default=timedelta(hours=12),
        description="An open incident with no new signal for this long cools down and closes; a flare-up reopens it.",
    )
