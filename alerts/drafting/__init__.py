"""Reply drafts that follow the reply method: the customer's experience first, in their terms.

``compose_reply`` reads the post (language, kind, topics, the experiences worth naming, what the
customer asked for), builds the moves its kind needs from phrasings chosen deterministically per
post, fits them to the platform's limit by saying less before leaving anything out, and checks the
result with the tone check. ``draft_reply`` is the string form the pipeline stores and alerts show:
the reply, or a note for a lead when the post should not get a warm reply.

Modules: ``reading`` (what the post says), ``naming`` (phrases that name what it is about when
no clause reads back), ``ratings`` (a star rating in the text), ``clauses`` (reading a clause back
in the second person), ``kinds`` (threat, abuse, praise, question...), ``compose`` (the moves), ``parts``
(rendering and fitting), ``speech`` (quoted words and staff names in a clause), ``channels``
(next step per platform), ``notes`` (notes for a lead), ``phrasing`` (deterministic choice);
wording lives in the TOML files beside them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from alerts.config import ReplyConfig, TopicFacts
from alerts.drafting.channels import channel, public_contact
from alerts.drafting.compose import Context, english_parts, spanish_parts, topic_entry
from alerts.drafting.data import load, phrasings
from alerts.drafting.kinds import Kind, escalation_words
from alerts.drafting.notes import (
    LEAD_NOTE_PREFIX,
    abusive_note,
    dropped_note,
    escalation_note,
    language_note,
    lead_suggestion,
    spanish_facts_note,
    threat_note,
)
from alerts.drafting.parts import Parts, cut, fit, measure
from alerts.drafting.phrasing import fill, pick, seed_of
from alerts.drafting.reading import Reading, read_post
from alerts.tone import Finding, check_tone
from monitor.core.platforms import PlatformProfile, profile_for

log = logging.getLogger("repmon.drafting")

__all__ = [
    "LEAD_NOTE_PREFIX",
    "Draft",
    "compose_reply",
    "draft_reply",
    "escalation_note",
    "escalation_words",
    "lead_suggestion",
    "length_limit",
]


def length_limit(source: str, reply: ReplyConfig | None = None) -> int:
    """The longest reply ``source`` accepts: ``reply.max_length`` first, then the platform profile."""
    configured = reply.max_length if reply is not None else {}
    for key in (source, source.lower()):
        if key in configured:
            return max(1, int(configured[key]))
    return profile_for(source).reply_limit


@dataclass(frozen=True)
class Draft:
    """What repmon suggests for a post: the reply (empty when none should be posted) and any note."""

    text: str
    kind: str
    lead_note: str | None
    language: str
    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The shape `repmon draft --json` prints."""
        return {
            "draft": self.text,
            "kind": self.kind,
            "lead_note": self.lead_note,
            "language": self.language,
            "findings": [asdict(f) for f in self.findings],
        }


def _about(reading: Reading) -> str:
    return str(topic_entry(reading).get("about", ""))


def _boundary_next(profile: PlatformProfile, reply: ReplyConfig, seed: str) -> str:
    p = phrasings("en")
    if profile.has_dms:
        return fill(pick(seed, "next_s", p["next_dm_short"]), channel=channel(reply), action="help")
    return fill(pick(seed, "next_s", p["next_public_short"]), contact=public_contact(profile, reply), action="help")


def _render(parts: Parts, limit: int, profile: PlatformProfile) -> tuple[str, Parts]:
    fitted = fit(parts, limit, profile)
    text = fitted.render()
    return (text if measure(text, profile) <= limit else cut(text, limit)), fitted


