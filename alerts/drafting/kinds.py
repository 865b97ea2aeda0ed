"""What kind of post this is: a threat, abuse, praise, a question, a mixed post or a complaint.

Threats against people are their own tier (a safety note, never a reply); insults aimed at staff
or the company get a note for a lead instead of a warm draft. Everything else gets a reply in the
shape it needs: thanks for praise, an answer for a question, both for a mixed post, and the full
acknowledgement for a complaint (a light touch when the gripe is small).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from alerts.drafting.data import any_of, load, pattern, word_set
from alerts.drafting.ratings import HIGH, LOW, rating_of


class Kind(StrEnum):
    COMPLAINT = "complaint"
    PRAISE = "praise"
    QUESTION = "question"
    MIXED = "mixed"
    ABUSIVE = "abusive"
    THREAT = "threat"


@dataclass(frozen=True)
class KindReading:
    kind: Kind
    trivial: bool  # a small gripe: a light touch, no apology ritual
    flagged_words: tuple[str, ...]  # the insult or threat, for the lead note


@cache
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def polarity(text: str) -> float:
    """VADER's compound score, with ease said in negative words ("with no fuss") read as ease."""
    return float(_vader().polarity_scores(pattern("kinds", "with_ease").sub(" easily ", text))["compound"])


def _forms(base: str) -> str:
    """A regex for an insult in its common forms: plural, hyphenated, spaced or run together."""
    parts = [re.escape(p) for p in base.split()]
    joined = r"[- ]?".join(parts)
    return rf"{joined}(?:e?s)?"


@cache
def _insults() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load("kinds")
    strong = [*data["insult_nouns"], *data["insult_adjectives"]]
    strong_re = re.compile(r"(?<![\w-])(?:" + "|".join(_forms(w) for w in strong) + r")(?![\w-])", re.IGNORECASE)
    aimed_re = re.compile(
        r"\b(?:you|your|ur|staff|agents?|employees?|manager|crew|driver|she|he|they|them|people|is|are|'s|'re)\b"
        r"[^.!?]{0,25}?(?<![\w-])(?:" + "|".join(_forms(w) for w in data["insult_nouns_aimed"]) + r")(?![\w-])",
        re.IGNORECASE,
    )
    return strong_re, aimed_re, any_of(data["not_aimed"])


def insult_words(text: str) -> list[str]:
    """Insults aimed at someone, in any common form; self-directed uses ("I felt like an idiot") don't count."""
    strong, aimed, not_aimed = _insults()
    found: list[str] = []
    for match in strong.finditer(text):
        before = text[max(0, match.start() - 40) : match.start()]
        if not_aimed.search(before):
            continue
        found.append(match.group(0))
    found += [m.group(0) for m in aimed.finditer(text)]
    found += [m.group(0) for m in pattern("kinds", "aimed_profanity").finditer(text)]
    return found


def threat_words(text: str) -> list[str]:
    return [m.group(0) for m in pattern("kinds", "threats").finditer(text)]


def escalation_words(text: str) -> list[str]:
    """Where the post says it is going to a regulator, a lawyer or a competitor ("going to Ofcom")."""
    return [m.group(0) for m in pattern("kinds", "escalations").finditer(text)]


def mock_failure(sentence: str) -> str:
    """The failure named inside a mocking sentence, or the sentence as it is.

    "Nothing says luxury like a cockroach in the bathroom" read back agrees with the joke; what they
    want acknowledged is the cockroach.
    """
    for rx in load("kinds")["mock_contrast"]:  # one at a time: each names its own "failure" group
        found = re.search(rx, sentence, re.IGNORECASE)
        if found:
            return found.group("failure").strip()
    return sentence


def _is_question(sentences: list[str], grievance_weight: int, tone: float, trivial: bool, complaint: bool) -> bool:
    """A question to answer: not one asked to make a point, nor one beside what went wrong.

    "Not possible? Look at my arms." and "does anyone there even read these?" ask nothing; with the
    scorer reading the post as a complaint, a question beside a complaint cue is part of the complaint.
    """
    asked = [s for s in sentences if s.rstrip().endswith("?")]
    if any(pattern("kinds", "rhetorical").search(s) or _echoes(s, sentences) for s in asked):
        return False
    if complaint and grievance_weight >= 1:
        return False
    if sentences and sentences[0].lower().startswith("why"):
        return False  # "why does it keep..." asks for an apology, not an answer
    asks = any(not s.lower().startswith("why") for s in asked)
    opens = pattern("kinds", "question_starts").search(sentences[0] if sentences else "") and not trivial
    return bool((asks or opens) and grievance_weight < 2 and tone > -0.45)


