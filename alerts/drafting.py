"""Reply drafts that follow the reply method: perception first, facts second.

A draft is built from parts, in this order:

1. **acknowledgement** of what the customer experienced, in their own words turned to the second
   person ("charged me twice" -> "being charged twice"), agreeing it would feel that way;
2. **apology** that owns it plainly;
3. **facts**, only those configured for the post's topics (``[facts.<topic>]``), introduced gently;
4. **remedy** and **goodwill**, each its own sentence, only when configured;
5. a **next step** the customer controls (continue in private, say what would make it right);
6. a **sign-off** with the team's name.

Platform limits are met by dropping the least important parts first (goodwill, extra facts, the
sign-off, the facts, then shortening the next step, the remedy ...); the acknowledgement and the
apology always stay. Abusive posts get no warm draft: a note for a lead instead.

Everything is deterministic: the same post and config give the same draft.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from alerts.config import ReplyConfig, TopicFacts
from alerts.tone import check_tone
from monitor.core.platforms import profile_for

log = logging.getLogger("repmon.drafting")

LEAD_NOTE_PREFIX = "Flagged for a lead:"

LONG_FORM = 1000  # from this limit up, the draft is laid out in short paragraphs with a greeting


def length_limit(source: str, reply: ReplyConfig | None = None) -> int:
    """The longest reply ``source`` accepts: ``reply.max_length`` first, then the built-in table."""
    configured = reply.max_length if reply is not None else {}
    for key in (source, source.lower()):
        if key in configured:
            return max(1, int(configured[key]))
    return profile_for(source).reply_limit


# --- topics -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Topic:
    phrase: str  # a gerund phrase naming the experience, used when the customer's words don't fit
    feeling: str  # how it would leave anyone
    ack: str  # acknowledgement template; {g} is the experience
    apology: str  # owning it, plainly
    fact_intro: str  # leads into the first configured fact
    next_step: str  # what the customer can do next, in their control; {channel}
    short_next: str  # the same, for tight platforms; {channel}


_SEE = "I can see why {g} has left you {feeling}."
_UNDERSTAND = "I can understand why {g} would leave you {feeling}."
_TOO = "I'd be {feeling} too after {g}."

_TOPICS: dict[str, _Topic] = {
    "double_charge": _Topic(
        "being charged twice",
        "worried",
        _TOO,
        "I'm sorry for the worry this has caused; it's ours to sort out.",
        "In case it helps: ",
        "If you're happy to continue in {channel}, tell me which charge you'd like looked at first "
        "and what would put your mind at rest.",
        "Could we continue in {channel}?",
    ),
    "stranded": _Topic(
        "being left stranded",
        "stressed",
        _SEE,
        "I'm so sorry we left you in that position; that's on us.",
        "So you know where things stand: ",
        "Could we continue in {channel}? Tell me where you are and what would help most right now.",
        "Could we continue in {channel}?",
    ),
    "cancellation": _Topic(
        "having your plans cancelled",
        "frustrated",
        _SEE,
        "I'm really sorry we disrupted your plans; that's on us.",
        "So you know your options: ",
        "If you'd like to continue in {channel}, tell me what would suit you best now and we'll work it out together.",
        "Could we continue in {channel}?",
    ),
    "refund": _Topic(
        "waiting on your refund",
        "frustrated",
        _SEE,
        "I'm sorry; getting your money back should be simple, and that's on us.",
        "In case it helps: ",
        "If you're happy to continue in {channel}, tell me what would make this right for you.",
        "Could we continue in {channel}?",
    ),
    "delivery": _Topic(
        "your order not turning up when we said it would",
        "let down",
        _UNDERSTAND,
        "I'm sorry we didn't deliver on what we promised.",
        "So you know what to expect: ",
        "Could we continue in {channel}? Tell me what would help most and I'll follow it through.",
        "Could we continue in {channel}?",
    ),
    "login": _Topic(
        "being locked out of your account",
        "frustrated",
        _SEE,
        "I'm sorry; that's on us to fix.",
        "In case it helps: ",
        "If you're happy to continue in {channel}, we can work through it together at your pace.",
        "Could we continue in {channel}?",
    ),
    "crash": _Topic(
        "the app crashing on you",
        "frustrated",
        _SEE,
        "I'm sorry the app let you down; that's ours to fix.",
        "In case it helps: ",
        "If you're happy to continue in {channel}, tell me what you were doing when it happened "
        "and we'll take it from there together.",
        "Could we continue in {channel}?",
    ),
    "billing": _Topic(
        "a bill that doesn't add up",
        "uneasy",
        _UNDERSTAND,
        "I'm sorry; a bill should never leave you guessing, and that's on us.",
        "In case it helps: ",
        "If you're happy to continue in {channel}, we can go through it line by line, whenever suits you.",
        "Could we continue in {channel}?",
    ),
    "rude_staff": _Topic(
        "being treated that way by our team",
        "upset",
        _SEE,
        "I'm sorry; that's not how anyone should be spoken to, and I take it seriously.",
        "So you know what happens next: ",
        "If you're willing to continue in {channel}, I'd like to hear what happened and what would make it right.",
        "Could we continue in {channel}?",
    ),
    "support": _Topic(
        "struggling to get help from us",
        "frustrated",
        _SEE,
        "I'm sorry we made it this hard to reach us; that's on us.",
        "In case it helps: ",
        "I'm here now: if you're happy to continue in {channel}, tell me what would make this right.",
        "Could we continue in {channel}?",
    ),
    "never_again": _Topic(
        "the way things went with us",
        "ready to walk away",
        _SEE,
        "I'm sorry we let you down.",
        "In case it helps: ",
        "If you're open to it, continue in {channel} and tell me what would make this right; if not, I understand.",
        "Could we continue in {channel}?",
    ),
}
_GENERIC = _Topic(
    "this",
    "frustrated",
    _SEE,
    "I'm sorry; that's on us, and I want to put it right.",
    "In case it helps: ",
    "If you're happy to continue in {channel}, tell me what would make this right for you.",
    "Could we continue in {channel}?",
)
# most specific first: the primary topic decides the wording, facts are gathered in this order
TOPIC_ORDER = (
    "double_charge",
    "stranded",
    "cancellation",
    "refund",
    "delivery",
    "login",
    "crash",
    "billing",
    "rude_staff",
    "support",
    "never_again",
)
_SHORT_APOLOGY = "I'm sorry; that's on us."
_REMEDY_NEXT = "If that works for you, let's continue in {channel}, or tell me there what would suit you better."


def _ordered(topics: Sequence[str]) -> list[str]:
    rank = {t: i for i, t in enumerate(TOPIC_ORDER)}
    unique = list(dict.fromkeys(topics))
    return sorted(unique, key=lambda t: (rank.get(t, len(rank)), unique.index(t)))


# --- the customer's words, turned to the second person ---------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9$£€%][\w'$£€%.-]*")
_SWAP = {
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i": "you",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "you": "us",
    "u": "us",
    "your": "our",
    "ur": "our",
    "yours": "ours",
    "y'all": "us",
}
_COMPANY_SUBJECT = {"you", "u", "they", "y'all", "yall", "ya", "you've", "they've", "you're", "they're"}
_CUSTOMER_OBJECT = {"me", "us"}
_PARTICLES = {"up", "on", "to", "off", "out", "at", "down", "with", "over", "around", "about", "for", "in"}
_DETERMINERS = {
    "my", "our", "the", "a", "an", "all", "every", "any", "his", "her", "their", "this", "that",
    "these", "those", "some", "both", "your",
}  # fmt: skip
_ADVERBIAL = {
    "twice", "again", "x2", "three", "for", "without", "with", "at", "on", "by", "from", "in", "after",
    "before", "during", "since", "and", "but", "so", "yet", "still", "repeatedly", "once", "overnight",
    "today", "yesterday", "again.", "mid",
}  # fmt: skip
_IRREGULAR = {  # past -> (gerund, participle)
    "kept": ("keeping", "kept"),
    "left": ("leaving", "left"),
    "lost": ("losing", "lost"),
    "took": ("taking", "taken"),
    "sent": ("sending", "sent"),
    "gave": ("giving", "given"),
    "told": ("telling", "told"),
    "sold": ("selling", "sold"),
    "held": ("holding", "held"),
    "made": ("making", "made"),
    "hung": ("hanging", "hung"),
    "forgot": ("forgetting", "forgotten"),
    "got": ("getting", "got"),
    "put": ("putting", "put"),
    "cut": ("cutting", "cut"),
    "shut": ("shutting", "shut"),
    "let": ("letting", "let"),
    "broke": ("breaking", "broken"),
    "threw": ("throwing", "thrown"),
    "ran": ("running", "run"),
    "wrote": ("writing", "written"),
    "paid": ("paying", "paid"),
    "spent": ("spending", "spent"),
    "said": ("saying", "said"),
    "lied": ("lying", "lied"),
    "hit": ("hitting", "hit"),
    "stuck": ("sticking", "stuck"),
    "sat": ("sitting", "sat"),
    "stood": ("standing", "stood"),
    "rang": ("ringing", "rung"),
    "froze": ("freezing", "frozen"),
    "went": ("going", "gone"),
}
_BASE_GERUND = {
    "get": "getting", "put": "putting", "let": "letting", "stop": "stopping", "cut": "cutting",
    "ship": "shipping", "drop": "dropping", "plan": "planning", "run": "running", "sit": "sitting",
    "refund": "refunding", "be": "being", "see": "seeing", "lie": "lying", "die": "dying",
}  # fmt: skip
# past verbs whose subject is the customer ("waited 3 weeks"), and ones whose subject is a thing
_CUSTOMER_VERBS = {
    "waited", "called", "phoned", "rang", "emailed", "messaged", "tried", "queued", "sat", "stood", "spent",
    "paid", "asked", "complained", "chased", "wrote", "reported", "booked", "ordered", "travelled",
    "traveled",
}  # fmt: skip
_THING_VERBS = {
    "crashed", "froze", "failed", "died", "broke", "stopped", "disappeared", "vanished", "arrived", "went",
    "happened", "worked", "loaded", "glitched",
}  # fmt: skip
_NOT_PERSONAL = {"cancelled", "canceled", "lost", "damaged", "broken", "misplaced", "overbooked"}
_NOT_VERBS = {"again", "ever", "even", "really", "just", "once", "more", "any", "yet", "always"}
_HEARD_VERBS = {"got", "get", "received", "receive", "heard", "hear", "had", "have", "saw", "see"}
# words a brand should not repeat back in public, even as the customer's perception
_DONT_ECHO = re.compile(
    r"\b(?:scam\w*|stole|steal\w*|stolen|theft|thie\w*|fraud\w*|lie[ds]?|lying|liars?|robb\w*|rip\w* off"
    r"|crook\w*|criminal\w*|f+u+c*k\w*|fck\w*|shit\w*|crap\w*|damn\w*|wtf|bs|bullshit|hell|ass(?:holes?|es)?|idiot\w*"
    r"|stupid|morons?|incompetent|useless|pathetic|garbage|trash|joke|worst|sucks?)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:!?()\"\u201c\u201d]|\.(?:\s|$)|\s[-\u2013\u2014]\s")
_CLAUSE_STARTS = {"can't", "cant", "cannot", "couldn't", "couldnt", "never", "didn't", "still"}
_MAX_ECHO_CHARS = 70
_MAX_ECHO_WORDS = 12


def _past_forms(word: str) -> tuple[str, str] | None:
    """(gerund, participle) for a past-tense verb, or None when ``word`` doesn't look like one."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) < 5 or not word.endswith("ed") or word.endswith("eed"):
        return None
    if word.endswith("ied"):
        return word[:-3] + "ying", word
    return word[:-2] + "ing", word


