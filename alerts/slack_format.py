"""An incident as a Slack message (Block Kit), and the same message as plain text for a terminal.

Everything a customer wrote (post text, handle, URL, and the draft, which echoes their words) is
escaped with :func:`escape` before it goes into mrkdwn, so a post cannot ping ``<!channel>``,
mention a user, or dress a link up as another (``<http://evil|bank.com>``). Links are built as
``<url|label>`` only from escaped parts. The only unescaped markup is repmon's own (bold, quotes,
code fences) and the configured ``mention`` for critical alerts.

Slack's limits are respected: header text ≤ 150 characters, section text ≤ 3000, section field
≤ 2000, button text ≤ 75, at most 50 blocks and 10 fields.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from alerts.drafting import LEAD_NOTE_PREFIX, escalation_note, escalation_words
from monitor.core.statuses import Level, level_rank
from monitor.core.units import compact_count
from monitor.core.view import IncidentView, PostView

HEADER_MAX = 150
SECTION_MAX = 3000
FIELD_MAX = 2000
FALLBACK_MAX = 3000
MAX_BLOCKS = 50
POST_QUOTE_CHARS = 700  # of the customer's post shown in the alert (the link has the rest)

BUTTON_MAX = 75
ACK, RESOLVE, REOPEN, SNOOZE, NOT_RELEVANT, EDIT, REPLIED = (
    "repmon_ack",
    "repmon_resolve",
    "repmon_reopen",
    "repmon_snooze",
    "repmon_not_relevant",
    "repmon_edit",
    "repmon_replied",
)
ACTIONS_BLOCK_ID = "repmon_actions"
SNOOZE_CHOICES: tuple[tuple[str, str], ...] = (("1h", "1 hour"), ("4h", "4 hours"), ("24h", "24 hours"))
NOT_RELEVANT_REASONS: tuple[tuple[str, str], ...] = (
    ("not_about_us", "Not about us"),
    ("not_a_complaint", "Not a complaint"),
    ("already_handled", "Already handled"),
    ("spam", "Spam"),
)
_ACTIVE = ("open", "acknowledged", "snoozed")

_LEVEL_ICON = {"viral": "🔴", "critical": "🔴", "spreading": "🟠", "warning": "🟠", "watch": "🟡"}
_STATUS_ICON = {"open": "", "acknowledged": "👀 ", "resolved": "✅ ", "snoozed": "💤 ", "closed": "🚫 "}
_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")
WORD_JOINER = "\u2060"
_BROADCAST = re.compile(r"@(here|channel|everyone)\b", re.IGNORECASE)


def escape(text: str) -> str:
    """User text made inert for Slack mrkdwn.

    ``&``, ``<`` and ``>`` become entities, so ``<!channel>``, ``<@U123>`` and ``<url|label>``
    show as typed instead of acting. A bare ``@here``/``@channel``/``@everyone`` gets an invisible
    word joiner after the ``@`` so it can never be turned into a ping by ``link_names``.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: "@" + WORD_JOINER + m.group(1), text)


def mention_markup(mention: str | None) -> str | None:
    """A configured mention as Slack markup: '@here' -> '<!here>', 'U123' -> '<@U123>', 'S123' -> subteam."""
    if mention is None or not mention.strip():
        return None
    value = mention.strip()
    if value.startswith("<") and value.endswith(">"):
        return value
    name = value.lstrip("@!")
    if name.lower() in ("here", "channel", "everyone"):
        return f"<!{name.lower()}>"
    if re.fullmatch(r"[UW][A-Z0-9]{2,}", name):
        return f"<@{name}>"
    if re.fullmatch(r"S[A-Z0-9]{2,}", name):
        return f"<!subteam^{name}>"
    return escape(value)


def _inert_plain(text: str) -> str:
    """For plain_text fields (never parsed as markup, but belt and braces): look-alike angle brackets."""
    text = text.replace("<", "\u2039").replace(">", "\u203a")
    return _BROADCAST.sub(lambda m: "@" + WORD_JOINER + m.group(1), text)


