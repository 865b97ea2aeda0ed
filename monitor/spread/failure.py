"""Does a post report a service failure first-hand, whatever its sentiment score says?

Sentiment misses sarcasm ("great, another 3 hour delay, love it"), plain reports ("waited 3 hours
for the assistance I booked, it never came") and languages the scorer does not read. Such a post
is still a complaint if it names a failure and says it happened to the writer; if it also spreads,
detection alerts on it with a plain note that its sentiment is uncertain or unscored. News
("IT outage grounds flights") names failures but not in the first person.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

TERMS = Path(__file__).with_name("failure_terms.toml")
T = TypeVar("T")


POSITIVE = 0.35  # above this compound score a failure report needs a sarcasm cue to count


# failure, person, sarcasm, praise, and names that hold a failure word but report none ("fraud team")
Terms = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """The word lists, read once: failures, persons, sarcasm, praise, sign-offs and 'me too' cues."""
    with TERMS.open("rb") as handle:
        return tomllib.load(handle)


@lru_cache(maxsize=1)
def _terms() -> dict[str, Terms]:
    """Per language; a language written without spaces gets its words with no word-start mark."""
    found: dict[str, Terms] = {}
    for lang, v in _data().items():
        start = "" if v.get("substring") else " "
        parts = ("failure", "person", "sarcasm", "praise", "not_failure")
        failure, person, sarcasm, praise, names = (tuple(start + w for w in v.get(part, ())) for part in parts)
        found[lang] = (failure, person, sarcasm, praise, names)
    return found


def reports_failure(text: str, lang: str | None, compound: float | None = None) -> bool:
    """First-person words and failure words in the post's language (every language when unknown).

    A post that reads clearly positive counts only with a sarcasm cue ("great, another delay").
    """
    padded = _padded(text)
    for failures, persons, sarcasm, praise, names in _languages(lang):
        said = _without(padded, names)
        if not _in_person(padded, persons) or not any(f in said for f in failures):
            continue
        sarcastic = any(cue.lstrip() in padded for cue in sarcasm) or _opens_sarcastically(text, lang)
        if not sarcastic and any(cue in padded for cue in praise):
            continue  # a thank-you that mentions a wait or a fall is praise
        if compound is None or compound <= POSITIVE or sarcastic:
            return True
    return False


def first_hand(text: str, lang: str | None, compound: float | None) -> bool:
    """Told in the first person and not clearly positive: what happened to the writer.

    Some complaints name no failure and read neutral ("my order of 14 items came as one lime";
    "the engineer unplugged my router and left"). Alone such a post is nothing; spreading fast, it
    is someone's own story about the brand travelling, and a person should read it.
    """
    if compound is not None and compound > POSITIVE:
        return False
    padded = _padded(text)
    for _, persons, sarcasm, praise, _ in _languages(lang):
        if any(cue in padded for cue in praise) and not any(cue.lstrip() in padded for cue in sarcasm):
            return False  # gratitude: a story told to thank someone
        if _in_person(padded, persons):
            return True
    return False


@lru_cache(maxsize=1)
def _dropped_subject() -> re.Pattern[str]:
    """A sentence opening with what the writer did, the "I" left out: "Bought the bundle. Charged,
    not delivered." Posts drop it as diaries do; headlines open with who did it, not with the verb."""
    verbs = [v for terms in _data().values() for v in terms.get("dropped_subject", ())]
    return re.compile(r"(?:^ |[.!?;:] )(?:" + "|".join(map(re.escape, verbs)) + r") ")


def _in_person(padded: str, persons: tuple[str, ...]) -> bool:
    """Told by the writer about themselves: a first-person word, or a sentence whose "I" is left out."""
    return any(p in padded for p in persons) or _dropped_subject().search(padded) is not None


def _padded(text: str) -> str:
    return " " + " ".join(text.lower().split()) + " "


def _without(padded: str, names: tuple[str, ...]) -> str:
    """The text with every name of a team or safeguard blanked out: "the fraud team rang me" reports nothing."""
    for name in names:
        if name in padded:
            padded = padded.replace(name, " ")
    return padded