def _gerund_of_base(word: str) -> str | None:
    if word in _BASE_GERUND:
        return _BASE_GERUND[word]
    if not word.isalpha() or len(word) < 3:
        return None
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if word.endswith("e") and not word.endswith(("ee", "ye", "oe")):
        return word[:-1] + "ing"
    return word + "ing"


def _swap(words: Sequence[str]) -> list[str]:
    return [_SWAP.get(w.lower(), w) for w in words]


def _passive(participle: str, rest: list[str]) -> list[str] | None:
    """'charged' + ['me', 'twice'] -> being charged twice; 'hung' + ['up', 'on', 'me'] -> being hung up on."""
    between: list[str] = []
    for i, word in enumerate(rest[:3]):
        low = word.lower()
        if low in _CUSTOMER_OBJECT:
            after = rest[i + 1 :]
            if participle == "made" and not between and after and after[0].lower() not in _PARTICLES:
                return ["being", "made", "to", *_swap(after)]  # "made me wait" -> being made to wait
            return ["being", participle, *between, *_swap(after)]
        if low not in _PARTICLES:
            break
        between.append(word)
    return None


def _verb_phrase(words: list[str], company_subject: bool) -> list[str] | None:
    """A phrase starting with a verb, as a gerund phrase in the second person."""
    low = [w.lower() for w in words]
    head = low[0]
    if head in {"can't", "cant", "cannot", "couldn't", "couldnt"} and len(words) > 1:
        return ["not", "being", "able", "to", *_swap(words[1:])]
    if head in {"won't", "wont", "wouldn't", "wouldnt"} and len(words) > 1:
        if low[1] == "let" and len(low) > 3 and low[2] in _CUSTOMER_OBJECT:
            return ["not", "being", "able", "to", *_swap(words[3:])]
        if company_subject or (len(low) > 2 and low[2] in _CUSTOMER_OBJECT):
            gerund = _gerund_of_base(low[1])
            return ["us", "not", gerund, *_swap(words[2:])] if gerund else None
        return None
    if head in {"never", "didn't", "didnt", "haven't", "havent", "hasn't", "hasnt"} and len(words) > 1:
        verb = low[1]
        negation = ["never"] if head == "never" else ["not"]
        forms = _past_forms(verb)
        if forms is None and (head == "never" or verb in _NOT_VERBS):
            return None  # "never again" is not an experience to name
        gerund = forms[0] if forms else _gerund_of_base(verb)
        if gerund is None:
            return None
        if verb in _THING_VERBS:
            return None
        if forms and (passive := _passive(forms[1], words[2:])):
            return [*negation, *passive]  # never refunded me -> never being refunded
        if verb in _HEARD_VERBS and not company_subject:
            return [*negation, gerund, *_swap(words[2:])]  # never got my refund -> never getting your refund
        return ["us", *negation, gerund, *_swap(words[2:])]
    if head in {"keep", "keeps", "kept"} and len(words) > 1 and low[1].endswith("ing"):
        return None  # "keeps crashing" needs its subject; the topic phrase says it better
    if head == "still" and len(words) > 1 and low[1].endswith("ing"):
        return _swap(words)  # still waiting for my refund
    if head.endswith("ing") and head not in {"nothing", "something", "everything", "anything", "thing"}:
        return _swap(words)  # waiting 3 weeks
    prefix = ""
    if head in {"double", "triple"} and len(words) > 1 and _past_forms(low[1]):
        prefix, words, low = head + " ", words[1:], low[1:]
        head = low[0]
    forms = _past_forms(head)
    if forms is None:
        return None
    gerund, participle = prefix + forms[0], prefix + forms[1]
    rest = words[1:]
    passive = _passive(participle, rest)
    if passive:
        return passive  # charged me twice -> being charged twice
    if company_subject and not rest:
        return None  # "they cancelled": cancelled what? the topic phrase says it better
    if not rest and head in _NOT_PERSONAL:
        return None  # "cancelled" on its own is about a flight or an order, not the person
    if head in _CUSTOMER_VERBS:
        return [gerund, *_swap(rest)]  # waited 3 weeks -> waiting 3 weeks
    if head in _THING_VERBS:
        return None  # crashed twice: whose crash? the topic phrase says it better
    if not rest or low[1] in _ADVERBIAL or low[1][0].isdigit():
        return ["being", participle, *_swap(rest)]  # charged twice -> being charged twice
    if low[1] in _DETERMINERS:
        return ["us", gerund, *_swap(rest)]  # kept my money -> us keeping your money
    return None