def unescape(text: str) -> str:
    return text.replace(WORD_JOINER, "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _shorten(text: str, limit: int) -> str:
    """Raw text cut to ``limit`` characters at a word boundary, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[: max(0, limit - 1)]
    space = head.rfind(" ")
    if space > limit * 2 // 3:
        head = head[:space]
    return head.rstrip() + "…"


def _clip(mrkdwn: str, limit: int) -> str:
    """Escaped/markup text cut to ``limit`` without splitting an entity, a link or a code fence."""
    if len(mrkdwn) <= limit:
        return mrkdwn
    fence = mrkdwn.count("```") % 2 == 0 and "```" in mrkdwn
    budget = limit - 1 - (3 if fence else 0)
    head = mrkdwn[:budget]
    amp, semi = head.rfind("&"), head.rfind(";")
    if amp > semi:
        head = head[:amp]  # don't leave half an entity
    lt, gt = head.rfind("<"), head.rfind(">")
    if lt > gt:
        head = head[:lt]  # nor half a link
    head = head.rstrip() + "…"
    if fence and head.count("```") % 2 == 1:
        head += "```"
    return head


def _link(url: str | None, label: str) -> str:
    """``<url|label>`` for an http(s) URL (both escaped), else just the escaped label."""
    if not url:
        return escape(label)
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return escape(label)
    safe_url = escape(url.strip()).replace("|", "%7C").replace(" ", "%20")
    return f"<{safe_url}|{escape(label).replace('|', '¦')}>"


def _handle(post: PostView) -> str:
    handle = _one_line(post.author_handle or "")
    if not handle:
        return "unknown author"
    return escape(_shorten(handle, 80))


def _sentiment(post: PostView) -> str:
    if post.compound is None:
        return escape(post.label)
    return f"{post.compound:+.2f} ({escape(post.label)})"


def _engagement(post: PostView) -> str:
    counts = [
        (post.likes, "like", "likes"),
        (post.reposts, "repost", "reposts"),
        (post.replies, "reply", "replies"),
        (post.quotes, "quote", "quotes"),
    ]
    shown = [f"{compact_count(n)} {one if n == 1 else many}" for n, one, many in counts if n]
    return ", ".join(shown) if shown else "none yet"


def _when(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _level_title(view: IncidentView) -> str:
    icon = _LEVEL_ICON.get(view.level, "⚪")
    status = _STATUS_ICON.get(view.status, "")
    brand = _one_line(view.brand or "") or "your brand"
    title = f"{icon} {view.level.capitalize()}: {brand}, upset post spreading"
    if view.status not in ("open", ""):
        title = f"{status}{title} ({view.status})"
    return _shorten(_inert_plain(title), HEADER_MAX)


def _quote(post: PostView) -> str:
    text = post.text.strip()
    lines = [escape(line) for line in _shorten(text, POST_QUOTE_CHARS).splitlines() if line.strip()]
    quoted = "\n".join("> " + line for line in lines[:12]) or "> (no text)"
    if len(text) > POST_QUOTE_CHARS or len(lines) > 12:
        quoted += "\n" + _link(post.url, "read the whole post") if post.url else "\n_(cut: the post is longer)_"
    return quoted


def user_markup(user_id: str | None) -> str:
    """A Slack user ID as a mention Slack shows as the person's name; anything else escaped."""
    if not user_id:
        return "someone"
    return f"<@{user_id}>" if _USER_ID.fullmatch(user_id) else escape(user_id)


def clock_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%H:%M")


def handling_lines(view: IncidentView) -> list[str]:
    """Who did what: "taken by @name at 14:02", snoozed until, resolved, replied (times in UTC)."""
    done = view.handling
    lines: list[str] = []
    if done.acknowledged_by and done.acknowledged_at:
        lines.append(f"👀 taken by {user_markup(done.acknowledged_by)} at {clock_time(done.acknowledged_at)}")
    if view.status == "snoozed" and done.snoozed_until:
        lines.append(f"💤 snoozed until {clock_time(done.snoozed_until)} UTC (a rising level still alerts)")
    if view.status in ("resolved", "closed") and done.resolved_at:
        verb = "resolved" if view.status == "resolved" else "closed as not relevant"
        lines.append(f"✅ {verb} by {user_markup(done.resolved_by)} at {clock_time(done.resolved_at)}")
    if done.replied_at:
        where = f" ({_link(done.reply_url, 'the reply')})" if done.reply_url else ""
        lines.append(f"💬 replied publicly by {user_markup(done.replied_by)} at {clock_time(done.replied_at)}{where}")
    if done.draft_by:
        lines.append(f"✍️ reply text edited by {user_markup(done.draft_by)} (in the thread)")
    return lines


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(text, SECTION_MAX)}}


