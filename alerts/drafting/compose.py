"""Building a reply's moves from a reading of the post, in the shape its kind needs.

A complaint: the customer's experiences named in their terms and an apology (or, where a
configured fact may show it differently, how it looked to them and sorry for the worry), what
they asked for, owning it, the configured facts, remedy and goodwill in their own sentences, and a
next step they control. A small gripe gets a light touch; praise gets thanks; a question gets the
configured facts or a pointer; a mixed post gets thanks and the acknowledgement.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from alerts.config import ReplyConfig, TopicFacts
from alerts.drafting.channels import channel, public_contact, public_contact_es
from alerts.drafting.data import load, pattern, phrasings, word_set
from alerts.drafting.kinds import Kind
from alerts.drafting.parts import Parts
from alerts.drafting.phrasing import fill, join_clauses, pick, sentence
from alerts.drafting.reading import Reading
from alerts.drafting.severity import conduct, most_serious
from alerts.tone import check_tone
from monitor.core.platforms import PlatformProfile

log = logging.getLogger("repmon.drafting")

_GENERIC_ACTION = "look into this for you"
_GENERIC_ABOUT = "what happened"


@dataclass(frozen=True)
class Context:
    reading: Reading
    profile: PlatformProfile
    reply: ReplyConfig
    facts: Mapping[str, TopicFacts]
    author_handle: str | None
    seed: str

    def pick(self, move: str, options: Sequence[str]) -> str:
        return pick(self.seed, move, options)


def topic_entry(reading: Reading) -> dict[str, Any]:
    """The post's leading topic's entry; its ``about`` says "the wait" only when the post says it waits."""
    table: dict[str, dict[str, Any]] = load("topics")["topic"]
    topic = next((table[t] for t in reading.topics if t in table), {})
    if "waiting" in topic and not re.search(topic["waiting"], reading.text, re.IGNORECASE):
        return {**topic, "about": topic["about_plain"]}
    return topic


def _clean(label: str, topic: str, text: str | None, facts: Mapping[str, TopicFacts]) -> str | None:
    """A configured sentence, or None (with a warning) when it would break the reply method."""
    if not text or not text.strip():
        return None
    said = sentence(text)
    report = check_tone("I'm so sorry about this. " + said, facts=facts)
    if not report.ok:
        log.warning("facts.%s %s left out of drafts: %s", topic, label, "; ".join(report.lines()))
        return None
    return said


def configured(ctx: Context) -> tuple[list[str], str | None, str | None]:
    """The facts (most specific topic first), remedy and goodwill configured for the post's topics."""
    found: list[str] = []
    remedy: str | None = None
    goodwill: str | None = None
    for topic in ctx.reading.topics:
        entry = ctx.facts.get(topic)
        if entry is None:
            continue
        for fact in entry.facts:
            said = _clean("fact", topic, fact, ctx.facts)
            if said and said not in found:
                found.append(said)
        remedy = remedy or _clean("remedy", topic, entry.remedy, ctx.facts)
        goodwill = goodwill or _clean("goodwill", topic, entry.goodwill, ctx.facts)
    return found, remedy, goodwill


def _signoffs(ctx: Context, language: str) -> tuple[str, ...]:
    team = " ".join(ctx.reply.team_name.split())
    if not team:
        return ()
    team = team[0].upper() + team[1:]
    short = team.split()[0] if " " in team and team.split()[0].lower() != "the" else team
    p = phrasings(language)
    full = fill(ctx.pick("signoff", p["signoff"]), team=team)
    brief = fill(ctx.pick("signoff_short", p["signoff_short"]), short=short)
    return tuple(dict.fromkeys((full, brief)))


def _greeting(ctx: Context, language: str) -> str | None:
    handle = (ctx.author_handle or "").strip().lstrip("@")
    handle = handle[2:] if handle.lower().startswith("u/") else handle
    if not ctx.profile.long_form or not re.fullmatch(r"[A-Za-z][\w.-]{1,29}", handle):
        return None
    return fill(ctx.pick("greeting", phrasings(language)["greeting"]), handle=handle)


def _nexts(ctx: Context, action: str) -> tuple[str, ...]:
    p = phrasings("en")
    if ctx.profile.has_dms:
        # "I have DMed you. Twice. Nobody answers.": a DM again is the runaround they're complaining about
        key = "next_dm_already" if pattern("kinds", "already_messaged").search(ctx.reading.text) else "next_dm"
        values = {"channel": channel(ctx.reply), "action": action}
        return (fill(ctx.pick("next", p[key]), **values), fill(ctx.pick("next_s", p[f"{key}_short"]), **values))
    values = {"contact": public_contact(ctx.profile, ctx.reply), "action": action}
    return (
        fill(ctx.pick("next", p["next_public"]), **values),
        fill(ctx.pick("next_s", p["next_public_short"]), **values),
    )


def _backed(action: str, facts: Mapping[str, TopicFacts]) -> bool:
    """Whether the topic's next step ("chase your refund") promises only what the configured facts back.

    Without a refund fact, "I'll chase your refund" promises one; the plainer step promises nothing.
    """
    return check_tone(f"I'm so sorry about this. I'll {action}.", facts=facts).ok


