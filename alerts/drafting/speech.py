"""Words in a customer's clause that are someone else's: what they quoted, and who they named.

A reply reads the customer's experience back to them, in their terms. A sentence they quote ("you
replied 'we'll have an engineer out'") is not their terms: turned round, it says the wrong thing,
and read back, a quoted promise of ours is made again. An employee's name ("agent Derek") is
theirs to say and never ours to repeat in public. What follows prepares a clause before it is
parsed (``clauses.read_clause``), and lets the grievance chooser weigh a clause without the praise
it quotes.
"""

from __future__ import annotations

import re

from alerts.drafting.data import load, word_set
from alerts.drafting.persons import is_verb

_RHETORICAL_LEAD = re.compile(
    r"(?:@\w+\s+)*how (?:is|was) it (?:acceptable|ok|okay|fair|legal|right|normal) that\b", re.I
)


# "Why is X's app asking me to pay twice?", "Why do I have to explain it five times?": a complaint
# asked as a question, said as the statement it makes.
_WHY_IS = re.compile(r"^((?:@\w+\s+)*)why (is|are|was|were) ((?:[\w'&-]+ ){1,5}?)(\w+ing\b.*?)\?*$", re.I)
_WHY_DO_I = re.compile(r"^((?:@\w+\s+)*)why (?:do|did|should) (i|we) ((?:have|need|keep having) to\b.*?)\?*$", re.I)
# "Is it just me or has X been down all evening?": asked of other customers, it says X has been down.
_JUST_ME = re.compile(
    r"^((?:@\w+\s+)*)(?:is it (?:just|only) me|am i the only one),?\s+(?:or|who thinks|that)\s+"
    r"(has|have|is|are|was|were) ((?:[\w'&-]+ ){1,4}?)((?:been|\w+ed|\w+ing|\w+en)\b.*?)\?*$",
    re.I,
)
# "How can X be down for the third time this week?": indignation at a state, said as the state.
_HOW_CAN_BE = re.compile(
    r"^((?:@\w+\s+)*)how (?:can|could|come|is it possible that) ((?:[\w'&-]+ ){1,4}?)(?:be|is|are) "
    r"((?:down|broken|out|offline|closed|late|still)\b.*?)\?*$",
    re.I,
)
# "Why did X take £600 from my account?": what X did, asked to make a point, said as what it did.
_WHY_DID = re.compile(r"^((?:@\w+\s+)*)why (?:did|would) (?!i\b|we\b)((?:[\w'&-]+ ){1,4}?)([a-z]+)\b(.*?)\?*$", re.I)
_JUST_MINE = re.compile(r"^((?:@\w+\s+)*)(?:is it (?:just|only) me|am i the only one) whose (.+?)\?*$", re.I)


def past(verb: str) -> str:
    """The past tense of a base verb ("take" -> "took", "charge" -> "charged", "stop" -> "stopped")."""
    irregular: dict[str, str] = load("grammar")["past"]
    if verb in irregular:
        return irregular[verb]
    if verb.endswith("e"):
        return verb + "d"
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if len(re.findall(r"[aeiou]", verb)) == 1 and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", verb):
        return verb + verb[-1] + "ed"  # "stop", "ship", "ban"
    return verb + "ed"


def rhetorical_statement(raw: str) -> str:
    """A question that makes a point, as the statement it makes, or ``raw`` as it is.

    "How is it acceptable that X charges me for...?" -> "X charges me for..."; "Why is X's app
    asking me to pay for a seat I paid for?" -> "X's app is asking me to pay..."; "Why do I have to
    explain my problem five times?" -> "I have to explain my problem five times"; "Is it just me or has
    X been down all evening?" -> "X has been down all evening"; "How can X be down again?" -> "X is down
    again"; "Why did X take £600?" -> "X took £600". Read as
    questions they were never read back, and the acknowledgement fell back to "what happened".
    """
    text = raw.strip()
    if _RHETORICAL_LEAD.match(text):
        return text.rstrip("?")
    whose = _JUST_MINE.match(text)
    if whose:
        owned = "my " if whose.group(2)[:1].islower() else ""  # "whose bill went up"; "whose Orbit keeps dropping"
        return f"{whose.group(1)}{owned}{whose.group(2)}"
    found = _WHY_IS.match(text) or _JUST_ME.match(text)
    if found:
        return f"{found.group(1)}{found.group(3)}{found.group(2).lower()} {found.group(4)}"
    found = _HOW_CAN_BE.match(text)
    if found:
        plural = found.group(2).split()[-1].lower() in {"they", "you", "we"}
        return f"{found.group(1)}{found.group(2)}{'are' if plural else 'is'} {found.group(3)}"
    found = _WHY_DID.match(text)
    if found and found.group(3).lower() in word_set("grammar", "words", "company_verbs_base"):
        return f"{found.group(1)}{found.group(2)}{past(found.group(3).lower())}{found.group(4)}"
    found = _WHY_DO_I.match(text)
    if found:
        return f"{found.group(1)}{found.group(2)} {found.group(3)}"
    return raw


