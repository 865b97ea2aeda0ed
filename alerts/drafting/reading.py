"""Reading a post: its language, kind, topics, the experiences worth naming and what the customer asked for.

The experiences are the customer's own clauses, weighed by what went wrong in them and by the
detail that carries the emotion (the wedding, the medication, the kids on the airport floor); the
strongest three are read back in the order the customer told them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from alerts.drafting.clauses import Clause, read_clause
from alerts.drafting.data import load, pattern
from alerts.drafting.grievances import cues, failure_after_contrast, grievances
from alerts.drafting.kinds import (
    Kind,
    KindReading,
    classify,
    mock_failure,
    praise_sentences,
    sarcasm,
    without_interjection,
)
from alerts.drafting.naming import (
    about_phrase,
    judged_thing,
    praise_of,
    question_subject,
    request_of,
    sentences_of,
    thing_of,
)
from alerts.drafting.ratings import without_rating
from alerts.drafting.shapes import (
    brand_said_then_did,
    mine_named,
    rival_sentences,
    run_ons,
    split_at_brand,
    without_verdict,
)

_TURN = re.compile(r"\b(?:though|tho|sadly|unfortunately|shame|pity)\b", re.IGNORECASE)
_NAME_WORDS = re.compile(r"[A-Z][\w&'-]+")
_SPANISH = frozenset(
    "el la los las del que y por pero muy para con una es está este mis su sus lo como más ya nunca gracias "
    "vuelo hola porque también nada todo fue hay se le al les mi me han ha sin desde hace".split()
)
_ENGLISH = frozenset(
    "the and to is it i you my that this with are be have has had not but they was were your our me "
    "been what when why how just can will would of for on at in".split()
)


@dataclass(frozen=True)
class Reading:
    text: str
    language: str  # ISO 639-1 code
    kind: Kind
    trivial: bool
    flagged_words: tuple[str, ...]
    topics: tuple[str, ...]  # most specific first
    grievances: tuple[Clause, ...]  # up to MAX_GRIEVANCES, in the customer's order
    request: str | None  # what they asked for, read back ("your money back")
    praise: str | None  # what they praised ("the crew on flight 22")
    subject: str | None = None  # what a question is about ("the lounge at Lisbon")
    about: str | None = None  # a phrase of theirs naming it when no clause reads back ("three weeks with no phone")
    thing: str | None = None  # their thing it happened to, for the plainest acknowledgement ("your order")
    safety: bool = False  # someone's safety was at risk (brakes, an injury, the wrong medicine): never breezy
    judged: bool = False  # a verdict on a price or policy of ours, nothing gone wrong: sorry, never "we got it wrong"


@cache
def _langid() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def language_of(text: str) -> str:
    """'en', 'es' or another ISO 639-1 code; short or unsure posts count as English."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    spanish = sum(w in _SPANISH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if spanish >= 2 and spanish > english:
        return "es"
    if english >= 2 or len(text) < 20:
        return "en"
    lang, prob = _langid().classify(text[:400])
    return str(lang) if float(prob) > 0.8 else "en"


def brand_words(team_name: str, text: str, names: Sequence[str] = ()) -> set[str]:
    """Words that name the company: configured brand names, the team name after 'at'/'from', @mentions."""
    # a name and its first word ("Lumen Mobile", "Lumen"), never its later words: "mobile", "bank" and
    # "hotels" are everyday words, and a brand's full name is read as its first word (``one_word_brands``)
    words: set[str] = {n.lower() for name in names for n in (name, *name.split()[:1]) if len(n) > 2}
    found = re.split(r"\b(?:at|from|@)\s+", team_name, maxsplit=1)
    if len(found) == 2:
        names = _NAME_WORDS.findall(found[1])
        words.update(n.lower() for n in names)
        words.add(" ".join(names).lower())
    words.update(_brand_mentions(text, words))
    return {w for w in words if w and w not in {"the", "team", "support", "care"}}


def _brand_mentions(text: str, names: set[str]) -> set[str]:
    """The @mentions that address the company: those holding a brand's name, else the first one.

    Every mention used to count, so "I checked with @neighbour" read back as "you checked with us".
    """
    mentions = [m.lower() for m in re.findall(r"@(\w+)", text)]
    named = {m for m in mentions if any(n.replace(" ", "") in m for n in names if len(n) > 2)}
    return named or set(mentions[:1])


