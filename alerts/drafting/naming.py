"""Phrases that name what a post is about, for when its clauses can't all be read back as they are.

A verbless phrase of theirs with a failure in it ("three weeks with no phone"), the customer's
thing ("your order", "your playlists"), what they explicitly asked for ("your money back"), what
they praised ("the crew on flight 22") and what a question asks about ("the lounge at Lisbon").
Split from ``reading`` (which decides the kind and chooses the clauses) so each stays readable;
these only find and turn round a few words.
"""

from __future__ import annotations

import re

from alerts.drafting.data import load, pattern, word_set
from alerts.drafting.grievances import chunks, cues
from alerts.drafting.kinds import escalation_words
from alerts.drafting.persons import PREPOSITIONS, is_verb, modifies_noun, possessive_brand
from alerts.drafting.speech import without_quotes
from alerts.drafting.spelling import brand_modifies

# Adjectives that open a verbless grievance with no article ("wrong order again", "missing items").
_BARE_ADJECTIVES = {"wrong", "missing", "late", "cold", "broken", "damaged", "lost", "dirty", "faulty", "cancelled"}
_PRONOUNS = {"we", "us", "you", "i", "they", "he", "she"}  # "they'd given your room away" is a clause, not a phrase
# "...ever.' Just got charged"; a run of emoji ends a sentence typed without a full stop ("crashed 3x 🙃🙃
# rent is due today"), so the next one is not glued onto it.
_SENTENCE = re.compile(
    r"(?<=[.!?])\s+|(?<=[.!?]['\"\u201d])\s+|\n+|(?<=[\U0001F300-\U0001FAFF\u2600-\u27BF])\s+(?=[\w@])"
)


def sentences_of(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.replace("\u2019", "'")) if s.strip()]


# A bare noun placed somewhere ("mould in the shower"): it takes "the" when named.
_PLACED = re.compile(r"^[a-z]+ (?:in|on|under|behind|all over|around) (?:the|my|your|our)\b")


def _with_parts(found: list[str]) -> list[str]:
    """Each chunk, then its verbless parts: the items of a list, and the wait before "just to be told".

    "Shame about the room: mould in the shower and a window that wouldn't lock" lists two failures
    without a verb of its own, and "a whole 45 minutes on hold just to be told to go into a branch"
    names the wait before what it led to; whole, neither is a clause or a short phrase, so nothing
    was named. An item that starts with a verb ("…going to Ofcom and cancelling everything") is none.
    """
    out: list[str] = []
    for chunk in found:
        out.append(chunk)
        items = [i for i in re.split(r"\s+and\s+", chunk) if len(i.split()) >= 2 and not is_verb(i.split()[0])]
        out += items if len(items) > 1 else []
        wait = re.split(r"\s+(?:just|only)\s+to\s+(?:be|get|have|hear|find)\b", chunk, maxsplit=1, flags=re.I)
        out += wait[:1] if len(wait) > 1 and not is_verb(wait[0].split()[0]) else []
    return out


