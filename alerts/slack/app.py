"""The bolt app: one handler per button, the two modals, and ``/repmon``.

Every handler acknowledges Slack, acts through :class:`IncidentActions`, then re-renders the
alert from the fresh state, so the message always shows who took it and when. A click that
changes nothing (already taken, already resolved) tells only the clicker, ephemerally.

A replayed request (same body, even validly signed within Slack's five minutes) is recognised by
its digest in a middleware and changes nothing a second time.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from slack_bolt import Ack, App, BoltRequest, BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from alerts import slack_format as fmt
from alerts.config import TopicFacts
from alerts.slack import modals
from alerts.slack.actions import IncidentActions, Outcome
from alerts.tone import check_tone
from monitor.core.durations import parse_duration

log = logging.getLogger("repmon.slack.app")
SLASH_COMMAND = "/repmon"


def _user(body: dict[str, Any]) -> tuple[str, str | None]:
    user = body.get("user") or {}
    return str(user.get("id") or ""), user.get("username") or user.get("name")


def _where(body: dict[str, Any]) -> tuple[str | None, str | None]:
    container = body.get("container") or {}
    channel = container.get("channel_id") or (body.get("channel") or {}).get("id")
    ts = container.get("message_ts") or (body.get("message") or {}).get("ts")
    return channel, ts


class RepmonSlackApp:
    """Builds the bolt :class:`App` on top of an :class:`IncidentActions` implementation."""

    def __init__(
        self,
        actions: IncidentActions,
        client: WebClient,
        *,
        signing_secret: str | None = None,
        mention_on_critical: str | None = None,
        facts: Mapping[str, TopicFacts] | None = None,
    ) -> None:
        self.actions = actions
        self.mention = mention_on_critical
        self.facts = facts or {}  # promises these back are fine in an edited reply
        self.app = App(
            name=Path(__file__).name,  # bolt's default, which it would find with inspect.stack(): ~50 ms
            client=client,
            signing_secret=signing_secret,
            request_verification_enabled=signing_secret is not None,
            token_verification_enabled=False,  # checked at first use; start-up must not need Slack
            process_before_response=True,  # the response waits for the handler: modals' errors need it
            raise_error_for_unhandled_request=False,
        )
        self.app.use(self._ignore_replays)
        self.app.action(fmt.ACK)(self._acknowledge)
        self.app.action(fmt.RESOLVE)(self._resolve)
        self.app.action(fmt.REOPEN)(self._reopen)
        self.app.action(fmt.SNOOZE)(self._snooze)
        self.app.action(fmt.NOT_RELEVANT)(self._not_relevant)
        self.app.action(fmt.EDIT)(self._open_editor)
        self.app.action(fmt.REPLIED)(self._open_replied)
        self.app.view(modals.EDIT_CALLBACK)(self._submit_draft)
        self.app.view(modals.REPLIED_CALLBACK)(self._submit_replied)
        self.app.command(SLASH_COMMAND)(self._command)
        self.app.error(self._on_error)

    # -- plumbing -----------------------------------------------------------------------------------

    def _ignore_replays(self, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        raw = req.raw_body or json.dumps(req.body, sort_keys=True)
        digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
        if not self.actions.first_sight(digest):
            log.warning("slack: ignored a replayed request (%s)", digest[:12])
            return BoltResponse(status=200, body="")
        return next()

    def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        log.error("slack: a %s request failed: %s: %s", body.get("type", "?"), type(error).__name__, error)

    def _key(self, body: dict[str, Any]) -> str | None:
        action = (body.get("actions") or [{}])[0]
        if action.get("type") == "button" and action.get("value"):
            return str(action["value"])
        channel, ts = _where(body)
        return self.actions.key_for_message(channel, ts) if channel and ts else None

    def _tell(self, client: WebClient, channel: str | None, user: str, text: str) -> None:
        if not channel:
            return
        try:
            client.chat_postEphemeral(channel=channel, user=user, text=text)
        except (SlackApiError, SlackClientError, OSError) as exc:
            log.warning("slack: could not tell %s: %s", user, exc)

    def _refresh(self, client: WebClient, channel: str | None, ts: str | None, outcome: Outcome) -> None:
        """Show the new state in the alert itself ("taken by @name at 14:02")."""
        if outcome.view is None or not channel or not ts:
            return
        mention = self.mention if outcome.view.level == "critical" else None
        text, blocks = fmt.build_alert(outcome.view, mention=mention)
        try:
            client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
        except (SlackApiError, SlackClientError, OSError) as exc:
            log.warning("slack: could not update the alert %s: %s", outcome.view.key, exc)

    def _button(
        self, ack: Ack, body: dict[str, Any], client: WebClient, act: Callable[[str, str, str | None], Outcome]
    ) -> None:
        ack()
        user, name = _user(body)
        channel, ts = _where(body)
        key = self._key(body)
        if key is None:
            self._tell(client, channel, user, "repmon doesn't know this alert any more.")
            return
        outcome = act(key, user, name)
        log.info(
            "slack: %s on %s by %s: %s", (body.get("actions") or [{}])[0].get("action_id"), key, user, outcome.note
        )
        if outcome.changed:
            self._refresh(client, channel, ts, outcome)
        else:
            where = fmt.handling_lines(outcome.view)[:1] if outcome.view else []
            self._tell(client, channel, user, " ".join([f"Nothing changed: {outcome.note}.", *where]))

    # -- buttons ------------------------------------------------------------------------------------

    def _acknowledge(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        self._button(ack, body, client, lambda key, user, name: self.actions.acknowledge(key, user, name))

    def _resolve(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        self._button(ack, body, client, lambda key, user, _name: self.actions.resolve(key, user))

    def _reopen(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        self._button(ack, body, client, lambda key, user, _name: self.actions.reopen(key, user))

    def _snooze(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        choice = ((body.get("actions") or [{}])[0].get("selected_option") or {}).get("value", "")
        if choice not in dict(fmt.SNOOZE_CHOICES):
            ack()
            return
        duration = parse_duration(choice)
        self._button(ack, body, client, lambda key, user, _name: self.actions.snooze(key, user, duration))

    def _not_relevant(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        reason = ((body.get("actions") or [{}])[0].get("selected_option") or {}).get("value", "")
        if reason not in dict(fmt.NOT_RELEVANT_REASONS):
            ack()
            return
        self._button(ack, body, client, lambda key, user, name: self.actions.not_relevant(key, user, name, reason))

    def _open_modal(self, ack: Ack, body: dict[str, Any], client: WebClient, edit: bool) -> None:
        ack()
        user, _ = _user(body)
        channel, ts = _where(body)
        key = self._key(body)
        view = self.actions.current(key) if key else None
        if key is None or view is None:
            self._tell(client, channel, user, "repmon doesn't know this alert any more.")
            return
        modal = modals.edit_modal(key, view.draft, channel, ts) if edit else modals.replied_modal(key, channel, ts)
        try:
            client.views_open(trigger_id=body["trigger_id"], view=modal)
        except (SlackApiError, SlackClientError, OSError) as exc:
            log.warning("slack: could not open the modal for %s: %s", key, exc)

    def _open_editor(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        self._open_modal(ack, body, client, edit=True)

    def _open_replied(self, ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        self._open_modal(ack, body, client, edit=False)

    # -- modals -------------------------------------------------------------------------------------

    def _submit_draft(self, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        text = modals.input_value(view, modals.DRAFT_BLOCK, modals.DRAFT_INPUT)
        if not text:
            ack(response_action="errors", errors={modals.DRAFT_BLOCK: "The reply is empty."})
            return
        report = check_tone(text, facts=self.facts)
        if not report.ok:
            ack(response_action="errors", errors={modals.DRAFT_BLOCK: modals.tone_errors(report)})
            return
        ack()
        user, _ = _user(body)
        key, channel, ts = modals.read_metadata(view)
        outcome = self.actions.accept_draft(key, user, text)
        if not outcome.changed:
            return
        if channel and ts:
            try:
                client.chat_postMessage(channel=channel, thread_ts=ts, text=modals.accepted_draft_note(user, text))
            except (SlackApiError, SlackClientError, OSError) as exc:
                log.warning("slack: could not post the accepted reply for %s: %s", key, exc)
        self._refresh(client, channel, ts, outcome)

    def _submit_replied(self, ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        url = modals.input_value(view, modals.URL_BLOCK, modals.URL_INPUT)
        problem = modals.url_problem(url) if url else None
        if problem:
            ack(response_action="errors", errors={modals.URL_BLOCK: problem})
            return
        ack()
        user, _ = _user(body)
        key, channel, ts = modals.read_metadata(view)
        outcome = self.actions.mark_replied(key, user, url or None)
        if outcome.changed:
            self._refresh(client, channel, ts, outcome)
        else:
            self._tell(client, channel, user, f"Nothing changed: {outcome.note}.")

    # -- /repmon ------------------------------------------------------------------------------------

    def _command(self, ack: Ack, command: dict[str, Any]) -> None:
        verb, _, rest = str(command.get("text") or "").strip().partition(" ")
        rest = rest.strip()
        if verb == "status":
            answer = "\n".join(fmt.escape(line) for line in self.actions.status_lines())
        elif verb == "incidents":
            answer = modals.incidents_answer(self.actions.incidents())
        elif verb == "check":
            answer = modals.check_answer(rest, check_tone(rest, facts=self.facts))
        elif verb == "draft":
            answer = modals.draft_answer(rest, self.actions.draft(rest) if rest else None)
        else:
            answer = modals.USAGE
        ack(response_type="ephemeral", text=answer[: fmt.SECTION_MAX])
