"""Where alerts go: Slack, or the console (``alerts/console.py``) when Slack isn't configured.

Notifiers follow apprise's shape (``alerts/results.py``): small, checked when they are built (a
missing token or channel is a ``ValueError`` then, not a surprise at 3 a.m.), and they never
raise when delivery fails. Every failure comes back as ``SendResult(ok=False, error="<one readable
line>")``, with Slack's ``Retry-After`` when it rate-limits, so the outbox can decide when to try
again. Slack is called without retries of its own: the outbox owns retrying, with backoff.

Errors that only a person can fix (a revoked token, a missing channel, a bot not in the channel)
come back with ``fatal=True``: the outbox stops that delivery instead of retrying it forever.

Every ``chat.postMessage`` of an alert carries message metadata (``repmon_incident`` with the
incident key and version). When a post may have reached Slack without repmon hearing back (a
dropped connection, a crash), :meth:`SlackNotifier.find` looks for that metadata in the channel
history, so the outbox records the message it finds instead of posting a second one. The
summary of held alerts (``alerts/summary.py``) carries ``repmon_held_summary`` the same way.

Slack allows about one message per second per channel: posts to one channel are paced.

The bot token is only ever handed to ``slack_sdk.WebClient``: it is never part of a result, an
error line, a log line or a ``repr``.
"""

from __future__ import annotations

import functools
import http.client
import logging
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.error import URLError
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

from alerts.config import SlackConfig
from alerts.console import ConsoleNotifier
from alerts.results import Notifier, SendResult, one_line
from alerts.slack_format import build_alert, build_update_note, escalated_to_critical
from alerts.summary import HeldSummary, build_summary
from monitor.core.statuses import Level, level_rank
from monitor.core.view import IncidentView

__all__ = [
    "ConsoleNotifier",
    "Notifier",
    "SendResult",
    "SlackNotConfigured",
    "SlackNotifier",
    "notifier_from_config",
]

log = logging.getLogger("repmon.notify")

DEFAULT_SLACK_API = "https://slack.com/api/"
METADATA_EVENT = "repmon_incident"
SUMMARY_EVENT = "repmon_held_summary"
PER_CHANNEL_INTERVAL = 1.0  # seconds between two messages to one channel (Slack's guidance)
HISTORY_PAGES = 3  # how far back find() looks: 3 pages of 100 messages

# errors no retry can fix: the delivery stops and waits for a person (the hint says what to do)
FATAL_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "missing_scope",
        "restricted_action",
    }
)


class SlackNotConfigured(ValueError):
    """Slack is enabled in the config but cannot work: a person must set a variable or a key."""


# what to do about the Slack errors people actually hit, in a few words each
_HINTS = {
    "not_in_channel": "invite the bot to the channel with /invite",
    "channel_not_found": "check slack.channel (use the channel ID, e.g. C0123456789)",
    "is_archived": "the channel is archived; pick another slack.channel",
    "invalid_auth": "check the bot token",
    "not_authed": "check the bot token",
    "account_inactive": "the bot token was revoked; install the app again",
    "token_revoked": "the bot token was revoked; install the app again",
    "missing_scope": "add the chat:write scope to the Slack app",
    "message_not_found": "the alert message was deleted in Slack",
    "cant_update_message": "the bot can only edit its own messages",
    "msg_too_long": "message too long",
    "invalid_blocks": "Slack rejected the blocks",
}


def _retry_after(headers: Any) -> float | None:
    if not headers:
        return None
    for name, value in dict(headers).items():
        if str(name).lower() == "retry-after":
            raw = value[0] if isinstance(value, list | tuple) and value else value
            try:
                return max(0.0, float(str(raw).strip()))
            except ValueError:
                return None
    return None


