"""How a post is laid out, undone before its clauses are read: who each sentence is about and where it breaks.

Customers don't write in tidy clauses. They open with a rival they wish we were like ("Netflix
never once lost my watchlist"), tack the brand on as an address ("i cant see my orders threadly
sort it out", "roadly never again car smelled of smoke"), and run their own circumstances into
what we did ("My mum is 84 and Ironclad kept her on hold"). Read as written, the rival's good
record became ours ("we never once lost your watchlist"), the address became a verb's subject
("we never again car smelled of smoke"), and an age became something we apologised for ("I hate
that your mum is 84"). These helpers put the breaks and the owners back where the customer meant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from alerts.drafting.data import word_set
from alerts.drafting.persons import DETERMINERS, is_verb

# "Never again", "Avoid", "Do not use": a verdict opening the post, not the start of a clause.
_VERDICT = re.compile(
    r"^\s*(?:never again|avoid(?: at all costs)?|do not use|don't use|dont use|stay away|terrible|awful|useless)"
    r"\b[\s,.!:-]*",
    re.IGNORECASE,
)
# Verbs the customer aims at the brand they address ("Threadly sort it out", "Roadly explain").
_ADDRESSED = r"(?:sort|fix|explain|answer|respond|reply|refund me|do better)\b"
# Words that open a sentence about a rival but are not its name.
_OPENERS = re.compile(r"^(?:honestly|seriously|genuinely|tbh|look|funny how|meanwhile)[\s,]+", re.IGNORECASE)
# What a rival is praised for: a record we are being compared against. "Never" counts only before a
# failure ("never once lost my watchlist", "never did this to me"): "Derek never called me back" is
# a failure itself, and said of a person of ours.
_RECORD = re.compile(
    r"\b(?:always|would have|would've|sorted (?:it|this|that)|managed to|had no (?:problem|issue)s?)\b"
    r"|\bnever\b(?:\s+\w+){0,2}?\s+(?:did this|done this|lost|charged|overcharged|cancell?ed|dropped|failed|let me "
    r"down|broke|cut|had (?:a|any|one) (?:problem|issue))\b",
    re.IGNORECASE,
)


def _names(brand: Iterable[str]) -> list[str]:
    return sorted((b for b in brand if b and not b.startswith("@")), key=len, reverse=True)


def split_at_brand(sentence: str, brand: Iterable[str]) -> str:
    """A sentence broken where the brand starts a clause of its own.

    "My mum is 84 and Ironclad kept her on hold" is two clauses: her age (theirs, nothing to be
    sorry for) and what we did. "i cant see my orders threadly sort it out" ends with the brand
    addressed: it is said to us, not something we did to them.
    """
    for name in _names(brand):
        word = re.escape(name)
        sentence = re.sub(rf"\s+and\s+(?={word}\b)", ", ", sentence, flags=re.IGNORECASE)
        sentence = re.sub(rf"\s+{word}\s+(?={_ADDRESSED})", ". ", sentence, flags=re.IGNORECASE)
        # "puddleduck pizza u forgot my garlic bread": the brand addressed, then "you" is what it did
        sentence = re.sub(rf"(^|[\s,:;!?]){word}\s+(?=(?:you|u)\s+\w)", rf"\1{name}, ", sentence, flags=re.I)
    return sentence


# Where a post typed without punctuation starts its next clause: a subjectless "can't" after a time
# ("keeps dropping every 10 mins cant work from home") is what it cost the customer, "my card is"
# after a count ("tried 5 times my card is locked now", never "the day my rent was due") is a new state, and a closing
# verdict ("its a joke", "what a shambles") judges it all; run on, neither could be read back.
_RUN_ON = re.compile(
    r"(?<=\w)\s+(?=(?:(?:can't|cant|cannot|couldn't|couldnt)\s+\w)"
    r"|(?:my|our)\s+\w+(?:\s+\w+)?\s+(?:is|was|are|were|has|have|keeps|got)\b"
    r"|(?:it's|its|it is|this is|that's|thats|what) (?:an? )?(?:absolute |total |complete )?"
    r"(?:joke|disgrace|shambles|farce|nightmare|scam)\W*$)",
    re.IGNORECASE,
)
_COUNT_BEFORE = re.compile(r"\b\d+\s*(?:times|minutes|mins|hours|hrs|days|weeks|months)$", re.IGNORECASE)
_TIME_BEFORE = re.compile(
    r"\b(?:again|now|today|tonight|yesterday|\d+|times|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)$", re.IGNORECASE
)


def run_ons(sentence: str) -> str:
    """``sentence`` with a comma where an unpunctuated post starts its next clause (see ``_RUN_ON``)."""

    def cut(found: re.Match[str]) -> str:
        before = sentence[: found.start()]
        after = sentence[found.end() :]
        if re.match(r"(?:my|our)\b", after, re.IGNORECASE):  # "the day my rent was due" is one clause
            return ", " if _COUNT_BEFORE.search(before) else found.group(0)
        verdict = not re.match(r"(?:can't|cant|cannot|couldn't|couldnt)\b", after, re.IGNORECASE)
        return ", " if verdict or _TIME_BEFORE.search(before) else found.group(0)

    return _RUN_ON.sub(cut, sentence)


def without_verdict(sentence: str, brand: Iterable[str]) -> str:
    """The sentence after an opening verdict and a brand used as an address ("roadly never again car ...").

    "Never again" and "Avoid" judge the whole experience; read as the start of a clause, the brand
    before them became its subject ("we never again car smelled of smoke").
    """
    rest = sentence
    names = "|".join(re.escape(n) for n in _names(brand))
    lead = re.match(rf"^\s*(?:@?(?:{names})\b[\s,:-]*)", rest, re.IGNORECASE) if names else None
    after = rest[lead.end() :] if lead else rest
    found = _VERDICT.match(after)
    if not found or found.end() >= len(after.rstrip()):
        return sentence
    tail = after[found.end() :]
    return tail[:1].upper() + tail[1:]


def rival_sentences(sentences: list[str], brand: Iterable[str]) -> list[str]:
    """The sentences about a rival, when another sentence names us: without us named, a capitalised
    name doing something is most likely us under a name not configured ("Northwind never refunded me")."""
    names = _names(brand)
    ours = [s for s in sentences if any(re.search(rf"\b{re.escape(n)}\b", s, re.IGNORECASE) for n in names)]
    return [s for s in sentences if s not in ours and rival_sentence(s, brand)] if ours else []


def rival_sentence(sentence: str, brand: Iterable[str]) -> bool:
    """Whether the sentence holds up another company's record beside ours ("Netflix never lost my watchlist").

    Read back, the rival's name was taken for ours ("we never once lost your watchlist"); the
    comparison is the customer's point, and the failure is in the sentence about us.
    """
    text = re.sub(r"^[Tt]he (?=[A-Z])", "", _OPENERS.sub("", sentence.strip()))  # "The Ritz would have..."
    found = re.match(r"((?:[A-Z][\w&'-]*\s?){1,3})", text)
    if not found:
        return False
    name = found.group(1).split()
    head = name[0].lower()
    plain = word_set("grammar", "words", "common_nouns") | word_set("grammar", "words", "indefinite")
    if head in plain or head in DETERMINERS or head in {"i", "i'm", "i've", "we", "you", "they", "it", "this"}:
        return False
    if is_verb(name[0]) or any(n.lower().rstrip("'s") in set(brand) for n in name):
        return False
    low = text.lower()
    if any(re.search(rf"\b{re.escape(b)}\b", low) for b in _names(brand)):
        return False  # a sentence that names us is about us
    return bool(_RECORD.search(text[found.end() :]))


def brand_said_then_did(sentences: list[str], brand: Iterable[str]) -> list[str]:
    """The "X: <what they say>. Also X: <what they do>" joke, read as what the brand did.

    "Stackly: we take security seriously. Also Stackly: emails my password back to me" sets the
    brand's own claim against its act. The claim is theirs to mock, never ours to repeat; the act,
    written without a subject, is ours ("Stackly emails my password" -> "we email your password").
    """
    names = "|".join(re.escape(n) for n in _names(brand))
    if not names:
        return sentences
    label = re.compile(rf"^\s*(also|meanwhile)?\s*@?(?:{names})\s*:\s*(.+)$", re.IGNORECASE | re.DOTALL)
    marked = [label.match(s) for s in sentences]
    if not any(m and m.group(1) for m in marked) or not any(m and not m.group(1) for m in marked):
        return sentences
    out: list[str] = []
    for sentence, found in zip(sentences, marked, strict=True):
        if found is None:
            out.append(sentence)
        elif found.group(1):
            name = re.search(rf"@?({names})", sentence, re.IGNORECASE)
            out.append(f"{name.group(1) if name else ''} {found.group(2)}".strip())
    return out


_MINE = re.compile(r"^mine(?P<verb>'s|\s+is|\s+has|\s+was)\s+(?P<rest>\S.*)$", re.IGNORECASE | re.DOTALL)
_OWNED = re.compile(r"\b(?:their|his|her|my|your|our)\s+([a-z]+)\b")


def mine_named(sentences: list[str]) -> list[str]:
    """ "Anyone else had X freeze their account? Mine's been locked since Monday": "mine" said as what it is.

    Read back alone, "mine's been locked since Monday" points at nothing ("yours" of what?); the
    thing is in the sentence before, asked of other customers, so it is named: "My account has
    been locked since Monday".
    """
    out = list(sentences)
    for i in range(1, len(out)):
        found = _MINE.match(out[i].strip())
        things = [t for t in _OWNED.findall(out[i - 1]) if not is_verb(t)]
        if not found or not things:
            continue
        verb = found.group("verb").strip().lower()
        if verb == "'s":
            verb = "has" if re.match(r"(?:been|got|gone|had)\b", found.group("rest"), re.IGNORECASE) else "is"
        out[i] = f"My {things[-1]} {verb} {found.group('rest')}"
    return out
