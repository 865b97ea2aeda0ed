"""Choosing which of the customer's clauses say what went wrong, to be read back to them.

A complaint is rarely only its failure. It opens with a setup (what the customer did: "Ordered for
my mum's birthday", "Switched to X last week"), mocks with a setup ("Love that the outage map says
'all good' while none of us have had internet"), or quotes what staff said ("Reception said bedbugs
are 'not possible'"). Read back, a setup apologises for the customer's own doing, sarcasm is agreed
with, and staff's denial is repeated as if it were true. So a clause is chosen by the failure in it,
never by where it comes in the post: when any clause says what went wrong, the clauses that don't
are left out, and staff's words are read as what they did to the customer (not believing them, not
helping), never repeated.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from alerts.drafting.clauses import Clause, Subject, read_clause
from alerts.drafting.data import load, pattern, word_set
from alerts.drafting.kinds import escalation_words, polarity
from alerts.drafting.persons import is_verb
from alerts.drafting.severity import conduct, same_failure
from alerts.drafting.speech import without_quoted_sentences, without_quotes
from alerts.drafting.spelling import restore_apostrophes, tokens

MAX_GRIEVANCES = 3
_LIST_STOPS = {"i", "you", "we", "they", "he", "she", "it", "then", "now", "still", "but", "so", "no", "not", "never"}

_SUBJECT_AHEAD = r"(?=(?:i|i'm|i've|we|you|they|he|she|it|now|still|the|my|our|your|nobody|no one)\b)"
# "because" starts a clause of its own (a cause, often an excuse), but "because of my assistance dog"
# is the customer's own circumstance the failure turned on: it stays with the clause.
_CLAUSE_BREAK = re.compile(
    r"\s*(?:https?://|www\.)\S+\s*|\s*[,;:]\s+|\s+[-\u2013\u2014]+\s+|\s*\(\s*|\s*\)\s*|\.\.\.+\s*|\s+(?:but|(?:because|cause|cos)(?!\s+of\s+(?:my|our|his|her|their)\b))\s+"
    rf"|\s+(?:so|and then|then|which|even though|although|and)\s+{_SUBJECT_AHEAD}"
    # "doubled my bill and hung up on me twice": how our people treated them is a failure of its own
    rf"|\s+and\s+(?={load('grammar')['conduct']['after_and']})",
    re.IGNORECASE,
)
# "X shows 'all good' while none of us have internet": the contrast after it is the failure.
_CONTRAST = re.compile(r"\s+(?:while|whilst|whereas|meanwhile)\s+", re.IGNORECASE)


# A capitalised word after a lower-case one is a name or a title ("listening to Frozen", "Lost in
# Translation"): its letters are no complaint cue ("froze").
_TITLE_WORD = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+")


def cues(clause: str) -> int:
    """How much goes wrong in ``clause``: its complaint cues, and durations with a number."""
    low = re.sub(
        load("grammar")["cues"]["not_grievance"], " ", restore_apostrophes(_TITLE_WORD.sub("", clause)).lower()
    )
    durations = re.findall(load("grammar")["cues"]["durations"], low)
    tone = polarity(_CONTRAST.split(clause)[-1])  # "Love that it says 2 minutes away while...": the tail's tone
    waits = len(durations) if durations and tone <= 0.05 else 0  # "in two minutes!" is praise
    treated = int(conduct(clause))  # "mocked my accent", "rolled her eyes": the heart of it, cue word or not
    died = int(re.search(load("grammar")["cues"]["device_died"], low) is not None)  # "the router died", not a person
    return sum(cue in low for cue in word_set("grammar", "cues", "grievance")) + waits + treated + died


# "Ordered a vegan curry and got chicken": what they chose set against what came, with no complaint
# word in it; the mismatch is the failure.
_GOT_OTHERWISE = re.compile(
    r"\b(?:ordered|booked|paid for|asked for|requested|bought|chose|picked)\b.{1,60}?\b(?:and|but|only to)\s+"
    r"(?:got|received|was given|were given|was sent|were sent|got sent|ended up with)\s+"
    r"(?!(?:it|them|there|home|back|through|in|here|a refund|my money)\b)",
    re.IGNORECASE,
)


def weight(clause: str) -> int:
    """How worth naming ``clause`` is: complaint cues, the detail that carries the emotion, figures."""
    low = clause.lower()
    detail = sum(cue in low for cue in word_set("grammar", "cues", "detail"))
    return cues(clause) + 2 * detail + int(re.search(r"\d", low) is not None)


def _keep_lists(sentence: str) -> str:
    """The sentence with the commas of a short noun list ("name, address and account number") hidden.

    Split there, "sent my full name" and "address and account number to a stranger's email" were
    each too little to read back, and a data leak was acknowledged as "what happened".
    """
    out = sentence
    for found in re.finditer(r"(?<=\s)([\w'-]+(?: [\w'-]+){0,2}), ((?:[\w'-]+ ){0,2}[\w'-]+) and ", sentence):
        words = [*found.group(1).split(), *found.group(2).split()]
        if any(is_verb(w) or w.lower() in _LIST_STOPS for w in words):
            continue
        out = out.replace(found.group(0), found.group(0).replace(", ", " \u200b", 1), 1)
    return out


def chunks(sentence: str) -> list[str]:
    """The clauses of a sentence, split at punctuation and at conjunctions that start a new clause."""
    parts = _CLAUSE_BREAK.split(_keep_lists(sentence))
    return [c.replace(" \u200b", ", ") for c in parts if c and len(c.split()) >= 2]


def overlaps(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) >= 0.7 * min(len(wa), len(wb))


def failure_after_contrast(sentence: str) -> str:
    """A mocking sentence's failure: what comes after "while" when the setup before it says nothing wrong.

    "Love that the map shows us 'all good' while none of us have had internet since lunch": the map
    is the joke's setup, the missing internet is what they want acknowledged. A contrast whose tail
    names no failure ("blocking my card while I'm abroad") leaves the sentence as it is.
    """
    parts = _CONTRAST.split(sentence, maxsplit=1)
    if len(parts) < 2 or not cues(re.split(r"\s+(?:and|then)\s+|,", parts[1])[0]):
        return sentence  # "blocking my card while I'm abroad and then...": the tail's own clause is no failure
    tail = parts[1].strip()
    return tail[:1].upper() + tail[1:]


def staff_words(chunk: str, brand: AbstractSet[str] = frozenset()) -> Clause | None:
    """What staff's words did to the customer ("our reception didn't believe you"), or None.

    "Reception said bedbugs are 'not possible'" read back repeats the denial as our own view, and
    its "their hotel" as someone else's. The grievance is being disbelieved, or being left to sort
    it out alone; that is what is owned, never the words themselves. The company itself can be the
    speaker ("X says I cancelled the order myself"): then it is "we didn't believe you".
    """
    speech = load("grammar")["staff_speech"]
    text = restore_apostrophes(chunk)
    found = re.search(speech["speaker"], text, re.IGNORECASE)
    if not found or re.search(r"\bmy\s+(?:[\w-]+\s+)?$", text[: found.start("staff")], re.IGNORECASE):
        return None  # "my sister said..." is theirs, not ours
    staff = found.group("staff").lower()
    ours = staff in {*brand, "you", "they"} and not found.group("role") and not text[: found.start("staff")].strip()
    if staff not in word_set("grammar", "words", "staff_nouns") and not ours:
        return None
    role = [w for w in (found.group("role") or "").lower().split() if w not in {"the", "our", "their", "your"}]
    who = "we" if ours else " ".join(["our", *role, speech["nouns"].get(staff, staff)])
    said = text[found.end() :]
    contested = found.group("verb").lower() in speech["contested_verbs"]  # "claimed I signed up for 12 months"
    for reading in ("disbelief", "deflection", "dismissal"):
        if (contested and reading == "disbelief") or pattern("grammar", "staff_speech", reading).search(said):
            return Clause(speech["clauses"][reading].format(staff=who), Subject.COMPANY)
    return None


_HAD_NO = "you've had no "
# A verb left with nothing after it once a quoted line was taken out ("to say it's and cancelled").
_DANGLING = re.compile(r"\b(?:it's|is|was|are|were|be|say|says|said)\s+(?:and|but|or|then)\b|\b(?:it's|to say)$")


def _setup(clause: Clause) -> bool:
    """Whether ``clause`` only tells what the customer did ("you switched to us last week to save money").

    A setup that goes on to the failure in the same clause ("you paid for a reserved seat and stood
    for 3 hours") is kept: it names what went wrong.
    """
    words = clause.text.lower().split()
    setups = word_set("grammar", "words", "setup_verbs")
    if re.search(r"\b(?:but|only to)\b", clause.text):
        return False
    # "you booked a quiet room and got one by the lift" goes on to the failure; "you moved house and
    # set up broadband" is two setups
    more = [part.split()[:1] for part in re.split(r"\band\b", clause.text.lower())[1:]]
    alone = all(first and first[0] in setups for first in more)
    return alone and len(words) > 1 and words[0] == "you" and words[1] in setups


def _ordered_thing(clause: Clause | None) -> str | None:
    """The thing a setup clause got ("you ordered a dress for your daughter's prom" -> "dress").

    The next clause often says only "arrived the day after prom"; read back as "it arrived", with the
    setup left out as the customer's own doing, "it" pointed at nothing.
    """
    if clause is None or not _setup(clause):
        return None
    found = re.match(r"you \S+ (?:a|an|the|your|some|two|three) ([a-z-]+)(?: ([a-z-]+))?", clause.text)
    if not found:
        return None
    second = found.group(2)
    return found.group(1) + (f" {second}" if second and second not in _AFTER_NOUN else "")


_AFTER_NOUN = frozenset({"for", "from", "to", "at", "on", "in", "with", "and", "but", "last", "this", "online", "via"})


def _says_nothing(clause: Clause) -> bool:
    """A short clause of ours whose only object is a pronoun ("we earned it", "we did it again")."""
    words = clause.text.lower().split()
    return len(words) <= 4 and words[-1] in {"it", "this", "that", "them", "again"}


def _listed_lack(clause: Clause, candidates: list[tuple[int, int, Clause]]) -> bool:
    """Fold "no call, no text, no refund" into one clause, so the last isn't dropped as a repeat.

    Each "no X" reads as "you've had no X"; read back one at a time they look alike and only the
    first survived, which left out the refund the customer cared about most.
    """
    if not clause.text.startswith(_HAD_NO):
        return False
    for i, (score, position, earlier) in enumerate(candidates):
        if earlier.text.startswith(_HAD_NO):
            items = [*earlier.text.removeprefix(_HAD_NO).split(" and "), clause.text.removeprefix(_HAD_NO)]
            listed = ", ".join(f"no {x.removeprefix('no ')}" for x in items[:-1]) + f" and no {items[-1]}"
            candidates[i] = (score + 1, position, Clause(_HAD_NO + listed.removeprefix("no "), earlier.subject))
            return True
    return False


_SHARED_ADVERBS = frozenset({"still", "then", "also", "even", "just", "and"})


def _ours_again(chunk: str, previous: Clause | None, brand: AbstractSet[str]) -> Clause | None:
    """A subjectless clause after one of ours in the same sentence, read with our subject, or None.

    "X doubled my bill and hung up on me twice", "marked my parcel delivered, refused to refund me":
    the second verb has no subject of its own, so read alone it became "you were hung up on you" or
    "you were refused to refund you". It shares the subject of the clause before it: us.
    """
    if previous is None or previous.subject is not Subject.COMPANY or not previous.text.startswith("we "):
        return None
    words = chunk.split()
    while len(words) > 1 and words[0] in _SHARED_ADVERBS:  # "froze my membership, still took the fee"
        words = words[1:]
    head = words[0].lower() if words else ""
    if head not in word_set("grammar", "words", "company_verbs") or not words[0].islower():
        return None
    names = sorted(b for b in brand if b.isalpha())[:1]
    for subject in ["they", *names]:  # "they refused to refund me" doesn't parse; "Parcelhop refused…" does
        clause = read_clause(f"{subject} {chunk}", set(brand), True)
        if clause is not None and clause.text.startswith("we "):
            return Clause(clause.text, Subject.COMPANY)
    return None


_PROMISE = re.compile(r"\b(?:was|were) (?:meant|supposed) to \w+", re.IGNORECASE)
_ALREADY_SAID = re.compile(r"\b(?:but|never|didn't|did not|not|no|hasn't|has not|haven't)\b", re.IGNORECASE)


def _unkept(clause: Clause) -> Clause:
    """A promise told as the whole grievance ("the engineer was meant to come between 8 and 12. It's
    4pm") says it was not kept; read back alone it reads as the promise ("It's not okay that our
    engineer was supposed to come"), so "and didn't" says what the customer meant."""
    promise = _PROMISE.search(clause.text)
    if promise is None or _ALREADY_SAID.search(clause.text[promise.end() :]):
        return clause  # "...was meant to come but never showed" says it already
    return Clause(f"{clause.text} and didn't", clause.subject)


def grievances(sentences: list[str], brand: set[str], praised: set[str]) -> tuple[Clause, ...]:
    """The customer's strongest experiences (up to three), read back in the order they told them.

    When any clause names a failure, only such clauses are read back: a setup ("you ordered for
    your mum's birthday") is never what we are sorry for. Without one, a clause of ours is still
    named ("we sent your card to your old address"), but never the customer's own doing alone.
    """
    people = word_set("grammar", "words", "people_plural")
    pieces = [chunk for s in sentences if s not in praised for chunk in chunks(s)]
    wrong = sum(bool(cues(chunk) or staff_words(chunk, brand)) for chunk in pieces)
    candidates: list[tuple[int, int, Clause]] = []
    position = 0
    ordered: str | None = None  # what the customer's setup got ("a dress"), for the "it" that follows
    for sentence in sentences:
        if sentence in praised:
            continue
        said = {w.strip(".,;:!?'").removesuffix("'s") for w in sentence.lower().split()}
        they_is_company = not said & people  # "my parents' anniversary ... they were put in a single"
        previous: Clause | None = None
        for chunk in chunks(without_quoted_sentences(sentence)):
            position += 1
            if re.search(re.escape(chunk) + r"\s*:\s", sentence):
                continue  # "Pulse roaming charges: £312 for a week": a heading, not a clause
            if escalation_words(chunk):  # "X has 48 hours or I'm going to the ombudsman": for a lead
                told = re.search(r"\babout (?:how|the way) (.{8,})$", chunk, re.IGNORECASE)
                if not told or escalation_words(told.group(1)) or not cues(told.group(1)):
                    continue  # never read back; "spoke to a reporter about how X left us…" keeps what X did
                chunk = told.group(1)
            found = cues(chunk) or int(_GOT_OTHERWISE.search(chunk) is not None)
            if found == 0 and polarity(" ".join(tokens(without_quotes(chunk)))) > 0.3:
                continue  # a kind word, not a grievance
            staff = staff_words(chunk, brand)
            clause = staff or _ours_again(chunk, previous, brand) or read_clause(chunk, brand, they_is_company)
            if clause is not None and _DANGLING.search(clause.text):
                clause = None  # "to say it's and cancelled": a quote of ours was taken out of the middle
            previous = clause
            if clause is not None and ordered and clause.text.startswith("it "):
                clause = Clause(f"the {ordered} {clause.text[3:]}", clause.subject)  # "it arrived" -> "the dress"
            ordered = _ordered_thing(clause) or ordered
            if clause is not None and _listed_lack(clause, candidates):
                continue
            if clause is None or any(
                overlaps(clause.text, c.text) or same_failure(clause.text, c.text) for _, _, c in candidates
            ):
                continue  # a repeat, in the same or other words ("blocked my card... my card was blocked")
            by_us = clause.subject is Subject.COMPANY  # "Nimbus sent my card to my old address"
            if by_us and not found and _says_nothing(clause):
                continue  # "Harbor Inn, you earned it" names nothing that happened
            if wrong and not (found or staff):
                continue  # the setup, or a sarcastic aside: what went wrong is elsewhere
            if not (found or by_us or (weight(chunk) > 0 and cues(sentence) > 0)):
                continue
            if clause.subject is Subject.CUSTOMER and (
                not found or (_setup(clause) and (wrong > 1 or not cues(clause.text)))
            ):
                continue  # "you ordered for your mum's birthday" is their doing, not what went wrong
            score = weight(chunk) + int(by_us) + (1 if not candidates else 0)  # customers lead with the main event
            candidates.append((score, position, clause))
    # how our people treated them is never the one left out ("…and the agent laughed at me")
    best = sorted(candidates, key=lambda c: (not conduct(c[2].text), -c[0], c[1]))[:MAX_GRIEVANCES]
    chosen = tuple(c for _, _, c in sorted(best, key=lambda c: c[1]))
    return (_unkept(chosen[0]),) if len(chosen) == 1 else chosen  # beside another, its fate is told
