"""Reading a customer's clause back to them in the second person, with who-did-what kept right.

A clause is parsed into a subject, a verb group and the rest (objects, agents, detail). The
subject decides the reading: the customer ("I missed my connection" -> "you missed your
connection"), the company addressed or named ("you cancelled my flight", "Northwind lost my bag"
-> "we cancelled your flight", "we lost your bag"), or a thing ("my bag was lost" -> "your bag was
lost"). When the subject changes person the verb is made to agree, from the tables in
``grammar.toml`` ("Northwind has lost" -> "we have lost", "I was" -> "you were"). Fragments
without a subject get the one the verb implies ("waited 3 weeks" -> "you waited 3 weeks";
"cancelled my flight" -> "we cancelled your flight"); a bare noun with a participle becomes a
passive ("flight cancelled" -> "your flight was cancelled").

The result is always a finite clause, so the templates that hold it ("I'm so sorry {clause}")
stay grammatical without string surgery on the customer's sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from alerts.drafting.data import load, pattern, word_set
from alerts.drafting.edges import ADVERBS, MAX_WORDS, acts, names_company, stranded, trim
from alerts.drafting.owners import STAFF_NOUNS, be_for, owned, owned_phrase
from alerts.drafting.persons import (
    DETERMINERS,
    agree_plural,
    base_form,
    is_verb,
    names_place,
    plain_noun,
    possessive_brand,
    present_verb,
    swap_rest,
    table,
)
from alerts.drafting.speech import (
    quotes_someone,
    rhetorical_statement,
    unnamed_staff,
    without_our_line,
    without_said_then,
)
from alerts.drafting.spelling import tokens


class Subject(StrEnum):
    CUSTOMER = "customer"
    COMPANY = "company"
    THING = "thing"


@dataclass(frozen=True)
class Clause:
    text: str  # the finite clause, second person, no final punctuation
    subject: Subject


_MAX_WORDS = MAX_WORDS
_MENTION = re.compile(r"(?<!\w)@\w+")
_EVALUATIVE_SUBJECTS = {"it", "this", "that", "which", "what", "everything", "nothing", "here", "there's", "it's"}
_ADVERBS = ADVERBS
_TIME_WORDS = {"today", "yesterday", "tonight", "again", "now", "still", "just", "also"}
_NEGATED_MODALS = {"won't", "wont", "wouldn't", "wouldnt", "refuse", "refuses", "refused", "don't", "doesn't"}
_GENERIC_MODALS = {"can", "can't", "cant", "cannot", "could", "couldn't", "should", "must", "need", "have"}
_DANGLING = {"the", "a", "an", "my", "your", "our", "to", "of", "for", "with", "and", "but", "or"}


# A participle right after one of these describes the noun that follows ("my cancelled train", "the
# broken lift"): it is no verb to split the clause at. "that" and "this" are left out: "the app that
# crashed" has its verb there.
_BEFORE_ADJECTIVE = DETERMINERS - {"that", "this"}


def _noun_phrase(words: list[str]) -> tuple[list[str], list[str]]:
    """Split a clause led by a noun phrase into (noun phrase, rest) at the first verb."""
    for i, word in enumerate(words):
        if i and is_verb(word) and word.lower() not in _TIME_WORDS and words[i - 1].lower() not in _BEFORE_ADJECTIVE:
            noun = [w for w in words[:i] if w.lower() not in _TIME_WORDS]
            return noun, words[i:]
        if i >= 7:
            break
    return words, []


_GAP_PARTICLES = {"up", "at", "for", "into", "with", "about", "on", "to", "out", "off", "over", "through"}


def _object_gap(raw: str) -> bool:
    """Whether ``raw`` is a relative clause missing the thing it is about: "which nobody can find",
    "that nobody on the phone can look up" (the ref number they could not look up went before it).
    Read back alone it names nothing ("I'm sorry that nobody on the phone can look up"); a "that"
    clause that is whole ("that nobody answered", "that my card was cancelled") stays."""
    words = re.findall(r"[\w']+", raw.lower())
    if len(words) < 2 or words[0] not in {"that", "which"}:
        return False
    return words[0] == "which" or words[-1] in _GAP_PARTICLES


def _our_mention_read_back(words: list[str]) -> list[str]:
    """An @mention of ours left inside the clause, said as a person would: "Face ID on @bank broken"
    reads "your Face ID is broken" (where it broke is us, and needs no saying), "blocked by @bank"
    reads "blocked by us". The placeholder it stands for must never reach a draft."""
    said: list[str] = []
    for word in words:
        if word.lower() != "brandmention":
            said.append(word)
        elif said and said[-1].lower() in {"on", "in", "at", "via", "through"}:
            said.pop()
        else:
            said.append("us")
    return said


def read_clause(raw: str, brand: set[str], they_is_company: bool = True) -> Clause | None:
    """``raw`` read back to the customer as a finite clause, or None when it can't be done cleanly."""
    raw = without_said_then(rhetorical_statement(raw))
    if pattern("grammar", "dont_echo").search(raw) or "?" in raw or quotes_someone(raw):
        return None
    raw = without_our_line(raw)
    mentions = re.match(r"(?:@\w+\s+)*", raw.strip())
    head = mentions.group(0) if mentions else ""
    raw = head + re.sub(
        load("grammar")["subordinate"]["lead_phrase"], "", raw.strip()[len(head) :], flags=re.IGNORECASE
    )
    raw = unnamed_staff(raw, brand)
    if _object_gap(raw):
        return None
    ours = {b.lstrip("@") for b in brand}
    words = tokens(_MENTION.sub(lambda m: " BRANDMENTION " if m.group(0)[1:].lower() in ours else m.group(0)[1:], raw))
    if raw.strip().isupper() or sum(w.isupper() and len(w) > 2 for w in words) > len(words) // 2:
        words = [w.lower() for w in words]
    fillers = word_set("grammar", "words", "fillers")
    while words and words[0].lower() in fillers:
        words = words[1:]
    brand_words = {b.lower() for b in brand} | {"brandmention"}
    while len(words) > 1 and words[0].lower() == "brandmention" and not acts(words[1:]):
        words = words[1:]  # "@Northwind my bag..." addresses them; it isn't the subject
    if len(words) < 2:
        return None
    words = [w.lower() if len(w) >= 4 and w.isupper() and w.isalpha() else w for w in words]
    if words[0].lower() in word_set("grammar", "subordinate", "openers"):
        main = [i for i in range(2, len(words) - 1) if words[i].lower() in {"i", "we"} and is_verb(words[i + 1])]
        if not main:
            return None
        words = words[main[-1] :]  # "Since I gave them my number I get spam calls" -> "I get spam calls"
    title = words[0][:1].isupper() and words[0][1:].islower() and words[0].lower() not in brand_words
    lower_first = (
        word_set("grammar", "words", "common_nouns")
        | word_set("grammar", "words", "indefinite")
        | word_set("grammar", "cues", "detail")  # "Honeymoon ruined" -> "your honeymoon was ruined"
    )
    if title and (is_verb(words[0]) or words[0].lower() in lower_first):
        words[0] = words[0].lower()
    if len(words) > _MAX_WORDS:
        trimmed = trim(words)
        if trimmed is None:
            return None
        words = trimmed
    built = _build(words, brand_words, they_is_company)
    if built is None:
        return None
    text_words, subject = built
    text_words = _our_mention_read_back(text_words)
    while text_words and text_words[-1].lower() in _DANGLING and not stranded(text_words):
        text_words = text_words[:-1]
    if len(text_words) < 2:
        return None
    text = re.sub(
        r"\band (?:still )?nothing$", "and nothing has happened", " ".join(text_words)
    )  # "...ago and nothing"
    text = text[0].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text
    for a, b in re.findall(r"([\w'-]+), ([\w'-]+)", raw):  # the commas of a list the chunk kept whole
        text = re.sub(rf"\b{re.escape(a)} {re.escape(b)}\b", f"{a}, {b}", text, count=1)
    return Clause(re.sub(r"\s+", " ", text).strip(), subject)


