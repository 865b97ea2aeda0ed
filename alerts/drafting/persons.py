"""Word classes for reading a clause back in the second person, and the swaps of person themselves.

Split from ``clauses`` (which parses a clause into subject, verb group and rest): this is the word
level. Which words are verbs or plain noun phrases, how "my" becomes "your" and a brand becomes
"we", "us" or "our" (or stays a name: "the Halden in Vienna", "Halden Paris Montparnasse"), and how a
verb agrees once its subject changes person.
"""

from __future__ import annotations

import re

from alerts.drafting.data import load, word_set
from alerts.drafting.spelling import brand_modifies

DETERMINERS = {"my", "our", "your", "the", "this", "that", "his", "her", "their", "a", "an", "these", "those", "ur"}
PREPOSITIONS = {"from", "with", "to", "at", "by", "for", "on", "about", "of", "in", "into", "against"}


def table(name: str) -> dict[str, str]:
    table: dict[str, str] = load("grammar")[name]
    return table


def is_verb(word: str) -> bool:
    low = word.lower()
    if low in word_set("grammar", "words", "auxiliaries") or low in word_set("grammar", "words", "verbs"):
        return True
    if len(low) >= 5 and low.endswith("ed") and not low.endswith("eed"):
        return True
    return len(low) >= 5 and low.endswith("ing") and low not in _ING_NOUNS


# Words ending in -ing that are never verbs ("servers down during the tournament").
_ING_NOUNS = {
    "nothing", "something", "anything", "everything", "morning", "evening", "during", "ceiling",
    "building", "wedding", "clothing", "bedding", "pudding", "earring", "sibling", "pricing", "billing",
    "booking", "parking", "packaging", "heating", "roaming", "banking", "boarding", "housing", "ring",
    "railing", "railings", "lighting", "flooring", "wiring", "plumbing", "decking", "fencing", "roofing",
    "seating", "carpeting", "awning", "icing", "frosting", "topping", "stuffing", "filling", "lining",
}  # fmt: skip


def agree_plural(word: str) -> str:
    """The verb form for "we" in place of a third-person singular subject ("has" -> "have")."""
    low = word.lower()
    return table("agree_we").get(low, low)


def swap_rest(words: list[str], brand: set[str]) -> list[str]:
    """Objects, possessives and embedded subjects turned around; verbs after a changed subject agree.

    The company named in the object ("called Northwind 5 times") becomes "us", and once named,
    "they"/"their" mean the company too; a brand after a possessive ("my StreamBox plan") goes.
    """
    swap = table("swap")
    customer = table("customer_subject")
    out: list[str] = []
    named = False
    i = 0
    while i < len(words):
        word = words[i]
        low = word.lower()
        following = words[i + 1] if i + 1 < len(words) else ""
        after_preposition = bool(out) and out[-1].lower() in PREPOSITIONS
        subject_here = bool(following) and is_verb(following) and not after_preposition
        if low in brand and names_place(following):
            out.append(word)  # "the lobby of Halden Paris Montparnasse": the property's name, said as they said it
        elif (
            low in brand and out and out[-1].lower() in {"the", "a", "an"} and (not following or not is_noun(following))
        ):
            out.append(word)  # "the Halden in Vienna": a name for one of our places
        elif low in brand and out and out[-1].lower() in {"at", "inside", "outside"}:
            out.append(word)  # "checked in at Ridgeway": the place, by its name, not "at us"
        elif possessive_brand(low, brand):
            named = True
            out.append("our")  # "Lumen's eSIM swap" -> "our eSIM swap"
        elif low in brand and not (out and brand_modifies(out[-1])) and modifies_noun(out, following):
            named = True  # "set up Pulse broadband" -> "set up broadband": a name before its product goes
        elif low in brand:
            named = True
            if not (out and brand_modifies(out[-1])):
                out.append("we" if subject_here else "us")
                if subject_here and following.lower() in table("agree_we"):
                    out.append(agree_plural(following))  # "and Aquanet has not said" -> "and we have not said"
                    i += 1
            elif out[-1].lower() in {"a", "an"} and following:  # "a Linkwave engineer" -> "an engineer"
                out[-1] = "an" if following[0].lower() in "aeiou" else "a"
        elif named and low in {"their", "they", "them"}:
            out.append({"their": "our", "they": "we", "them": "us"}[low])
        elif low in {"you", "u"}:
            out.append("we" if subject_here else "us")
        elif low in {"you've", "you're", "you'd", "you'll"}:
            out.append(table("company_subject")[low])
        elif low in customer:
            out.append(customer[low])
            if following.lower() in table("agree_you"):
                out.append(table("agree_you")[following.lower()])
                i += 1
        elif low in swap:
            out.append(swap[low])
        else:
            out.append(word)
        i += 1
    return out


