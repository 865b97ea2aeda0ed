"""The modals (edit the draft, mark replied) and the texts the app posts or answers with.

Slack limits respected here: modal title 24 characters, input 3,000, private_metadata 3,000,
message text 3,000 per section. User text is escaped before it goes into mrkdwn.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from alerts.slack.actions import IncidentSummary
from alerts.slack_format import SECTION_MAX, escape, user_markup
from alerts.tone import ToneReport

EDIT_CALLBACK = "repmon_edit_submit"
REPLIED_CALLBACK = "repmon_replied_submit"
DRAFT_BLOCK, DRAFT_INPUT = "draft", "draft_text"
URL_BLOCK, URL_INPUT = "reply_url", "reply_url_text"
INPUT_MAX = 3000
METADATA_MAX = 3000
INCIDENTS_SHOWN = 15


def _metadata(key: str, channel: str | None, ts: str | None) -> str:
    data = json.dumps({"key": key, "channel": channel, "ts": ts})
    if len(data) > METADATA_MAX:
        raise ValueError("incident key too long for a modal")
    return data


def read_metadata(view: dict[str, Any]) -> tuple[str, str | None, str | None]:
    data = json.loads(view.get("private_metadata") or "{}")
    return str(data["key"]), data.get("channel"), data.get("ts")


def edit_modal(key: str, draft: str, channel: str | None, ts: str | None) -> dict[str, Any]:
    """The draft in a text box; submitting runs the tone check before the text is accepted."""
    return {
        "type": "modal",
        "callback_id": EDIT_CALLBACK,
        "private_metadata": _metadata(key, channel, ts),
        "title": {"type": "plain_text", "text": "Edit the reply"},
        "submit": {"type": "plain_text", "text": "Check and save"},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            {
                "type": "context",
                "elements": [
                    {
                        "type": "mrkdwn",
                        "text": "Acknowledge how it felt and apologise first; facts after; never argue or excuse.",
                    }
                ],
            },
            {
                "type": "input",
                "block_id": DRAFT_BLOCK,
                "label": {"type": "plain_text", "text": "Reply"},
                "element": {
                    "type": "plain_text_input",
                    "action_id": DRAFT_INPUT,
                    "multiline": True,
                    "max_length": INPUT_MAX,
                    "initial_value": draft[:INPUT_MAX],
                },
            },
        ],
    }


def replied_modal(key: str, channel: str | None, ts: str | None) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": REPLIED_CALLBACK,
        "private_metadata": _metadata(key, channel, ts),
        "title": {"type": "plain_text", "text": "Mark replied"},
        "submit": {"type": "plain_text", "text": "Mark replied"},
        "blocks": [
            {
                "type": "input",
                "block_id": URL_BLOCK,
                "optional": True,
                "label": {"type": "plain_text", "text": "Link to the public reply (optional)"},
                "element": {"type": "plain_text_input", "action_id": URL_INPUT, "max_length": 2000},
            }
        ],
    }


def input_value(view: dict[str, Any], block: str, action: str) -> str:
    value = ((view.get("state") or {}).get("values") or {}).get(block, {}).get(action, {}).get("value")
    return str(value or "").strip()


def url_problem(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "Paste the link to the reply (https://...), or leave it empty."
    return None


def tone_errors(report: ToneReport) -> str:
    """The tone check's findings as one modal error (Slack shows it under the text box)."""
    lines = report.lines()
    text = "Before this goes out: " + " | ".join(lines)
    return text if len(text) <= 1500 else text[:1499] + "…"


def accepted_draft_note(user: str, text: str) -> str:
    """The accepted reply, in the alert's thread, ready to copy and marked with who wrote it."""
    body = escape(text).replace("```", "'''")
    note = f"✍️ Reply text by {user_markup(user)} (tone check passed), ready to copy:\n```{body}```"
    return note if len(note) <= SECTION_MAX else note[: SECTION_MAX - 4] + "…```"


def check_answer(text: str, report: ToneReport) -> str:
    if not text:
        return "Usage: `/repmon check <reply text>`"
    if report.ok:
        return "✅ The tone check found nothing: it acknowledges first and doesn't argue, blame or excuse."
    return "⚠️ The tone check found:\n" + "\n".join(f"• {escape(line)}" for line in report.lines())


def incidents_answer(rows: list[IncidentSummary]) -> str:
    if not rows:
        return "No incidents."
    lines = []
    for row in rows[:INCIDENTS_SHOWN]:
        owner = f", taken by {user_markup(row.acknowledged_by)}" if row.acknowledged_by else ""
        error = f" ⚠️ not delivered: {escape(row.delivery_error)}" if row.delivery_error else ""
        brand = escape(row.brand or "-")
        lines.append(f"• `{escape(row.key)}` {brand}: {row.level}, {row.status}{owner}{error}")
    more = len(rows) - INCIDENTS_SHOWN
    if more > 0:
        lines.append(f"…and {more} more (`repmon incidents` lists them all)")
    text = "\n".join(lines)
    return text if len(text) <= SECTION_MAX else text[: SECTION_MAX - 1] + "…"


def draft_answer(arg: str, draft: str | None) -> str:
    if not arg:
        return "Usage: `/repmon draft <post URL or the post's text>`"
    if draft is None:
        return "repmon has no post with that URL; paste the post's text instead."
    return f"Suggested reply:\n```{escape(draft).replace('```', chr(39) * 3)}```"


USAGE = (
    "`/repmon status` sources and incidents · `/repmon incidents` the list · "
    "`/repmon draft <post URL or text>` a reply draft · `/repmon check <text>` the tone check"
)
