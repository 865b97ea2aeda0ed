"""Stage 7, before grouping: fold a review wave into the open incident of the app's other wave.

Alertmanager groups alerts by what they share, so one outage is one notification. When a release
breaks an app, its store fills with one-star reviews telling the failure in several wordings at
once ("order button does nothing", "crashes at payment", "basket empties at checkout"). Each
wording gathers its own wave (``review_waves``: reviews join by the rare feature they share; or
reviews echoing each other's words), and each would open an incident of its own: four Slack
messages about one broken checkout. A wave that would ping the team and finds the brand's
alerting wave incident still active (a signal within ``echo_rate_window``) joins it instead, on
either store: reviews of one app on the App Store and on Google Play at the same time are one
release as far as the team is concerned. A wave on watch waits on its own watch incident.
Only waves fold: echoes on social sites are told by strangers and two of them at once are two
stories until they share a post.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from monitor.core.platforms import profile_for
from monitor.core.statuses import alerts
from monitor.spread import echo
from monitor.spread.content import WAVE_TAG
from monitor.spread.detector import Assessment
from monitor.store import incidents, posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostRow

Key = tuple[str, str]
FOLDED = "folded"  # the kind of reason a folded wave's finding reports under


def home_of(
    uow: UnitOfWork,
    unit: str,
    finding: tuple[str, Iterable[Key]],
    rows: dict[Key, PostRow],
    brand: str | None,
    active_since: datetime,
) -> str:
    """The key of the incident this finding belongs to: its own (``unit``), or the app's active wave's.

    ``finding``: its level and member posts. Only a finding that would ping the team folds: a wave
    on watch stays on its own watch incident, so nothing the team was never told of is pulled into
    a message. ``active_since``: an incident whose last signal is older is over, and a wave now is
    a new one.
    """
    level, members = finding
    if not alerts(level):  # most findings: decided before asking the store anything
        return unit
    own = incidents.find_incident(uow, unit)
    if own is not None and alerts(own["level"]):
        return unit
    posts_of = list(members)
    if not is_app_wave(uow, posts_of, rows):
        return unit
    root = _root_of(unit)
    folded = incidents.incident_holding(uow, root, unit) if root is not None else None
    if folded is not None:  # folded at an earlier moment: it stays where it went
        return str(folded["key"])
    for row in incidents.alerting_since(uow, brand, active_since):
        # one the team has been told of: a store's everyday gripes wait on watch, and are no wave
        if (
            row["key"] != unit
            and alerts(row["level"])
            and is_app_wave(uow, incidents.member_posts(uow, row["id"]), rows)
        ):
            return str(row["key"])
    return unit


def as_folded(assessment: Assessment) -> Assessment:
    """The finding's reasons said as another wording of the wave the incident already tells."""
    said = "; ".join(assessment.reasons)
    return replace(assessment, reasons_by_kind={FOLDED: [f"the same app's reviews in other words: {said}"]})


def _root_of(unit: str) -> Key | None:
    source, sep, post_id = unit.partition(":")
    return (source, post_id) if sep else None


def is_app_wave(uow: UnitOfWork, keys: list[Key], rows: dict[Key, PostRow]) -> bool:
    """Whether these posts are a wave of reviews of the brand's own app: a review that joined one
    by the feature it names, or a cluster told mostly in reviews (two reviews echoing each other's
    words are a wave of the same release whichever rule joined them)."""
    reviews = [k for k in keys if profile_for(k[0]).app_reviews]
    if len(reviews) >= 2 and 2 * len(reviews) > len(keys):
        return True
    missing = [k for k in reviews if k not in rows]
    found = {**rows, **posts.load_posts(uow, missing)} if missing else rows
    return any(k in found and WAVE_TAG in echo.decode_signature(found[k].get("signature")) for k in reviews)