def _languages(lang: str | None) -> list[Terms]:
    return _for_language(_terms(), lang)


def _for_language(per_language: dict[str, T], lang: str | None) -> list[T]:
    """The post's language's entry, or every language's when it is unknown or not listed."""
    prefix = (lang or "").split("-")[0].lower()
    return [per_language[prefix]] if prefix in per_language else list(per_language.values())


_SENTENCE_END = re.compile(r"[.!?]+\s+")


@lru_cache(maxsize=1)
def _framing() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per language: openers that frame a report as praise, and words that say it was put right."""
    return {
        lang: (tuple(v["sarcastic_openers"]), tuple(" " + w for w in v.get("put_right", ())))
        for lang, v in _data().items()
        if v.get("sarcastic_openers")
    }


def _opens_sarcastically(text: str, lang: str | None) -> bool:
    """A sentence opens with praise for what follows ("Love how ...", "Nice of them to ..."), and
    nothing in the post says the trouble was put right: praise framing a failure is sarcasm."""
    sentences = [" ".join(part.lower().split()) + " " for part in _SENTENCE_END.split(text.strip())]
    padded = _padded(text)
    for openers, put_right in _for_language(_framing(), lang):
        opened = any(sentence.startswith(opener + " ") for sentence in sentences for opener in openers)
        if opened and not any(word in padded for word in put_right):
            return True
    return False


@lru_cache(maxsize=1)
def _sign_offs() -> tuple[frozenset[str], frozenset[str]]:
    english = _data()["en"]
    return frozenset(english.get("sign_off", ())), frozenset(english.get("sign_off_openers", ()))


_INTENSIFIERS = ("very ", "so ", "truly ", "really ", "just ", "absolutely ", "simply ", "such ")
_TRAILERS = (" though", " tho", " then", " as always", " as usual", " again")
SIGN_OFF_MAX_WORDS = 4


def _is_sign_off(line: str) -> bool:
    """A short line of praise on its own: listed, or two to four words opening with a word of praise."""
    phrases, openers = _sign_offs()
    if line in phrases:
        return True
    line = next((line[: -len(t)] for t in _TRAILERS if line.endswith(t)), line)
    line = next((line[len(i) :] for i in _INTENSIFIERS if line.startswith(i)), line)
    words = line.split()
    return line in phrases or (2 <= len(words) <= SIGN_OFF_MAX_WORDS and words[0] in openers)


def without_sign_off(text: str) -> str | None:
    """The post without a short closing line of praise ("... Refund says processing. Great stuff",
    "... caller number 4. Lovely hold music though"), or None when it ends otherwise: that line makes
    a report read positive, and is usually sarcasm.
    """
    parts = _SENTENCE_END.split(text.strip())
    if len(parts) < 2:
        return None
    last = " ".join(re.sub(r"[^\w/' ]+", " ", parts[-1].lower()).split())
    if not _is_sign_off(last):
        return None
    return text.strip()[: text.strip().rindex(parts[-1])].strip()


@lru_cache(maxsize=1)
def _retold_cues() -> dict[str, tuple[str, ...]]:
    return {lang: tuple(" " + cue for cue in v.get("retold", ())) for lang, v in _data().items()}


@lru_cache(maxsize=64)
def _retold_pattern(lang: str | None) -> re.Pattern[str]:
    """Every 'me too' cue of the language as one alternation of the cues as written: it finds one in a
    text exactly when one of them is in it, in one pass, where a test per cue made ~30 Python steps a
    post (an import reads every new post's echo terms)."""
    cues = [cue for cues in _for_language(_retold_cues(), lang) for cue in cues]
    return re.compile("|".join(map(re.escape, cues)) if cues else "(?!)")  # (?!) never matches: no cues


def says_too(text: str, lang: str | None) -> bool:
    """The writer says it happened to them too ("same here", "third person today"): a story passed on.

    Independent customers repeating an everyday gripe each tell it as their own; people passing a
    story on say they are not the first. On a brand repmon has only just met, that is what tells the
    two apart (``echo_learning``).
    """
    return _retold_pattern(lang).search(_padded(text)) is not None
