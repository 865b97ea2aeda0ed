"""An alert as plain text, the way Slack would lay its blocks out: for the console and the demo."""

from __future__ import annotations

import re
from typing import Any

from alerts.slack_format import WORD_JOINER, unescape

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
    return unescape("".join(out)).strip("\n")


def render_text(text: str, blocks: list[dict[str, Any]]) -> str:
    """The message as plain text, the way Slack would lay the blocks out (for the console and the demo)."""
    if not blocks:
        return _plain(text)
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            title = str(block.get("text", {}).get("text", "")).replace(WORD_JOINER, "")
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
            buttons = [
                f"[ {e['text']['text']} ]" if e.get("type") == "button" else f"[ {e['placeholder']['text']} ▾ ]"
                for e in block.get("elements", [])
                if e.get("type") in ("button", "static_select")
            ]
            lines.append("  ".join(buttons))
        elif kind == "image":
            lines.append(f"[image: {block.get('alt_text', '')}]")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