def _passes(text: str) -> bool:
    return check_tone(text).ok


_THANKED = re.compile(r"\b(?:thanks|thank you|thx|cheers)\b", re.IGNORECASE)


def _unthanked(ctx: Context, templates: Sequence[str]) -> Sequence[str]:
    """The acknowledgements to choose from: none that opens with thanks when the complaint thanks us.

    In a complaint, "Thanks for nothing" and "Cheers for the brown bath water" are mockery; a reply
    opening "Thanks for letting us know" hands the sarcasm back.
    """
    if not _THANKED.search(ctx.reading.text):
        return templates
    return [t for t in templates if not _THANKED.match(t)] or templates


def _not_breezy(ctx: Context, chosen: str, templates: Sequence[str], move: str) -> str:
    """``chosen``, or when it opens lightly and our people mistreated them, another of ``templates``.

    Only a light opener is re-picked, so every other post keeps the phrasing it had.
    """
    light = tuple(phrasings("en")["breezy_openers"])
    if not chosen.startswith(light) or not any(conduct(c.text) for c in ctx.reading.grievances):
        return chosen
    return ctx.pick(move, [t for t in templates if not t.startswith(light)] or templates)


def _clause_acks(ctx: Context, templates: Sequence[str], move: str) -> list[tuple[str, int]]:
    """Acknowledgements naming the customer's failures, each with how many it names, fullest first.

    Cut to fit, the least serious failure goes first, never how our people treated them
    (``severity.most_serious``).
    """
    templates = _unthanked(ctx, templates)
    clauses = [c.text for c in ctx.reading.grievances]
    chosen = _not_breezy(ctx, ctx.pick(move, templates), templates, move)
    acks: list[tuple[str, int]] = []
    for n in range(len(clauses), 0, -1):
        listed = join_clauses(most_serious(clauses, n))
        template = chosen
        if ", and " in listed and "}, and " in chosen:  # "A, B, and C, and you deserved better": one "and" too many
            template = ctx.pick(move, [t for t in templates if "}, and " not in t] or templates)
        acks.append((fill(template, list=listed), n))
    if clauses:
        acks.append((fill(templates[0], list=most_serious(clauses, 1)[0]), 1))
    return acks


def _complaint_acks(ctx: Context, perception: bool) -> tuple[list[tuple[str, int]], str]:
    """Acknowledgements naming their experiences (fullest first), and the topic-naming fallback."""
    p = phrasings("en")
    thing = f"what happened with {ctx.reading.thing}" if ctx.reading.thing else _GENERIC_ABOUT
    about = ctx.reading.about or topic_entry(ctx.reading).get("about", thing)
    if perception:
        acks = _clause_acks(ctx, p["ack_perception"], "ack")
        abouts = [fill(ctx.pick("ack_about", p["ack_perception_about"]), about=about)]
    elif ctx.reading.judged:  # a price or policy: sorry for how it landed, not "sorry about" the decision
        acks = []
        abouts = [fill(ctx.pick("ack_about", p["ack_judged_about"]), about=about)]
    elif ctx.reading.safety:  # a risk to someone's safety is never met with "Ugh" or "That sounds exhausting"
        acks = _clause_acks(ctx, p["ack_safety"], "ack")
        abouts = [fill(ctx.pick("ack_about", p["ack_safety_about"]), about=about)]
    else:
        acks = _clause_acks(ctx, p["ack_clauses"], "ack")
        abouts = [fill(ctx.pick("ack_about", _unthanked(ctx, p["ack_about"])), about=about)]
    fallback = (
        p["ack_judged_about"] if ctx.reading.judged else p["ack_safety_about"] if ctx.reading.safety else p["ack_about"]
    )
    abouts.append(fill(fallback[0], about=about))
    first = {a: n for a, n in reversed(acks)}  # each wording once, with the count it was first built for
    good = [(a, first[a]) for a in dict.fromkeys(a for a, _ in acks) if _passes(a)]
    return (good or [(abouts[0], 0)]), abouts[-1]


def _ours_to_own(reading: Reading) -> bool:
    """Whether the draft may say the failure was ours ("That's on us", "We got this wrong").

    Not when we can't tell what went wrong ("@Brand seriously??"): owning an unknown failure
    admits what may not be so. Not when every experience read back is someone else's doing ("the
    airport security line made you miss your flight"): the apology for how it went stays, the
    blame we'd be taking on isn't ours, and the draft doesn't excuse us by naming them either. Nor
    when the post passes a verdict on a price or a policy ("your new seat fee is a rip-off"): we are
    sorry it landed so badly, but "We got this wrong" would concede a decision as a mistake.
    """
    if reading.judged or not (reading.grievances or reading.about or reading.topics or reading.thing):
        return False
    others = word_set("grammar", "words", "third_parties")
    lead = r"^(?:the |your )?(?:[\w-]+ ){0,2}?"
    return not reading.grievances or not all(
        re.match(lead + rf"(?:{'|'.join(others)})\b", c.text, re.IGNORECASE) for c in reading.grievances
    )