def echo_phrase(perception: str) -> str | None:
    """The customer's words as a second-person gerund phrase that fits "I can see why ___ has ...".

    "charged me twice" -> "being charged twice"; "kept my money" -> "us keeping your money";
    "I can't log in" -> "not being able to log in". None when the words don't turn cleanly
    (the draft then names the topic instead), or when they shouldn't be repeated in public.
    """
    straight = perception.strip().replace("\u2019", "'")
    if straight.isupper():
        straight = straight.lower()  # SHOUTING is still their words, just not their case
    first_clause = _CLAUSE_BREAK.split(straight, maxsplit=1)[0]
    words = [w.rstrip(".'") for w in _WORD.findall(first_clause)]
    words = [w for w in words if w]
    if words and words[0][:1].isupper() and words[0][1:].islower():
        words[0] = words[0].lower()  # sentence case, not a name
    if len(words) > 1 and words[0].lower() == "no" and words[1].lower() == "one":
        words = ["nobody", *words[2:]]
    if not words or len(words) > _MAX_ECHO_WORDS or _DONT_ECHO.search(" ".join(words)):
        return None
    low = [w.lower() for w in words]
    company_subject = False
    if low[0] in _COMPANY_SUBJECT:
        company_subject = True
        drop = 2 if len(low) > 1 and low[1] in {"guys", "all", "people", "lot"} else 1
        words, low = words[drop:], low[drop:]
    elif low[0] in {"i", "we", "i'm", "i've", "we're", "we've", "im", "ive"}:
        words, low = _customer_clause(words, low)
    if not words:
        return None
    if low[0] == "no" and len(words) > 1:
        phrase: list[str] | None = ["getting", "no", *_swap(words[1:])]
    elif low[0] == "still" and len(low) > 2 and low[1] == "no":
        phrase = ["still", "having", "no", *_swap(words[2:])]
    elif low[0] in {"nobody", "noone", "no-one"} and len(words) > 1:
        phrase = _nobody(words, low)
    elif low[0] in {"on", "in", "stuck", "without"} and len(words) > 1:
        phrase = ["being", *_swap(words)]  # on hold for 2 hours -> being on hold for 2 hours
    else:
        phrase = _verb_phrase(words, company_subject)
        if phrase is None and not company_subject and len(words) > 1:
            phrase = _noun_clause(words, low)
    if not phrase:
        return None
    text = " ".join(
        w if (i and w[:1].isupper() and w.lower() not in _SWAP) else w.lower() for i, w in enumerate(phrase)
    )
    text = re.sub(r"\s+", " ", text).strip()
    if not text or len(text) > _MAX_ECHO_CHARS or text in {"being", "us"}:
        return None
    return text