def compose_reply(
    text: str,
    *,
    source: str,
    author_handle: str | None = None,
    topics: Sequence[str] = (),
    abusive: bool = False,
    facts: Mapping[str, TopicFacts] | None = None,
    reply: ReplyConfig | None = None,
    brand_names: Sequence[str] = (),
    complaint: bool = False,
) -> Draft:
    """The draft repmon suggests for ``text`` posted on ``source``, with its kind, language and notes.

    ``brand_names`` are the names customers call the company by, so "Northwind lost my bag" reads
    back as "we lost your bag"; the team name in config and @mentions count too.
    """
    reply = reply or ReplyConfig()
    facts = facts or {}
    profile = profile_for(source)
    limit = length_limit(source, reply)
    seed = seed_of(text)
    reading = read_post(
        text, topics=topics, abusive=abusive, team_name=reply.team_name, brand_names=brand_names, complaint=complaint
    )
    if reading.kind is Kind.THREAT:
        return Draft(
            "", reading.kind.value, threat_note(text, reading.flagged_words, profile.display_name), reading.language
        )
    if reading.kind is Kind.ABUSIVE:
        next_step = _boundary_next(profile, reply, seed)
        note = abusive_note(text, reading.flagged_words, _about(reading), profile.display_name, next_step, seed)
        return Draft("", reading.kind.value, note, reading.language)
    notes: list[str] = []
    escalated = escalation_words(text)
    if escalated:
        notes.append(escalation_note(escalated))
    drafted = load("languages")["drafted"]
    if reading.language not in drafted:
        name = load("languages")["names"].get(reading.language, reading.language)
        notes.append(language_note(name))
        reading = replace(reading, grievances=(), request=None, praise=None)
    ctx = Context(reading, profile, reply, facts, author_handle, seed)
    if reading.language == "es":
        parts = spanish_parts(ctx)
        if any(t in facts for t in reading.topics):
            notes.append(spanish_facts_note())
    else:
        parts = english_parts(ctx)
    draft, fitted = _render(parts, limit, profile)
    expect_ack = reading.kind not in {Kind.PRAISE, Kind.QUESTION} and not reading.trivial
    report = check_tone(draft, facts=facts, expect_acknowledgment=expect_ack)
    if not report.ok:
        log.warning("reply draft trips the tone check (%s); using a plainer draft", "; ".join(report.lines()))
        plainer = replace(parts, acks=parts.acks[-1:], ack_sizes=parts.ack_sizes[-1:], request=None)
        draft, fitted = _render(plainer, limit, profile)
        report = check_tone(draft, facts=facts, expect_acknowledgment=expect_ack)
    if fitted.dropped:
        unit = profile.length_unit.value
        notes.append(dropped_note(fitted.dropped, profile.display_name, limit, unit))
        log.info("draft for %s: %s", source, notes[-1])
    return Draft(draft, reading.kind.value, " ".join(notes) or None, reading.language, report.findings)


def draft_reply(
    *,
    text: str,
    author_handle: str | None,
    source: str,
    topics: Sequence[str],
    perceptions: Sequence[str],
    abusive: bool,
    facts: Mapping[str, TopicFacts],
    reply: ReplyConfig,
    brand_names: Sequence[str] = (),
    complaint: bool = False,
) -> str:
    """The reply to show in an alert, or a note for a lead (starting with ``LEAD_NOTE_PREFIX``).

    ``perceptions`` (the scorer's matched words) are accepted for the pipeline's sake; the draft
    reads the whole post itself, so it can name the detail the scorer's phrases don't cover.
    ``brand_names`` (the configured brands) let "Northwind lost my bag" read back as "we lost your bag".
    ``complaint``: repmon read the post as upset or as a failure report, so it is never only thanked.
    """
    del perceptions
    draft = compose_reply(
        text,
        source=source,
        author_handle=author_handle,
        topics=topics,
        abusive=abusive,
        facts=facts,
        reply=reply,
        brand_names=brand_names,
        complaint=complaint,
    )
    if draft.kind in {Kind.ABUSIVE.value, Kind.THREAT.value}:
        return draft.lead_note or LEAD_NOTE_PREFIX
    if draft.language not in load("languages")["drafted"]:
        return f"{LEAD_NOTE_PREFIX} {draft.lead_note} An English draft to translate, for example: “{draft.text}”"
    return draft.text