def _own(ctx: Context, perception: bool) -> str | None:
    """The line after the acknowledgement: owning it, or, where someone's safety was at risk, how they are.

    After "the brakes barely worked" or "your son has torn a muscle", "That's on us" reads as
    settling the matter; asking after them is what a person would say first.
    """
    if ctx.reading.safety:
        return ctx.pick("own", phrasings("en")["wellbeing"])
    return ctx.pick("own", phrasings("en")["own"]) if _ours_to_own(ctx.reading) and not perception else None


def _base(ctx: Context, language: str) -> Parts:
    return Parts(
        acks=(),
        greeting=_greeting(ctx, language),
        signoffs=_signoffs(ctx, language),
        long_form=ctx.profile.long_form,
    )


def english_parts(ctx: Context) -> Parts:
    reading = ctx.reading
    p = phrasings("en")
    topic = topic_entry(reading)
    action = topic.get("action", _GENERIC_ACTION)
    base = _base(ctx, "en")
    if reading.kind is Kind.PRAISE:
        praise = f"the kind words about {reading.praise}" if reading.praise else "taking the time to write this"
        thanks = (fill(ctx.pick("praise", p["praise_open"]), praise=praise), "Thank you so much!")
        return replace(base, acks=thanks, nexts=(ctx.pick("praise_close", p["praise_close"]),))
    found, remedy, goodwill = configured(ctx)
    if reading.kind is Kind.QUESTION:
        opener = ctx.pick("question", p["question_open"])
        if reading.subject:
            opener = fill(ctx.pick("question_about", p["question_about"]), subject=reading.subject)
        if found:
            nexts: tuple[str, ...] = (ctx.pick("question_more", p["question_more"]),)
        elif ctx.profile.has_dms:
            nexts = (fill(ctx.pick("pointer", p["question_pointer_dm"]), channel=channel(ctx.reply)),)
        else:
            contact = public_contact(ctx.profile, ctx.reply)
            nexts = (fill(ctx.pick("pointer", p["question_pointer_public"]), contact=contact),)
        return replace(base, acks=(opener,), facts=tuple(found), nexts=nexts)
    if reading.kind is Kind.COMPLAINT and reading.trivial:
        clause = [c.text for c in reading.grievances[:1]]
        about = topic.get("about", "this")
        light = [fill(ctx.pick("light", p["light_touch"]), list=clause[0])] if clause else []
        light += [fill(ctx.pick("light_about", p["light_touch_about"]), about=about)]
        return replace(base, acks=tuple(a for a in light if _passes(a)) or (light[-1],))
    perception = bool(topic.get("perception")) and bool(found)
    acks, fallback = _complaint_acks(ctx, perception)
    if reading.kind is Kind.MIXED:
        praise = reading.praise or "what went well"
        glad = fill(ctx.pick("mixed", p["mixed_praise"]), praise=praise)
        acks = [(f"{glad} {a}", n) for a, n in acks[:2]] + acks
    request = fill(ctx.pick("request", p["requests"]), req=reading.request) if reading.request else None
    if goodwill and remedy:
        lead = ctx.pick("goodwill_lead", p["goodwill_lead"])
        goodwill = lead + (goodwill[0].lower() + goodwill[1:] if lead and goodwill[1:2].islower() else goodwill)
    return replace(
        base,
        acks=tuple(a for a, _ in acks),
        ack_sizes=tuple(n for _, n in acks),
        fallback_ack=fallback,
        request=request if request and _passes(f"I'm sorry. {request}") else None,
        own=_own(ctx, perception),
        facts=tuple(found),
        fact_lead=ctx.pick("fact_lead", p["fact_lead"]),
        remedy=remedy,
        goodwill=goodwill,
        nexts=_nexts(ctx, action if _backed(action, ctx.facts) else _GENERIC_ACTION),
    )


def spanish_parts(ctx: Context) -> Parts:
    reading = ctx.reading
    p = phrasings("es")
    base = _base(ctx, "es")
    if ctx.profile.has_dms:
        dm = ctx.pick("next", p["next_dm"]).format(channel=p["channel"])
        pointer = ctx.pick("pointer", p["question_pointer_dm"]).format(channel=p["channel"])
    else:
        contact = public_contact_es(ctx.profile, ctx.reply, p)
        dm = ctx.pick("next", p["next_public"]).format(contact=contact)
        pointer = ctx.pick("pointer", p["question_pointer_public"]).format(contact=contact)
    if reading.kind is Kind.PRAISE:
        return replace(
            base, acks=(ctx.pick("praise", p["praise_open"]),), nexts=(ctx.pick("close", p["praise_close"]),)
        )
    if reading.kind is Kind.QUESTION:
        return replace(base, acks=(ctx.pick("question", p["question_open"]),), nexts=(pointer,))
    about = topic_entry(reading).get("es")
    acks = [ctx.pick("ack", p["ack_about"]).format(about=about)] if about else []
    acks.append(ctx.pick("ack_generic", p["ack_generic"]))
    return replace(base, acks=tuple(acks), own=ctx.pick("own", p["own"]), nexts=(dm,))