class SlackNotifier:
    """Posts alerts with ``chat.postMessage``, updates them with ``chat.update`` plus a thread note."""

    def __init__(
        self,
        token: str,
        channel: str,
        base_url: str = DEFAULT_SLACK_API,
        mention_on_critical: str | None = None,
        *,
        timeout: float = 15.0,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not token or not token.strip():
            raise ValueError("slack: a bot token is required (set the variable named by slack.token_env)")
        if not channel or not channel.strip():
            raise ValueError("slack: a channel is required (slack.channel, e.g. C0123456789 or #alerts)")
        if not base_url.startswith(("http://", "https://")) or not urlsplit(base_url).netloc:
            raise ValueError(f"slack: base_url must be an http:// or https:// URL, got {base_url!r}")
        if timeout <= 0:
            raise ValueError("slack: timeout must be positive")
        self.channel = channel.strip()
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.mention_on_critical = mention_on_critical or None
        self.timeout = timeout
        self._monotonic = monotonic
        self._sleep = sleep
        self._last_post: dict[str, float] = {}
        self._pace_lock = threading.Lock()
        self._token = token.strip()
        # no retry handlers: a failure goes back to the outbox, which retries with backoff/Retry-After
        self._client = WebClient(
            token=self._token, base_url=self.base_url, timeout=max(1, int(timeout)), retry_handlers=[]
        )

    def __repr__(self) -> str:
        return f"SlackNotifier(channel={self.channel!r}, base_url={self.base_url!r})"

    def _mention(self, view: IncidentView) -> str | None:
        return self.mention_on_critical if level_rank(view.level) >= level_rank(Level.VIRAL) else None

    @property
    def client(self) -> WebClient:
        return self._client

    def _pace(self, channel: str) -> None:
        """Wait until a second has passed since the last message to ``channel`` (Slack's per-channel rate)."""
        with self._pace_lock:
            last = self._last_post.get(channel)
            if last is not None:
                wait = PER_CHANNEL_INTERVAL - (self._monotonic() - last)
                if wait > 0:
                    self._sleep(wait)
            self._last_post[channel] = self._monotonic()

    def post(self, view: IncidentView, channel: str | None = None) -> SendResult:
        target = (channel or self.channel).strip()
        text, blocks = build_alert(view, mention=self._mention(view))
        metadata = {"event_type": METADATA_EVENT, "event_payload": {"key": view.key, "version": view.version}}
        self._pace(target)
        result = self._call(
            "chat.postMessage",
            lambda: self._client.chat_postMessage(
                channel=target,
                text=text,
                blocks=blocks,
                metadata=metadata,
                unfurl_links=False,
                unfurl_media=False,
            ),
        )
        if result.ok:
            log.info("alert %s posted to %s (ts %s)", view.key, result.channel, result.ts)
        return result

    def find(self, view: IncidentView, channel: str | None = None) -> SendResult | None:
        """Look through recent channel history for the message carrying this incident's metadata."""
        found = self._find(channel, METADATA_EVENT, lambda payload: payload.get("key") == view.key)
        if found is not None and found.ok:
            log.info("alert %s was already in Slack (ts %s): recorded, not posted again", view.key, found.ts)
        return found

    def post_summary(self, summary: HeldSummary, channel: str | None = None) -> SendResult:
        """One message listing the held alerts, with metadata so a lost answer is found, not re-sent."""
        target = (channel or self.channel).strip()
        text, blocks = build_summary(summary)
        metadata = {"event_type": SUMMARY_EVENT, "event_payload": {"summary": summary.summary_id}}
        self._pace(target)
        result = self._call(
            "chat.postMessage",
            lambda: self._client.chat_postMessage(
                channel=target, text=text, blocks=blocks, metadata=metadata, unfurl_links=False, unfurl_media=False
            ),
        )
        if result.ok:
            log.info("summary of %d held alert(s) posted to %s", len(summary.alerts), result.channel)
        return result

    def find_summary(self, summary: HeldSummary, channel: str | None = None) -> SendResult | None:
        return self._find(channel, SUMMARY_EVENT, lambda payload: payload.get("summary") == summary.summary_id)

    def _find(
        self, channel: str | None, event_type: str, matches: Callable[[dict[str, Any]], bool]
    ) -> SendResult | None:
        """The recent message whose metadata is ``event_type`` with a matching payload, else None."""
        target = (channel or self.channel).strip()
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            read = self._call(
                "conversations.history",
                functools.partial(
                    self._client.conversations_history,
                    channel=target,
                    include_all_metadata=True,
                    limit=100,
                    cursor=cursor,
                ),
            )
            if not read.ok:
                return read  # cannot tell whether it was posted: retry later rather than risk a duplicate
            data = read.data or {}
            for message in data.get("messages") or []:
                meta = message.get("metadata") or {}
                if meta.get("event_type") == event_type and matches(meta.get("event_payload") or {}):
                    return SendResult(ok=True, channel=str(data.get("channel") or target), ts=str(message["ts"]))
            cursor = (data.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                break
        return None

    def note(self, channel: str, ts: str, text: str) -> SendResult:
        self._pace(channel)
        return self._call(
            "chat.postMessage",
            lambda: self._client.chat_postMessage(
                channel=channel, thread_ts=ts, text=text, unfurl_links=False, unfurl_media=False
            ),
        )

    def update(self, view: IncidentView, channel: str, ts: str) -> SendResult:
        text, blocks = build_alert(view, mention=self._mention(view))
        edited = self._call(
            "chat.update",
            lambda: self._client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks),
        )
        if not edited.ok:
            return edited
        escalated = escalated_to_critical(view)
        note = build_update_note(view, mention=self.mention_on_critical if escalated else None)
        self._pace(channel)
        noted = self._call(
            "chat.postMessage",
            lambda: self._client.chat_postMessage(
                channel=channel,
                thread_ts=ts,
                text=note,
                reply_broadcast=escalated,  # an escalation to critical is shown in the channel too
                unfurl_links=False,
                unfurl_media=False,
            ),
        )
        if not noted.ok:
            # the message already shows the latest state; retrying re-edits it (harmless) and posts the note
            return SendResult(
                ok=False,
                channel=channel,
                ts=ts,
                error=one_line(f"slack: message updated, but the thread note failed: {noted.error}"),
                retry_after=noted.retry_after,
            )
        log.info("alert %s updated to v%d (ts %s)", view.key, view.version, ts)
        return SendResult(ok=True, channel=edited.channel or channel, ts=ts)

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "[token]") if self._token else text

    def _fail(self, error: str, retry_after: float | None = None, *, fatal: bool = False) -> SendResult:
        line = one_line(self._redact(error))
        log.debug("%s", line)
        return SendResult(ok=False, error=line, retry_after=retry_after, fatal=fatal)

    def _call(self, method: str, send: Callable[[], SlackResponse]) -> SendResult:
        try:
            response = send()
        except SlackApiError as exc:
            return self._api_error(method, exc.response)
        except SlackClientError as exc:
            return self._fail(f"slack: {method} could not be sent: {exc}")
        except URLError as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError):
                return self._fail(f"slack: {method} timed out after {self.timeout:g}s")
            host = urlsplit(self.base_url).netloc
            return self._fail(f"slack: cannot reach {host} ({reason})")
        except TimeoutError:
            return self._fail(f"slack: {method} timed out after {self.timeout:g}s")
        except (OSError, http.client.HTTPException) as exc:
            return self._fail(f"slack: {method} failed: {type(exc).__name__}: {exc}")
        except Exception as exc:  # never raise out of a notifier; the outbox retries
            return self._fail(f"slack: {method} failed unexpectedly: {type(exc).__name__}: {exc}")
        data = response.data if isinstance(response.data, dict) else {}
        return SendResult(ok=True, channel=data.get("channel"), ts=data.get("ts"), data=data)

    def _api_error(self, method: str, response: SlackResponse) -> SendResult:
        data = response.data if isinstance(response.data, dict) else {}
        status = response.status_code
        error = str(data.get("error") or "")
        if error.startswith("Received a response in a non-JSON format"):
            error = ""
        if status == 429:
            wait = _retry_after(response.headers)
            when = f"retry after {wait:g}s" if wait is not None else "no Retry-After given"
            return self._fail(f"slack: rate limited on {method} ({when})", retry_after=wait)
        if status != 200:
            detail = f": {error}" if error else ""
            return self._fail(f"slack: HTTP {status} from {method}{detail}", retry_after=_retry_after(response.headers))
        hint = _HINTS.get(error)
        if error == "missing_scope" and data.get("needed"):
            hint = f"add the {data['needed']} scope to the Slack app"
        detail = f" ({hint})" if hint else ""
        return self._fail(f"slack: {method} failed: {error or 'unknown error'}{detail}", fatal=error in FATAL_ERRORS)


def notifier_from_config(slack: SlackConfig) -> Notifier:
    """Slack when it is enabled (and then it must work), the console only when chosen explicitly.

    Raises :class:`SlackNotConfigured` with every fixable problem when Slack is enabled but the
    token variable is empty or no channel is set: alerts never slip silently to a terminal.
    """
    if not slack.enabled:
        log.info("slack.enabled is false (or no [slack] section): alerts go to the console")
        return ConsoleNotifier()
    token = slack.token()
    problems = slack.delivery_problems()
    if problems or not token or not slack.channel:
        raise SlackNotConfigured("; ".join(problems))
    return SlackNotifier(token, slack.channel, slack.base_url, slack.mention_on_critical)
