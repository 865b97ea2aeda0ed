"""Does a post report a service failure first-hand, whatever its sentiment score says?

Sentiment misses sarcasm ("great, another 3 hour delay, love it"), plain reports ("waited 3 hours
for the assistance I booked, it never came") and languages the scorer does not read. Such a post
is still a complaint if it names a failure and says it happened to the writer; if it also spreads,
detection alerts on it with a plain note that its sentiment is uncertain or unscored. News
("IT outage grounds flights") names failures but not in the first person.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

TERMS = Path(__file__).with_name("failure_terms.toml")


POSITIVE = 0.35  # above this compound score a failure report needs a sarcasm cue to count


Terms = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # failure words, first person, sarcasm cues


@lru_cache(maxsize=1)
def _terms() -> dict[str, Terms]:
    """Per language; a language written without spaces gets its words with no word-start mark."""
    with TERMS.open("rb") as handle:
        data = tomllib.load(handle)
    found: dict[str, Terms] = {}
    for lang, v in data.items():
        start = "" if v.get("substring") else " "
        failure, person, sarcasm = (
            tuple(start + w for w in v.get(part, ())) for part in ("failure", "person", "sarcasm")
        )
        found[lang] = (failure, person, sarcasm)
    return found


def reports_failure(text: str, lang: str | None, compound: float | None = None) -> bool:
    """First-person words and failure words in the post's language (every language when unknown).

    A post that reads clearly positive counts only with a sarcasm cue ("great, another delay").
    """
    padded = " " + " ".join(text.lower().split()) + " "
    terms = _terms()
    prefix = (lang or "").split("-")[0].lower()
    languages = [terms[prefix]] if prefix in terms else list(terms.values())
    for failures, persons, sarcasm in languages:
        if not any(p in padded for p in persons) or not any(f in padded for f in failures):
            continue
        if compound is None or compound <= POSITIVE or any(cue.lstrip() in padded for cue in sarcasm):
            return True
    return False
