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

from alerts.drafting import LEAD_NOTE_PREFIX
from monitor.core.units import compact_count
from monitor.core.view import IncidentView, PostView

HEADER_MAX = 150
SECTION_MAX = 3000
FIELD_MAX = 2000
FALLBACK_MAX = 3000
MAX_BLOCKS = 50
POST_QUOTE_CHARS = 700  # of the customer's post shown in the alert (the link has the rest)

ACTIONS: tuple[tuple[str, str], ...] = (
    ("repmon_ack", "Acknowledge"),
    ("repmon_resolve", "Resolve"),
    ("repmon_snooze", "Snooze"),
    ("repmon_edit", "Edit draft"),
)
ACTIONS_BLOCK_ID = "repmon_actions"

_LEVEL_ICON = {"critical": "🔴", "warning": "🟠"}
_STATUS_ICON = {"open": "", "acknowledged": "👀 ", "resolved": "✅ ", "snoozed": "💤 "}
_WORD_JOINER = "\u2060"
_BROADCAST = re.compile(r"@(here|channel|everyone)\b", re.IGNORECASE)


def escape(text: str) -> str:
    """User text made inert for Slack mrkdwn.

    ``&``, ``<`` and ``>`` become entities, so ``<!channel>``, ``<@U123>`` and ``<url|label>``
    show as typed instead of acting. A bare ``@here``/``@channel``/``@everyone`` gets an invisible
    word joiner after the ``@`` so it can never be turned into a ping by ``link_names``.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub(lambda m: "@" + _WORD_JOINER + m.group(1), text)


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
    return _BROADCAST.sub(lambda m: "@" + _WORD_JOINER + m.group(1), text)


def _unescape(text: str) -> str:
    return text.replace(_WORD_JOINER, "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


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
        (post.likes, "likes"),
        (post.reposts, "reposts"),
        (post.replies, "replies"),
        (post.quotes, "quotes"),
    ]
    shown = [f"{compact_count(n)} {label}" for n, label in counts if n]
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


def _quote(text: str) -> str:
    lines = [escape(line) for line in _shorten(text.strip(), POST_QUOTE_CHARS).splitlines() if line.strip()]
    return "\n".join("> " + line for line in lines[:12]) or "> (no text)"


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
    return [_section(f"{title}\n```{body}```")]


def _actions(view: IncidentView) -> dict[str, Any]:
    elements: list[dict[str, Any]] = []
    for action_id, label in ACTIONS:
        button: dict[str, Any] = {
            "type": "button",
            "action_id": action_id,
            "text": {"type": "plain_text", "text": label, "emoji": True},
            "value": view.key[:2000],
        }
        if action_id == "repmon_ack" and view.status == "open":
            button["style"] = "primary"
        elements.append(button)
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
    blocks.append(_section(_quote(post.text)))
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
    return view.level == "critical" and any(
        "to critical" in c.lower() or "reopened" in c.lower() for c in _split_changes(view.changes)
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


# --- the terminal view -----------------------------------------------------------------------------

_LINK = re.compile(r"<([^<>|]+)\|([^<>]*)>")
_BARE = re.compile(r"<([^<>]+)>")
_BOLD = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])")


def _bare(target: str) -> str:
    if target.startswith("!subteam^"):
        return "@" + target.split("^", 1)[1].split("|", 1)[0]
    if target.startswith("!"):
        return "@" + target[1:].split("|", 1)[0]
    if target.startswith(("@", "#")):
        return target.split("|", 1)[0]
    return target


def _plain(mrkdwn: str) -> str:
    """mrkdwn as the reader sees it: links as 'label (url)', mentions as @name, entities decoded."""
    out: list[str] = []
    for i, chunk in enumerate(mrkdwn.split("```")):
        if i % 2 == 1:  # inside a code fence: verbatim, indented
            out.append("\n" + "\n".join("    " + line for line in chunk.strip("\n").splitlines()) + "\n")
            continue
        chunk = _LINK.sub(lambda m: f"{m.group(2)} ({m.group(1)})", chunk)
        chunk = _BARE.sub(lambda m: _bare(m.group(1)), chunk)
        chunk = _BOLD.sub(r"\1", chunk)
        chunk = _ITALIC.sub(r"\1", chunk)
        chunk = "\n".join(("│ " + line[2:]) if line.startswith("> ") else line for line in chunk.split("\n"))
        out.append(chunk)
    return _unescape("".join(out)).strip("\n")


def render_text(text: str, blocks: list[dict[str, Any]]) -> str:
    """The message as plain text, the way Slack would lay the blocks out (for the console and the demo)."""
    if not blocks:
        return _plain(text)
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = str(block.get("text", {}).get("text", "")).replace(_WORD_JOINER, "")
            lines += [title, "═" * min(len(title) + 2, 72)]
        elif kind == "section":
            if "text" in block:
                lines.append(_plain(str(block["text"].get("text", ""))))
            fields = block.get("fields") or []
            for field in fields:
                label, _, value = _plain(str(field.get("text", ""))).partition("\n")
                lines.append(f"{label}: {value}" if value else label)
            if "accessory" in block and block["accessory"].get("type") == "button":
                lines.append(f"[ {block['accessory']['text']['text']} ]")
        elif kind == "context":
            parts = [_plain(str(e.get("text", ""))) for e in block.get("elements", []) if "text" in e]
            lines.append(" · ".join(parts))
        elif kind == "divider":
            lines.append("─" * 40)
        elif kind == "actions":
            buttons = [f"[ {e['text']['text']} ]" for e in block.get("elements", []) if e.get("type") == "button"]
            lines.append("  ".join(buttons))
        elif kind == "image":
            lines.append(f"[image: {block.get('alt_text', '')}]")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