def one_word_brands(text: str, names: Sequence[str]) -> str:
    """``text`` with each multi-word brand name said as its first word ("Lumen Mobile's" -> "Lumen's").

    The clause reader replaces a brand with "we", "us" or "our"; a name read a word at a time left
    the rest behind ("us Mobile's eSIM swap").
    """
    for name in sorted({n for n in names if " " in n.strip()}, key=len, reverse=True):
        # "Hearthly Homes' new fee" -> "Hearthly's new fee", never "Hearthly' new fee"
        text = re.sub(
            rf"(?<![\w@]){re.escape(name)}('(?![\w']))?(?!\w)",
            lambda m: m.group(0).split()[0].rstrip("'") + ("'s" if m.group(1) else ""),
            text,
            flags=re.IGNORECASE,
        )
    return text


_POV = {"you": "I", "your": "my", "you're": "I'm", "you've": "I've", "you'd": "I'd", "you'll": "I'll"}


def _pov(sentence: str) -> str:
    """ "POV: you ordered from X 2 hours ago" is the customer telling their own story in the second person.

    Read as written, "you ordered" is the company addressed ("we ordered from us 2 hours ago").
    """
    if not re.match(r"\s*pov\s*:", sentence, re.IGNORECASE):
        return sentence
    return re.sub(r"\b(?:you(?:'re|'ve|'d|'ll)?|your)\b", lambda m: _POV[m.group(0).lower()], sentence, flags=re.I)


_LABEL = re.compile(r"^\s*([\w&' -]{1,30}?)\s*:\s*")


def _own_lines(parts: list[str]) -> list[str]:
    """In a post written as a dialogue ("Me: can I speak to a human? X chatbot: I didn't understand
    that."), the customer's lines and the other side's lines without "I"/"you" in them.

    The other side's "I didn't understand that" read back became "you didn't understand that".
    """
    if not any((m := _LABEL.match(p)) and m.group(1).lower() == "me" for p in parts):
        return parts
    kept: list[str] = []
    for part in parts:
        label = _LABEL.match(part)
        if label and label.group(1).lower() != "me" and re.search(r"\b(?:i|i'm|we|you|your|my|our)\b", part, re.I):
            continue
        kept.append(part[label.end() :] if label and label.group(1).lower() == "me" else part)
    return kept


def _their_agent_is_ours(sentence: str, brand: set[str]) -> str:
    """ "The courier Marlow uses left my parcel" -> "Marlow's courier left my parcel": who we send is ours.

    Read a word at a time it became "the courier uses left your parcel"; the customer is right that a
    courier, installer or driver we chose acts for us, so it is read back as ours.
    """
    names = "|".join(re.escape(b) for b in sorted(brand, key=len, reverse=True) if b.isalpha())
    if not names:
        return sentence
    rx = rf"\bthe ([a-z]+) ({names}) (?:uses|use|used|hires|hired|sends|sent|chose|picked|works with)\b"
    return re.sub(rx, lambda m: f"{m.group(2)}'s {m.group(1)}", sentence, flags=re.IGNORECASE)


_CAUSE = re.compile(r"\b(?:for|por|para|over)\s+(?:(?:a|an|the|my|our|un|una|el|la|mi)\s+)?$", re.IGNORECASE)


def _only_the_cause(entry: dict[str, Any], text: str) -> bool:
    """Whether every mention of a topic names the cause of another ("my refund for a cancelled flight").

    "Llevo un mes esperando el reembolso por un vuelo cancelado" is about the refund; the
    cancellation is what the refund is for, so it was wrongly acknowledged as the cancellation.
    """
    found = list(re.finditer("|".join(entry["match"]), text, re.IGNORECASE))
    return bool(found) and all(_CAUSE.search(text[max(0, m.start() - 24) : m.start()]) for m in found)


