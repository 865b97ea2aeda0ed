"""Who a noun phrase in the customer's clause belongs to, said from our side.

"The engineer never showed up" is our engineer; "my Munchly order" is your order; "the app" is the
app; "my order from Volta" is your order from us. Kept apart from the clause reader (``clauses.py``),
which decides who did what: this decides only whose the thing is, and how its verb agrees.
"""

from __future__ import annotations

from alerts.drafting.data import word_set
from alerts.drafting.persons import (
    DETERMINERS,
    PREPOSITIONS,
    QUANTIFIERS,
    names_place,
    possessive_brand,
    swap_rest,
    table,
)

STAFF_NOUNS = word_set("grammar", "words", "staff_nouns")
_OUR_THINGS = {
    "app",
    "website",
    "site",
    "chatbot",
    "bot",
    "hotline",
    "servers",
    "server",
    "system",
    "tracker",
    "update",
}
# Staff nouns that can mean a place or a third party's people ("the gate", "airport security").
_NOT_ALWAYS_OURS = {"gate", "desk", "security", "service", "chat", "support", "man", "woman", "guy", "lady", "host"}
_MINE = {"my": "your", "me": "you", "mine": "yours"}


# After these a brand is the place, by its name ("the railing at Tidewell Hotels"), never "at us".
_AT_PLACE = frozenset({"at", "inside", "outside"})


def _without_brand(words: list[str], brand: set[str], after: str) -> list[str]:
    """``words`` with a brand before a noun gone ("my Munchly order" -> "order"), kept after a preposition.

    "the accessible room at Lakeview Suites" lost its brand and read "the accessible room at had a
    bath"; after "at" or "from" the whole name stays, for ``owned_phrase`` to say as a place or "us".
    """
    out: list[str] = []
    keep = after in PREPOSITIONS
    for word in words:
        ours = word.lower() in brand
        if not ours or keep:
            out.append(word)
        keep = (ours and keep) or word.lower() in PREPOSITIONS
    return out


def owned(noun: list[str], brand: set[str]) -> list[str]:
    """A bare noun gets the owner it most likely has: our staff, the app, your flight."""
    lead = [w.lower() for w in noun[:2] if w.lower() not in {"the", "a", "an"}]
    if lead and (lead[0] in brand or possessive_brand(lead[0], brand)):
        after = noun[noun.index(next(w for w in noun if w.lower() == lead[0])) + 1 :]
        if after and (after[0].lower() in PREPOSITIONS or names_place(after[0])):
            return [
                noun[0].lower() if noun[0].lower() in DETERMINERS else noun[0],
                *noun[1:],
            ]  # "the Halden in Vienna"
        rest = [w for w in after if w.lower() not in brand and w.lower() not in DETERMINERS]
        return ["our", *rest] if rest else ["we"]
    low = noun[0].lower()
    if low in word_set("grammar", "words", "indefinite"):
        return list(noun)  # "someone spent £900 on my card" has no owner
    if low in DETERMINERS:
        swap = table("swap")
        rest = _without_brand(noun[1:], brand, after=low)
        if low == "the" and rest and rest[-1].lower() in STAFF_NOUNS - _NOT_ALWAYS_OURS:
            return ["our", *rest]  # "The engineer never showed up": whoever we send is ours
        return [swap.get(low, low), *rest]
    head = noun[-1].lower()
    owner = "our" if head in STAFF_NOUNS else "the" if head in _OUR_THINGS else "your"
    return [owner, *noun]


def be_for(noun: list[str]) -> str:
    head = noun[-1].lower()
    return "were" if head.endswith("s") and not head.endswith("ss") and head not in {"bus", "status"} else "was"


_AFTER_QUANTIFIER = {"my", "our", "the", "of", "these", "those"}


def owned_phrase(noun: list[str], brand: set[str]) -> list[str]:
    """``noun`` (the subject of a clause) with its owner: "your order", "our engineer", "the app"."""
    out = owned(noun, brand)
    # "Half my order" -> "half your order"; "half the town" is nobody's, never "your half the town"
    if noun[0].lower() in QUANTIFIERS and len(noun) > 1 and noun[1].lower() in _AFTER_QUANTIFIER:
        out = [noun[0].lower(), *swap_rest(noun[1:], brand)]
    said: list[str] = []
    naming = False  # inside a brand's name that was just said as "us"
    for i, w in enumerate(out):  # "my order from Volta Foods" -> "your order from us"
        if w.lower() in brand and i and out[i - 1].lower() in PREPOSITIONS - _AT_PLACE:
            said.append("us")
            naming = True
            continue
        naming = naming and (w.lower() in brand or w[:1].isupper())  # the name's tail: "Volta Foods"
        if not naming:
            said.append(w)
    out = said
    return out[:1] + [_MINE.get(w.lower(), w) for w in out[1:]]  # "the machine at my station" -> "your station"