def _build(words: list[str], brand: set[str], they_is_company: bool) -> tuple[list[str], Subject] | None:
    low = [w.lower() for w in words]
    first = low[0]
    if possessive_brand(first, brand) and len(words) > 2:  # "Streamora's parental controls don't work"
        noun, rest = _noun_phrase(words[1:])
        return (["our", *noun, *swap_rest(rest, brand)], Subject.THING) if rest else None
    customer = table("customer_subject")
    company = table("company_subject")
    if first in customer:
        return _customer_clause(words, brand)
    if names_company(words):
        brand = brand | {first}
    if first in company or first in brand:
        built = _company_clause(words, brand, they_is_company)
        if built is not None or first not in brand:
            return built
    if low[:3] == ["none", "of", "us"] and len(words) > 4:
        return ["none", "of", "you", *swap_rest(words[3:], brand)], Subject.CUSTOMER  # "none of us have had..."
    if first in {"no", "zero"} and len(words) > 1 and low[1] != "one":  # "no one will tell me" is nobody, not a lack
        return ["you've", "had", first, *swap_rest(words[1:], brand)], Subject.CUSTOMER
    if first == "still" and len(low) > 1 and low[1] == "no":
        return ["you", "still", "have", *swap_rest(words[1:], brand)], Subject.CUSTOMER
    if first in {"nobody", "noone"} or (first == "no" and len(low) > 1 and low[1] == "one"):
        return swap_rest(words, brand), Subject.THING
    if first in {"he's", "she's"} and len(low) > 1:
        return swap_rest(words, brand), Subject.THING  # "She's 79 and was at the airport": their person
    if first in {"he", "she", "it"} and len(low) > 1 and is_verb(words[1]):
        return swap_rest(words, brand), Subject.THING
    if first == "there" and len(low) > 2 and low[1] in {"was", "were", "is", "are", "has", "have"}:
        return swap_rest(words, brand), Subject.THING
    if first in _EVALUATIVE_SUBJECTS:
        rest = words[1:]
        if not rest or (rest[0].lower() in {"is", "was", "'s", "are"} and len(rest) < 4):
            return None
        return swap_rest(words, brand), Subject.THING
    if is_verb(words[0]) or first in _ADVERBS:
        return _fragment(words, brand)
    noun, rest = _noun_phrase(words)
    if not rest:
        return _verbless_state(words, brand)
    if [w.lower() for w in noun] in (["mine"], ["ours"]):
        return None  # "can confirm, mine was a no-show": "yours" alone points at nothing in our reply
    if not plain_noun(noun):
        return None  # "say it could take...", "5 missed appointments", "Love that X's map shows..."
    if re.search(load("grammar")["cues"]["durations"], " ".join(noun).lower()):
        return None  # "5 days and money is not returned": a wait is not a thing to own
    if any(w.lower() in company or w.lower() in table("customer_subject") for w in noun):
        return None
    if noun[0].lower() in {"not", "no", "never", "why", "how", "what", "so", "very", "too", "all", "any", "every"}:
        return None  # "Not renewing" has no noun to own
    if all(w.lower() in DETERMINERS for w in noun):
        return None  # "a spinning wheel": no verb, only a determiner before it
    if rest[0].lower().endswith("ing") and rest[0].lower() not in word_set("grammar", "words", "auxiliaries"):
        return None  # "three weeks waiting for..." is not a clause
    owned = owned_phrase(noun, brand)
    verb = rest[0].lower()
    acts = noun[-1].lower() in STAFF_NOUNS | word_set("grammar", "words", "people_plural")
    bare = noun[0].lower() not in DETERMINERS
    plural_people = noun[-1].lower().endswith("s") and bare and not is_verb(noun[-1])
    if plural_people and noun[-1].lower() not in word_set("grammar", "words", "common_nouns"):
        owned = list(noun)  # "new customers get..." has no owner
    passive = verb in word_set("grammar", "passive", "participles") and not acts and bare
    if passive and (len(rest) < 2 or rest[1].lower() not in DETERMINERS | {"me", "us", "to", "at", "on", "with"}):
        return [*owned, be_for(noun), *swap_rest(rest, brand)], Subject.THING  # flight cancelled -> was cancelled
    if owned == ["we"]:  # the brand as the whole noun phrase ("X now charges"): the verb agrees with "we"
        rest = [agree_plural(rest[0]), *rest[1:]]
    return [*owned, *swap_rest(rest, brand)], Subject.THING