def _echoes(question: str, sentences: list[str]) -> bool:
    """A short question repeating what someone told them ("Not possible?", "Just a beetle?"): disbelief."""
    words = re.findall(r"[\w']+", question.lower())
    before = " ".join(sentences[: sentences.index(question)]).lower()
    return 0 < len(words) <= 4 and all(re.search(rf"\b{re.escape(w)}\b", before) for w in words)


def _interjection(sentence: str) -> re.Match[str] | None:
    return pattern("kinds", "sarcastic_openers").search(sentence.strip())


def sarcasm(sentences: list[str], grievance_of: dict[str, int], complaint: bool = False) -> tuple[set[str], set[str]]:
    """Mock praise in the post: (closing lines and asides, sentences that open with praise).

    Sarcastic praise is never praise. A short line of praise after a complaint ("Top service.",
    "Lovely hold music though.") mocks it; a sentence that opens with praise and says in the same
    breath what went wrong ("Great job X, blocking my card abroad") mocks too, unless it thanks
    someone for putting a problem right. Praise for people ("the staff were lovely") is meant.
    """
    people = pattern("kinds", "praise_people")
    openers = {
        s
        for s in sentences
        if _interjection(s)
        and grievance_of.get(s, 0) >= 1
        and not pattern("kinds", "put_right").search(s)
        and not people.search(s)
    }
    closers: set[str] = set()
    for i, s in enumerate(sentences):
        if i == 0 or len(s.split()) > 12 or people.search(s) or not pattern("kinds", "sarcastic_closers").search(s):
            continue
        rest = [r for r in sentences if r != s]
        # "I was worried, but support made it painless. Great team.", "...but X is worth it. Great
        # stay.": relief or a verdict of praise, then thanks
        before = sentences[i - 1]
        glowing = polarity(before) > 0.3 or pattern("kinds", "praise_verdict").search(before) is not None
        if not (complaint or openers) and glowing and not grievance_of.get(before, 0):
            continue
        if (
            complaint
            or openers
            or grievance_of.get(s, 0)
            or sum(grievance_of.get(r, 0) for r in rest) >= 1
            or polarity(" ".join(rest)) < -0.1
        ):
            closers.add(s)
    return closers, openers


def without_interjection(sentence: str) -> str:
    """The sentence after its opening praise, for reading back what went wrong ("blocking my card...")."""
    found = _interjection(sentence)
    if not found:
        return sentence
    rest = sentence[found.end() :].lstrip(" ,!:-")
    return rest[:1].upper() + rest[1:] if rest else sentence


def praise_sentences(sentences: list[str], grievance_of: dict[str, int], english: bool = True) -> list[str]:
    """Sentences that praise: a praise marker, positive on balance, and little or nothing going wrong.

    Praise used to mock ("great job losing my bag again") is no praise; outside English, where
    VADER can't weigh the sentence, a praise marker without negative words counts.
    """
    data = load("kinds")
    marker = any_of([*data["praise"], *data["praise_people"], *data["praise_plain"], *data["praise_verdict"]])
    if any(pattern("kinds", "sarcastic_praise").search(s) for s in sentences):
        return []
    closers, openers = sarcasm(sentences, grievance_of)
    if closers:
        return [s for s in sentences if pattern("kinds", "praise_people").search(s)]
    sentences = [s for s in sentences if s not in openers]
    found: list[str] = []
    for s in sentences:
        if not marker.search(s):
            continue
        if not english:
            if not pattern("kinds", "foreign_negative").search(s):
                found.append(s)
            continue
        tone = polarity(s)
        cues = grievance_of.get(s, 0)
        plain = cues == 0 and tone >= 0 and pattern("kinds", "praise_plain").search(s) is not None
        if plain or (tone > 0.2 and (cues == 0 or (cues == 1 and tone > 0.3))):
            found.append(s)
    return found


def _carries_emotion(text: str) -> bool:
    """A person, an occasion, health or money in the post: not a small gripe ("her birthday is tomorrow")."""
    low = text.lower()
    return any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", low) for cue in word_set("grammar", "cues", "detail"))