def about_phrase(parts: list[str], brand: set[str]) -> str | None:
    """A short verbless phrase of theirs with a grievance in it ("three weeks with no phone")."""
    for part in parts:
        for chunk in _with_parts(chunks(re.sub(r"#\w+", " ", part))):  # a hashtag labels the post for the feed
            words = [w.rstrip(".") for w in re.findall(r"[\w'£$€%&.-]+", chunk) if w.rstrip(".")]
            if not words or "'" in chunk.replace("'s ", " ").replace("n't", ""):
                continue  # "said 'not my department'": quoted words, not a phrase of theirs
            ordinal = words[0].lower() in {"first", "second", "third", "fourth", "fifth", "another", "and", "but", "or"}
            ordinal = ordinal or any(is_verb(w) for w in words[1:])  # a phrase, not a clause cut loose
            ordinal = ordinal or words[0].lower() == "still"  # "sorry about still nothing" names nothing
            ordinal = ordinal or words[0].lower() in word_set("grammar", "words", "auxiliaries")  # "wasn't the…"
            if (
                2 <= len(words) <= 8
                and cues(chunk)
                and not ordinal
                and not pattern("grammar", "dont_echo").search(chunk)
                and not escalation_words(chunk)  # "going to Ofcom" is for a lead, never what we're sorry about
            ):
                if len(words) > 2 and words[0].lower() in brand:
                    words = words[1:]  # "Munchly wrong order again": the brand is addressed, not part of the phrase
                swapped = _swap_words(words, brand)
                if len(swapped) > 2 and swapped[-1] == "us" and swapped[-2].lower() in PREPOSITIONS:
                    swapped = swapped[:-2]  # "day 5 of no internet from Pulse" -> "day 5 of no internet"
                if not any(w.lower().split("'")[0] in _PRONOUNS for w in swapped):
                    if swapped[0].lower() in {"a", "an"}:
                        swapped = ["the", *swapped[1:]]  # "sorry about a cockroach" -> "about the cockroach"
                    elif swapped[0].lower() in _BARE_ADJECTIVES or _PLACED.match(" ".join(swapped)):
                        swapped = ["the", *swapped]  # "wrong order again", "mould in the shower": "about the …"
                    text = " ".join(swapped).rstrip(".")
                    if re.fullmatch(load("grammar")["cues"]["durations"] + r"(?:\s+\w+)?", text.lower()):
                        continue  # "3 weeks now" is how long, not what to be sorry about
                    return text[0].lower() + text[1:] if text[1:2].islower() else text
    return None


# A verdict on a price or a policy of ours ("Your new seat fee is a rip-off", "X charging £45 to sit
# with my child is disgusting"): the customer objects to something we decided, and nothing in it
# "went wrong", so no clause was read back and the topic's phrase misread it ("the charge that
# doesn't look right"). The thing judged is named; the verdict, an accusation, never is.
_JUDGED = re.compile(
    r"^(?P<thing>[^.!?]{3,80}?)\s+(?:is|was|are|were)\s+(?:(?:an?|just|absolutely|totally|frankly|so|such an?)\s+)*"
    r"(?:rip-?off|rip off|disgusting|outrageous|joke|disgrace|scam|daylight robbery|extortionate|ridiculous"
    r"|shameful|insane|unacceptable|robbery|greedy|theft)\b",
    re.IGNORECASE,
)


def judged_thing(parts: list[str], brand: set[str]) -> str | None:
    """The price or policy of ours a sentence passes a verdict on, read back ("our new £8 per seat fee")."""
    for part in parts:
        found = _JUDGED.match(part.strip())
        if not found:
            continue
        words = found.group("thing").split()
        if words[0].lower() in _PRONOUNS | {"it", "this", "that", "which", "i", "everything", "what"}:
            continue  # "it's a joke", "this is a disgrace": nothing named
        ours = len(words) > 1 and words[0].lower() in brand and not is_verb(words[1])
        words = words[1:] if ours else words  # "Fernway new cancellation fee" -> "our new cancellation fee"
        swapped = ["our" if possessive_brand(w.lower(), brand) else w for w in _swap_words(words, brand)]
        swapped = ["our", *swapped] if ours else swapped
        if len(swapped) < 2:
            continue  # "Pricing is a joke": one word names too little to read back
        if swapped[0].lower() in {"our", "your", "us", "the", "a", "an", "this", "that"}:
            swapped[0] = swapped[0].lower()  # "Your new seat fee" -> "our new seat fee", mid-sentence
        return " ".join(swapped)
    return None