def _verbless_state(words: list[str], brand: set[str]) -> tuple[list[str], Subject] | None:
    """'Linkwave internet down since Tuesday' -> 'our internet has been down since Tuesday'."""
    low = [w.lower() for w in words]
    for i in range(1, min(len(low), 6)):
        for state in word_set("grammar", "words", "verbless_states"):
            size = len(state.split())
            tail = words[i + size :]
            if " ".join(low[i : i + size]) != state or (tail and tail[0].lower() not in _STATE_TAILS):
                continue
            noun = words[:i]
            if any(is_verb(w) or w.lower() in word_set("grammar", "words", "indefinite") for w in noun):
                return None
            plural = be_for(noun) == "were"
            since = bool(tail) and tail[0].lower() in {"since", "for"}
            be = (["have", "been"] if plural else ["has", "been"]) if since else ["are" if plural else "is"]
            return [*owned(noun, brand), *be, *words[i : i + size], *swap_rest(tail, brand)], Subject.THING
    return None


_STATE_TAILS = {"since", "for", "all", "again", "now", "today", "tonight", "this", "on", "at", "every"}


def _customer_clause(words: list[str], brand: set[str]) -> tuple[list[str], Subject] | None:
    """'I was charged twice' -> 'you were charged twice'."""
    customer = table("customer_subject")
    first = words[0].lower()
    rest = words[1:]
    verb_words = [] if "'" in customer[first] else rest[:1]
    if verb_words and verb_words[0].lower() in table("agree_you"):
        verb_words, rest = [table("agree_you")[verb_words[0].lower()]], rest[1:]
    elif verb_words:
        rest = rest[1:]
    if not verb_words and "'" not in customer[first] and not rest:
        return None
    if first in {"i", "we"} and not (verb_words and is_verb(verb_words[0])):
        return None
    bare = not [w for w in rest if w.lower() not in {"not", "either", "really", "even", "at", "all"}]
    if verb_words and bare and verb_words[0].lower() in word_set("grammar", "words", "auxiliaries"):
        return None  # "I didn't.", "I did not": an answer to what was said, with nothing of its own
    return [customer[first], *verb_words, *swap_rest(rest, brand)], Subject.CUSTOMER


