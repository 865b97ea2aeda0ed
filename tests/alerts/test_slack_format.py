"""Slack formatting: what an alert shows, that nothing a customer wrote can act as markup, and limits."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from alerts.config import ReplyConfig
from alerts.drafting import draft_reply
from alerts.slack_format import (
    HEADER_MAX,
    MAX_BLOCKS,
    SECTION_MAX,
    build_alert,
    build_update_note,
    escalated_to_critical,
    escape,
    mention_markup,
)
from alerts.terminal import render_text
from monitor.core.view import Handling, IncidentView, PostView

HOSTILE = "<!channel> <!here> @here @channel <@U0BOSS> <http://evil.example|bank.com> & <#C0GENERAL>"


def make_view(**changes: Any) -> IncidentView:
    post_changes = changes.pop("post", {})
    post = PostView(
        source="bluesky",
        post_id="3kabc",
        url="https://bsky.app/profile/jane.bsky.social/post/3kabc",
        author_handle="jane.bsky.social",
        author_followers=15_234,
        text="@northwindair charged me twice and kept my money. Three weeks, still nothing!",
        compound=-0.82,
        label="negative",
        created_at=datetime(2024, 5, 1, 9, 30, tzinfo=UTC),
        likes=120,
        reposts=30,
        replies=12,
    )
    view = IncidentView(
        key="bluesky:3kabc",
        brand="Northwind Air",
        level="warning",
        status="open",
        score=2.4,
        reasons=["engagement 14x the bluesky median in 60m", "high-reach author (15k followers)"],
        root=replace(post, **post_changes),
        post_count=3,
        author_count=3,
        sources=["bluesky", "mastodon"],
        draft="I can see why being charged twice has left you worried. I'm sorry; that's on us.",
        abusive=False,
        first_alert_at=datetime(2024, 5, 1, 9, 45, tzinfo=UTC),
        version=1,
    )
    return replace(view, **changes)


def all_text(text: str, blocks: list[dict[str, Any]]) -> str:
    return text + "\n" + json.dumps(blocks, ensure_ascii=False)


def markup(payload: str) -> list[str]:
    """Every <...> Slack would act on (links, mentions) in the payload."""
    return re.findall(r"<[^<>]*>", payload)


# --- escaping -------------------------------------------------------------------------------------


def test_escape_makes_markup_inert() -> None:
    assert escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"
    assert escape("<!channel>") == "&lt;!channel&gt;"
    assert escape("<http://evil|bank.com>") == "&lt;http://evil|bank.com&gt;"
    assert "@here" not in escape("hey @here and @channel and @everyone")
    assert escape("mail me@hereford.example") == "mail me@hereford.example"
    assert escape("&amp;") == "&amp;amp;"  # already-escaped text shows as typed


@pytest.mark.parametrize("where", ["text", "handle", "url", "draft", "brand", "reason", "source"])
def test_nothing_a_customer_wrote_can_ping_or_spoof_a_link(where: str) -> None:
    post: dict[str, Any] = {}
    view_changes: dict[str, Any] = {}
    if where == "text":
        post["text"] = f"Hey {HOSTILE} they kept my money"
    elif where == "handle":
        post["author_handle"] = HOSTILE
    elif where == "url":
        post["url"] = "https://example.com/a>b|<!channel>"
    elif where == "source":
        post["source"] = HOSTILE
    elif where == "draft":
        view_changes["draft"] = f"I'm sorry about {HOSTILE}"
    elif where == "brand":
        view_changes["brand"] = HOSTILE
    else:
        view_changes["reasons"] = [HOSTILE]
    text, blocks = build_alert(make_view(post=post, **view_changes))
    payload = all_text(text, blocks)
    assert "<!channel>" not in payload
    assert "<!here>" not in payload
    assert "<@U0BOSS>" not in payload
    assert "<#C0GENERAL>" not in payload
    assert "<http://evil" not in payload
    assert not re.search(r"(?<!\w)@(here|channel)\b", payload)
    for found in markup(payload):
        assert found.startswith("<https://"), found  # the only live markup is our link to the post
    note = build_update_note(make_view(changes=[HOSTILE], post=post, **view_changes))
    assert markup(note) == []


def test_the_post_link_is_built_only_from_escaped_parts() -> None:
    text, blocks = build_alert(make_view(post={"url": "https://example.com/p?a=1&b=<x>|y"}))
    links = markup(all_text(text, blocks))
    assert links == ["<https://example.com/p?a=1&amp;b=&lt;x&gt;%7Cy|open the post>"]
    for bad in ("javascript:alert(1)", "ftp://example.com/x", "not a url", None):
        text, blocks = build_alert(make_view(post={"url": bad}))
        assert markup(all_text(text, blocks)) == []


def test_mentions_come_only_from_config() -> None:
    assert mention_markup("@here") == "<!here>"
    assert mention_markup("channel") == "<!channel>"
    assert mention_markup("U0ONCALL") == "<@U0ONCALL>"
    assert mention_markup("S0TEAM") == "<!subteam^S0TEAM>"
    assert mention_markup("<!subteam^S0TEAM>") == "<!subteam^S0TEAM>"
    assert mention_markup(None) is None
    assert mention_markup(" ") is None
    text, blocks = build_alert(make_view(level="critical"), mention="<!subteam^S0TEAM>")
    assert text.startswith("<!subteam^S0TEAM> ")
    assert any("<!subteam^S0TEAM>" in json.dumps(b) for b in blocks)
    quiet_text, quiet_blocks = build_alert(make_view(level="critical"))
    assert markup(all_text(quiet_text, quiet_blocks)) == [
        "<https://bsky.app/profile/jane.bsky.social/post/3kabc|open the post>"
    ]


# --- what the alert shows -------------------------------------------------------------------------


def by_type(blocks: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [b for b in blocks if b["type"] == kind]


def test_the_alert_shows_level_brand_post_reach_reasons_draft_and_state() -> None:
    view = make_view(level="critical", version=3, status="acknowledged")
    text, blocks = build_alert(view)
    header = by_type(blocks, "header")[0]["text"]["text"]
    assert "Critical" in header
    assert "Northwind Air" in header
    assert "🔴" in header
    assert "Critical" in text
    assert "Northwind Air" in text
    assert "charged me twice" in text

    payload = json.dumps(blocks, ensure_ascii=False)
    assert "> @northwindair charged me twice" in payload  # the quoted post
    fields = "\n".join(f["text"] for b in blocks for f in b.get("fields", []))
    for expected in (
        "bluesky",
        "jane.bsky.social",
        "15k followers",
        "-0.82",
        "negative",
        "120 likes",
        "3 posts",
    ):
        assert expected in fields
    texts = [b["text"]["text"] for b in by_type(blocks, "section") if "text" in b]
    reasons = next(t for t in texts if "Why this alerted" in t)
    assert "• engagement 14x the bluesky median in 60m\n• high-reach author (15k followers)" in reasons
    draft = next(t for t in texts if "Suggested reply" in t)
    assert f"```{view.draft}```" in draft
    context = by_type(blocks, "context")[-1]["elements"][0]["text"]
    assert "bluesky:3kabc" in context
    assert "v3" in context
    assert "acknowledged" in context


def test_a_warning_header_and_a_missing_brand_still_read_well() -> None:
    _, blocks = build_alert(make_view(level="warning", brand=None, post={"author_followers": None}))
    header = by_type(blocks, "header")[0]["text"]["text"]
    assert header.startswith("🟠 Warning: your brand")
    fields = [f["text"] for b in blocks for f in b.get("fields", [])]
    assert "*Reach*\nunknown" in fields


def test_buttons_fit_where_the_incident_stands() -> None:
    _, blocks = build_alert(make_view())
    actions = by_type(blocks, "actions")
    assert len(actions) == 1
    elements = actions[0]["elements"]
    assert [b["action_id"] for b in elements] == [
        "repmon_ack",
        "repmon_resolve",
        "repmon_snooze",
        "repmon_not_relevant",
        "repmon_edit",
        "repmon_replied",
    ]
    assert all(b["value"] == "bluesky:3kabc" for b in elements if b["type"] == "button")
    snooze = elements[2]["options"]
    assert [o["value"] for o in snooze] == ["1h", "4h", "24h"]
    reasons = [o["value"] for o in elements[3]["options"]]
    assert reasons == ["not_about_us", "not_a_complaint", "already_handled", "spam"]
    taken = make_view(
        status="acknowledged",
        handling=Handling(acknowledged_by="U0MAYA", acknowledged_at=datetime(2024, 5, 1, 14, 2, tzinfo=UTC)),
    )
    _, blocks = build_alert(taken)
    assert "repmon_ack" not in str(by_type(blocks, "actions"))
    assert "taken by <@U0MAYA> at 14:02" in str(blocks)
    _, blocks = build_alert(make_view(status="resolved"))
    assert [b["action_id"] for b in by_type(blocks, "actions")[0]["elements"]] == ["repmon_reopen", "repmon_replied"]


def test_counts_say_1_reply_and_2_replies() -> None:
    _, one = build_alert(make_view(root=replace(make_view().root, replies=1, likes=2)))
    _, two = build_alert(make_view(root=replace(make_view().root, replies=2, likes=1)))
    assert "1 reply" in str(one)
    assert "1 replies" not in str(one)
    assert "2 likes" in str(one)
    assert "2 replies" in str(two)
    assert "1 like," in str(two) or "1 like" in str(two)


def test_a_long_post_is_cut_with_a_link_and_every_limit_holds() -> None:
    long_post = replace(make_view().root, text="word " * 5000, author_handle="h" * 500)
    view = make_view(root=long_post, brand="B" * 400, reasons=["r" * 4000] * 80, draft="sorry " * 1000)
    text, blocks = build_alert(view)
    assert len(blocks) <= 50
    assert len(text) <= 3000
    assert "read the whole post" in str(blocks)
    for block in blocks:
        for part in [block.get("text") or {}, *(block.get("fields") or []), *(block.get("elements") or [])]:
            if isinstance(part, dict) and "text" in part:
                inner = part["text"] if isinstance(part["text"], str) else part["text"]["text"]
                assert len(inner) <= 3000
            if isinstance(part, dict) and part.get("type") == "button":
                assert len(part["text"]["text"]) <= 75


def test_an_abusive_post_shows_the_lead_note_not_a_reply_to_copy() -> None:
    note = draft_reply(
        text="you idiots",
        author_handle="x",
        source="bluesky",
        topics=("refund",),
        perceptions=(),
        abusive=True,
        facts={},
        reply=ReplyConfig(),
    )
    _, blocks = build_alert(make_view(abusive=True, draft=note))
    payload = json.dumps(blocks, ensure_ascii=False)
    assert "For a lead, not a reply" in payload
    assert "Suggested reply" not in payload
    assert "```" not in payload


def test_slack_limits_hold_for_huge_inputs() -> None:
    huge = ("word & <b> " * 2000).strip()
    view = make_view(
        brand="B" * 400,
        reasons=[huge, huge],
        draft=huge,
        post={"text": huge + "\n" * 50 + huge, "author_handle": huge},
        changes=[huge],
    )
    text, blocks = build_alert(view)
    assert len(blocks) <= MAX_BLOCKS
    assert len(text) <= SECTION_MAX
    for block in blocks:
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= HEADER_MAX
        if block["type"] == "section":
            if "text" in block:
                assert len(block["text"]["text"]) <= SECTION_MAX
            for field in block.get("fields", []):
                assert len(field["text"]) <= 2000
        if block["type"] == "context":
            assert all(len(e["text"]) <= SECTION_MAX for e in block["elements"])
    texts = [b["text"]["text"] for b in blocks if b["type"] == "section" and "text" in b]
    draft = next(t for t in texts if "Suggested" in t)
    assert draft.count("```") == 2  # a cut draft keeps its code fence closed
    for section in blocks:
        body = section.get("text", {}).get("text", "")
        assert not re.search(r"&[a-z]*…", body)  # no entity cut in half
    assert len(build_update_note(view)) <= SECTION_MAX


def test_a_long_post_is_quoted_in_part_with_a_marker() -> None:
    long_text = "They charged me twice. " * 100
    _, blocks = build_alert(make_view(post={"text": long_text}))
    quote = blocks[1]["text"]["text"]
    assert quote.startswith("> They charged me twice.")
    cut, link = quote.rsplit("\n", 1)
    assert cut.endswith("…")
    assert link == "<https://bsky.app/profile/jane.bsky.social/post/3kabc|read the whole post>"
    assert len(quote) < 900


# --- updates --------------------------------------------------------------------------------------


def test_the_update_note_says_what_changed() -> None:
    view = make_view(
        level="critical",
        version=2,
        changes=[
            "escalated from warning to critical; other customers are now echoing the complaint",
            "now echoed",
        ],
    )
    note = build_update_note(view)
    assert "Update (v2)" in note
    assert "• escalated from warning to critical\n• other customers are now echoing the complaint\n• now echoed" in note
    assert "Now critical, open: 3 posts from 3 authors on bluesky, mastodon." in note
    assert escalated_to_critical(view)
    assert build_update_note(view, mention="@here").startswith("<!here> ")
    plain = build_update_note(make_view(version=4))
    assert "latest state" in plain
    assert not escalated_to_critical(make_view(version=4, changes=["velocity now 20x the source median"]))


# --- the terminal rendering -----------------------------------------------------------------------


def test_render_text_shows_the_message_as_slack_would() -> None:
    view = make_view(post={"text": f"Hey {HOSTILE}\nsecond line"}, level="critical")
    text, blocks = build_alert(view, mention="<!subteam^S0TEAM>")
    out = render_text(text, blocks)
    lines = out.splitlines()
    assert lines[0].startswith("🔴 Critical: Northwind Air")
    assert set(lines[1]) == {"═"}
    assert "@S0TEAM this one needs eyes now." in out
    assert f"│ Hey {HOSTILE}" in out  # the customer's text as they typed it, unescaped for the terminal
    assert "│ second line" in out
    assert "Source: bluesky · open the post (https://bsky.app/profile/jane.bsky.social/post/3kabc)" in out
    assert "Author: jane.bsky.social" in out
    assert "• engagement 14x the bluesky median in 60m" in out
    assert "    I can see why being charged twice" in out  # the draft, indented like a code block
    assert "[ Acknowledge ]  [ Resolve ]  [ Snooze ▾ ]  [ Not relevant ▾ ]  [ Edit draft ]  [ Mark replied ]" in out
    assert "Incident `bluesky:3kabc` · v1 · open" in out
    assert "&lt;" not in out
    assert "&amp;" not in out
    assert "*Source*" not in out
    assert "\u2060" not in out


def test_render_text_without_blocks_uses_the_fallback_text() -> None:
    assert render_text("*Update*: a &lt;b&gt; <https://x.test|link>", []) == "Update: a <b> link (https://x.test)"


def test_a_post_taking_it_further_carries_a_note_for_a_lead_beside_the_draft() -> None:
    """A regulator, a lawyer or leaving us is a lead's call as well as a reply: the alert says so, and
    the copyable draft stays the reply alone."""
    text = "@northwindair charged me twice & kept my money. Going to the <b>ombudsman</b> next."
    _, blocks = build_alert(make_view(post={"text": text}))
    payload = json.dumps(blocks, ensure_ascii=False)
    assert "For a lead too" in payload and "“ombudsman”" in payload
    draft_section = next(b["text"]["text"] for b in blocks if "Suggested reply" in b.get("text", {}).get("text", ""))
    assert "ombudsman" not in draft_section and "For a lead" not in draft_section
    assert "<b>" not in payload  # the customer's text is escaped wherever it is shown

    _, plain = build_alert(make_view())
    assert "For a lead too" not in json.dumps(plain, ensure_ascii=False)