def _field(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": _clip(text, FIELD_MAX)}


def _draft_block(view: IncidentView) -> list[dict[str, Any]]:
    draft = view.draft.strip()
    if not draft:
        return [_section("*Suggested reply*\n_No draft for this one: write the reply yourself._")]
    body = escape(draft).replace("```", "'''")
    if view.abusive or draft.startswith(LEAD_NOTE_PREFIX):
        return [_section(f"*⚠️ For a lead, not a reply*\n{body}")]
    title = f"*Suggested reply* ({len(draft)} characters, {escape(view.root.source)}): copy, edit, post"
    taking_further = escalation_words(view.root.text)  # a regulator, a lawyer, leaving: a lead's call too
    note = [_section(f"*⚠️ For a lead too*\n{escape(escalation_note(taking_further))}")] if taking_further else []
    return [*note, _section(f"{title}\n```{body}```")]


def _button(action_id: str, label: str, key: str, style: str | None = None) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": _shorten(label, BUTTON_MAX), "emoji": True},
        "value": key[:2000],
    }
    if style:
        button["style"] = style
    return button


def _select(action_id: str, placeholder: str, choices: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    return {
        "type": "static_select",
        "action_id": action_id,
        "placeholder": {"type": "plain_text", "text": placeholder},
        "options": [{"text": {"type": "plain_text", "text": label}, "value": value} for value, label in choices],
    }


def _actions(view: IncidentView) -> dict[str, Any]:
    """The buttons that fit where the incident stands: act on an active one, reopen a finished one."""
    if view.status not in _ACTIVE:
        elements = [_button(REOPEN, "Reopen", view.key)]
    else:
        elements = []
        if view.status == "open":
            elements.append(_button(ACK, "Acknowledge", view.key, "primary"))
        elements += [
            _button(RESOLVE, "Resolve", view.key),
            _select(SNOOZE, "Snooze", SNOOZE_CHOICES),
            _select(NOT_RELEVANT, "Not relevant", NOT_RELEVANT_REASONS),
            _button(EDIT, "Edit draft", view.key),
        ]
    if not view.handling.replied_at:
        elements.append(_button(REPLIED, "Mark replied", view.key))
    return {"type": "actions", "block_id": ACTIONS_BLOCK_ID, "elements": elements}


def _spread(view: IncidentView) -> str:
    sources = ", ".join(escape(s) for s in view.sources) or escape(view.root.source)
    posts = "1 post" if view.post_count == 1 else f"{view.post_count} posts"
    authors = "1 author" if view.author_count == 1 else f"{view.author_count} authors"
    return f"{posts} from {authors} on {sources}"


def build_alert(view: IncidentView, mention: str | None = None) -> tuple[str, list[dict[str, Any]]]:
    """The fallback ``text`` and Block Kit ``blocks`` for ``chat.postMessage``/``chat.update``.

    ``mention`` (trusted config, e.g. ``<!subteam^S123>``) is put in front of both, so the people
    it names are notified; pass it for critical alerts only.
    """
    post = view.root
    mention = mention_markup(mention)
    brand = escape(_one_line(view.brand or "")) or "your brand"
    snippet = escape(_shorten(_one_line(post.text), 200))
    lead = f"{mention} " if mention else ""
    text = _clip(
        f"{lead}{_LEVEL_ICON.get(view.level, '')} {view.level.capitalize()}: {brand}: "
        f"upset post on {escape(post.source)} by {_handle(post)}: “{snippet}”",
        FALLBACK_MAX,
    )

    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _level_title(view), "emoji": True}},
    ]
    if mention:
        blocks.append(_section(f"{mention} this one needs eyes now."))
    blocks.append(_section(_quote(post)))
    reach = "unknown" if post.author_followers is None else f"{compact_count(post.author_followers)} followers"
    fields = [
        _field(f"*Source*\n{escape(post.source)} · {_link(post.url, 'open the post')}"),
        _field(f"*Author*\n{_handle(post)}"),
        _field(f"*Reach*\n{reach}"),
        _field(f"*Sentiment*\n{_sentiment(post)}"),
        _field(f"*Engagement*\n{_engagement(post)}"),
        _field(f"*Spread*\n{_spread(view)}"),
    ]
    blocks.append({"type": "section", "fields": fields})
    reasons = [escape(_one_line(r)) for r in view.reasons if r.strip()]
    if reasons:
        blocks.append(_section("*Why this alerted*\n" + "\n".join(f"• {r}" for r in reasons)))
    blocks.append({"type": "divider"})
    blocks.extend(_draft_block(view))
    handled = handling_lines(view)
    if handled:
        blocks.append({"type": "context", "elements": [_field("\n".join(handled))]})
    blocks.append(_actions(view))
    blocks.append(
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": _clip(
                        f"Incident `{escape(view.key)}` · v{view.version} · {escape(view.status)} · "
                        f"score {view.score:.1f} · first alerted {_when(view.first_alert_at)} · "
                        f"posted {_when(post.created_at)}",
                        SECTION_MAX,
                    ),
                }
            ],
        }
    )
    return text, blocks[:MAX_BLOCKS]


