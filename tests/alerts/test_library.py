"""The posts library (tests/fixtures/replies/posts.toml): kinds, specificity, variety, safety, grammar.

The posts were written for these tests across industries; repmon is also judged on posts written
elsewhere, so these assert behaviour (a kind, a detail named, no DM where there is none), not wording.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

import pytest

from alerts.drafting import Draft
from bench.replies_scorecard import load, names_detail, opening, run
from monitor.core.platforms import profile_for

POSTS: list[dict[str, Any]] = load("posts")["post"]


@cache
def drafts() -> dict[str, Draft]:
    return {post["id"]: draft for post, draft in run().drafts}


def test_the_library_is_big_and_varied() -> None:
    assert len(POSTS) >= 60
    kinds = Counter(p["kind"] for p in POSTS)
    assert {"complaint", "praise", "question", "mixed", "abusive", "threat"} <= set(kinds)
    assert len({p["platform"] for p in POSTS}) >= 10
    assert any(p.get("language") == "es" for p in POSTS)


@pytest.mark.parametrize("post", POSTS, ids=[p["id"] for p in POSTS])
def test_each_post_is_read_as_its_kind(post: dict[str, Any]) -> None:
    draft = drafts()[post["id"]]
    assert draft.kind == post["kind"]
    assert draft.language == post.get("language", "en")
    assert draft.findings == []  # every draft passes the tone check


@pytest.mark.parametrize("post", [p for p in POSTS if p.get("detail")], ids=lambda p: p["id"])
def test_complaints_are_acknowledged_by_their_detail(post: dict[str, Any]) -> None:
    draft = drafts()[post["id"]]
    if post.get("language", "en") != "en":
        assert draft.text and draft.lead_note is not None  # drafted in Spanish, with a note about facts
        return
    assert names_detail(draft.text, post["detail"], post["kind"] == "mixed"), draft.text


def test_forty_different_posts_give_forty_different_drafts_and_varied_openings() -> None:
    texts = [d.text for d in drafts().values() if d.text][:40]
    assert len(texts) == 40
    assert len(set(texts)) == 40
    assert max(Counter(opening(t) for t in texts).values()) <= 5
    closings = Counter(t.rsplit(".", 2)[-2][-40:] for t in texts if t.count(".") >= 2)
    assert max(closings.values()) <= 8


@pytest.mark.parametrize("post", POSTS, ids=[p["id"] for p in POSTS])
def test_dm_only_where_the_platform_has_dms(post: dict[str, Any]) -> None:
    draft = drafts()[post["id"]]
    if not profile_for(post["platform"]).has_dms:
        assert not re.search(r"\bDMs?\b|direct message", draft.text + (draft.lead_note or "").replace("to DMs", ""))


def test_abuse_and_threats_get_notes_not_replies() -> None:
    for post in POSTS:
        draft = drafts()[post["id"]]
        if post["kind"] == "abusive":
            assert draft.text == "" and draft.lead_note and "boundary-setting" in draft.lead_note
        if post["kind"] == "threat":
            assert draft.text == "" and draft.lead_note and "SAFETY" in draft.lead_note
            assert "for example" not in draft.lead_note  # no reply suggested, no DM offered


def test_praise_and_questions_get_no_apology() -> None:
    for post in POSTS:
        if post["kind"] in {"praise", "question"} and post.get("language", "en") == "en":
            text = drafts()[post["id"]].text.lower()
            assert "sorry" not in text and "apolog" not in text, text


def test_trivial_gripes_get_a_light_touch() -> None:
    for post in POSTS:
        if post.get("trivial"):
            text = drafts()[post["id"]].text
            assert "DM" not in text and "sorry" not in text.lower()
            assert len(text) < 180


BROKEN = [
    r"\bus \w+ing (?:your|the)\b",  # "us cancelling your flight"
    r"\bhaving (?:the|your|our) \w+ (?:froze|broke|went|ran|took|gave)\b",  # "having the app froze"
    r"\b(?:we|you|they) (?:has|is|was|does|hasn't|isn't|wasn't|doesn't)\b",  # agreement
    r"\bi (?:are|were|has)\b",
    r"\b(\w+) \1\b",  # doubled word
    r"\byour (?:we|us|you|our|he|she|they|there)\b",
    r"\bour (?:we|us|you|your)\b",
    r"\band \w+ and \w+ has left you\b",
    r"\bwe (?:missed|slept|cried|waited) \b",  # the customer did these, not the company
]


@pytest.mark.parametrize("pattern", BROKEN)
def test_drafts_are_grammatical(pattern: str) -> None:
    for post_id, draft in drafts().items():
        assert not re.search(pattern, draft.text, re.IGNORECASE), (post_id, draft.text)