def _nobody(words: list[str], low: list[str]) -> list[str] | None:
    """'nobody answers' -> nobody answering; 'no one helped me' -> nobody helping you."""
    verb = low[1]
    if verb.endswith("ing"):
        gerund: str | None = verb
    elif forms := _past_forms(verb):
        gerund = forms[0]
    elif verb.endswith("s") and len(verb) > 3:
        gerund = _gerund_of_base(verb[:-2] if verb.endswith("es") and verb[-3] in "sxz" else verb[:-1])
    else:
        gerund = _gerund_of_base(verb)
    return ["nobody", gerund, *_swap(words[2:])] if gerund else None


def _customer_clause(words: list[str], low: list[str]) -> tuple[list[str], list[str]]:
    """Drop the customer's own subject: 'I was charged twice' -> 'being charged twice'."""
    rest, rest_low = words[1:], low[1:]
    skip = 0
    if low[0] in {"i'm", "im", "we're"}:
        skip = 0
    elif rest_low[:1] in (["was"], ["were"], ["got"], ["get"], ["am"]):
        skip = 1
    elif rest_low[:2] in (["have", "been"], ["am", "being"], ["was", "being"], ["keep", "getting"]):
        skip = 2
    elif low[0] in {"i've", "ive", "we've"} and rest_low[:1] == ["been"]:
        skip = 1
    elif rest_low and (rest_low[0] in _CLAUSE_STARTS or rest_low[0] in _CUSTOMER_VERBS):
        return rest, rest_low
    else:
        return [], []
    rest, rest_low = rest[skip:], rest_low[skip:]
    if not rest:
        return [], []
    if rest_low[0].endswith("ing") or rest_low[0] == "still":
        return rest, rest_low
    return ["being", *rest], ["being", *rest_low]