_NEW = {"new", "old", "latest", "updated", "redesigned", "free", "premium", "basic"}


def modifies_noun(before: list[str], following: str) -> bool:
    """Whether a brand between ``before`` and ``following`` names a product of ours ("Pulse broadband").

    Read as the company, "set up Pulse broadband" became "set up us broadband". Only before a noun
    the post's things are known by, and never after a preposition ("from Pulse today" is us).
    """
    if before and before[-1].lower() in PREPOSITIONS:
        return False
    if not following.islower() or is_verb(following):
        return False
    things = word_set("grammar", "words", "things") | word_set("grammar", "words", "common_nouns")
    in_a_noun = bool(before) and before[-1].lower() in DETERMINERS | _NEW  # "the new Stackly dashboard"
    return following in things or (in_a_noun and is_noun(following))


def possessive_brand(word: str, brand: set[str]) -> bool:
    """'Lumen's' or 'Parcelo's': the company's, read back as 'our'."""
    low = word.lower()
    return low.endswith(("'s", "s'")) and (low[:-2] in brand or low[:-1] in brand)


def names_place(word: str) -> bool:
    """A capitalised word after a brand that names one of its places ("Halden Lyon"), not a verb or a thing."""
    if not (word[:1].isupper() and word[1:2].islower()) or is_verb(word):
        return False
    return word.lower() not in word_set("grammar", "words", "common_nouns") | PREPOSITIONS | {"and", "but", "i"}


def is_noun(word: str) -> bool:
    return not is_verb(word) and word.lower() not in PREPOSITIONS | {"and", "but", "or", "i", "you", "we", "they"}


NOT_IN_A_NOUN = {"it", "i", "you", "we", "they", "he", "she", "that", "how", "which", "who", "when", "while", "if"}


QUANTIFIERS = {"half", "all", "most", "some", "both", "one", "two", "three", "each", "every", "none"}


def plain_noun(noun: list[str]) -> bool:
    """Whether ``noun`` reads as a noun phrase to own: no pronoun or conjunction in it, not just a figure."""
    if any(w.lower() in NOT_IN_A_NOUN for w in noun):
        return False
    low = [w.lower() for w in noun]
    for i in range(1, len(low)):
        if low[i] in {"my", "our", "your", "me"} and low[i - 1] not in PREPOSITIONS | QUANTIFIERS:
            return False  # "Parcelo marks my parcel as": a verb the tables miss, not a noun phrase
    return not all(re.fullmatch(r"[\d.,£$€%]+", w) for w in noun)


def present_verb(word: str, following: str) -> bool:
    """'marks' in "Parcelo marks my parcel": an -s word after a brand, with the customer's thing after it."""
    low = word.lower()
    return (
        word.islower()
        and low.endswith("s")
        and not low.endswith("ss")
        and following.lower() in {"my", "me", "our", "us"}
    )


def base_form(word: str) -> str:
    low = word.lower()
    if low in table("agree_we"):
        return table("agree_we")[low]
    if low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    return low[:-1]