def _company_clause(words: list[str], brand: set[str], they_is_company: bool) -> tuple[list[str], Subject] | None:
    """'you cancelled my flight', 'Northwind has lost my bag' -> 'we cancelled your flight', 'we have lost your bag'."""
    low = [w.lower() for w in words]
    first = low[0]
    if first.startswith("they") and not they_is_company:
        return None
    start = 2 if len(low) > 2 and low[1] in {"guys", "people", "lot", "all", "folks"} else 1
    if first in brand:
        start = max(n for n in range(1, min(4, len(low))) if " ".join(low[:n]) in brand or n == 1)
        branch = start
        while branch < len(words) - 1 and names_place(words[branch]):
            branch += 1
        if branch > start and is_verb(words[branch]):
            start = branch  # "Saffron Soho kept us waiting": the branch is named, the doing is ours
    rest = words[start:]
    adverb = (
        rest[:1]
        if len(rest) > 2 and rest[0].lower() in _ADVERBS and (is_verb(rest[1]) or present_verb(rest[1], rest[2]))
        else []
    )
    rest = rest[len(adverb) :]  # "Altura still owes me": the verb after the adverb agrees
    adverb = [a for a in adverb if a.lower() != "really"]  # "X really removed offline mode": emphasis, not content
    present = first in brand and len(rest) >= 2 and present_verb(rest[0], rest[1])
    if first in brand and rest and rest[0].lower().endswith("ing"):
        return None  # "Pulse roaming charges" names a thing of ours; there's no verb to read as "we ..."
    if len(rest) < 2 or not (present or is_verb(rest[0])):
        return None  # "They cancelled": cancelled what?
    head = rest[0].lower()
    if first in brand and head in word_set("grammar", "words", "customer_acts"):
        return ["you", *swap_rest(rest, brand)], Subject.CUSTOMER  # "Threadly ordered a dress...": addressed to us
    if head in _NEGATED_MODALS or head in _GENERIC_MODALS:
        return None  # "you won't refund me" is not ours to repeat; "you can't even..." is generic
    verb = base_form(rest[0]) if present else agree_plural(rest[0]) if first in brand else rest[0]
    tail = swap_rest(rest[1:], brand)
    if first in brand or first.startswith("they"):  # "they keep saying they never got them"
        again = {"they": "we", "their": "our", "they've": "we've", "they're": "we're", "they'd": "we'd"}
        tail = [again.get(w.lower(), w) for w in tail]
    if first in brand:  # "Nimbus raised my price and says..." -> "we raised your price and say..."
        tail = [agree_plural(w) if i and tail[i - 1].lower() == "and" else w for i, w in enumerate(tail)]
        # "...and then rejects every document": after "and then" comes a verb of ours, in any form
        tail = [base_form(w) if _after_and_then(tail, i) and _third_person(w) else w for i, w in enumerate(tail)]
        if len(tail) == len(rest) - 1:  # "MedRight only lets you reorder by phone": that "you" is the customer
            kept = {"you", "your", "yours"}
            tail = [o.lower() if o.lower() in kept else w for o, w in zip(rest[1:], tail, strict=True)]
    return [table("company_subject").get(first, "we"), *adverb, verb, *tail], Subject.COMPANY


