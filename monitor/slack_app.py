"""The application's side of the Slack app: IncidentActions on the store, and starting the server.

`repmon run` calls :func:`start_slack_app` so one process polls, delivers and answers the
buttons; `repmon slack-app` runs the app alone (a second instance, or a separate host).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from alerts.config import SlackConfig
from alerts.drafting import draft_reply
from alerts.slack.actions import IncidentSummary, Outcome
from alerts.slack.app import RepmonSlackApp
from alerts.slack.serve import HttpSlackServer, SlackAppServer, SocketSlackServer
from monitor.config import Config
from monitor.core.view import IncidentView
from monitor.scoring import Scorer
from monitor.spread.complaint import reads_as_complaint
from monitor.status import status_lines
from monitor.store import incidents, workflow
from monitor.store.database import Database, transaction
from monitor.store.workflow import Transition

log = logging.getLogger("repmon.slack")


def _utcnow() -> datetime:
    return datetime.now(UTC)


class StoreIncidentActions:
    """Every Slack action as one transaction on the store; the alert re-renders from ``view_of``."""

    def __init__(self, engine: Database, config: Config, *, clock: Callable[[], datetime] = _utcnow) -> None:
        self.engine = engine
        self.config = config
        self.clock = clock
        self._scorer: Scorer | None = None

    def _outcome(self, key: str, transition: Transition) -> Outcome:
        return Outcome(transition.changed, transition.note, self.current(key) if transition.status else None)

    def key_for_message(self, channel: str, ts: str) -> str | None:
        with self.engine.connect() as conn:
            return workflow.incident_key_for_message(conn, channel, ts)

    def current(self, key: str) -> IncidentView | None:
        with self.engine.connect() as conn:
            found = workflow.incident_id(conn, key)
            return incidents.incident_view(conn, found) if found is not None else None

    def acknowledge(self, key: str, user: str, user_name: str | None) -> Outcome:
        with transaction(self.engine) as conn:
            done = workflow.acknowledge(conn, key, user, user_name, self.clock())
        return self._outcome(key, done)

    def resolve(self, key: str, user: str) -> Outcome:
        with transaction(self.engine) as conn:
            done = workflow.resolve(conn, key, user, self.clock())
        return self._outcome(key, done)

    def reopen(self, key: str, user: str) -> Outcome:
        with transaction(self.engine) as conn:
            done = workflow.reopen(conn, key)
        return self._outcome(key, done)

    def snooze(self, key: str, user: str, duration: timedelta) -> Outcome:
        with transaction(self.engine) as conn:
            done = workflow.snooze(conn, key, self.clock() + duration)
        return self._outcome(key, done)

    def not_relevant(self, key: str, user: str, user_name: str | None, reason: str) -> Outcome:
        with transaction(self.engine) as conn:
            done = workflow.close_not_relevant(conn, key, user, user_name, reason, self.clock())
        return self._outcome(key, done)

    def mark_replied(self, key: str, user: str, url: str | None) -> Outcome:
        with transaction(self.engine) as conn:
            done = workflow.record_reply(conn, key, user, url, self.clock())
        return self._outcome(key, done)

    def accept_draft(self, key: str, user: str, text: str) -> Outcome:
        with transaction(self.engine) as conn:
            done = workflow.accept_draft(conn, key, user, text)
        return self._outcome(key, done)

    def first_sight(self, digest: str) -> bool:
        with transaction(self.engine) as conn:
            return workflow.first_sight(conn, digest, self.clock())

    def status_lines(self) -> list[str]:
        return status_lines(self.engine)

    def incidents(self) -> list[IncidentSummary]:
        with self.engine.connect() as conn:
            rows = workflow.list_incidents(conn)
        return [IncidentSummary(r.key, r.brand, r.status, r.level, r.acknowledged_by, r.delivery_error) for r in rows]

    def draft(self, text_or_url: str) -> str | None:
        post: dict[str, Any] = {"text": text_or_url, "source": "generic", "author_handle": None, "lang": None}
        if text_or_url.startswith(("http://", "https://")) and " " not in text_or_url:
            with self.engine.connect() as conn:
                found = workflow.post_by_url(conn, text_or_url.strip("<>"))
            if found is None:
                return None
            post = found
        if self._scorer is None:
            self._scorer = Scorer(self.config.scoring)
        score = self._scorer.score(str(post["text"]), post.get("lang"))
        return draft_reply(
            text=str(post["text"]),
            author_handle=post.get("author_handle"),
            source=str(post["source"]),
            topics=score.topics,
            perceptions=score.perceptions,
            abusive=score.abusive,
            facts=self.config.facts,
            reply=self.config.reply,
            brand_names=[brand.name for brand in self.config.brands],
            complaint=reads_as_complaint(
                str(post["text"]),
                self._scorer,
                self.config.detection.upset_threshold,
                lang=post.get("lang"),
                rating=post.get("rating"),
                score=score,
            ),
        )


def build_slack_app(
    config: Config, engine: Database, *, clock: Callable[[], datetime] = _utcnow
) -> tuple[RepmonSlackApp, SlackAppServer]:
    """The bolt app and the server for the configured mode; raises ValueError naming what is missing."""
    slack: SlackConfig = config.slack
    problems = slack.problems()
    if problems:
        raise ValueError("; ".join(problems))
    client = WebClient(token=slack.token(), base_url=slack.base_url, retry_handlers=[])
    actions = StoreIncidentActions(engine, config, clock=clock)
    http = slack.app.mode == "http"
    repmon_app = RepmonSlackApp(
        actions,
        client,
        signing_secret=slack.signing_secret() if http else None,
        mention_on_critical=slack.mention_on_critical,
        facts=config.facts,
    )
    server: SlackAppServer
    if http:
        host, port = slack.app.address()
        server = HttpSlackServer(repmon_app.app, host, port, slack.signing_secret() or "")
    else:
        server = SocketSlackServer(repmon_app.app, slack.app.app_token() or "")
    return repmon_app, server


def start_slack_app(config: Config, engine: Database) -> SlackAppServer | None:
    """Start the Slack app in background threads when Slack and its app are enabled; else None.

    If it cannot start (a revoked app token, a port in use) the daemon goes on delivering alerts
    and says loudly that the buttons are down: alerts matter more than the buttons.
    """
    if not config.slack.enabled or not config.slack.app.enabled:
        return None
    _, server = build_slack_app(config, engine)
    try:
        server.start()
    except (SlackApiError, SlackClientError, OSError) as exc:
        log.error("slack app NOT running, the alert buttons will not work: %s (%s)", _one_line(exc), _APP_FIX)
        return None
    return server


_APP_FIX = "check the app token ($SLACK_APP_TOKEN) and that Socket Mode is on, or the listen address"


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]