def _turns_to_a_problem(turned: set[str], praised: list[str], grievance_of: dict[str, int]) -> bool:
    """Whether praise is followed by "but" and something that isn't praise ("..., but my bag ended up in Madrid").

    VADER reads "my bag ended up in Madrid" as neutral and the post as glowing, so it was thanked
    and the lost bag never acknowledged. Praise then "but" is how a mixed post is written.
    """
    return any(
        s not in praised and len(s.split()) >= 3 and (grievance_of.get(s, 0) >= 1 or polarity(s) <= 0.05)
        for s in turned
    )


def classify(
    text: str,
    sentences: list[str],
    grievance_of: dict[str, int],
    abusive_hint: bool = False,
    english: bool = True,
    complaint: bool = False,
    turned: set[str] | None = None,
    drafted: bool = True,
) -> KindReading:
    """The post's kind; ``grievance_of`` weighs each sentence's complaint cues (reading.py).

    ``complaint``: repmon's scorer (with its customer-service rules) read the post as upset or as a
    failure report. Plain VADER, which the drafts weigh sentences with, reads "cut the rate on my
    savings without telling me" as +0.23 and "lovely bait and switch" as praise: with the hint, a
    post is never thanked for unless it also holds a complaint (then it is mixed), and a post in a
    language the drafts don't read is never answered as a question. ``turned``: the parts that
    follow a "but" or "however". ``drafted``: the post's language is one the drafts write (English,
    Spanish); in any other only a lead replies, and never to a question as such.
    """
    threats = threat_words(text)
    if threats:
        return KindReading(Kind.THREAT, False, tuple(threats))
    insults = insult_words(text)
    if insults or abusive_hint:
        return KindReading(Kind.ABUSIVE, False, tuple(insults))
    weight = sum(grievance_of.values())
    tone = polarity(text)
    praised = praise_sentences(sentences, grievance_of, english)
    mocked = any(sarcasm(sentences, grievance_of, complaint)) if english else False
    mocked = mocked or pattern("kinds", "sarcastic_praise").search(text) is not None
    rating = rating_of(text)
    panned = rating is not None and rating <= LOW  # "1/5", "★☆☆☆☆": unhappy whatever the words say
    complained = [
        s
        for s in sentences
        if s not in praised and (grievance_of.get(s, 0) >= 2 or (grievance_of.get(s, 0) and polarity(s) < -0.1))
    ]
    if praised and (complained or _turns_to_a_problem(turned or set(), praised, grievance_of)):
        return KindReading(Kind.MIXED, False, ())
    if praised and (tone > 0.3 or not english) and not complaint and not mocked and not panned:
        return KindReading(Kind.PRAISE, False, ())
    # "★★★★★ the crew upgraded my nan. She hasn't stopped talking about it!": a verdict of praise, and
    # beside it only a sentence that reads negative is a complaint (not two cue words in a happy one)
    rated_high = rating is not None and rating >= HIGH and not (complaint or mocked)
    if rated_high and not any(polarity(s) < -0.1 for s in complained):
        return KindReading(Kind.PRAISE, False, ())
    small = pattern("kinds", "minimizers").search(text) is not None or (
        pattern("kinds", "trivial").search(text) is not None and tone > -0.6
    )
    weighty = pattern("kinds", "weighty").search(text) is not None or _carries_emotion(text)
    trivial = len(text) < 240 and small and not weighty
    if mocked or panned:
        trivial = False  # mockery or a low score is never a small gripe: "lovely hold music though" after five hours
    # in a language the drafts don't write, a question mark is no proof of a question ("Czy ktoś
    # miał to samo?", "anyone else?", after being charged twice): the lead replies, from a model
    # that apologises rather than one that says "Good question!"
    if panned:
        return KindReading(Kind.COMPLAINT, False, ())  # a review's low score asks for no answer, but an apology
    if _is_question(sentences, weight, tone, trivial, complaint) and (english or (drafted and not complaint)):
        return KindReading(Kind.QUESTION, False, ())
    if trivial:
        return KindReading(Kind.COMPLAINT, True, ())
    if praised and weight == 0 and tone >= 0 and english and not complaint and not mocked:
        return KindReading(Kind.PRAISE, False, ())  # praise and nothing gone wrong: thanks, no apology
    return KindReading(Kind.COMPLAINT, trivial, ())