def _after_and_then(words: list[str], i: int) -> bool:
    return i > 1 and [w.lower() for w in words[i - 2 : i]] == ["and", "then"]


def _third_person(word: str) -> bool:
    """A present verb for he/she/it ("rejects", "says"), not "was", "is" or a past form."""
    low = word.lower()
    return low in table("agree_we") or (len(low) > 3 and low.endswith("s") and not low.endswith("ss"))


def _fragment(words: list[str], brand: set[str]) -> tuple[list[str], Subject] | None:
    """A clause with no subject: give it the one the verb implies."""
    low = [w.lower() for w in words]
    head = low[0]
    if head == "been":
        if re.match(load("grammar")["cues"]["durations"], " ".join(low[1:4])):
            return ["it's", *swap_rest(words, brand)], Subject.THING  # "Been 6 weeks" is how long, not who
        return ["you've", *swap_rest(words, brand)], Subject.CUSTOMER
    if head.endswith("ing") and head not in {"nothing", "something"}:
        if head not in word_set("grammar", "words", "customer_gerunds"):
            return None  # "blocking my card", "cancelling the last train": ours, not what they are doing
        return ["you're", *swap_rest(words, brand)], Subject.CUSTOMER
    if head in _ADVERBS and len(words) > 1:
        inner = _fragment(words[1:], brand)
        if inner is None:
            return None
        built, subject = inner
        if len(built) > 2 and built[1].lower() in {"were", "was", "are", "is"}:
            return [*built[:2], words[0].lower(), *built[2:]], subject  # "still frozen" -> you were still frozen
        return [built[0], words[0].lower(), *built[1:]], subject  # "Nearly missed it" -> you nearly missed it
    if head == "arrived" or (head in {"turned", "showed"} and low[1:2] == ["up"]):
        return ["it", *swap_rest(words, brand)], Subject.THING  # "arrived the day after prom": the thing did
    if head in word_set("grammar", "words", "customer_verbs"):
        objects = set(low[1:4])
        always = {
            "waited",
            "called",
            "tried",
            "spent",
            "paid",
            "missed",
            "can't",
            "cant",
            "cannot",
            "couldn't",
            "couldnt",
        }
        mentioned = {w.removesuffix("'s") for w in low[1:5]}
        own_life = bool(mentioned & word_set("grammar", "words", "own_life")) and bool(objects & {"my", "our"})
        ours = head in word_set("grammar", "words", "company_verbs")  # "lost my bag"; not "ordered my cake"
        if low[1:2] in (["me"], ["us"]) and not ours and head not in always:
            return None  # "rebooked me three days later": done to them, so never "you rebooked you"
        if not objects & {"me", "my", "us", "our"} or head in always or own_life or not ours:
            return ["you", *swap_rest(words, brand)], Subject.CUSTOMER  # "lost my job" is not ours
    passive = word_set("grammar", "passive", "participles")
    active = len(low) > 1 and low[1] in {"without", "before", "after", "when", "while"}  # "left without a word"
    if head in passive and not active and (len(low) < 2 or low[1] not in DETERMINERS | {"me", "us", "you"}):
        return ["you", "were", *swap_rest(words, brand)], Subject.CUSTOMER  # Locked out -> you were locked out
    if set(low[1:4]) & {"me", "my", "us", "our"} and head in word_set("grammar", "words", "company_verbs"):
        return ["we", *swap_rest(words, brand)], Subject.COMPANY  # "cancelled my flight"
    return None  # "Took me an hour to find it": whose doing is unclear, so it is not read back
