"""Notes for a lead: posts repmon should not answer with a warm draft, and what a draft had to leave out."""

from __future__ import annotations

import re
from collections.abc import Sequence

from alerts.drafting.data import load
from alerts.drafting.phrasing import pick

LEAD_NOTE_PREFIX = "Flagged for a lead:"

_STAFF = re.compile(
    r"\b(?:agent|agents|staff|crew|driver|manager|employee|employees|rep|receptionist|cashier|pilot|attendant|"
    r"advisor|she|he|her|him)\b",
    re.IGNORECASE,
)


def _target(text: str) -> str:
    return "a member of staff" if _STAFF.search(text) else "the team"


def _quote(words: Sequence[str]) -> str:
    unique = list(dict.fromkeys(w.strip() for w in words if w.strip()))
    return ", ".join(unique[:3]) or "abusive language"


def abusive_note(text: str, words: Sequence[str], about: str, platform: str, next_step: str, seed: str) -> str:
    data = load("notes")
    topic = about or "this"
    suggestion = pick(seed, "boundary", data["boundary"]).format(about=topic, next=next_step).strip()
    body = data["abusive"].format(
        target=_target(text),
        words=_quote(words),
        platform=platform,
        about=f" ({about})" if about else "",
        suggestion=suggestion,
    )
    return f"{LEAD_NOTE_PREFIX} {body}"


def threat_note(text: str, words: Sequence[str], platform: str) -> str:
    body = load("notes")["threat"].format(target=_target(text), words=_quote(words), platform=platform)
    return f"{LEAD_NOTE_PREFIX} {body}"


def escalation_note(words: Sequence[str]) -> str:
    """A note when the post says it is going to a regulator, a lawyer or a competitor.

    The draft still acknowledges and apologises, but a formal complaint or a customer about to leave
    is a lead's call (compliance, retention); offering something to make it go away is coercion.
    """
    return str(load("notes")["escalation"].format(words=_quote(words)))


def language_note(language_name: str) -> str:
    return str(load("notes")["language"].format(language=language_name))


def spanish_facts_note() -> str:
    return str(load("notes")["spanish_facts"])


def dropped_note(items: Sequence[str], platform: str, limit: int, unit: str) -> str:
    return str(load("notes")["dropped"].format(platform=platform, limit=limit, unit=unit, items="; ".join(items)))


def lead_suggestion(note: str) -> str | None:
    """The boundary-setting reply suggested inside a lead note, if any."""
    found = re.search(r"for example: “([^”]+)”", note)
    return found.group(1) if found else None