_STAFF_NOUNS = {
    "agent", "agents", "staff", "crew", "pilot", "driver", "drivers", "rep", "representative", "employee",
    "employees", "manager", "attendant", "attendants", "advisor", "operator", "courier", "support", "team",
}  # fmt: skip
_THING_OWNED_BY_US = {"app", "website", "site", "service", "chatbot", "bot", "hotline", "phone line"}
_NOT_NOUNS = _DETERMINERS | set(_SWAP) | _COMPANY_SUBJECT | {"no", "not", "never", "still", "nobody", "just"}
_LINKING = {"was", "were", "got", "is", "are", "has", "have", "been", "gets", "get"}


def _noun_clause(words: list[str], low: list[str]) -> list[str] | None:
    """A complaint led by a noun, turned into a gerund phrase the acknowledgement can hold.

    'Flight cancelled' -> having your flight cancelled; 'bag was lost' -> having your bag lost;
    'agent was so rude' -> our agent being so rude; 'package never arrived' -> your package never arriving.
    """
    owner = ""
    if low[0] in {"my", "our"}:
        owner, words, low = "your", words[1:], low[1:]
    for i in range(1, min(len(low), 3)):  # a noun of one or two words, then the verb
        noun_words, noun_low, rest, rest_low = words[:i], low[:i], words[i:], low[i:]
        if any(w in _NOT_NOUNS or not w.isalpha() for w in noun_low) or _past_forms(noun_low[-1]):
            return None
        head = rest_low[0]
        if not owner:
            noun = " ".join(noun_low)
            owner = "our" if noun_low[-1] in _STAFF_NOUNS else "the" if noun in _THING_OWNED_BY_US else "your"
        noun_phrase = [owner, *noun_words]
        if head in _LINKING:
            after, after_low = rest[1:], rest_low[1:]
            if after_low[:1] == ["been"]:
                after, after_low = after[1:], after_low[1:]
            if not after:
                return None
            if _past_forms(after_low[0]) and after_low[0] not in _CUSTOMER_VERBS:
                return ["having", *noun_phrase, *_swap(after)]  # bag was lost -> having your bag lost
            return [*noun_phrase, "being", *_swap(after)]  # agent was so rude -> our agent being so rude
        if head in {"never", "still"} and len(rest) > 1:
            forms = _past_forms(rest_low[1])
            return [*noun_phrase, head, forms[0], *_swap(rest[2:])] if forms else None
        if _past_forms(head) and head not in _CUSTOMER_VERBS:
            if len(rest_low) > 1 and (rest_low[1] in _DETERMINERS or _passive(head, rest[1:])):
                return _verb_phrase(rest, company_subject=True)  # Northwind kept my money -> us keeping ...
            return ["having", *noun_phrase, *_swap(rest)]  # flight cancelled -> having your flight cancelled
    return None