def _split_changes(changes: list[str]) -> list[str]:
    seen: list[str] = []
    for change in changes:
        for part in change.split("; "):
            part = _one_line(part)
            if part and part not in seen:
                seen.append(part)
    return seen


def escalated_to_critical(view: IncidentView) -> bool:
    """Whether this update is the one that made the incident critical."""
    return level_rank(view.level) >= level_rank(Level.VIRAL) and any(
        f"to {view.level}" in c.lower() or "reopened" in c.lower() for c in _split_changes(view.changes)
    )


def build_update_note(view: IncidentView, mention: str | None = None) -> str:
    """The thread reply posted under the alert when it is updated: what changed, and where it stands."""
    changes = _split_changes(view.changes)
    mention = mention_markup(mention)
    lead = f"{mention} " if mention else ""
    icon = _LEVEL_ICON.get(view.level, "")
    if changes:
        listed = "\n".join(f"• {escape(c)}" for c in changes)
        body = f"{lead}{icon} *Update (v{view.version})*: what changed\n{listed}"
    else:
        body = f"{lead}{icon} *Update (v{view.version})*: the alert above now shows the latest state."
    body += f"\nNow {view.level}, {escape(view.status)}: {_spread(view)}."
    return _clip(body, SECTION_MAX)


def archive_link(channel: str | None, ts: str | None) -> str | None:
    """Slack's workspace-independent archive link to a message, or None without one."""
    if not channel or not ts:
        return None
    return f"https://slack.com/archives/{channel}/p{ts.replace('.', '')}"


# the same linking and cutting for repmon's other messages (the held-alerts summary)
link, shorten, clip, level_icon = _link, _shorten, _clip, _LEVEL_ICON.get