def thing_of(text: str) -> str | None:
    """The customer's thing the post is about ("my broadband" -> "your broadband"), or None.

    When none of their sentences reads back cleanly, naming what it happened to ("what happened
    with your order") is still specific and can't put words in anyone's mouth.
    """
    about = re.search(r"\babout (?:my|our) ((?:[a-z-]+ ){0,2}[a-z-]+)\s*(?:[.!?,;]|$)", text)
    if about and not any(is_verb(w) for w in about.group(1).split()[-1:]):
        return f"your {about.group(1)}"  # "...contacting X about my broken wheelchair": what it is about
    found = re.search(
        rf"\b(?:my|our)\s+(?:[\w-]+\s+)?({'|'.join(word_set('grammar', 'words', 'things'))})\b", text, re.IGNORECASE
    )
    if found:
        return f"your {found.group(1).lower()}"
    for sentence in map(without_quotes, sentences_of(text)):  # "deleting my playlists": the thing that failed
        after = re.search(r"\bmy ((?:[A-Za-z-]+ ?){1,3})", sentence)
        if not after or not cues(sentence):
            continue
        noun: list[str] = []
        for word in after.group(1).split():  # "my face ID since the update" -> "face ID", never "face"
            if is_verb(word) or word.lower() in PREPOSITIONS | _NOT_A_NOUN:
                break
            noun.append(word)
        if noun:
            return "your " + " ".join(noun)
    return None


_NOT_A_NOUN = {"and", "but", "or", "so", "since", "because", "when", "while", "after", "before", "again", "now"}


def request_of(text: str, brand: set[str]) -> str | None:
    """What the customer explicitly asked for, read back: 'your money back', 'us to call you back'."""
    for i, rx in enumerate(load("kinds")["requests"]):
        found = re.search(rx, text.replace("\u2019", "'"), re.IGNORECASE)
        if not found:
            continue
        words = found.group(1).strip().rstrip(".!").split()
        if len(words) > 10 and "and" in words[2:]:
            words = words[: words.index("and", 2)]
        swapped = _swap_words(words, brand)
        if not swapped or len(swapped) > 10:
            continue
        return " ".join(swapped) if i < 2 else "us to " + " ".join(swapped)
    return None


def _swap_words(words: list[str], brand: set[str]) -> list[str]:
    swap = load("grammar")["swap"]
    out: list[str] = []
    for i, w in enumerate(words):
        if w.lower() in brand:
            if modifies_noun(out, words[i + 1] if i + 1 < len(words) else ""):
                continue  # "the new Stackly dashboard" -> "the new dashboard"
            if not (out and (brand_modifies(out[-1]) or out[-1].lower() == "my")):
                out.append("us")  # "the Nimbus app" -> "the app"; "from Nimbus" -> "from us"
            continue
        out.append(swap.get(w.lower(), w))
    return [w for w in out if w.lower() not in {"please", "now", "asap"}]


def praise_of(sentences: list[str], brand: set[str]) -> str | None:
    """What they praised, read back: 'the crew on flight 22', or None."""
    for sentence in sentences:
        for rx in load("kinds")["praise_objects"]:
            found = re.search(rx, sentence, re.IGNORECASE)
            if found:
                words = _swap_words(found.group(1).split(), brand)
                if len(words) > 2 and words[-1] == "us" and words[-2].lower() in PREPOSITIONS:
                    words = words[:-2]  # "the cabin crew on Altura" -> "the cabin crew", not "on us"
                if words and words[0].lower() in {"the", "your", "our", "my"}:
                    words[0] = words[0].lower()
                return " ".join(words) if words else None
    return None


_QUESTION_SUBJECT = re.compile(
    r"\b(the|my|your|our)\s+([a-z]+(?:\s+(?!at\b|in\b|on\b|for\b|from\b|to\b|open\b|before\b|after\b|include\w*\b)[a-z]+)?)"
    r"(\s+(?:at|in|on|for|from)\s+[A-Z]\w+)?"
)


def question_subject(sentences: list[str], brand: set[str]) -> str | None:
    """The thing a question asks about, read back: 'the lounge at Lisbon', 'your cat'."""
    for sentence in sentences:
        if not sentence.rstrip().endswith("?"):
            continue
        found = _QUESTION_SUBJECT.search(sentence)
        if found:
            words = _swap_words(found.group(0).split(), brand)
            return " ".join(w for w in words if w.lower() not in brand) or None
    return None