# --- assembling and fitting -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Parts:
    greeting: str | None
    ack: str
    apology: str
    facts: tuple[str, ...]
    remedy: str | None
    goodwill: str | None
    next_step: str | None
    short_next: str | None
    signoff: str | None
    long_form: bool

    def render(self) -> str:
        ack = self.ack if self.greeting is None else f"{self.greeting} {self.ack}"
        if not self.long_form:
            text = " ".join(
                p for p in (ack, self.apology, *self.facts, self.remedy, self.goodwill, self.next_step) if p
            )
            return f"{text} {self.signoff}" if self.signoff else text
        paragraphs = [
            f"{ack} {self.apology}",
            " ".join(self.facts),
            " ".join(p for p in (self.remedy, self.goodwill) if p),
            self.next_step or "",
            self.signoff or "",
        ]
        return "\n\n".join(p for p in paragraphs if p)


def _sentence(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    if not text:
        return None
    if text[-1] not in ".!?…":
        text += "."
    return text[0].upper() + text[1:]


def _signoff(team_name: str) -> str | None:
    name = " ".join(team_name.split())
    if not name:
        return None
    return "— " + name[0].upper() + name[1:]


def _greeting(author_handle: str | None) -> str | None:
    handle = (author_handle or "").strip().lstrip("@")
    if handle.lower().startswith("u/"):
        handle = handle[2:]
    if not re.fullmatch(r"[A-Za-z][\w.-]{1,29}", handle):
        return None
    return f"Hi {handle},"


def _passes(text: str) -> bool:
    return check_tone(text).ok


def _clean_configured(label: str, topic: str, text: str | None) -> str | None:
    """A configured fact/remedy/goodwill sentence, or None if it would break the reply method."""
    sentence = _sentence(text)
    if sentence is None:
        return None
    report = check_tone("I'm sorry about this. " + sentence)
    if not report.ok:
        log.warning(
            "facts.%s %s left out of drafts: %s",
            topic,
            label,
            "; ".join(report.lines()),
        )
        return None
    return sentence


def _configured(topics: list[str], facts: Mapping[str, TopicFacts]) -> tuple[list[str], str | None, str | None]:
    found: list[str] = []
    remedy: str | None = None
    goodwill: str | None = None
    for topic in topics:
        entry = facts.get(topic)
        if entry is None:
            continue
        for fact in entry.facts:
            sentence = _clean_configured("fact", topic, fact)
            if sentence and sentence not in found:
                found.append(sentence)
        if remedy is None:
            remedy = _clean_configured("remedy", topic, entry.remedy)
        if goodwill is None:
            goodwill = _clean_configured("goodwill", topic, entry.goodwill)
    return found, remedy, goodwill


def _echoes(perceptions: Sequence[str]) -> list[str]:
    phrases: list[str] = []
    for perception in perceptions:
        phrase = echo_phrase(perception)
        if phrase and phrase not in phrases:
            phrases.append(phrase)
    return phrases


def _ack(topic: _Topic, experience: str) -> str:
    return topic.ack.format(g=experience, feeling=topic.feeling)


def _fit(parts: _Parts, limit: int, shorter_acks: Sequence[str]) -> str:
    """Drop optional parts, least important first, until the draft fits ``limit`` characters."""
    steps: list[Callable[[_Parts], _Parts]] = [
        lambda p: replace(p, goodwill=None),
        *[(lambda p, n=n: replace(p, facts=p.facts[:n])) for n in range(len(parts.facts) - 1, 0, -1)],
        lambda p: replace(p, signoff=None),
        lambda p: replace(p, greeting=None),
        lambda p: replace(p, facts=()),
        lambda p: replace(p, next_step=p.short_next if p.next_step else None),
        lambda p: replace(p, remedy=None),
        *[(lambda p, a=a: replace(p, ack=a) if len(a) < len(p.ack) else p) for a in shorter_acks],
        lambda p: replace(p, apology=_SHORT_APOLOGY),
        lambda p: replace(p, next_step=None),
    ]
    text = parts.render()
    for step in steps:
        if len(text) <= limit:
            return text
        parts = step(parts)
        text = parts.render()
    return text if len(text) <= limit else _cut(text, limit)


def _cut(text: str, limit: int) -> str:
    """Last resort: cut at a word boundary and mark the cut."""
    if limit <= 1:
        return text[:limit]
    head = text[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:—-") + "…"


def draft_reply(
    *,
    text: str,
    author_handle: str | None,
    source: str,
    topics: Sequence[str],
    perceptions: Sequence[str],
    abusive: bool,
    facts: Mapping[str, TopicFacts],
    reply: ReplyConfig,
) -> str:
    """A reply to the post, ready for a person to review, within ``source``'s length limit.

    ``perceptions`` are the customer's own words the scorer matched; ``facts`` the configured
    ``[facts.<topic>]`` tables. For an abusive post the result is a note for a lead (starting
    with ``LEAD_NOTE_PREFIX``), not a reply.
    """
    ordered = _ordered(topics)
    primary = next((t for t in ordered if t in _TOPICS), None)
    topic = _TOPICS.get(primary or "", _GENERIC)
    if abusive:
        return _lead_note(ordered, reply)

    limit = length_limit(source, reply)
    long_form = limit >= LONG_FORM
    echoes = _echoes(perceptions)
    candidates: list[str] = []
    if len(echoes) >= 2:
        first, second = echoes[0], echoes[1]
        if first.startswith("us ") and second.startswith("us "):
            second = second[3:]  # us cancelling your flight and keeping your money
        candidates.append(f"{first} and {second}")
    candidates += [*echoes[:1], topic.phrase, _GENERIC.phrase]
    acks = [_ack(topic, c) for c in dict.fromkeys(candidates)]
    acks.append(_ack(_GENERIC, _GENERIC.phrase))
    acks = [a for a in dict.fromkeys(acks) if _passes(f"{a} {topic.apology}")]

    found, remedy, goodwill = _configured(ordered, facts)
    if found:
        found[0] = topic.fact_intro + found[0]
    channel = " ".join(reply.private_channel.split()) or "a direct message"
    next_step = (_REMEDY_NEXT if remedy else topic.next_step).format(channel=channel)
    parts = _Parts(
        greeting=_greeting(author_handle) if long_form else None,
        ack=acks[0],
        apology=topic.apology,
        facts=tuple(found),
        remedy=remedy,
        goodwill=goodwill,
        next_step=next_step,
        short_next=topic.short_next.format(channel=channel),
        signoff=_signoff(reply.team_name),
        long_form=long_form,
    )
    draft = _fit(parts, limit, shorter_acks=acks[1:])
    report = check_tone(draft)
    if report.ok:
        return draft
    # only configured wording (channel, team name) can get here: fall back to the bare method
    log.warning("reply draft trips the tone check (%s); using a plainer draft", "; ".join(report.lines()))
    plainer = replace(parts, facts=(), remedy=None, goodwill=None)
    draft = _fit(plainer, limit, shorter_acks=acks[1:])
    if not check_tone(draft).ok:
        draft = _fit(replace(plainer, next_step=None, short_next=None, signoff=None), limit, acks[1:])
    return draft


def _lead_note(topics: list[str], reply: ReplyConfig) -> str:
    channel = " ".join(reply.private_channel.split()) or "a direct message"
    about = ", ".join(t.replace("_", " ") for t in topics[:3])
    subject = f" (about: {about})" if about else ""
    suggestion = (
        f"I'm sorry this has been so frustrating, and I do want to help. I'm happy to continue in {channel}, "
        "as long as we keep things respectful on both sides."
    )
    return (
        f"{LEAD_NOTE_PREFIX} this post{subject} uses abusive language (insults, threats or harassment), "
        "so no reply was drafted. A lead should decide whether to answer at all. "
        f"If we do, keep it short, calm and boundary-setting, for example: “{suggestion}” "
        "Do not post this note as a reply."
    )


def lead_suggestion(note: str) -> str | None:
    """The boundary-setting reply suggested inside a lead note, if any."""
    found = re.search(r"“([^”]+)”", note)
    return found.group(1) if found else None
