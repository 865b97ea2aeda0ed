"""The weekly Slack post: key figures as Block Kit blocks, then the main chart as an uploaded image.

The chart goes through slack-sdk's ``files_upload_v2`` (``files.getUploadURLExternal``, the
upload itself, ``files.completeUploadExternal``), the flow Slack supports since ``files.upload``
was retired. Every piece of user text is escaped (``&``, ``<``, ``>``) before it reaches Slack.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from monitor.digest.outline import NOT_RECORDED, minutes, number, signed, subtitle, title

TEXT_LIMIT = 2900  # Slack allows 3,000 characters per text object
THEMES_SHOWN = 3


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str) -> str:
    """For plain_text (never parsed as markup): look-alike angle brackets, as the alerts do."""
    return text.replace("<", "\u2039").replace(">", "\u203a")


def _field(label: str, value: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": f"*{escape(label)}*\n{escape(value)}"[:TEXT_LIMIT]}


def blocks(d: dict[str, Any]) -> list[dict[str, Any]]:
    change, response = d["change"], d["response"]
    ack = minutes(response["median_minutes_to_acknowledge"], response["recorded"]["acknowledged"])
    share = "n/a" if response["share_resolved"] is None else f"{100 * response['share_resolved']:.0f}%"
    fields = [
        _field("Posts", f"{number(d['volume']['total'])} ({signed(change['volume_pct'])} vs last week)"),
        _field("Negative", f"{number(d['sentiment']['negative'])} ({signed(change['negative_pct'])})"),
        _field("Net sentiment", f"{signed(d['sentiment']['net'], '')} ({signed(change['net_points'], ' pts')})"),
        _field("Incidents", f"{response['incidents_raised']} ({response['critical']} critical)"),
        _field("Median time to acknowledge", ack),
        _field("Resolved", share),
    ]
    out: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": plain(title(d))[:150]}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(subtitle(d))}]},
        {"type": "section", "fields": fields},
    ]
    themes = d["themes"]["complaints"][:THEMES_SHOWN]
    if themes:
        lines = [
            f"\u2022 {escape(t['name'].replace('_', ' '))}: {t['posts']} posts ({signed(float(t['change']), '')})"
            for t in themes
        ]
        out.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": ("*Top complaints*\n" + "\n".join(lines))[:TEXT_LIMIT]},
            }
        )
    broken = [s["source"] for s in d["sources"] if s["recorded"] and not s["healthy"]]
    if broken:
        text = f":warning: Check these sources, a quiet week may be a broken connector: {', '.join(broken)}"
        out.append({"type": "section", "text": {"type": "mrkdwn", "text": escape(text)[:TEXT_LIMIT]}})
    out.append(
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": escape(
                        f"Full digest: repmon digest --week {d['week']}"
                        + (f' --brand "{d["brand"]}"' if d["brand"] else "")
                    ),
                }
            ],
        }
    )
    return out


def fallback_text(d: dict[str, Any]) -> str:
    ack = minutes(d["response"]["median_minutes_to_acknowledge"], d["response"]["recorded"]["acknowledged"])
    return escape(
        f"{title(d)}: {number(d['volume']['total'])} posts, net sentiment {signed(d['sentiment']['net'], '')}, "
        f"{d['response']['incidents_raised']} incidents, median time to acknowledge {ack}"
    ).replace(NOT_RECORDED, "not recorded")


@dataclass(frozen=True)
class Posted:
    channel: str
    ts: str
    file_id: str | None
    chart_error: str | None = None


class DigestPostError(Exception):
    """Slack refused the digest message itself (nothing was posted)."""


def post(client: WebClient, channel: str, d: dict[str, Any], chart: bytes) -> Posted:
    """Post the figures, then upload the chart beside them; a chart failure does not undo the post."""
    try:
        message = client.chat_postMessage(channel=channel, text=fallback_text(d), blocks=blocks(d), unfurl_links=False)
    except (SlackApiError, SlackClientError) as exc:
        raise DigestPostError(_reason(exc)) from None
    channel_id, ts = str(message["channel"]), str(message["ts"])
    try:
        upload = client.files_upload_v2(
            channel=channel_id,
            file=chart,
            filename=f"digest-{d['week']}.png",
            title=f"Posts per day by sentiment, {d['week']}",
            alt_txt=f"Bar chart of posts per day by sentiment in {d['week']}",
            thread_ts=ts,
            request_file_info=False,
        )
    except (SlackApiError, SlackClientError) as exc:
        return Posted(channel_id, ts, None, _reason(exc))
    files = upload.get("files") or []
    return Posted(channel_id, ts, str(files[0]["id"]) if files else None)


def _reason(exc: Exception) -> str:
    if isinstance(exc, SlackApiError):
        return f"Slack said {exc.response.get('error', 'unknown_error')}"
    return f"{type(exc).__name__}: {exc}"
