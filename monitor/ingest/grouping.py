"""Stage 7: group each finding into its incident (opened, escalated or refreshed), with a draft reply.

The incident keeps the draft for the cluster root, so the reply answers the first voice of the
complaint, not whichever echo happened to tip it over.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from monitor import incidents
from monitor.config import Config
from monitor.core.statuses import ChangeKind, alerts
from monitor.incidents import Change
from monitor.ingest.assessing import Finding
from monitor.ingest.batch import Batch
from monitor.ingest.folding import as_folded, home_of
from monitor.ingest.screening import CLAMPED, INCIDENT_TIME, incident_moment, note
from monitor.store import posts
from monitor.store.database import UnitOfWork
from monitor.store.posts import PostRow


def group_into_incidents(
    uow: UnitOfWork,
    batch: Batch,
    findings: list[Finding],
    config: Config,
    draft_for: Callable[[PostRow], str],
    wall_now: datetime,
) -> list[Change]:
    changes: list[Change] = []
    closed_at: datetime | None = None
    drafts: dict[str, str] = {}  # one draft per complaint per page, however many moments it was found at
    for finding in findings:
        minute = finding.at.replace(second=0, microsecond=0)
        if minute != closed_at:  # incidents quiet for long enough close before this moment's findings
            incidents.close_quiet(uow, finding.at, config.detection)
            closed_at = minute
        source, _, post_id = finding.unit.partition(":")
        root = (source, post_id)
        root_row = batch.rows.get(root) or posts.load_posts(uow, [root]).get(root) or batch.rows[finding.post]
        members = {root, *finding.members}
        active_since = finding.at - config.detection.echo_rate_window
        found = (finding.assessment.level, members)
        key = home_of(uow, finding.unit, found, batch.rows, root_row.get("brand"), active_since)
        assessment = finding.assessment if key == finding.unit else as_folded(finding.assessment)
        if key == finding.unit and alerts(assessment.level) and finding.unit not in drafts:
            drafts[finding.unit] = draft_for(root_row)  # on watch nobody reads a draft: none is written
        moment = incident_moment(finding.at, root_row["created_at"], batch.present)
        if moment != finding.at:  # e.g. an echo replayed before its root: never "alerted before it was written"
            note(batch, INCIDENT_TIME, CLAMPED)
        change = incidents.apply(
            uow,
            key=key,  # a wave folded into the app's other wave keeps that incident's draft
            brand=root_row.get("brand"),
            root=root,
            members=sorted(members),
            assessment=assessment,
            draft=drafts.get(key, ""),
            abusive=bool(root_row["abusive"]),
            now=moment,
            config=config.detection,
            wall_now=wall_now,
        )
        changes.append(change)
        batch.report.changes.append(change)
        batch.report.incidents_opened += change.kind is ChangeKind.OPENED
        batch.report.incidents_updated += change.kind is ChangeKind.UPDATED
    if batch.last_seen:  # the page's last moment: what has been quiet since closes now, not at the next finding
        incidents.close_quiet(uow, max(batch.last_seen.values()), config.detection)
    return changes