# A member of staff's name after their role ("agent Derek", "a driver called Tom"): a public reply
# never names an employee, so only the role is read back ("our agent at the front desk laughed at you").
_ROLES = "|".join(sorted(word_set("grammar", "words", "staff_nouns"), key=len, reverse=True))
_STAFF_NAME = re.compile(rf"\b({_ROLES})\s+(?:(?:called|named)\s+)?([A-Z][a-z]+)\b(?!')")
# What someone said, quoted, before what they went on to do: the doing is the grievance.
_SAID_THEN = re.compile(
    r"\s+(?:said|says|tweeted|posted|wrote|promised|claimed)\s+"
    r"['\"\u201c\u2018].+?['\"\u201d\u2019]\s*(?:,\s*)?and(?: then)?\s+",
    re.IGNORECASE,
)
_CALENDAR = {
    *"monday tuesday wednesday thursday friday saturday sunday today tonight".split(),
    *"january february march april may june july august september october november december".split(),
}


def without_said_then(raw: str) -> str:
    """ "X said 'we value our players' and then removed offline mode" -> "X removed offline mode"."""
    return _SAID_THEN.sub(" ", raw)


def unnamed_staff(raw: str, brand: set[str]) -> str:
    """ "Your agent Derek laughed at me" -> "Your agent laughed at me": the role, never the name."""
    return _STAFF_NAME.sub(lambda m: m.group(0) if m.group(2).lower() in brand | _CALENDAR else m.group(1), raw)


_QUOTED = re.compile(
    r"(?<!\w)['\"\u201c\u2018]((?:[^'\"\u201c\u201d\u2018\u2019]|(?<=\w)['\u2019](?=\w))+?)['\"\u201d\u2019](?!\w)"
)
_SPEAKERS = {"we", "we'll", "we're", "we've", "you", "you'll", "your", "i", "i'll", "i'm", "our", "us"}


def without_quotes(text: str) -> str:
    """``text`` without what it quotes: "said 'we value our players'" is not the customer's praise."""
    return _QUOTED.sub(" ", text)


def quotes_someone(raw: str) -> bool:
    """Whether ``raw`` quotes a sentence someone said ("you replied 'we'll have an engineer out'").

    A quotation is their words, not the customer's: turning its persons round breaks it ("your
    supply will be restored" became "our supply"), and a promise quoted back reads as our promise
    again. A scare-quoted word or two ("a 'smart' meter", "says 'out for delivery'") and a title
    ("an email titled 'Your account update'") are kept.
    """
    for found in _QUOTED.finditer(raw):
        words = [w.strip(".,!") for w in found.group(1).lower().split()]
        said = any(is_verb(w) or w.endswith("'ll") for w in words)  # a title ('Your account update') says nothing
        said = said or (len(words) >= 2 and found.group(1).rstrip()[-1:] in ".!?")  # 'No hidden fees, ever.'
        if said and (len(words) >= 4 or any(w in _SPEAKERS for w in words)):
            return True
    return False


# Words that introduce a quoted label rather than a line of ours: "an email titled 'Your account update'".
_LABELLED = re.compile(
    r"\b(?:titled|called|named|labell?ed|marked|headed|reads|read|says|said|shows|showing|status)\s*$", re.I
)


def without_our_line(raw: str) -> str:
    """``raw`` without a line of ours it quotes: "put my bill up £8 'in line with inflation'" -> "put my bill up £8".

    Three or more quoted words that are not a label ("titled 'Your account update'") are our stated
    reason or slogan, quoted to mock it, and a quoted reason after "for" ("for 'suspicious activity'")
    is one the customer disputes; read back, the reply says it again as if we stood by it.
    """

    def drop(found: re.Match[str]) -> str:
        short = len(found.group(1).split()) < 3
        return found.group(0) if short or _LABELLED.search(raw[: found.start()]) else " "

    raw = _GIVEN_REASON.sub(" ", raw)  # "kicked my daughter off for 'suspicious activity'": their reason, disputed
    return re.sub(r"\s+", " ", _QUOTED.sub(drop, raw)).strip()


# A reason quoted after "for" or "due to": the one we gave, quoted because the customer disputes it.
_GIVEN_REASON = re.compile(rf"\s+(?:for|because of|due to|citing|over)\s+{_QUOTED.pattern}", re.I)


def without_quoted_sentences(sentence: str) -> str:
    """``sentence`` without a whole sentence it quotes ("@X: 'No hidden fees, ever.' Just got charged").

    Split at its comma, a quoted sentence of ours became a clause of the customer's ("you've had no
    hidden fees"); it is someone else's line, so it goes before the sentence is cut into clauses.
    """

    def drop(found: re.Match[str]) -> str:
        whole = len(found.group(1).split()) >= 2 and found.group(1).rstrip()[-1:] in ".!?"
        return " " if whole else found.group(0)

    return _QUOTED.sub(drop, sentence)
