"""Where alerts go: Slack, or the console when Slack isn't configured.

Notifiers follow apprise's shape: small, checked when they are built (a missing token or channel
is a ``ValueError`` then, not a surprise at 3 a.m.), and they never raise when delivery fails.
Every failure comes back as ``SendResult(ok=False, error="<one readable line>")``, with Slack's
``Retry-After`` when it rate-limits, so the outbox can decide when to try again. Slack is called
without retries of its own: the outbox owns retrying, with backoff.

The bot token is only ever handed to ``slack_sdk.WebClient``: it is never part of a result, an
error line, a log line or a ``repr``.
"""

from __future__ import annotations

import http.client
import itertools
import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TextIO
from urllib.error import URLError
from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

from alerts.config import SlackConfig
from alerts.slack_format import build_alert, build_update_note, escalated_to_critical, render_text
from monitor.core.view import IncidentView

log = logging.getLogger("repmon.notify")

DEFAULT_SLACK_API = "https://slack.com/api/"
ERROR_MAX = 300

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


@dataclass(frozen=True)
class SendResult:
    ok: bool
    channel: str | None = None
    ts: str | None = None
    error: str | None = None  # one readable line, never a token
    retry_after: float | None = None  # seconds, when the service said when to come back


class Notifier(Protocol):
    def post(self, view: IncidentView) -> SendResult:
        """Send a new alert message."""
        ...

    def update(self, view: IncidentView, channel: str, ts: str) -> SendResult:
        """Edit the alert message at (channel, ts) to the latest state and say what changed in its thread."""
        ...


def _one_line(text: str, limit: int = ERROR_MAX) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


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
        self._token = token.strip()
        # no retry handlers: a failure goes back to the outbox, which retries with backoff/Retry-After
        self._client = WebClient(
            token=self._token, base_url=self.base_url, timeout=max(1, int(timeout)), retry_handlers=[]
        )

    def __repr__(self) -> str:
        return f"SlackNotifier(channel={self.channel!r}, base_url={self.base_url!r})"

    def _mention(self, view: IncidentView) -> str | None:
        return self.mention_on_critical if view.level == "critical" else None

    def post(self, view: IncidentView) -> SendResult:
        text, blocks = build_alert(view, mention=self._mention(view))
        result = self._call(
            "chat.postMessage",
            lambda: self._client.chat_postMessage(
                channel=self.channel, text=text, blocks=blocks, unfurl_links=False, unfurl_media=False
            ),
        )
        if result.ok:
            log.info("alert %s posted to %s (ts %s)", view.key, result.channel, result.ts)
        return result

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
                error=_one_line(f"slack: message updated, but the thread note failed: {noted.error}"),
                retry_after=noted.retry_after,
            )
        log.info("alert %s updated to v%d (ts %s)", view.key, view.version, ts)
        return SendResult(ok=True, channel=edited.channel or channel, ts=ts)

    def _redact(self, text: str) -> str:
        return text.replace(self._token, "[token]") if self._token else text

    def _fail(self, error: str, retry_after: float | None = None) -> SendResult:
        line = _one_line(self._redact(error))
        log.debug("%s", line)
        return SendResult(ok=False, error=line, retry_after=retry_after)

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
        return SendResult(ok=True, channel=data.get("channel"), ts=data.get("ts"))

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
        return self._fail(f"slack: {method} failed: {error or 'unknown error'}{detail}")


class ConsoleNotifier:
    """Prints each alert as Slack would show it; updates print the thread note and the new state."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream
        self._counter = itertools.count(1)

    @property
    def stream(self) -> TextIO:
        return self._stream if self._stream is not None else sys.stdout

    def __repr__(self) -> str:
        return "ConsoleNotifier()"

    def _write(self, text: str) -> str | None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError) as exc:
            return _one_line(f"console: cannot write the alert: {exc}")
        return None

    def post(self, view: IncidentView) -> SendResult:
        text, blocks = build_alert(view)
        error = self._write(render_text(text, blocks) + "\n")
        if error:
            return SendResult(ok=False, error=error)
        return SendResult(ok=True, channel="console", ts=f"{next(self._counter):010d}.000000")

    def update(self, view: IncidentView, channel: str, ts: str) -> SendResult:
        text, blocks = build_alert(view)
        note = render_text(build_update_note(view), [])
        out = f"↳ thread reply on {view.key} (message {ts}):\n{note.rstrip()}\n\n{render_text(text, blocks)}\n"
        error = self._write(out)
        if error:
            return SendResult(ok=False, channel=channel, ts=ts, error=error)
        return SendResult(ok=True, channel=channel, ts=ts)


def notifier_from_config(slack: SlackConfig) -> Notifier:
    """Slack when a token and a channel are configured, otherwise the console (and one line saying why)."""
    token = slack.token()
    if token and slack.channel:
        return SlackNotifier(token, slack.channel, slack.base_url, slack.mention_on_critical)
    if slack.channel:
        why = f"slack.channel is set but ${slack.token_env} is empty"
    elif token:
        why = f"${slack.token_env} is set but slack.channel is not"
    else:
        why = f"no Slack configured (slack.channel and ${slack.token_env})"
    log.info("%s; alerts go to the console", why)
    return ConsoleNotifier()