def topics_of(text: str, given: Sequence[str]) -> tuple[str, ...]:
    table: dict[str, dict[str, Any]] = load("topics")["topic"]
    found = {t for t in given if t in table} | {
        name for name, entry in table.items() if re.search("|".join(entry["match"]), text, re.IGNORECASE)
    }
    extra = [t for t in given if t not in table]
    ordered = [t for t in table if t in found]
    causes = [t for t in ordered if len(ordered) > 1 and _only_the_cause(table[t], text)]
    return (*[t for t in ordered if t not in causes], *causes, *dict.fromkeys(extra))


def _gripe(parts: list[str], brand: set[str]) -> tuple[Clause, ...]:
    """A small gripe has few complaint words: read back its first sentence that reads cleanly."""
    for part in parts:
        trimmed = re.sub(r"[\s,]+(?:tbh|lol|imo|ngl|tho|though|honestly|haha)\W*$", "", part, flags=re.IGNORECASE)
        clause = read_clause(trimmed, brand)
        if clause is not None:
            return (clause,)
    return ()


def _without_mockery(parts: list[str], weights: dict[str, int], complaint: bool) -> list[str]:
    """The parts worth reading back: no mocking sign-off ("Top service."), no opening mock praise.

    Read back, sarcasm turns into nonsense ("your Love that ... shows your neighbourhood") or into
    agreeing with it ("I'm sorry about lovely hold music"); what went wrong is in the rest, and in
    a mocking sentence that contrasts, after its "while".
    """
    closers, openers = sarcasm(parts, weights, complaint)
    return [
        mock_failure(failure_after_contrast(without_interjection(p))) if p in openers else mock_failure(p)
        for p in parts
        if p not in closers
    ]


def read_post(
    text: str,
    *,
    topics: Sequence[str],
    abusive: bool,
    team_name: str,
    brand_names: Sequence[str] = (),
    complaint: bool = False,
) -> Reading:
    brand = brand_words(team_name, text, brand_names)
    laid_out = split_at_brand(one_word_brands(without_rating(text), brand_names), brand)
    sentences = [without_verdict(_their_agent_is_ours(_pov(run_ons(s)), brand), brand) for s in sentences_of(laid_out)]
    sentences = mine_named(brand_said_then_did(sentences, brand))
    rivals = rival_sentences(sentences, brand)
    if rivals:  # the rival's record is the comparison, ours is the failure
        sentences = [s for s in sentences if s not in rivals]
    split = [re.split(r",?\s+\b(but|however|although)\b\s*", s) for s in sentences]
    parts = [p.strip() for pieces in split for p in pieces[::2] if p.strip()]
    turned = {p for p in parts[1:] if _TURN.search(p)}  # "The restaurant forgot half the order though."
    turned |= {  # what comes after "but"/"however": "The crew were lovely, but my bag ended up in Madrid"
        p.strip()
        for pieces in split
        for i in range(2, len(pieces), 2)
        if pieces[i - 1] != "although" and pieces[i].strip()
        for p in (pieces[i],)
    }
    weights = {p: cues(p) for p in parts}
    language = language_of(text)
    kind: KindReading = classify(
        text,
        parts,
        weights,
        abusive_hint=abusive,
        english=language == "en",
        complaint=complaint,
        turned=turned,
        drafted=language in load("languages")["drafted"],
    )
    praised = (
        set(praise_sentences(parts, weights, language == "en")) if kind.kind in {Kind.PRAISE, Kind.MIXED} else set()
    )
    parts = _without_mockery(_own_lines(parts), weights, complaint) if language == "en" else parts
    found = grievances(parts, brand, praised)
    judged = None if found else judged_thing(parts, brand)
    if kind.trivial and not found:
        found = _gripe(parts, brand)
    return Reading(
        text=text,
        language=language,
        kind=kind.kind,
        trivial=kind.trivial,
        flagged_words=kind.flagged_words,
        topics=topics_of(text, topics),
        grievances=found,
        request=request_of(text, brand),
        praise=praise_of(sentences, brand) if praised else None,
        subject=question_subject(sentences, brand) if kind.kind is Kind.QUESTION else None,
        about=None if found else judged or about_phrase(parts, brand),
        thing=thing_of(text),
        safety=language == "en" and pattern("grammar", "safety", "cues").search(text) is not None,
        judged=judged is not None,
    )
